"""Receiving a dossier at the counter: the code (one atomic statement per dossier, never
"highest + 1"), the appointment from the working-day calendar, the checklist, the applicant; and
reading a dossier back for the centre's own staff."""
import hmac
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select, text

from ..domain import dossier_lifecycle as lifecycle
from ..domain import dossiers as rules
from ..domain.calendar import local_now, service_day
from ..domain.errors import QueueError, UnknownProcedure
from ..domain.tickets import ACTIVE_AT_COUNTER, Status
from ..domain.workdays import closing_time
from ..models import Centre, Dossier, DossierStep, Field, Procedure, Ticket, User
from .context import QueueContext
from .dossier_moves import record_move
from .tickets import load_ticket
from .workdays import ProcessingTime, appointment_for, processing_time

# The day's next code sequence of the centre, under the row lock (PostgreSQL) or the write lock (SQLite).
SQL_TAKE_SEQUENCE = text("""
INSERT INTO dossier_days (centre_id, day, last_sequence) VALUES (:centre_id, :day, 1)
ON CONFLICT (centre_id, day) DO UPDATE SET last_sequence = dossier_days.last_sequence + 1
RETURNING last_sequence""")
TICKET_STATES = (*ACTIVE_AT_COUNTER, Status.COMPLETED)   # served now, or just finished


@dataclass(frozen=True)
class Intake:
    """What the officer entered: the procedure, the applicant, the documents and any later date."""

    procedure: str
    applicant: rules.Applicant
    ticket_id: int | None = None
    documents: list[dict] | None = None
    sets: int = 1
    notes: str = ""
    due_date: date | None = None
    due_reason: str = ""


@dataclass(frozen=True)
class DossierView:
    id: int
    code: str
    status: str
    procedure: str
    procedure_name: str
    ticket_id: int | None
    received_at: datetime
    received_by: str | None
    counted_from: date
    due_at: datetime
    due_reason: str
    applicant: rules.Applicant
    documents: list[dict]
    sets: int
    notes: str

    @property
    def due_date(self) -> date:
        return self.due_at.date()


def receive_dossier(ctx: QueueContext, centre_id: int, staff_id: int | None, intake: Intake) -> DossierView:
    """Record a dossier received now and give it its code and appointment."""
    applicant = rules.check_applicant(intake.applicant)
    now = ctx.clock()
    due = appointment_for(ctx, centre_id, now, processing_time(ctx, centre_id, intake.procedure))
    due_at, due_reason = _later_date(due.due_at, intake, ctx, centre_id)

    def work(session):
        centre = session.get(Centre, centre_id)
        procedure = session.scalar(select(Procedure).join(Field).where(Field.centre_id == centre_id,
                                                                       Procedure.code == intake.procedure))
        if procedure is None:
            raise UnknownProcedure(procedure=intake.procedure)
        if intake.ticket_id is not None:
            _check_ticket(load_ticket(session, centre_id, intake.ticket_id), centre, now)
        day = service_day(centre.timezone, now)
        sequence = session.execute(SQL_TAKE_SEQUENCE, {"centre_id": centre_id, "day": day}).scalar_one()
        dossier = Dossier(
            centre_id=centre_id, code=rules.dossier_code(centre.dossier_code_format, centre.agency_code or centre.code,
                                                         day, sequence),
            procedure_id=procedure.id, ticket_id=intake.ticket_id, status=rules.RECEIVED, received_at=now,
            received_by=staff_id, counted_from=due.counted_from, due_at=due_at, due_reason=due_reason,
            applicant_name=applicant.name, id_number=applicant.id_number, date_of_birth=applicant.date_of_birth,
            phone=applicant.phone, address=applicant.address, email=applicant.email,
            organisation=applicant.organisation,
            documents=rules.checklist(procedure.details.get("documents") or [], intake.documents),
            sets=intake.sets, notes=intake.notes.strip(), first_due_at=due_at,
            steps=[DossierStep(at=now, from_status=None, to_status=rules.RECEIVED, by_user=staff_id, due_at=due_at)])
        session.add(dossier)
        session.flush()
        record_move(session, dossier, staff_id, now)
        return _view(session, dossier, centre.timezone)
    return ctx.write(work)


def get_dossier(ctx: QueueContext, centre_id: int, dossier_id: int) -> DossierView:
    """One dossier of this centre (another centre's is not found)."""
    def work(session):
        dossier = session.get(Dossier, dossier_id)
        if dossier is None or dossier.centre_id != centre_id:
            raise rules.UnknownDossier(dossier_id=dossier_id)
        return _view(session, dossier, session.get(Centre, centre_id).timezone)
    return ctx.read(work)


@dataclass(frozen=True)
class ReceiptFacts:
    """What form 01 prints besides the dossier: the centre and the procedure's time."""

    dossier: DossierView
    centre_name: str
    centre_address: str
    time_allowed: ProcessingTime | None


