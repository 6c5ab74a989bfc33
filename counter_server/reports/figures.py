"""The report figures, computed in the database (SQLite and PostgreSQL alike).

Definitions (the README repeats them for managers):
- waiting time: issue → first call; walk time: the call that was served → "start" (only when
  the officer pressed start); service time: start → complete.
- median: the middle value (the mean of the two middle ones for an even count); 90th
  percentile and every other quantile: nearest rank (the value at rank ⌈0.9·n⌉).
- served: completed; no-show: not served after missing a call; expired: the day ended before
  the ticket was called; transferred: sent to another field or counter at least once.
- on time: called within the field's target wait; counted over tickets that were called or
  whose day ended uncalled.
- day: the centre's service day; hour: the local hour the ticket was issued."""
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import Integer, and_, case, cast, column, func, literal, or_, select, table, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased
from sqlalchemy.sql.expression import ClauseElement, Executable

from ..models import Centre, Counter, Field, PriorityCategory, Rating, Ticket, User
from ..services.context import QueueContext
from .filters import ReportFilter

WAIT_BUCKET_MINUTES = 5
WAIT_BUCKETS = 12            # 0–5, 5–10 … 55–60 minutes, then 60 and more
FACTS = "report_facts"       # the temporary table of one report


@dataclass(frozen=True)
class Durations:
    """Seconds; None when nothing was measured."""

    count: int
    mean: float | None
    median: float | None
    p90: float | None
    max: float | None


@dataclass(frozen=True)
class GroupFigures:
    key: object                # a date, an hour, a field code, a counter number, an officer's name; None: total
    label: str
    issued: int
    served: int
    no_show: int
    expired: int
    cancelled: int
    transferred: int
    open: int                  # still waiting or at a counter (today)
    on_time: int
    on_time_of: int
    wait: Durations
    walk: Durations
    service: Durations

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.on_time_of if self.on_time_of else None


def seconds_between(later, earlier, dialect: str):
    """Seconds from `earlier` to `later`, to the millisecond on both engines."""
    if dialect == "sqlite":   # julianday's doubles are off by microseconds: rounded to milliseconds
        return func.round((func.julianday(later) - func.julianday(earlier)) * 86400.0, 3)
    return func.extract("epoch", later - earlier)


def local_hour(moment, zone: str, dialect: str, on: date):
    """The hour of day of a UTC timestamp in the centre's zone. SQLite has no zone database, so
    it adds the zone's offset on `on` (Vietnam keeps one offset all year)."""
    if dialect == "sqlite":
        offset = ZoneInfo(zone).utcoffset(datetime.combine(on, time(12)))
        return cast(func.strftime("%H", moment, f"{int(offset.total_seconds()):+d} seconds"), Integer)
    return cast(func.extract("hour", func.timezone(zone, moment)), Integer)


def ticket_facts(centre_id: int, flt: ReportFilter, zone: str, dialect: str):
    """One row per ticket in the filter: its group keys and measured seconds (a SELECT)."""
    t, counter, officer = Ticket, aliased(Counter), aliased(User)
    wait = seconds_between(t.first_called_at, t.issued_at, dialect)
    walk = case((t.started_at > t.called_at, seconds_between(t.started_at, t.called_at, dialect)))
    service = case((and_(t.status == "completed", t.started_at.is_not(None)),
                    seconds_between(t.finished_at, t.started_at, dialect)))
    called = t.first_called_at.is_not(None)
    query = (
        select(t.id.label("ticket_id"), t.service_day.label("day"),
               local_hour(t.issued_at, zone, dialect, flt.date_from).label("hour"),
               local_hour(t.finished_at, zone, dialect, flt.date_from).label("finished_hour"),
               Field.code.label("field"), counter.number.label("counter"),
               func.coalesce(func.nullif(officer.full_name, ""), officer.username).label("officer"),
               t.status, t.no_show_count, t.transfer_count, t.issued_at, t.finished_at,
               case((called, wait)).label("wait"), walk.label("walk"), service.label("service"),
               case((and_(called, wait <= Field.target_wait_minutes * 60), 1), else_=0).label("on_time"),
               case((or_(called, t.status == "expired"), 1), else_=0).label("on_time_of"))
        .join(Field, Field.id == t.field_id)
        .outerjoin(counter, counter.id == t.counter_id)
        .outerjoin(officer, officer.id == t.staff_id)
        .where(t.centre_id == centre_id, t.service_day >= flt.date_from, t.service_day <= flt.date_to))
    if flt.field:
        query = query.where(Field.code == flt.field)
    if flt.counter is not None:
        query = query.where(counter.number == flt.counter)
    if flt.officer:
        query = query.where(officer.username == flt.officer)
    if flt.priority == "yes":
        query = query.where(t.is_priority.is_(True))
    elif flt.priority == "no":
        query = query.where(t.is_priority.is_(False))
    elif flt.priority:
        query = query.where(t.priority_id == select(PriorityCategory.id).where(
            PriorityCategory.centre_id == centre_id, PriorityCategory.code == flt.priority).scalar_subquery())
    return query


