"""Use cases on one ticket that are not a counter's: track, cancel, requeue; and the daily expiry."""
from collections import Counter as Tally
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session, aliased

from ..domain import calendar
from ..domain.errors import InvalidTransition, UnknownTicket
from ..domain.queue_policy import QueuePolicy, estimated_wait_minutes
from ..domain.tickets import OPEN, Status, next_status
from ..models import Centre, Counter, Field, FieldDay, Ticket, TicketEvent
from .context import QueueContext
from .store import (
    ahead_of, bump_counts, core, join_waiting, leave_waiting, lock_centre, open_counters_serving,
    record_event, ticket_query, update_ticket, waiting_in_queue_of,
)


def position_of(session: Session, policy: QueuePolicy, ticket) -> tuple[int, int]:
    """People ahead of a waiting ticket and its estimated wait in minutes; (0, 0) otherwise."""
    if ticket.status != Status.WAITING:
        return 0, 0
    ahead = session.scalar(select(func.count()).select_from(Ticket).where(
        waiting_in_queue_of(ticket), ahead_of(policy, ticket)))
    stats = session.execute(select(FieldDay.completed, FieldDay.service_seconds, Field.default_service_minutes)
                            .join(Field, Field.id == FieldDay.field_id)
                            .where(FieldDay.field_id == ticket.field_id,
                                   FieldDay.service_day == ticket.service_day)).first()
    counters = 1 if ticket.target_counter_id else open_counters_serving(session, ticket.field_id)
    default = stats.default_service_minutes if stats else 10
    wait = estimated_wait_minutes(ahead, stats.completed if stats else 0,
                                  stats.service_seconds if stats else 0.0, counters, default)
    return ahead, wait


@dataclass(frozen=True)
class TrackedTicket:
    """What the public tracking page shows: no personal data."""

    number: str
    field: str
    field_name: str
    status: str
    issued_at: datetime
    waiting_ahead: int
    estimated_wait_minutes: int
    counter: int | None
    called_at: datetime | None


def track(ctx: QueueContext, token: str) -> TrackedTicket:
    """A ticket's public state, found by its unguessable tracking token."""
    def work(session):
        ticket = session.execute(ticket_query().add_columns(Field.name_vi)
                                 .where(Ticket.tracking_token == token)).first()
        if ticket is None:
            raise UnknownTicket()
        ahead, wait = position_of(session, ctx.policy, ticket)
        counter = (session.scalar(select(Counter.number).where(Counter.id == ticket.counter_id))
                   if ticket.counter_id else None)
        return TrackedTicket(ticket.number, ticket.field_code, ticket.name_vi, ticket.status,
                             ticket.issued_at, ahead, wait, counter, ticket.called_at)
    return ctx.read(work)


_LOAD_TICKET = (ticket_query().where(Ticket.id == bindparam("ticket_id"), Ticket.centre_id == bindparam("centre_id"))
                .with_for_update(of=Ticket))


def load_ticket(session: Session, centre_id: int, ticket_id: int):
    """One ticket of this centre (locked for update on PostgreSQL), or UnknownTicket."""
    lock_centre(session, centre_id)
    ticket = core(session).execute(_LOAD_TICKET, {"ticket_id": ticket_id, "centre_id": centre_id}).first()
    if ticket is None:
        raise UnknownTicket(ticket_id=ticket_id)
    return ticket


def set_status(session: Session, ticket, action: str, **values) -> Status:
    """Move a ticket by `action` if its state still allows it (compare and set); keeps counts right."""
    target = next_status(action, ticket.status)
    if update_ticket(session, ticket.id, ticket.status, status=target.value, **values) != 1:  # someone else moved it since we read it
        raise InvalidTransition(status="changed", action=action)
    if ticket.status == Status.WAITING and target != Status.WAITING:
        leave_waiting(session, ticket.field_id, ticket.service_day, ticket.is_priority)
    return target


def cancel(ctx: QueueContext, centre_id: int, ticket_id: int, staff_id: int | None = None) -> str:
    """Cancel a ticket that has not been served (hủy số)."""
    def work(session):
        ticket = load_ticket(session, centre_id, ticket_id)
        now = ctx.clock()
        status = set_status(session, ticket, "cancel", finished_at=now, counter_id=None)
        record_event(session, ticket, "cancelled", now, staff_id=staff_id)
        return status
    return ctx.write(work)


def requeue(ctx: QueueContext, centre_id: int, ticket_id: int, staff_id: int | None = None) -> str:
    """Put a no-show back in the queue, in its original place (it keeps its issue time)."""
    def work(session):
        ticket = load_ticket(session, centre_id, ticket_id)
        now = ctx.clock()
        status = set_status(session, ticket, "requeue", counter_id=None, finished_at=None)
        join_waiting(session, ticket.field_id, ticket.service_day, ticket.is_priority)
        record_event(session, ticket, "requeued", now, staff_id=staff_id)
        return status
    return ctx.write(work)


