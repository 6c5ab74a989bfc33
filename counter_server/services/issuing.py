"""Issue a ticket (cấp số thứ tự): the kiosk's hot path, a handful of Core statements."""
import secrets
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, select

from ..domain import calendar
from ..domain.errors import (
    DailyCapReached, FieldClosed, NotReceivedAtDesk, OutsideOpeningHours, UnknownField, UnknownPriority,
    UnknownProcedure,
)
from ..domain.queue_policy import estimated_wait_minutes
from ..domain.tickets import Status, format_number
from ..models import Centre, Field, PriorityCategory, Procedure, Ticket
from ..pg_wake import NOTIFY
from ..rawsql import RawConflict, RawCursor, json_value, run_raw
from .context import QueueContext
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
    expire_if_new_day(ctx, centre_id, wait=False)

    def work(cursor: RawCursor) -> IssuedTicket:
        return _issue(ctx, cursor, centre_id, field, procedure, priority, kiosk_id, idempotency_key)

    try:
        issued = run_raw(ctx.engine, work)
    except RawConflict:
        # The unique (kiosk, idempotency key) refused a repeat: nothing was written (the whole
        # transaction rolled back, its number included); answer with the ticket issued before.
        existing = idempotency_key and ctx.read(
            lambda session: _already_issued(ctx, session.connection(), centre_id, kiosk_id, idempotency_key))
        if not existing:
            raise
        return existing
    ctx.after_commit()
    return issued


# Issuing runs on the DB-API directly (rawsql): through SQLAlchemy the statements cost several
# times more than the SQL itself, on the path every kiosk tap takes. Plain SQL, same on both engines.
SQL_FIELD_SPEC = """
SELECT f.id, f.ticket_prefix, f.daily_cap, f.is_open, f.default_service_minutes, c.timezone, c.opening_hours,
       (SELECT count(*) FROM counter_fields cf JOIN counters k ON k.id = cf.counter_id
        WHERE cf.field_id = f.id AND k.is_open) AS open_counters,
       (SELECT p.id FROM procedures p WHERE p.field_id = f.id AND p.code = :procedure) AS procedure_id,
       (SELECT p.ticketable FROM procedures p WHERE p.field_id = f.id AND p.code = :procedure) AS at_desk,
       (SELECT g.id FROM priority_categories g WHERE g.centre_id = f.centre_id AND g.code = :priority) AS priority_id
FROM fields f JOIN centres c ON c.id = f.centre_id
WHERE f.centre_id = :centre_id AND f.code = :code"""
# The atomic "next number": INSERT .. ON CONFLICT DO UPDATE .. RETURNING, under the row lock
# (PostgreSQL) or the write lock (SQLite). Never "highest number + 1".
SQL_TAKE_SEQUENCE = """
INSERT INTO field_days (field_id, service_day, last_sequence, waiting, waiting_priority, completed, service_seconds)
VALUES (:field_id, :service_day, 1, 1, :priority, 0, 0)
ON CONFLICT (field_id, service_day) DO UPDATE SET
    last_sequence = field_days.last_sequence + 1, waiting = field_days.waiting + 1,
    waiting_priority = field_days.waiting_priority + :priority
{cap}
RETURNING last_sequence, waiting, waiting_priority, completed, service_seconds"""
SQL_TAKE_UNCAPPED = SQL_TAKE_SEQUENCE.format(cap="")
SQL_TAKE_CAPPED = SQL_TAKE_SEQUENCE.format(cap="WHERE field_days.last_sequence < :cap")
SQL_INSERT_TICKET = """
INSERT INTO tickets (centre_id, field_id, origin_field_id, procedure_id, priority_id, is_priority, service_day,
                     sequence, number, status, issued_at, kiosk_id, idempotency_key, tracking_token, call_count)
VALUES (:centre_id, :field_id, :field_id, :procedure_id, :priority_id, :is_priority, :service_day,
        :sequence, :number, :status, :issued_at, :kiosk_id, :key, :token, 0)
RETURNING id"""
SQL_INSERT_EVENT = """
INSERT INTO ticket_events (centre_id, ticket_id, kind, at, data)
VALUES (:centre_id, :ticket_id, 'issued', :at, :data)"""
# PostgreSQL: the three writes above as one statement, so one round trip numbers and records the
# ticket (atomic on its own: it runs outside an explicit transaction). The number is formatted as
# format_number does (tested to agree); casts type the parameters of INSERT .. SELECT. `notified` wakes
# the event streams of every server process once it commits (pg_wake.py), as QueueContext.write does.
SQL_TAKE_AND_RECORD = """
WITH take AS ({take}),
numbered AS (
    SELECT take.*, CAST(:prefix AS text) || lpad(last_sequence::text, greatest(3, length(last_sequence::text)), '0')
           AS number
    FROM take),
ticket AS (
    INSERT INTO tickets (centre_id, field_id, origin_field_id, procedure_id, priority_id, is_priority, service_day,
                         sequence, number, status, issued_at, kiosk_id, idempotency_key, tracking_token, call_count)
    SELECT :centre_id, :field_id, :field_id, CAST(:procedure_id AS integer), CAST(:priority_id AS integer),
           :is_priority, :service_day, last_sequence, number, CAST(:status AS text), :issued_at,
           CAST(:kiosk_id AS integer), CAST(:key AS text), CAST(:token AS text), 0
    FROM numbered
    RETURNING id, number),
event AS (
    INSERT INTO ticket_events (centre_id, ticket_id, kind, at, data)
    SELECT :centre_id, ticket.id, 'issued', :issued_at,
           json_build_object('number', ticket.number, 'field', CAST(:field AS text),
                             'priority', CAST(:priority_code AS text), 'procedure', CAST(:procedure_code AS text))
    FROM ticket),
notified AS ({notify} FROM ticket)
SELECT last_sequence, waiting, waiting_priority, completed, service_seconds, ticket.id, ticket.number
FROM numbered, ticket, notified"""
SQL_TAKE_AND_RECORD_UNCAPPED = SQL_TAKE_AND_RECORD.format(take=SQL_TAKE_UNCAPPED, notify=NOTIFY)
SQL_TAKE_AND_RECORD_CAPPED = SQL_TAKE_AND_RECORD.format(take=SQL_TAKE_CAPPED, notify=NOTIFY)


