"""Issue a ticket (cấp số thứ tự): the kiosk's hot path, a handful of Core statements."""
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Integer, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.engine import Connection

from ..domain import calendar
from ..domain.errors import (
    DailyCapReached, FieldClosed, OutsideOpeningHours, UnknownField, UnknownPriority,
    UnknownProcedure,
)
from ..domain.queue_policy import estimated_wait_minutes
from ..domain.tickets import Status, format_number
from ..models import (
    Centre, Counter, CounterField, Field, FieldDay, PriorityCategory, Procedure, Ticket,
)
from .context import QueueContext
from .store import record_event, upsert_for
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

    def work(connection: Connection) -> IssuedTicket:
        if idempotency_key:
            existing = _already_issued(ctx, connection, kiosk_id, idempotency_key)
            if existing:
                return existing
        return _issue(ctx, connection, centre_id, field, procedure, priority, kiosk_id, idempotency_key)

    try:
        return ctx.write_core(work)
    except IntegrityError:
        # Two requests with one idempotency key raced (PostgreSQL): the loser reads the winner's.
        if not idempotency_key:
            raise
        return ctx.read(lambda session: _already_issued(ctx, session.connection(), kiosk_id, idempotency_key))


# The hot path runs prebuilt Core statements on a bare connection: building statements and
# going through the ORM per request cost several times more than the SQL itself.
_T, _F, _C, _FD = Ticket.__table__, Field.__table__, Centre.__table__, FieldDay.__table__
_FIELD_SPEC = (
    select(_F.c.id, _F.c.ticket_prefix, _F.c.daily_cap, _F.c.is_open, _F.c.default_service_minutes,
           _C.c.timezone, _C.c.opening_hours)
    .join(_C, _C.c.id == _F.c.centre_id)
    .where(_F.c.centre_id == bindparam("centre_id"), _F.c.code == bindparam("code")))
_INSERT_TICKET = _T.insert().returning(_T.c.id)
_OPEN_COUNTERS = (
    select(func.count()).select_from(CounterField.__table__.join(Counter.__table__))
    .where(CounterField.__table__.c.field_id == bindparam("field_id"), Counter.__table__.c.is_open.is_(True)))
_take_sequence_statements: dict[tuple[str, bool], object] = {}


def _issue(ctx, connection, centre_id, field_code, procedure_code, priority_code, kiosk_id, key):
    spec = connection.execute(_FIELD_SPEC, {"centre_id": centre_id, "code": field_code}).first()
    if spec is None:
        raise UnknownField(field=field_code)
    if not spec.is_open:
        raise FieldClosed(field=field_code)
    now = ctx.clock()
    opening = calendar.check_open(spec.opening_hours, spec.timezone, now)
    if not opening.is_open:
        raise OutsideOpeningHours(opens_at=opening.opens_at)
    procedure_id = _lookup(connection, _PROCEDURE_ID, UnknownProcedure, field_id=spec.id, code=procedure_code)
    priority_id = _lookup(connection, _PRIORITY_ID, UnknownPriority, centre_id=centre_id, code=priority_code)
    is_priority = priority_id is not None
    day = calendar.service_day(spec.timezone, now)

    counts = _take_sequence(connection, spec.id, day, spec.daily_cap, is_priority)
    if counts is None:
        raise DailyCapReached(field=field_code, cap=spec.daily_cap)
    number = format_number(spec.ticket_prefix, counts.last_sequence)
    token = secrets.token_urlsafe(18)
    ticket_id = connection.execute(_INSERT_TICKET, dict(
        centre_id=centre_id, field_id=spec.id, origin_field_id=spec.id, procedure_id=procedure_id,
        priority_id=priority_id, is_priority=is_priority, service_day=day,
        sequence=counts.last_sequence, number=number, status=Status.WAITING, issued_at=now,
        kiosk_id=kiosk_id, idempotency_key=key, tracking_token=token, call_count=0,
    )).scalar_one()
    ticket = _EventTicket(ticket_id, centre_id, number, field_code)
    record_event(connection, ticket, "issued", now, priority=priority_code, procedure=procedure_code)

    ahead = (counts.waiting_priority if is_priority else counts.waiting) - 1
    open_counters = connection.execute(_OPEN_COUNTERS, {"field_id": spec.id}).scalar_one()
    wait = estimated_wait_minutes(ahead, counts.completed, counts.service_seconds, open_counters,
                                  spec.default_service_minutes)
    return IssuedTicket(ticket_id, number, field_code, Status.WAITING, now, ahead, wait, token,
                        procedure_code, priority_code)


