"""What a counter does (call next, recall, no-show, start, complete, call a number, transfer)."""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, bindparam, exists, or_, select
from sqlalchemy.orm import Session

from ..domain import calendar
from ..domain.errors import (
    CounterClosed, CounterDoesNotServeField, CounterPaused, InvalidTransition, NoCurrentTicket, NotNamedToCounter,
    UnknownCounter, UnknownField,
)
from ..domain.tickets import ACTIVE_AT_COUNTER, Status
from ..models import Centre, Counter, CounterOfficer, Dossier, Field, PriorityCategory, Procedure, Ticket
from .context import QueueContext
from .store import (
    bump_counts, core, join_waiting, leave_waiting, lock_centre, policy_order, record_event,
    served_field_ids, ticket_query, update_ticket,
)
from .tickets import expire_if_new_day, load_ticket, set_status

CALL_ATTEMPTS = 5


@dataclass(frozen=True)
class TicketView:
    """A ticket as staff see it at the counter."""

    id: int
    number: str
    field: str
    field_name: str
    status: str
    issued_at: datetime
    called_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    counter: int | None
    procedure: str | None
    procedure_name: str | None
    priority: str | None
    priority_name: str | None
    call_count: int
    dossier_id: int | None = None       # a ticket collecting a result names its dossier
    dossier_code: str | None = None


# Statements built once: counter actions run many times a minute at every counter.
# TICKET_VIEWS: the columns of TicketView, in its order, for any selection of tickets.
TICKET_VIEWS = (
    select(Ticket.id, Ticket.number, Field.code, Field.name_vi, Ticket.status, Ticket.issued_at,
           Ticket.called_at, Ticket.started_at, Ticket.finished_at, Counter.number,
           Procedure.code, Procedure.name, PriorityCategory.code, PriorityCategory.name_vi,
           Ticket.call_count, Dossier.id, Dossier.code)
    .join(Field, Field.id == Ticket.field_id)
    .outerjoin(Dossier, Dossier.id == Ticket.dossier_id)
    .outerjoin(Counter, Counter.id == Ticket.counter_id)
    .outerjoin(Procedure, Procedure.id == Ticket.procedure_id)
    .outerjoin(PriorityCategory, PriorityCategory.id == Ticket.priority_id))
_VIEW = TICKET_VIEWS.where(Ticket.id == bindparam("ticket_id"))
# Whether officers are named to the counter, and whether the one acting is among them.
_NAMED = select(CounterOfficer.user_id).where(CounterOfficer.counter_id == Counter.id)
_COUNTER = (
    select(Counter.id, Counter.number, Counter.is_open, Counter.paused_at, Counter.centre_id, Centre.timezone,
           exists(_NAMED).label("restricted"),
           exists(_NAMED.where(CounterOfficer.user_id == bindparam("staff_id"))).label("named"))
    .join(Centre, Centre.id == Counter.centre_id)
    .where(Counter.id == bindparam("counter_id"), Counter.centre_id == bindparam("centre_id")))
_CURRENT = (
    ticket_query().where(Ticket.counter_id == bindparam("counter_id"),
                         Ticket.status.in_([status.value for status in ACTIVE_AT_COUNTER]))
    .order_by(Ticket.called_at.desc()).limit(1).with_for_update(of=Ticket))
_candidate_statements: dict[str, object] = {}


def _candidates(policy):
    """The first waiting ticket for a counter by `policy` (skipping rows other counters hold)."""
    if policy.name not in _candidate_statements:
        _candidate_statements[policy.name] = (
            ticket_query()
            .where(Ticket.centre_id == bindparam("centre_id"), Ticket.service_day == bindparam("day"),
                   Ticket.status == Status.WAITING.value,
                   or_(and_(Ticket.field_id.in_(bindparam("fields", expanding=True)),
                            Ticket.target_counter_id.is_(None)),
                       Ticket.target_counter_id == bindparam("counter_id")))
            .order_by(*policy_order(policy)).limit(1)
            .with_for_update(of=Ticket, skip_locked=True))
    return _candidate_statements[policy.name]


def view_ticket(session: Session, ticket_id: int) -> TicketView:
    """A ticket with the names staff need."""
    return TicketView(*core(session).execute(_VIEW, {"ticket_id": ticket_id}).one())


def _load_counter(session: Session, centre_id: int, counter_id: int, staff_id: int | None = None):
    """The counter, after taking the centre's turn for counter actions (see lock_centre)."""
    lock_centre(session, centre_id)
    counter = core(session).execute(_COUNTER, {"counter_id": counter_id, "centre_id": centre_id,
                                               "staff_id": staff_id}).first()
    if counter is None:
        raise UnknownCounter(counter_id=counter_id)
    return counter