def _issue(ctx, cursor, centre_id, field_code, procedure_code, priority_code, kiosk_id, key):
    spec = cursor.row(SQL_FIELD_SPEC, centre_id=centre_id, code=field_code, procedure=procedure_code,
                      priority=priority_code)
    if spec is None:
        raise UnknownField(field=field_code)
    (field_id, prefix, cap, is_open, default_minutes, timezone, hours, open_counters, procedure_id, at_desk,
     priority_id) = spec
    if not is_open:
        raise FieldClosed(field=field_code)
    now = ctx.clock()
    opening = calendar.check_open(json_value(hours), timezone, now)
    if not opening.is_open:
        raise OutsideOpeningHours(opens_at=opening.opens_at)
    if procedure_code and procedure_id is None:
        raise UnknownProcedure(code=procedure_code)
    if procedure_code and not at_desk:
        raise NotReceivedAtDesk(code=procedure_code)
    if priority_code and priority_id is None:
        raise UnknownPriority(code=priority_code)
    if cap is not None and cap < 1:
        raise DailyCapReached(field=field_code, cap=cap)
    is_priority = priority_id is not None
    day = calendar.service_day(timezone, now)
    token = tracking_token(day)
    record = _take_and_record if cursor.dialect == "postgresql" else _take_then_record
    recorded = record(cursor, cap=cap, prefix=prefix, centre_id=centre_id, field_id=field_id, service_day=day,
                      priority=int(is_priority), procedure_id=procedure_id, priority_id=priority_id,
                      is_priority=is_priority, status=Status.WAITING.value, issued_at=cursor.adapt(now),
                      kiosk_id=kiosk_id, key=key and scoped_key(day, key), token=token, field=field_code,
                      procedure_code=procedure_code, priority_code=priority_code)
    if recorded is None:
        raise DailyCapReached(field=field_code, cap=cap)
    _sequence, waiting, waiting_priority, completed, service_seconds, ticket_id, number = recorded
    ahead = (waiting_priority if is_priority else waiting) - 1
    wait = estimated_wait_minutes(ahead, completed, service_seconds, open_counters, default_minutes)
    return IssuedTicket(ticket_id, number, field_code, Status.WAITING, now, ahead, wait, token,
                        procedure_code, priority_code)


