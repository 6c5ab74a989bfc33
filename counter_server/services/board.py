"""Read-side views: fields as the kiosk shows them, the display board, the event stream."""
from dataclasses import dataclass, field as attribute
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain import calendar
from ..domain.tickets import ACTIVE_AT_COUNTER
from ..models import Centre, Counter, CounterField, Field, FieldDay, Ticket, TicketEvent
from .context import QueueContext
from .store import counters_by_field

CLOSED_REASONS = {
    "field_closed": "Lĩnh vực tạm ngừng tiếp nhận",
    "outside_opening_hours": "Ngoài giờ tiếp nhận",
    "daily_cap_reached": "Đã hết số trong ngày",
}
CALL_KINDS = ("called", "recalled")


@dataclass(frozen=True)
class FieldState:
    """A field as the kiosk shows it: can a citizen take a number now, and how many wait."""

    code: str
    name_vi: str
    name_en: str
    prefix: str
    waiting: int
    is_open: bool
    closed_reason: str | None
    closed_message: str | None
    target_wait_minutes: int
    daily_cap: int | None
    issued_today: int
    for_results: bool = False   # the kiosk offers it as "Nhận kết quả" on its home screen
    counters: list[int] = attribute(default_factory=list)   # the open counters that call it


def centre_today(session: Session, centre_id: int, now: datetime):
    """The centre row and its service day at `now`."""
    centre = session.get(Centre, centre_id)
    return centre, calendar.service_day(centre.timezone, now)


def list_fields(ctx: QueueContext, centre_id: int) -> list[FieldState]:
    """Every field of the centre with its waiting count and, when closed, why."""
    def work(session):
        now = ctx.clock()
        centre, day = centre_today(session, centre_id, now)
        hours_open = calendar.check_open(centre.opening_hours, centre.timezone, now).is_open
        rows = session.execute(
            select(Field, FieldDay.waiting, FieldDay.last_sequence)
            .outerjoin(FieldDay, (FieldDay.field_id == Field.id) & (FieldDay.service_day == day))
            .where(Field.centre_id == centre_id).order_by(Field.display_order, Field.code)).all()
        serving = counters_by_field(session, centre_id)
        result = []
        for field, waiting, issued in rows:
            issued = issued or 0
            reason = ("field_closed" if not field.is_open else
                      "outside_opening_hours" if not hours_open else
                      "daily_cap_reached" if field.daily_cap is not None and issued >= field.daily_cap else None)
            result.append(FieldState(field.code, field.name_vi, field.name_en, field.ticket_prefix,
                                     waiting or 0, reason is None, reason, CLOSED_REASONS.get(reason),
                                     field.target_wait_minutes, field.daily_cap, issued, field.for_results,
                                     serving.get(field.id, [])))
        return result
    return ctx.read(work)


@dataclass(frozen=True)
class CounterOnBoard:
    number: int
    name: str
    ticket: str | None
    field: str | None
    status: str | None
    paused: bool = False
    fields: list[str] = attribute(default_factory=list)   # the names of the fields it serves, in its order


@dataclass(frozen=True)
class RecentCall:
    event_id: int
    number: str
    field: str
    counter: int
    at: datetime
    kind: str


@dataclass(frozen=True)
class Board:
    """What a waiting-hall display shows now."""

    centre: str
    service_day: str
    now: datetime
    counters: list[CounterOnBoard]
    recent_calls: list[RecentCall]
    waiting: dict[str, int]
    last_event_id: int
    serving: dict[str, list[int]] = attribute(default_factory=dict)   # field code: open counters calling it


def served_field_names(session: Session, centre_id: int) -> dict[int, list[str]]:
    """Each counter's fields by name, in the counter's order: what the board and the console call it."""
    names: dict[int, list[str]] = {}
    for counter_id, name in session.execute(
            select(CounterField.counter_id, Field.name_vi).join(Field, Field.id == CounterField.field_id)
            .where(Field.centre_id == centre_id).order_by(CounterField.counter_id, CounterField.position)):
        names.setdefault(counter_id, []).append(name)
    return names


def first_event_of_day(centre_id: int, day):
    """The id of the first event of the day's first ticket (ids grow with time): today's events
    are those from it on. A bound the indexes can seek, where a filter on the time would read a
    year of events backwards on a quiet morning."""
    first_ticket = (select(func.min(Ticket.id)).where(Ticket.centre_id == centre_id, Ticket.service_day == day)
                    .scalar_subquery())
    return select(func.min(TicketEvent.id)).where(TicketEvent.ticket_id == first_ticket).scalar_subquery()