def _operated_counter(session: Session, centre_id: int, counter_id: int, staff_id: int | None):
    """The counter `staff_id` acts at: refused when an admin named other officers to it."""
    counter = _load_counter(session, centre_id, counter_id, staff_id)
    if counter.restricted and not counter.named:
        raise NotNamedToCounter(counter=counter.number)
    return counter


def refuse_if_not_working(counter) -> None:
    """A closed counter, or one on a break, calls nobody."""
    if not counter.is_open:
        raise CounterClosed(counter=counter.number)
    if counter.paused_at is not None:
        raise CounterPaused(counter=counter.number)


def _current(session: Session, counter):
    """The ticket in front of the counter (called or being served), if any."""
    return core(session).execute(_CURRENT, {"counter_id": counter.id}).first()


def _require_current(session: Session, counter):
    ticket = _current(session, counter)
    if ticket is None:
        raise NoCurrentTicket(counter=counter.number)
    return ticket


def _acted_by(staff_id: int | None) -> dict:
    """The ticket credited to the officer who acted now (the reports' and ratings' officer)."""
    return {"staff_id": staff_id} if staff_id is not None else {}


def _complete(session: Session, ticket, counter, staff_id, now: datetime) -> None:
    set_status(session, ticket, "complete", finished_at=now, started_at=ticket.started_at or ticket.called_at,
               **_acted_by(staff_id))
    served = (now - ticket.called_at).total_seconds() if ticket.called_at else 0.0
    bump_counts(session, ticket.field_id, ticket.service_day, completed=1, service_seconds=served)
    record_event(session, ticket, "completed", now, counter.id, staff_id, counter=counter.number,
                 service_seconds=round(served, 1))


def _finish_current(session, counter, staff_id, now) -> None:
    """Calling someone new closes the counter's current ticket as completed."""
    current = _current(session, counter)
    if current is not None:
        _complete(session, current, counter, staff_id, now)


def _mark_called(session, ticket, counter, staff_id, now, kind="called") -> bool:
    """Compare-and-set the ticket to called at this counter; False if another counter was faster."""
    changed = update_ticket(session, ticket.id, ticket.status, status=Status.CALLED.value, counter_id=counter.id,
                            staff_id=staff_id, called_at=now, target_counter_id=None,
                            call_count=ticket.call_count + 1, first_called_at=ticket.first_called_at or now)
    if changed != 1:
        return False
    if ticket.status == Status.WAITING:
        leave_waiting(session, ticket.field_id, ticket.service_day, ticket.is_priority)
    record_event(session, ticket, kind, now, counter.id, staff_id, counter=counter.number)
    return True


def call_next(ctx: QueueContext, centre_id: int, counter_id: int, staff_id: int | None = None) -> TicketView | None:
    """Call the next citizen to this counter by the queue policy; None when nobody waits."""
    expire_if_new_day(ctx, centre_id)

    def work(session):
        counter = _operated_counter(session, centre_id, counter_id, staff_id)
        refuse_if_not_working(counter)
        now = ctx.clock()
        day = calendar.service_day(counter.timezone, now)
        _finish_current(session, counter, staff_id, now)
        params = {"centre_id": centre_id, "day": day, "counter_id": counter.id,
                  "fields": served_field_ids(session, counter.id)}
        for _ in range(CALL_ATTEMPTS):
            ticket = core(session).execute(_candidates(ctx.policy), params).first()
            if ticket is None:
                return None
            if _mark_called(session, ticket, counter, staff_id, now):
                return view_ticket(session, ticket.id)
        raise InvalidTransition(message="Hàng đợi đang bận, vui lòng gọi lại.")
    return ctx.write(work)


def call_ticket(ctx: QueueContext, centre_id: int, counter_id: int, ticket_id: int,
                staff_id: int | None = None) -> TicketView:
    """Call one waiting (or no-show) ticket out of order, in a field this counter serves."""
    def work(session):
        counter = _operated_counter(session, centre_id, counter_id, staff_id)
        refuse_if_not_working(counter)
        ticket = load_ticket(session, centre_id, ticket_id)
        if ticket.status not in (Status.WAITING, Status.NO_SHOW):
            raise InvalidTransition(status=ticket.status, action="call")
        if (ticket.target_counter_id not in (None, counter.id)
                or (ticket.target_counter_id is None
                    and ticket.field_id not in served_field_ids(session, counter.id))):
            raise CounterDoesNotServeField(field=ticket.field_code)
        now = ctx.clock()
        _finish_current(session, counter, staff_id, now)
        if not _mark_called(session, ticket, counter, staff_id, now):
            raise InvalidTransition(status="changed", action="call")
        return view_ticket(session, ticket.id)
    return ctx.write(work)