def receipt_facts(ctx: QueueContext, centre_id: int, dossier_id: int) -> ReceiptFacts:
    dossier = get_dossier(ctx, centre_id, dossier_id)
    name, address = ctx.read(lambda session: session.execute(
        select(Centre.name, Centre.address).where(Centre.id == centre_id)).one())
    try:
        allowed = processing_time(ctx, centre_id, dossier.procedure)
    except QueueError:   # the catalogue changed since: the slip shows the appointment only
        allowed = None
    return ReceiptFacts(dossier, name, address, allowed)


@dataclass(frozen=True)
class PublicStatus:
    """What anyone holding the slip may see: nothing personal."""

    code: str
    procedure: str
    procedure_name: str
    status: str
    status_words: str
    received_date: date
    due_date: date
    collect_at: str


STATUS_WORDS = {rules.RECEIVED: "Đã tiếp nhận, đang giải quyết"}


def look_up(ctx: QueueContext, centre_id: int, code: str, phone_last4: str) -> PublicStatus:
    """A dossier's status for the citizen who holds its slip: the code and the last four digits of
    the phone on it. A wrong suffix is answered exactly as an unknown code (UnknownDossier)."""
    def work(session):
        row = session.execute(
            select(Dossier, Procedure.code, Procedure.name, Centre.name, Centre.address, Centre.timezone)
            .join(Procedure, Procedure.id == Dossier.procedure_id).join(Centre, Centre.id == Dossier.centre_id)
            .where(Dossier.centre_id == centre_id, func.upper(Dossier.code) == code.strip().upper())).first()
        if row is None or not hmac.compare_digest(row[0].phone[-4:].encode(), phone_last4.encode()):
            raise rules.UnknownDossier()
        dossier, procedure_code, procedure_name, centre_name, address, zone = row
        return PublicStatus(dossier.code, procedure_code, procedure_name, dossier.status,
                            STATUS_WORDS.get(dossier.status) or lifecycle.say(dossier.status),
                            local_now(zone, dossier.received_at).date(), local_now(zone, dossier.due_at).date(),
                            centre_name + (f", {address}" if address else ""))
    return ctx.read(work)


def link_result_ticket(ctx: QueueContext, centre_id: int, ticket_id: int, code: str) -> str | None:
    """A ticket for collecting a result names the dossier on the citizen's slip, so that the counter
    calling it sees that dossier. The code as stored when this centre has it and the ticket is in
    the queue for results; None otherwise (the ticket stands, the officer looks the dossier up)."""
    def work(session):
        found = session.execute(select(Dossier.id, Dossier.code).where(
            Dossier.centre_id == centre_id, func.upper(Dossier.code) == code.strip().upper())).first()
        ticket = session.get(Ticket, ticket_id)
        if found is None or ticket is None or not session.get(Field, ticket.field_id).for_results:
            return None
        ticket.dossier_id = found.id
        return found.code
    return ctx.write(work)


def _later_date(due_at: datetime, intake: Intake, ctx: QueueContext, centre_id: int) -> tuple[datetime, str]:
    """The officer may set a later appointment, with a reason; never an earlier one."""
    if intake.due_date is None or intake.due_date == due_at.date():
        return due_at, ""
    if intake.due_date < due_at.date():
        raise rules.DossierRefused(due_date=f"Không được hẹn sớm hơn ngày {due_at:%d/%m/%Y} theo thời hạn "
                                            "giải quyết của thủ tục.")
    if not intake.due_reason.strip():
        raise rules.DossierRefused(due_reason="Hẹn muộn hơn thời hạn của thủ tục: xin ghi lý do.")
    hours = ctx.read(lambda session: session.scalar(select(Centre.opening_hours).where(Centre.id == centre_id)))
    return datetime.combine(intake.due_date, closing_time(hours, intake.due_date), tzinfo=due_at.tzinfo), \
        intake.due_reason.strip()


def _check_ticket(ticket, centre: Centre, now: datetime) -> None:
    if ticket.status not in TICKET_STATES or ticket.service_day != service_day(centre.timezone, now):
        raise rules.DossierRefused(ticket_id="Số thứ tự này không phải số đang được phục vụ hôm nay.")


def _view(session, dossier: Dossier, zone: str) -> DossierView:
    procedure = session.get(Procedure, dossier.procedure_id)
    officer = session.get(User, dossier.received_by) if dossier.received_by else None
    return DossierView(
        dossier.id, dossier.code, dossier.status, procedure.code, procedure.name, dossier.ticket_id,
        local_now(zone, dossier.received_at), officer and (officer.full_name or officer.username),
        dossier.counted_from, local_now(zone, dossier.due_at), dossier.due_reason,
        rules.Applicant(dossier.applicant_name, dossier.id_number, dossier.phone, dossier.date_of_birth,
                        dossier.address, dossier.email, dossier.organisation),
        dossier.documents, dossier.sets, dossier.notes)