# The open tickets of past days, found without reading the days' closed tickets. First the past days
# that have tickets, each visited once through the calling-order index (a day's next is the least day
# after it), from the day of this process's last expiry (no ticket of an earlier day can be open
# again) or else from the first; then one seek per (day, open status) in the same index.
# A partial index of open tickets would answer at once, but every issue and call would pay to keep it.
_TICKETS = Ticket.__table__
_LATER = aliased(Ticket)
_WALK = (select(func.min(Ticket.service_day).label("day"))
         .where(Ticket.centre_id == bindparam("centre_id"), Ticket.service_day >= bindparam("since"))
         .cte("past_days", recursive=True))
_WALK = _WALK.union_all(
    select(select(func.min(_LATER.service_day))
           .where(_LATER.centre_id == bindparam("centre_id"), _LATER.service_day > _WALK.c.day).scalar_subquery())
    .where(_WALK.c.day < bindparam("today")))
_PAST_DAYS = select(_WALK.c.day).where(_WALK.c.day < bindparam("today"))
_STALE = (ticket_query()
          .where(Ticket.centre_id == bindparam("centre_id"), Ticket.service_day.in_(bindparam("days", expanding=True)),
                 Ticket.status.in_([status.value for status in OPEN]))
          .with_for_update(of=Ticket))
_EXPIRE = (update(_TICKETS).values(status=Status.EXPIRED.value)
           .where(_TICKETS.c.id.in_(bindparam("e_ids", expanding=True)),
                  _TICKETS.c.status.in_([status.value for status in OPEN])))
_INSERT_EVENTS = TicketEvent.__table__.insert()
EXPIRE_BATCH = 500


def expire_stale_tickets(ctx: QueueContext, centre_id: int) -> int:
    """Close as expired every ticket still open from a past service day; history is kept."""
    def work(session):
        lock_centre(session, centre_id)
        timezone = session.scalar(select(Centre.timezone).where(Centre.id == centre_id))
        now = ctx.clock()
        today = calendar.service_day(timezone, now)
        connection = core(session)
        since = ctx.expired_through.get(centre_id, (None, date.min))[1]
        days = connection.execute(_PAST_DAYS, {"centre_id": centre_id, "today": today, "since": since}).scalars().all()
        stale = connection.execute(_STALE, {"centre_id": centre_id, "days": days}).all() if days else []
        for start in range(0, len(stale), EXPIRE_BATCH):
            _expire(connection, stale[start:start + EXPIRE_BATCH], now)
        return timezone, today, len(stale)
    timezone, today, count = ctx.write(work)
    ctx.expired_through[centre_id] = (timezone, today)
    return count


def _expire(connection, tickets, now: datetime) -> None:
    """Expire `tickets` (read under lock) in a few statements: statuses, waiting counts, events.
    Each keeps the counter that last called it, for the reports."""
    if connection.execute(_EXPIRE, {"e_ids": [ticket.id for ticket in tickets]}).rowcount != len(tickets):
        raise InvalidTransition(status="changed", action="expire")
    waiting = Tally((ticket.field_id, ticket.service_day) for ticket in tickets if ticket.status == Status.WAITING)
    priority = Tally((ticket.field_id, ticket.service_day) for ticket in tickets
                     if ticket.status == Status.WAITING and ticket.is_priority)
    for (field_id, day), count in waiting.items():
        bump_counts(connection, field_id, day, waiting=-count, waiting_priority=-priority[(field_id, day)])
    connection.execute(_INSERT_EVENTS, [
        {"centre_id": ticket.centre_id, "ticket_id": ticket.id, "kind": "expired", "at": now, "counter_id": None,
         "staff_id": None, "data": {"number": ticket.number, "field": ticket.field_code, "previous": ticket.status}}
        for ticket in tickets])


def expire_if_new_day(ctx: QueueContext, centre_id: int, wait: bool = True) -> None:
    """Run the expiry once per centre per service day (a dictionary look-up otherwise).

    One request runs it; the others that meet the new day meanwhile wait for it, or with `wait`
    False go on at once (a kiosk: yesterday's leftovers change nothing in today's numbering)."""
    if _expired_today(ctx, centre_id) or not ctx.expiry_lock.acquire(blocking=wait):
        return
    try:
        if not _expired_today(ctx, centre_id):
            expire_stale_tickets(ctx, centre_id)
    finally:
        ctx.expiry_lock.release()


def _expired_today(ctx: QueueContext, centre_id: int) -> bool:
    """Whether this process has expired the centre's leftovers on its current service day."""
    known = ctx.expired_through.get(centre_id)
    return known is not None and calendar.service_day(known[0], ctx.clock()) <= known[1]