def _on_current(ctx, centre_id, counter_id, staff_id, act):
    """Run `act(session, ticket, counter, now)` on the counter's current ticket, return its view."""
    def work(session):
        counter = _operated_counter(session, centre_id, counter_id, staff_id)
        ticket = _require_current(session, counter)
        act(session, ticket, counter, ctx.clock())
        return view_ticket(session, ticket.id)
    return ctx.write(work)


def recall(ctx: QueueContext, centre_id: int, counter_id: int, staff_id: int | None = None) -> TicketView:
    """Announce the current ticket again (gọi lại)."""
    def act(session, ticket, counter, now):
        set_status(session, ticket, "recall", call_count=ticket.call_count + 1)
        record_event(session, ticket, "recalled", now, counter.id, staff_id, counter=counter.number)
    return _on_current(ctx, centre_id, counter_id, staff_id, act)


def skip(ctx: QueueContext, centre_id: int, counter_id: int, staff_id: int | None = None) -> TicketView:
    """The called citizen did not come (vắng mặt): mark a no-show; staff may requeue it later."""
    def act(session, ticket, counter, now):
        set_status(session, ticket, "skip", finished_at=now, no_show_count=ticket.no_show_count + 1,
                   **_acted_by(staff_id))
        record_event(session, ticket, "no_show", now, counter.id, staff_id, counter=counter.number)
    return _on_current(ctx, centre_id, counter_id, staff_id, act)


def start(ctx: QueueContext, centre_id: int, counter_id: int, staff_id: int | None = None) -> TicketView:
    """The citizen is at the counter: service starts."""
    def act(session, ticket, counter, now):
        set_status(session, ticket, "start", started_at=now, staff_id=staff_id)
        record_event(session, ticket, "started", now, counter.id, staff_id, counter=counter.number)
    return _on_current(ctx, centre_id, counter_id, staff_id, act)


def complete(ctx: QueueContext, centre_id: int, counter_id: int, staff_id: int | None = None) -> TicketView:
    """Service is over (hoàn thành)."""
    def act(session, ticket, counter, now):
        _complete(session, ticket, counter, staff_id, now)
    return _on_current(ctx, centre_id, counter_id, staff_id, act)


def transfer(ctx: QueueContext, centre_id: int, counter_id: int, *, field: str | None = None,
             counter: int | None = None, staff_id: int | None = None) -> TicketView:
    """Send the current ticket to another field or to a named counter (chuyển quầy).

    It keeps its number and its original issue time, so it does not lose its place.
    `counter` is the target counter's id.
    """
    if (field is None) == (counter is None):
        raise ValueError("transfer to exactly one of a field or a counter")

    def act(session, ticket, here, now):
        if field is not None:
            target_field = session.scalar(select(Field.id).where(Field.centre_id == centre_id, Field.code == field))
            if target_field is None:
                raise UnknownField(field=field)
            values, target = {"field_id": target_field, "target_counter_id": None}, {"field": field}
        else:
            there = _load_counter(session, centre_id, counter)
            target_field = ticket.field_id
            values, target = {"target_counter_id": there.id}, {"to_counter": there.number}
        set_status(session, ticket, "transfer", counter_id=None, transfer_count=ticket.transfer_count + 1, **values)
        join_waiting(session, target_field, ticket.service_day, ticket.is_priority)
        record_event(session, ticket, "transferred", now, here.id, staff_id, counter=here.number,
                     from_field=ticket.field_code, **target)
    return _on_current(ctx, centre_id, counter_id, staff_id, act)


@dataclass(frozen=True)
class CounterOverview:
    """A counter with what it serves and who is in front of it."""

    id: int
    number: int
    name: str
    is_open: bool
    fields: list[str]
    current: TicketView | None


def counter_overview(ctx: QueueContext, centre_id: int) -> list[CounterOverview]:
    """Every counter of the centre, in number order."""
    def work(session):
        result = []
        for counter in session.scalars(select(Counter).where(Counter.centre_id == centre_id).order_by(Counter.number)):
            current = session.scalar(select(Ticket.id).where(
                Ticket.counter_id == counter.id, Ticket.status.in_(list(ACTIVE_AT_COUNTER))))
            result.append(CounterOverview(
                counter.id, counter.number, counter.name, counter.is_open,
                [served.field.code for served in counter.served],
                view_ticket(session, current) if current else None))
        return result
    return ctx.read(work)
