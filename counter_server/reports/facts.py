"""Each ticket's report figures, worked out in the database (SQLite and PostgreSQL alike): its
service day and local hours, what became of it, and its waiting, walk and service times in
milliseconds. Past days are stored once (stored.py); today's tickets are read live.

Definitions (the README repeats them for managers):
- waiting time: issue → first call; walk time: the call that was served → "start" (only when
  the officer pressed start); service time: start → complete.
- served: completed; no-show: not served after missing a call; expired: the day ended before
  the ticket was called; transferred: sent to another field or counter at least once.
- on time: called within the field's target wait; counted over tickets that were called or
  whose day ended uncalled.
- day: the centre's service day; hour: the local hour the ticket was issued."""
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import BigInteger, DateTime, Integer, and_, case, cast, func, literal, or_, select, type_coerce, union_all

from ..models import Counter, Field, PriorityCategory, Rating, Ticket, TicketFigures, User
from .filters import ReportFilter

OPEN, SERVED, NO_SHOW, EXPIRED, CANCELLED, OTHER = range(6)   # TicketFigures.outcome
NONE = -1                                                      # a missing id, read back
COLUMNS = ("ticket_id", "centre_id", "day", "hour", "finished_hour", "field_id", "counter_id", "staff_id",
           "priority_id", "is_priority", "outcome", "transferred", "wait_ms", "walk_ms", "service_ms",
           "on_time", "on_time_of", "rating")
# What a report reads of each ticket: its ids and durations, and its small numbers packed into one
# integer ("codes"), each as value + 1 (0 for NULL) in its bits; the day counts from the range's first.
PACKED = (("day", 9), ("hour", 5), ("finished_hour", 5), ("outcome", 3), ("transferred", 2), ("on_time", 2),
          ("on_time_of", 2), ("rating", 3))
READ = ("codes", "field_id", "counter_id", "staff_id", "wait_ms", "walk_ms", "service_ms")


def milliseconds_between(later, earlier, dialect: str):
    """Whole milliseconds from `earlier` to `later` on both engines."""
    if dialect == "sqlite":
        seconds = (func.julianday(later) - func.julianday(earlier)) * 86400000.0
    else:
        seconds = func.extract("epoch", later - earlier) * 1000
    return cast(func.round(seconds), BigInteger)


def local_hour(moment, zone: str, dialect: str, on: date):
    """The hour of day of a UTC timestamp in the centre's zone. SQLite has no zone database, so
    it adds the zone's offset on `on` (Vietnam keeps one offset all year)."""
    if dialect == "sqlite":
        return cast(func.strftime("%H", moment, _offset(zone, on)), Integer)
    return cast(func.extract("hour", func.timezone(zone, moment)), Integer)


def local_time(moment, zone: str, dialect: str, on: date):
    """A UTC timestamp as the centre's wall-clock time (naive), to the second on SQLite."""
    if dialect == "sqlite":
        return type_coerce(func.datetime(moment, _offset(zone, on)), DateTime)
    return type_coerce(func.timezone(zone, moment), DateTime)


def _offset(zone: str, on: date) -> str:
    """The zone's offset from UTC on `on`, as an SQLite date modifier: "+25200 seconds"."""
    return f"{int(ZoneInfo(zone).utcoffset(datetime.combine(on, time(12))).total_seconds()):+d} seconds"


def day_ordinal(day, dialect: str):
    """A DATE as Python's date.toordinal()."""
    if dialect == "sqlite":
        return cast(func.julianday(day) - 1721424.5, Integer)
    return day - literal(date(1, 1, 1)) + 1


def measures(t, dialect: str) -> dict:
    """The three durations of a ticket row `t`, in milliseconds (NULL when not measured)."""
    wait = milliseconds_between(t.first_called_at, t.issued_at, dialect)
    return {"wait": case((t.first_called_at.is_not(None), wait)),
            "walk": case((t.started_at > t.called_at, milliseconds_between(t.started_at, t.called_at, dialect))),
            "service": case((and_(t.status == "completed", t.started_at.is_not(None)),
                             milliseconds_between(t.finished_at, t.started_at, dialect)))}


def outcome(status, missed):
    """What became of the ticket: OPEN, SERVED, NO_SHOW, EXPIRED, CANCELLED or OTHER."""
    return case((status == "completed", SERVED),
                (and_(status.in_(("no_show", "expired")), missed > 0), NO_SHOW),
                (status == "expired", EXPIRED), (status == "cancelled", CANCELLED),
                (status.in_(("waiting", "called", "serving")), OPEN), else_=OTHER)


