"""Issue a ticket (cấp số thứ tự): the kiosk's hot path, a handful of Core statements."""
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..domain import calendar
from ..domain.errors import (
    DailyCapReached, FieldClosed, OutsideOpeningHours, UnknownField, UnknownPriority,
    UnknownProcedure,
)
from ..domain.queue_policy import estimated_wait_minutes
from ..domain.tickets import Status, format_number
from ..models import Centre, Field, FieldDay, PriorityCategory, Procedure, Ticket
from .context import QueueContext
from .store import open_counters_serving, record_event, upsert
from .tickets import expire_if_new_day, position_of


@dataclass(frozen=True)
class IssuedTicket:
    """What the kiosk prints and shows."""

    id: int
    number: str
    field: str
    status: str
    issued_at: datetime
    waiting_ahead: int
    estimated_wait_minutes: int
    tracking_token: str
    procedure: str | None = None
    priority: str | None = None
    replayed: bool = False


def issue_ticket(ctx: QueueContext, *, centre_id: int, field: str, procedure: str | None = None,
                 priority: str | None = None, kiosk_id: int | None = None,
                 idempotency_key: str | None = None) -> IssuedTicket:
    """Number a new ticket in `field`, or return the one already issued for this idempotency key."""
    expire_if_new_day(ctx, centre_id)

    def work(session: Session) -> IssuedTicket:
        if idempotency_key:
            existing = _already_issued(ctx, session, kiosk_id, idempotency_key)
            if existing:
                return existing
        return _issue(ctx, session, centre_id, field, procedure, priority, kiosk_id, idempotency_key)

    try:
        return ctx.write(work)
    except IntegrityError:
        # Two requests with one idempotency key raced (PostgreSQL): the loser reads the winner's.
        if not idempotency_key:
            raise
        return ctx.read(lambda session: _already_issued(ctx, session, kiosk_id, idempotency_key))


def _issue(ctx, session, centre_id, field_code, procedure_code, priority_code, kiosk_id, key):
    spec = session.execute(
        select(Field.id, Field.ticket_prefix, Field.daily_cap, Field.is_open,
               Field.default_service_minutes, Centre.timezone, Centre.opening_hours)
        .join(Centre, Centre.id == Field.centre_id)
        .where(Field.centre_id == centre_id, Field.code == field_code)).first()
    if spec is None:
        raise UnknownField(field=field_code)
    if not spec.is_open:
        raise FieldClosed(field=field_code)
    now = ctx.clock()
    opening = calendar.check_open(spec.opening_hours, spec.timezone, now)
    if not opening.is_open:
        raise OutsideOpeningHours(opens_at=opening.opens_at)
    procedure_id = _procedure_id(session, spec.id, procedure_code)
    priority_id = _priority_id(session, centre_id, priority_code)
    is_priority = priority_id is not None
    day = calendar.service_day(spec.timezone, now)

    counts = _take_sequence(session, spec.id, day, spec.daily_cap, is_priority)
    if counts is None:
        raise DailyCapReached(field=field_code, cap=spec.daily_cap)
    number = format_number(spec.ticket_prefix, counts.last_sequence)
    token = secrets.token_urlsafe(18)
    ticket_id = session.execute(Ticket.__table__.insert().values(
        centre_id=centre_id, field_id=spec.id, origin_field_id=spec.id, procedure_id=procedure_id,
        priority_id=priority_id, is_priority=is_priority, service_day=day,
        sequence=counts.last_sequence, number=number, status=Status.WAITING, issued_at=now,
        kiosk_id=kiosk_id, idempotency_key=key, tracking_token=token, call_count=0,
    ).returning(Ticket.id)).scalar_one()
    ticket = _EventTicket(ticket_id, centre_id, number, field_code)
    record_event(session, ticket, "issued", now, priority=priority_code, procedure=procedure_code)

    ahead = (counts.waiting_priority if is_priority else counts.waiting) - 1
    wait = estimated_wait_minutes(ahead, counts.completed, counts.service_seconds,
                                  open_counters_serving(session, spec.id), spec.default_service_minutes)
    return IssuedTicket(ticket_id, number, field_code, Status.WAITING, now, ahead, wait, token,
                        procedure_code, priority_code)


@dataclass(frozen=True)
class _EventTicket:
    id: int
    centre_id: int
    number: str
    field_code: str


def _take_sequence(session, field_id, day, cap, is_priority):
    """Atomically take the field's next number for the day, unless the daily cap is reached.

    One INSERT .. ON CONFLICT DO UPDATE .. RETURNING: the row lock (PostgreSQL) or the write lock
    (SQLite) makes two kiosks unable to read the same last number.
    """
    if cap is not None and cap < 1:
        return None
    table = FieldDay.__table__
    stmt = upsert(session)(table).values(
        field_id=field_id, service_day=day, last_sequence=1, waiting=1,
        waiting_priority=int(is_priority), completed=0, service_seconds=0.0)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.field_id, table.c.service_day],
        set_={"last_sequence": table.c.last_sequence + 1, "waiting": table.c.waiting + 1,
              "waiting_priority": table.c.waiting_priority + int(is_priority)},
        where=(table.c.last_sequence < cap) if cap is not None else None,
    ).returning(table.c.last_sequence, table.c.waiting, table.c.waiting_priority,
                table.c.completed, table.c.service_seconds)
    return session.execute(stmt).first()


def _procedure_id(session, field_id, code):
    if not code:
        return None
    procedure_id = session.scalar(
        select(Procedure.id).where(Procedure.field_id == field_id, Procedure.code == code))
    if procedure_id is None:
        raise UnknownProcedure(procedure=code)
    return procedure_id


def _priority_id(session, centre_id, code):
    if not code:
        return None
    priority_id = session.scalar(select(PriorityCategory.id).where(
        PriorityCategory.centre_id == centre_id, PriorityCategory.code == code))
    if priority_id is None:
        raise UnknownPriority(priority=code)
    return priority_id


def _already_issued(ctx, session, kiosk_id, key) -> IssuedTicket | None:
    """The ticket issued earlier for this kiosk and idempotency key, as it stands now."""
    row = session.execute(
        select(Ticket.id, Ticket.centre_id, Ticket.number, Ticket.status, Ticket.field_id,
               Ticket.is_priority, Ticket.service_day, Ticket.issued_at, Ticket.target_counter_id,
               Ticket.tracking_token, Field.code.label("field_code"),
               Procedure.code.label("procedure_code"), PriorityCategory.code.label("priority_code"))
        .join(Field, Field.id == Ticket.field_id)
        .outerjoin(Procedure, Procedure.id == Ticket.procedure_id)
        .outerjoin(PriorityCategory, PriorityCategory.id == Ticket.priority_id)
        .where(Ticket.kiosk_id == kiosk_id, Ticket.idempotency_key == key)).first()
    if row is None:
        return None
    ahead, wait = position_of(session, ctx.policy, row)
    return IssuedTicket(row.id, row.number, row.field_code, row.status, row.issued_at, ahead, wait,
                        row.tracking_token, row.procedure_code, row.priority_code, replayed=True)