@dataclass(frozen=True)
class _EventTicket:
    id: int
    centre_id: int
    number: str
    field_code: str


def _take_sequence(connection, field_id, day, cap, is_priority):
    """Atomically take the field's next number for the day, unless the daily cap is reached.

    One INSERT .. ON CONFLICT DO UPDATE .. RETURNING: the row lock (PostgreSQL) or the write lock
    (SQLite) makes two kiosks unable to read the same last number.
    """
    if cap is not None and cap < 1:
        return None
    statement = _take_sequence_statement(connection.dialect.name, cap is not None)
    return connection.execute(statement, {"field_id": field_id, "service_day": day, "priority": int(is_priority),
                                          "cap": cap}).first()


def _take_sequence_statement(dialect: str, capped: bool):
    """The upsert for this dialect, built once."""
    key = (dialect, capped)
    if key not in _take_sequence_statements:
        priority = bindparam("priority", type_=Integer())
        stmt = upsert_for(dialect)(_FD).values(
            field_id=bindparam("field_id"), service_day=bindparam("service_day"), last_sequence=1,
            waiting=1, waiting_priority=priority, completed=0, service_seconds=0.0)
        stmt = stmt.on_conflict_do_update(
            index_elements=[_FD.c.field_id, _FD.c.service_day],
            set_={"last_sequence": _FD.c.last_sequence + 1, "waiting": _FD.c.waiting + 1,
                  "waiting_priority": _FD.c.waiting_priority + priority},
            where=(_FD.c.last_sequence < bindparam("cap", type_=Integer())) if capped else None,
        ).returning(_FD.c.last_sequence, _FD.c.waiting, _FD.c.waiting_priority,
                    _FD.c.completed, _FD.c.service_seconds)
        _take_sequence_statements[key] = stmt
    return _take_sequence_statements[key]


_PROCEDURE_ID = select(Procedure.__table__.c.id).where(
    Procedure.__table__.c.field_id == bindparam("field_id"), Procedure.__table__.c.code == bindparam("code"))
_PRIORITY_ID = select(PriorityCategory.__table__.c.id).where(
    PriorityCategory.__table__.c.centre_id == bindparam("centre_id"),
    PriorityCategory.__table__.c.code == bindparam("code"))


def _lookup(connection, statement, missing, code, **params):
    """The id `statement` finds for `code`, None when no code was given, `missing` when none is found."""
    if not code:
        return None
    found = connection.execute(statement, {"code": code, **params}).scalar()
    if found is None:
        raise missing(code=code)
    return found


_ALREADY_ISSUED = (
    select(Ticket.id, Ticket.centre_id, Ticket.number, Ticket.status, Ticket.field_id,
           Ticket.is_priority, Ticket.service_day, Ticket.issued_at, Ticket.target_counter_id,
           Ticket.tracking_token, Field.code.label("field_code"),
           Procedure.code.label("procedure_code"), PriorityCategory.code.label("priority_code"))
    .join(Field, Field.id == Ticket.field_id)
    .outerjoin(Procedure, Procedure.id == Ticket.procedure_id)
    .outerjoin(PriorityCategory, PriorityCategory.id == Ticket.priority_id)
    .where(Ticket.kiosk_id == bindparam("kiosk_id"), Ticket.idempotency_key == bindparam("key")))


def _already_issued(ctx, connection, kiosk_id, key) -> IssuedTicket | None:
    """The ticket issued earlier for this kiosk and idempotency key, as it stands now."""
    row = connection.execute(_ALREADY_ISSUED, {"kiosk_id": kiosk_id, "key": key}).first()
    if row is None:
        return None
    ahead, wait = position_of(connection, ctx.policy, row)
    return IssuedTicket(row.id, row.number, row.field_code, row.status, row.issued_at, ahead, wait,
                        row.tracking_token, row.procedure_code, row.priority_code, replayed=True)