def display(ctx: QueueContext, centre_id: int, recent: int = 8) -> Board:
    """Open counters with their current ticket, the latest calls and the waiting counts."""
    def work(session):
        now = ctx.clock()
        centre, day = centre_today(session, centre_id, now)
        current = (select(Ticket.counter_id, Ticket.number, Field.code, Ticket.status)
                   .join(Field, Field.id == Ticket.field_id)
                   .where(Ticket.centre_id == centre_id, Ticket.service_day == day,
                          Ticket.status.in_(list(ACTIVE_AT_COUNTER)))
                   .subquery())
        names = served_field_names(session, centre_id)
        counters = [CounterOnBoard(*row[:-2], paused=row.paused_at is not None, fields=names.get(row.id, []))
                    for row in session.execute(
            select(Counter.number, Counter.name, current.c.number, current.c.code, current.c.status,
                   Counter.paused_at, Counter.id)
            .outerjoin(current, current.c.counter_id == Counter.id)
            .where(Counter.centre_id == centre_id, Counter.is_open.is_(True)).order_by(Counter.number))]
        codes = dict(session.execute(select(Field.id, Field.code).where(Field.centre_id == centre_id)).all())
        calls = [RecentCall(event.id, event.data["number"], event.data["field"], event.data.get("counter"),
                            event.at, event.kind)
                 for event in session.scalars(
                     select(TicketEvent).where(TicketEvent.centre_id == centre_id,
                                               TicketEvent.id >= first_event_of_day(centre_id, day),
                                               TicketEvent.kind.in_(CALL_KINDS))
                     .order_by(TicketEvent.id.desc()).limit(recent))]
        waiting = dict(session.execute(
            select(Field.code, FieldDay.waiting).join(FieldDay, FieldDay.field_id == Field.id)
            .where(Field.centre_id == centre_id, FieldDay.service_day == day)).all())
        last = session.scalar(select(TicketEvent.id).where(TicketEvent.centre_id == centre_id)
                              .order_by(TicketEvent.id.desc()).limit(1)) or 0
        return Board(centre.name, day.isoformat(), now, counters, calls,
                     {code: waiting.get(code, 0) for code in session.scalars(
                         select(Field.code).where(Field.centre_id == centre_id).order_by(Field.display_order))},
                     last, {codes[field_id]: numbers for field_id, numbers in counters_by_field(session, centre_id).items()})
    return ctx.read(work)


@dataclass(frozen=True)
class PublicEvent:
    """One line of the event log as the public stream carries it: numbers and counters only."""

    id: int
    kind: str
    at: datetime
    data: dict


PUBLIC_KEYS = ("number", "field", "counter", "to_counter", "from_field", "dossier", "status")


def public_event(row: TicketEvent) -> PublicEvent:
    """A line of the log as the public sees it: numbers and counters only."""
    return PublicEvent(row.id, row.kind, row.at,
                       {"number": row.data.get("number"), "field": row.data.get("field"),
                        "counter": row.data.get("counter"),
                        **{key: row.data[key] for key in PUBLIC_KEYS[3:] if key in row.data}})


def latest_event_id(ctx: QueueContext, centre_id: int) -> int:
    """The id of the newest event of the centre (0 when none)."""
    return ctx.read(lambda session: _latest_event_id(session, centre_id))


def _latest_event_id(session: Session, centre_id: int) -> int:
    return session.scalar(select(TicketEvent.id).where(TicketEvent.centre_id == centre_id)
                          .order_by(TicketEvent.id.desc()).limit(1)) or 0


def replay_start(ctx: QueueContext, centre_id: int, after_id: int) -> int:
    """Where a stream asked to resume after `after_id` starts: never before today's first event.
    Boards and consoles need today's events only; `last_event_id=0` would otherwise stream the
    centre's whole history to anyone who asks, a year of it in one request."""
    def work(session):
        _, day = centre_today(session, centre_id, ctx.clock())
        first_today = session.scalar(select(first_event_of_day(centre_id, day)))
        return max(after_id, first_today - 1 if first_today else _latest_event_id(session, centre_id))
    return ctx.read(work)