def _take_and_record(cursor, *, cap, **values):
    """PostgreSQL: number the ticket and write it and its event in one statement; None at the cap."""
    if cap is None:
        return cursor.row(SQL_TAKE_AND_RECORD_UNCAPPED, **values)
    return cursor.row(SQL_TAKE_AND_RECORD_CAPPED, cap=cap, **values)


def _take_then_record(cursor, *, cap, prefix, centre_id, field_id, service_day, priority, issued_at, field,
                      procedure_code, priority_code, **ticket):
    """SQLite (no writing WITH): the same three writes one after the other; None at the cap."""
    take = dict(field_id=field_id, service_day=service_day, priority=priority)
    counts = (cursor.row(SQL_TAKE_CAPPED, cap=cap, **take) if cap is not None else
              cursor.row(SQL_TAKE_UNCAPPED, **take))
    if counts is None:
        return None
    number = format_number(prefix, counts[0])
    (ticket_id,) = cursor.row(SQL_INSERT_TICKET, centre_id=centre_id, field_id=field_id, service_day=service_day,
                              sequence=counts[0], number=number, issued_at=issued_at, **ticket)
    cursor.run(SQL_INSERT_EVENT, centre_id=centre_id, ticket_id=ticket_id, at=issued_at, data={
        "number": number, "field": field, "priority": priority_code, "procedure": procedure_code})
    return (*counts, ticket_id, number)


# Both unique values an issue writes are led by the service day (in hex, of a fixed width for the
# next eight centuries), so that each day's values sit together in their unique index: every issue
# writes into today's few pages of it, not into a random page of a year of history (on SQLite that
# made each issue some 30 % slower with 200,000 past tickets: bench/bench_issue_history.py).

def tracking_token(day: date) -> str:
    """An unguessable token for the ticket's tracking page: the day, then 18 random bytes."""
    return f"{day.toordinal():x}{secrets.token_urlsafe(18)}"


def scoped_key(day: date, key: str) -> str:
    """The kiosk's Idempotency-Key as stored: a key repeats a tap within its service day."""
    return f"{day.toordinal():x}:{key}"


_ALREADY_ISSUED = (
    select(Ticket.id, Ticket.centre_id, Ticket.number, Ticket.status, Ticket.field_id,
           Ticket.is_priority, Ticket.service_day, Ticket.issued_at, Ticket.target_counter_id,
           Ticket.tracking_token, Field.code.label("field_code"),
           Procedure.code.label("procedure_code"), PriorityCategory.code.label("priority_code"))
    .join(Field, Field.id == Ticket.field_id)
    .outerjoin(Procedure, Procedure.id == Ticket.procedure_id)
    .outerjoin(PriorityCategory, PriorityCategory.id == Ticket.priority_id)
    .where(Ticket.kiosk_id == bindparam("kiosk_id"), Ticket.idempotency_key == bindparam("key")))


_CENTRE_ZONE = select(Centre.timezone).where(Centre.id == bindparam("centre_id"))


def _already_issued(ctx, connection, centre_id, kiosk_id, key) -> IssuedTicket | None:
    """The ticket issued earlier today for this kiosk and idempotency key, as it stands now."""
    zone = connection.execute(_CENTRE_ZONE, {"centre_id": centre_id}).scalar_one()
    stored = scoped_key(calendar.service_day(zone, ctx.clock()), key)
    row = connection.execute(_ALREADY_ISSUED, {"kiosk_id": kiosk_id, "key": stored}).first()
    if row is None:
        return None
    ahead, wait = position_of(connection, ctx.policy, row)
    return IssuedTicket(row.id, row.number, row.field_code, row.status, row.issued_at, ahead, wait,
                        row.tracking_token, row.procedure_code, row.priority_code, replayed=True)