def facts_of(session, centre_id: int, flt: ReportFilter):
    """The facts as a subquery (the log reads one page of it)."""
    return ticket_facts(centre_id, flt, _zone(session, centre_id), session.bind.dialect.name).subquery("facts")


@contextmanager
def facts_table(session, centre_id: int, flt: ReportFilter):
    """The facts worked out once into a temporary table, for the many groupings of one report.
    Temporary tables belong to the connection: it is dropped before the connection goes back."""
    facts = ticket_facts(centre_id, flt, _zone(session, centre_id), session.bind.dialect.name)
    session.execute(text(f"DROP TABLE IF EXISTS {FACTS}"))
    session.execute(CreateTemporaryTableAs(FACTS, facts))
    try:
        yield table(FACTS, *[column(c.name, c.type) for c in facts.selected_columns])
    finally:
        session.execute(text(f"DROP TABLE {FACTS}"))


class CreateTemporaryTableAs(Executable, ClauseElement):
    inherit_cache = False

    def __init__(self, name: str, query):
        self.name, self.query = name, query


@compiles(CreateTemporaryTableAs)
def _create_temporary_table_as(element, compiler, **kw):
    return f"CREATE TEMPORARY TABLE {element.name} AS {compiler.process(element.query, **kw)}"


def _zone(session, centre_id: int) -> str:
    return session.scalar(select(Centre.timezone).where(Centre.id == centre_id))


def with_facts(ctx: QueueContext, centre_id: int, flt: ReportFilter, work):
    """`work(session, facts)` in one read transaction over the facts table."""
    def run(session):
        with facts_table(session, centre_id, flt) as facts:
            return work(session, facts)
    return ctx.read(run)


def summary(ctx: QueueContext, centre_id: int, flt: ReportFilter, group: str | None) -> list[GroupFigures]:
    """The figures per group ("day", "hour", "field", "counter", "officer"), or the total (None)."""
    return with_facts(ctx, centre_id, flt, lambda session, facts: grouped(session, facts, group))


def grouped(session, facts, group: str | None) -> list[GroupFigures]:
    key = facts.c[group] if group else literal("all")
    counts = {row.key: row for row in session.execute(_counts(facts, key))}
    spread = _ordered_set_spreads if session.bind.dialect.name == "postgresql" else _spreads
    spreads = {row.key: row for row in session.execute(spread(facts, key))}
    rows = [_figures(group, row, spreads.get(row.key)) for row in counts.values()]
    if not group:
        return rows or [_empty()]
    return sorted(rows, key=lambda row: (row.key is None, row.key if row.key is not None else 0))


def _counts(facts, key):
    status = facts.c.status
    return (select(key.label("key"), func.count().label("issued"),
                   func.sum(case((status == "completed", 1), else_=0)).label("served"),
                   func.sum(case((and_(status.in_(("no_show", "expired")), facts.c.no_show_count > 0), 1),
                                 else_=0)).label("no_show"),
                   func.sum(case((and_(status == "expired", facts.c.no_show_count == 0), 1), else_=0)).label("expired"),
                   func.sum(case((status == "cancelled", 1), else_=0)).label("cancelled"),
                   func.sum(case((facts.c.transfer_count > 0, 1), else_=0)).label("transferred"),
                   func.sum(case((status.in_(("waiting", "called", "serving")), 1), else_=0)).label("open"),
                   func.sum(facts.c.on_time).label("on_time"), func.sum(facts.c.on_time_of).label("on_time_of"),
                   *[part for name in ("wait", "walk", "service") for part in (
                       func.count(facts.c[name]).label(name + "_n"), func.avg(facts.c[name]).label(name + "_mean"),
                       func.max(facts.c[name]).label(name + "_max"))])
            .group_by(key))


def _ordered_set_spreads(facts, key):
    """The same on PostgreSQL with its ordered-set aggregates, which sort each group once instead
    of ranking every row: percentile_cont(0.5) is the median as defined above, percentile_disc(0.9)
    the nearest rank."""
    columns = []
    for name in ("wait", "walk", "service"):
        value = facts.c[name]
        columns += [func.percentile_cont(0.5).within_group(value).label(name + "_median"),
                    func.percentile_disc(0.9).within_group(value).label(name + "_p90")]
    return select(key.label("key"), *columns).group_by(key)


