"""Following a dossier after the counter: each move checked against the lifecycle table
(domain/dossier_lifecycle.py), written as a line of its control sheet (form 06), and told to the
event log with no personal data (the dossier's id and its new stage only)."""
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from ..domain import dossier_lifecycle as lifecycle
from ..domain.calendar import local_now
from ..domain.dossiers import UnknownDossier
from ..domain.workdays import closing_time
from ..models import Centre, Dossier, DossierStep, TicketEvent, User
from .context import QueueContext
from .workdays import working_calendar

EVENT_KIND = "dossier"
ENDED = {lifecycle.Stage.RESULT_READY, lifecycle.Stage.REFUSED, lifecycle.Stage.WITHDRAWN, lifecycle.Stage.STOPPED}


@dataclass(frozen=True)
class Move:
    """What the officer asks: where the dossier goes, to which unit, why, and any new due date."""

    to: str
    to_unit: str = ""
    note: str = ""
    new_due_date: date | None = None


@dataclass(frozen=True)
class SheetLine:
    """One line of the control sheet: a hand-off or a move, judged against the due date in force."""

    at: datetime
    from_status: str | None
    to_status: str
    words: str
    by: str | None
    from_unit: str
    to_unit: str
    note: str
    due_at: datetime          # the due moment in force when it happened
    timing: str               # early | on_time | late
    extended_to: datetime | None = None


def move_dossier(ctx: QueueContext, centre_id: int, staff_id: int | None, dossier_id: int, move: Move) -> str:
    """Move a dossier of this centre; its new stage. A move not in the table: WrongMove (409)."""
    now = ctx.clock()
    calendar = working_calendar(ctx) if move.new_due_date else None

    def work(session):
        dossier = _locked(session, centre_id, dossier_id)
        zone, hours = session.execute(select(Centre.timezone, Centre.opening_hours)
                                      .where(Centre.id == centre_id)).one()
        due = local_now(zone, dossier.due_at)
        to = lifecycle.check_move(dossier.status, move.to, to_unit=move.to_unit, note=move.note,
                                  new_due_date=move.new_due_date, due_date=due.date())
        if move.new_due_date is not None:
            if not calendar.is_working_day(move.new_due_date):
                raise lifecycle.MoveNeedsMore(new_due_date=f"Ngày {move.new_due_date:%d/%m/%Y} là ngày nghỉ "
                                              f"({calendar.day_off_reason(move.new_due_date)}): xin hẹn ngày làm việc.")
            dossier.due_at = datetime.combine(move.new_due_date, closing_time(hours, move.new_due_date),
                                              tzinfo=due.tzinfo)
        session.add(DossierStep(dossier_id=dossier.id, at=now, from_status=dossier.status, to_status=to,
                                by_user=staff_id, from_unit=dossier.unit, to_unit=move.to_unit.strip(),
                                note=move.note.strip(), due_at=dossier.due_at))
        dossier.status = to
        if move.to_unit.strip():
            dossier.unit = move.to_unit.strip()
        if to in ENDED:
            dossier.finished_at = now
        if to == lifecycle.Stage.RETURNED:
            dossier.returned_at = now
        record_move(session, dossier, staff_id, now)
        return to.value
    return ctx.write(work)


def record_move(session, dossier: Dossier, staff_id: int | None, at: datetime) -> None:
    """The event log's line for a dossier's move: its id and stage, nothing about its applicant."""
    session.add(TicketEvent(centre_id=dossier.centre_id, ticket_id=None, kind=EVENT_KIND, at=at, staff_id=staff_id,
                            data={"dossier": dossier.id, "status": dossier.status}))


def control_sheet(ctx: QueueContext, centre_id: int, dossier_id: int) -> list[SheetLine]:
    """The dossier's hand-offs in order, the receipt first, each early / on time / late against
    the due date in force when it happened (an extension is judged against the date it replaced)."""
    def work(session):
        dossier = session.get(Dossier, dossier_id)
        if dossier is None or dossier.centre_id != centre_id:
            raise UnknownDossier(dossier_id=dossier_id)
        zone, centre_name = session.execute(select(Centre.timezone, Centre.name).where(Centre.id == centre_id)).one()
        names = {user_id: full_name or username for user_id, full_name, username in session.execute(
            select(User.id, User.full_name, User.username).where(User.id.in_({s.by_user for s in dossier.steps})))}
        lines, in_force = [], local_now(zone, dossier.first_due_at or dossier.due_at)
        for step in dossier.steps:
            at, after = local_now(zone, step.at), local_now(zone, step.due_at)
            lines.append(SheetLine(
                at, step.from_status, step.to_status, lifecycle.say(step.to_status),
                names.get(step.by_user) if step.by_user else None,
                *_units(step, centre_name), step.note, in_force, lifecycle.timing(at, in_force).value,
                after if after != in_force else None))
            in_force = after
        return lines
    return ctx.read(work)


APPLICANT = "Công dân, tổ chức"


def _units(step: DossierStep, centre_name: str) -> tuple[str, str]:
    """From whom to whom: the receipt goes from the applicant to the centre; a move with no unit
    named stays with the unit that held the dossier; the return goes back to the applicant."""
    if step.from_status is None:
        return APPLICANT, step.to_unit or centre_name
    holder = step.from_unit or centre_name
    if step.to_status == lifecycle.Stage.RETURNED:
        return holder, APPLICANT
    return holder, step.to_unit or holder


def _locked(session, centre_id: int, dossier_id: int) -> Dossier:
    dossier = session.scalar(select(Dossier).where(Dossier.id == dossier_id).with_for_update())
    if dossier is None or dossier.centre_id != centre_id:
        raise UnknownDossier(dossier_id=dossier_id)
    return dossier