def live_figures(centre_id: int, zone: str, dialect: str, first: date, last: date):
    """The figures (COLUMNS) of the centre's tickets of the days first…last, from the tickets."""
    t = Ticket
    durations = measures(t, dialect)
    called = t.first_called_at.is_not(None)
    on_time = and_(called, durations["wait"] <= Field.target_wait_minutes * 60000)
    return (select(t.id.label("ticket_id"), t.centre_id, day_ordinal(t.service_day, dialect).label("day"),
                   local_hour(t.issued_at, zone, dialect, first).label("hour"),
                   local_hour(t.finished_at, zone, dialect, first).label("finished_hour"),
                   t.field_id, t.counter_id, t.staff_id, t.priority_id,
                   case((t.is_priority, 1), else_=0).label("is_priority"),
                   outcome(t.status, t.no_show_count).label("outcome"),
                   case((t.transfer_count > 0, 1), else_=0).label("transferred"),
                   durations["wait"].label("wait_ms"), durations["walk"].label("walk_ms"),
                   durations["service"].label("service_ms"),
                   case((on_time, 1), else_=0).label("on_time"),
                   case((or_(called, t.status == "expired"), 1), else_=0).label("on_time_of"),
                   Rating.level.label("rating"))
            .join(Field, Field.id == t.field_id)
            .outerjoin(Rating, Rating.ticket_id == t.id)
            .where(t.centre_id == centre_id, t.service_day >= first, t.service_day <= last))


@dataclass(frozen=True)
class FilterIds:
    """A filter's field, counter, officer and priority category as ids (NONE: matches nothing)."""

    field_id: int | None
    counter_id: int | None
    staff_id: int | None
    priority: str | None          # "yes", "no", or None
    priority_id: int | None


def filter_ids(session, centre_id: int, flt: ReportFilter) -> FilterIds:
    def look_up(query):
        found = session.scalar(query)
        return NONE if found is None else found
    return FilterIds(
        look_up(select(Field.id).where(Field.centre_id == centre_id, Field.code == flt.field)) if flt.field else None,
        look_up(select(Counter.id).where(Counter.centre_id == centre_id, Counter.number == flt.counter))
        if flt.counter is not None else None,
        look_up(select(User.id).where(User.centre_id == centre_id, User.username == flt.officer))
        if flt.officer else None,
        flt.priority if flt.priority in ("yes", "no") else None,
        look_up(select(PriorityCategory.id).where(PriorityCategory.centre_id == centre_id,
                                                  PriorityCategory.code == flt.priority))
        if flt.priority and flt.priority not in ("yes", "no") else None)


def narrowed(query, columns, ids: FilterIds):
    """`query` with the filter's conditions on `columns` (field_id, counter_id, staff_id,
    is_priority, priority_id of the ticket or of its stored figures)."""
    for name in ("field_id", "counter_id", "staff_id", "priority_id"):
        wanted = getattr(ids, name)
        if wanted is not None:
            query = query.where(columns[name] == wanted)
    if ids.priority:
        query = query.where(columns["is_priority"] == (1 if ids.priority == "yes" else 0))
    return query


def ticket_columns() -> dict:
    """The tickets' columns a filter narrows (see narrowed)."""
    columns = {name: getattr(Ticket, name) for name in ("field_id", "counter_id", "staff_id", "priority_id")}
    return {**columns, "is_priority": case((Ticket.is_priority, 1), else_=0)}


def report_figures(session, centre_id: int, zone: str, flt: ReportFilter, ids: FilterIds, live_days: list[date]):
    """Every ticket in the filter, as READ columns: the stored figures, and the live figures of
    `live_days` (the days not stored: today's, as a rule)."""
    if flt.days >= (1 << dict(PACKED)["day"]) - 1:
        raise ValueError("a report covers at most a year")   # the pages and the API refuse longer first
    dialect = session.bind.dialect.name
    f = TicketFigures
    parts = [narrowed(select(*[getattr(f, name) for name in COLUMNS[2:]])
                      .where(f.centre_id == centre_id, f.day >= flt.date_from.toordinal(),
                             f.day <= flt.date_to.toordinal()), {name: getattr(f, name) for name in COLUMNS}, ids)]
    if live_days:
        live = live_figures(centre_id, zone, dialect, min(live_days), max(live_days))
        live = live.with_only_columns(*live.selected_columns[2:])
        parts.append(narrowed(live.where(Ticket.service_day.in_(live_days)), ticket_columns(), ids))
    both = (union_all(*parts) if len(parts) > 1 else parts[0]).subquery("figures")
    codes, shift = literal(0, BigInteger), 0
    for name, bits in PACKED:
        base = flt.date_from.toordinal() if name == "day" else 0
        codes = codes + func.coalesce(both.c[name] + (1 - base), 0) * (1 << shift)
        shift += bits
    return select(codes.label("codes"), *[both.c[name] for name in READ[1:]])


def unpacked(codes, first: date) -> dict:
    """The small numbers packed by report_figures, as integer arrays (NONE for NULL)."""
    columns, shift = {}, 0
    for name, bits in PACKED:
        columns[name] = ((codes >> shift) & ((1 << bits) - 1)) - 1 + (first.toordinal() if name == "day" else 0)
        shift += bits
    return columns