def _spreads(facts, key):
    """Median and 90th percentile of each duration per group, with window functions (SQLite)."""
    ranked = select(key.label("key"), *[column for name in ("wait", "walk", "service") for column in (
        facts.c[name].label(name),
        func.row_number().over(partition_by=key, order_by=facts.c[name].asc().nulls_last()).label(name + "_rank"),
        func.count(facts.c[name]).over(partition_by=key).label(name + "_n"))]).subquery("ranked")
    columns = []
    for name in ("wait", "walk", "service"):
        value, rank, n = ranked.c[name], ranked.c[name + "_rank"], ranked.c[name + "_n"]
        middle = or_(rank == (n + 1) // 2, rank == (n + 2) // 2)
        columns += [func.avg(case((and_(n > 0, middle), value))).label(name + "_median"),
                    func.max(case((and_(n > 0, rank == (9 * n + 9) // 10), value))).label(name + "_p90")]
    return select(ranked.c.key, *columns).group_by(ranked.c.key)


def _figures(group, row, spread) -> GroupFigures:
    def durations(name):
        count = getattr(row, name + "_n") or 0
        return Durations(count, _float(getattr(row, name + "_mean")),
                         _float(getattr(spread, name + "_median", None)) if spread else None,
                         _float(getattr(spread, name + "_p90", None)) if spread else None,
                         _float(getattr(row, name + "_max")))
    key = None if not group else row.key
    if group == "day" and isinstance(key, str):
        key = date.fromisoformat(key)
    return GroupFigures(key, _label(group, key), row.issued, *(int(getattr(row, name) or 0) for name in (
        "served", "no_show", "expired", "cancelled", "transferred", "open", "on_time", "on_time_of")),
        durations("wait"), durations("walk"), durations("service"))


def _label(group, key) -> str:
    if group is None:
        return "Tổng"
    if key is None:
        return {"counter": "(chưa tới quầy)", "officer": "(chưa có cán bộ)"}.get(group, "—")
    if group == "day":
        return key.strftime("%d/%m/%Y")
    if group == "hour":
        return f"{key:02d}:00–{key + 1:02d}:00"
    if group == "counter":
        return f"Quầy {key}"
    return str(key)


def _empty() -> GroupFigures:
    none = Durations(0, None, None, None, None)
    return GroupFigures(None, "Tổng", 0, 0, 0, 0, 0, 0, 0, 0, 0, none, none, none)


def _float(value):
    """Seconds to the millisecond."""
    return None if value is None else round(float(value), 3)


def satisfaction(ctx: QueueContext, centre_id: int, flt: ReportFilter) -> dict[int, int]:
    """How many ratings at each level (3 best) for the tickets in the filter."""
    return with_facts(ctx, centre_id, flt, ratings)


def ratings(session, facts) -> dict[int, int]:
    rows = session.execute(select(Rating.level, func.count()).join(facts, facts.c.ticket_id == Rating.ticket_id)
                           .group_by(Rating.level))
    return {level: count for level, count in rows}


def waits_histogram(ctx: QueueContext, centre_id: int, flt: ReportFilter) -> list[int]:
    """Tickets by waiting time, in 5-minute steps: [0–5, 5–10, …, 55–60, 60 and more]."""
    def work(session, facts):
        step = WAIT_BUCKET_MINUTES * 60
        bucket = case(*[(facts.c.wait < step * (index + 1), index) for index in range(WAIT_BUCKETS)],
                      else_=WAIT_BUCKETS)
        rows = session.execute(select(bucket.label("bucket"), func.count()).where(facts.c.wait.is_not(None))
                               .group_by("bucket"))
        counts = [0] * (WAIT_BUCKETS + 1)
        for index, count in rows:
            counts[int(index)] += count
        return counts
    return with_facts(ctx, centre_id, flt, work)


def by_hour(ctx: QueueContext, centre_id: int, flt: ReportFilter) -> tuple[dict[int, int], dict[int, int]]:
    """Arrivals (tickets issued) and services (tickets completed) by local hour of day."""
    def work(session, facts):
        arrivals = dict(session.execute(select(facts.c.hour, func.count()).group_by(facts.c.hour)).all())
        services = dict(session.execute(select(facts.c.finished_hour, func.count())
                                        .where(facts.c.status == "completed").group_by(facts.c.finished_hour)).all())
        return arrivals, services
    return with_facts(ctx, centre_id, flt, work)
