"""The report figures: counts, means, medians, 90th percentiles and maxima, per grouping.

The database picks the tickets and works out each one's figures (facts.py: local day and hour,
outcome, durations; stored once per closed day, stored.py). One query reads them, and NumPy
groups them: a year of a busy centre is some 200,000 tickets, and every grouping's exact medians
cost seconds as SQL window functions or ordered-set aggregates but milliseconds as array sorts
(docs/benchmarks.md, "Reports").

- median: the middle value (the mean of the two middle ones for an even count); 90th
  percentile: nearest rank (the value at rank ⌈0.9·n⌉).
- Durations are measured to the millisecond and shown in seconds."""
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from sqlalchemy import func, select

from ..domain import calendar
from ..models import Centre, Counter, Field, User
from ..services.context import QueueContext
from .facts import CANCELLED, EXPIRED, NO_SHOW, NONE, OPEN, READ, SERVED, filter_ids, report_figures, unpacked
from .filters import ReportFilter
from .stored import days_to_store, store_closed_days

WAIT_BUCKET_MINUTES = 5
WAIT_BUCKETS = 12            # 0–5, 5–10 … 55–60 minutes, then 60 and more
KEYS = {"day": "day", "hour": "hour", "field": "field_id", "counter": "counter_id", "officer": "staff_id",
        "centre": "centre_id"}


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


class Facts:
    """The figures of every ticket in a filter, a column each (facts.READ): ids, hours and
    counts as integers (NONE where missing), durations in milliseconds as floats (NaN where
    not measured); and the names of the ids."""

    def __init__(self, table: np.ndarray, first: date, names: dict[str, dict[int, object]]):
        read = {name: table[:, index] for index, name in enumerate(READ)}
        self.columns = {name: read[name] for name in READ if name.endswith("_ms")}
        self.columns |= {name: np.nan_to_num(read[name], nan=NONE).astype(np.int64)
                         for name in ("field_id", "counter_id", "staff_id")}
        self.columns |= unpacked(read["codes"].astype(np.int64), first)
        self.names = names          # "field": code, "counter": number, "officer": name, by id
        self._by_value: dict[str, np.ndarray] = {}

    @classmethod
    def of_centres(cls, parts: dict[int, "Facts"], centre_names: dict[int, str]) -> "Facts":
        """Several centres' facts as one (a province total): a field is one row by its code in
        every centre; counters and officers keep their centre's name beside them."""
        combined = cls.__new__(cls)
        canonical: dict[str, int] = {}
        field_ids = {}
        for facts in parts.values():
            field_ids |= {field_id: canonical.setdefault(code, field_id) for field_id, code in facts.names["field"].items()}
        columns = {name: np.concatenate([facts.columns[name] for facts in parts.values()])
                   for name in next(iter(parts.values())).columns}
        columns["field_id"] = _renumbered(columns["field_id"], field_ids)
        combined.columns, combined._by_value = columns, {}
        combined.names = {"field": {field_id: code for code, field_id in canonical.items()}, "counter": {},
                          "officer": {}, "centre": centre_names}
        for centre_id, facts in parts.items():
            combined.names["counter"] |= {key: f"{number} · {centre_names[centre_id]}"
                                          for key, number in facts.names["counter"].items()}
            combined.names["officer"] |= {key: f"{name} ({centre_names[centre_id]})"
                                          for key, name in facts.names["officer"].items()}
        return combined

    def __len__(self) -> int:
        return len(self.columns["day"])

    def by_value(self, measure: str) -> np.ndarray:
        """The positions of the tickets with this duration measured, shortest first (sorted once
        per report, shared by every grouping)."""
        if measure not in self._by_value:
            values = self.columns[measure]
            measured = np.flatnonzero(~np.isnan(values))
            self._by_value[measure] = measured[np.argsort(values[measured])]
        return self._by_value[measure]


def load(ctx: QueueContext, centres: int | Sequence[int], flt: ReportFilter) -> Facts:
    """Store the closed days the filter covers if need be, then read its tickets' figures: of one
    centre, or of several as one (Facts.of_centres)."""
    if isinstance(centres, int) or len(centres) == 1:
        return _load(ctx, centres if isinstance(centres, int) else centres[0], flt)
    names = ctx.read(lambda session: {centre_id: name for centre_id, name in
                                      session.execute(select(Centre.id, Centre.name).where(Centre.id.in_(centres)))})
    return Facts.of_centres({centre_id: _load(ctx, centre_id, flt) for centre_id in centres}, names)


def _renumbered(ids: np.ndarray, new_ids: dict[int, int]) -> np.ndarray:
    """`ids` with each one in `new_ids` replaced (the others, NONE included, kept)."""
    if not new_ids:
        return ids
    table = np.arange(max(max(new_ids), int(ids.max(initial=0))) + 1)
    for old, new in new_ids.items():
        table[old] = new
    known = ids >= 0
    renumbered = ids.copy()
    renumbered[known] = table[ids[known]]
    return renumbered


def _load(ctx: QueueContext, centre_id: int, flt: ReportFilter) -> Facts:
    zone = ctx.read(lambda session: session.scalar(select(Centre.timezone).where(Centre.id == centre_id)))
    store_closed_days(ctx, centre_id, flt.date_from, flt.date_to, calendar.service_day(zone, ctx.clock()))

    def work(session):
        live_days = days_to_store(session, centre_id, flt.date_from, flt.date_to)   # not stored: read live
        query = report_figures(session, centre_id, zone, flt, filter_ids(session, centre_id, flt), live_days)
        # Plain tuples straight from the driver (no Row objects: a year is 200,000 of them).
        rows = session.connection().execute(query).cursor.fetchall()
        table = np.array(rows, dtype=np.float64).reshape(len(rows), len(READ))
        pairs = lambda query: {key: value for key, value in session.execute(query)}
        names = {
            "field": pairs(select(Field.id, Field.code).where(Field.centre_id == centre_id)),
            "counter": pairs(select(Counter.id, Counter.number).where(Counter.centre_id == centre_id)),
            "officer": pairs(select(User.id, func.coalesce(func.nullif(User.full_name, ""), User.username))
                             .where(User.centre_id == centre_id)),
            "centre": pairs(select(Centre.id, Centre.name).where(Centre.id == centre_id))}
        facts = Facts(table, flt.date_from, names)
        facts.columns["centre_id"] = np.full(len(rows), centre_id, dtype=np.int64)
        return facts
    return ctx.read(work)


def summary(ctx: QueueContext, centres: int | Sequence[int], flt: ReportFilter, group: str | None
            ) -> list[GroupFigures]:
    """One grouping's figures (or the total's) for the filter."""
    return grouped(load(ctx, centres, flt), group)


def grouped(facts: Facts, group: str | None) -> list[GroupFigures]:
    """The figures per group ("day", "hour", "field", "counter", "officer"), or the total (None)."""
    if not len(facts):
        return [] if group else [_empty()]
    column = facts.columns
    least, index, size = _places(facts, group)

    def count(mask) -> np.ndarray:
        return np.bincount(index[mask], minlength=size)
    outcome = column["outcome"]
    counts = {"issued": np.bincount(index, minlength=size), "served": count(outcome == SERVED),
              "no_show": count(outcome == NO_SHOW), "expired": count(outcome == EXPIRED),
              "cancelled": count(outcome == CANCELLED), "transferred": count(column["transferred"] == 1),
              "open": count(outcome == OPEN), "on_time": count(column["on_time"] == 1),
              "on_time_of": count(column["on_time_of"] == 1)}
    present = np.flatnonzero(counts["issued"])          # the groups with tickets
    spreads = [_spreads(facts, name + "_ms", index, size, present) for name in ("wait", "walk", "service")]
    rows = []
    for number, position in enumerate(present.tolist()):
        key = _key(group, position + least, facts.names)
        rows.append(GroupFigures(key, _label(group, key), *(int(counts[name][position]) for name in counts),
                                 *(durations[number] for durations in spreads)))
    return _in_order(rows) if group else rows


def _places(facts: Facts, group: str | None) -> tuple[int, np.ndarray, int]:
    """Each ticket's group as a place 0…size-1 (the total: one group), and the least key."""
    if not group:
        return 0, np.zeros(len(facts), dtype=np.int64), 1
    # ids, days and hours are small whole numbers: a group's place is its key less the least
    raw = facts.columns[KEYS[group]]
    least = int(raw.min())
    return least, raw - least, int(raw.max()) - least + 1


def _in_order(rows: list) -> list:
    """Rows by their key (day, hour, field code, counter number, name), the one without a key last."""
    return sorted(rows, key=lambda row: (row.key is None, row.key if row.key is not None else 0))


def _spreads(facts: Facts, measure: str, index: np.ndarray, size: int, present: np.ndarray) -> list[Durations]:
    """Count, mean, median, 90th percentile and maximum of a duration (milliseconds) for each
    group in `present`."""
    by_value = facts.by_value(measure)
    groups = index[by_value]                    # each measured ticket's group, shortest first
    values = facts.columns[measure][by_value]
    counts = np.bincount(groups, minlength=size)
    sums = np.bincount(groups, weights=values, minlength=size)
    # Stably by group: each group's values in order, one group after another (a radix sort).
    narrow = groups.astype(np.uint16) if size <= np.iinfo(np.uint16).max else groups
    ordered = values[np.argsort(narrow, kind="stable")]
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    medians, p90, maxima = (np.zeros(size) for _ in range(3))
    some = counts > 0
    first, n = starts[some], counts[some]
    medians[some] = (ordered[first + (n - 1) // 2] + ordered[first + n // 2]) / 2
    p90[some] = ordered[first + (9 * n + 9) // 10 - 1]           # rank ⌈0.9·n⌉
    maxima[some] = ordered[first + n - 1]
    return [Durations(n, _seconds(total / n), _seconds(median), _seconds(p), _seconds(top)) if n
            else Durations(0, None, None, None, None)
            for n, total, median, p, top in zip(*(part[present].tolist()
                                                  for part in (counts, sums, medians, p90, maxima)))]


def _seconds(milliseconds: float) -> float:
    return round(milliseconds / 1000, 3)


def _key(group, raw: int, names):
    if group is None or raw == NONE:
        return None
    if group == "day":
        return date.fromordinal(raw)
    if group == "hour":
        return raw
    return names[group].get(raw)


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


def ratings(facts: Facts) -> dict[int, int]:
    """How many ratings at each level (3 best) for the tickets in the filter."""
    levels = facts.columns["rating"]
    found, counts = np.unique(levels[levels != NONE], return_counts=True)
    return dict(zip(found.tolist(), counts.tolist()))


def satisfied_share(counts: dict[int, int], levels) -> float | None:
    """Share of ratings at the best two of the centre's `levels` (rất hài lòng, hài lòng)."""
    rated = sum(counts.values())
    best = sorted(levels, reverse=True)[:2]
    return sum(counts.get(level, 0) for level in best) / rated if rated else None


@dataclass(frozen=True)
class Satisfaction:
    """One counter's or officer's served tickets and their ratings (đánh giá mức độ hài lòng)."""

    key: object                # a counter number or an officer's name
    label: str
    served: int
    ratings: dict[int, int]    # level → how many

    @property
    def rated(self) -> int:
        """How many of its tickets were rated."""
        return sum(self.ratings.values())

    def share(self, level: int) -> float | None:
        """Share of this group's ratings at `level`."""
        return self.ratings.get(level, 0) / self.rated if self.rated else None


def satisfaction(facts: Facts, group: str) -> list[Satisfaction]:
    """Served tickets and ratings at each level per counter or officer (the ticket's, who served it);
    groups that neither served nor were rated are left out."""
    if not len(facts):
        return []
    least, index, size = _places(facts, group)
    column = facts.columns
    served = np.bincount(index[column["outcome"] == SERVED], minlength=size)
    levels = np.unique(column["rating"][column["rating"] != NONE]).tolist()
    rated = {level: np.bincount(index[column["rating"] == level], minlength=size) for level in levels}
    rows = []
    for position in np.flatnonzero(served + sum(rated.values(), np.zeros(size, dtype=np.int64))).tolist():
        key = _key(group, position + least, facts.names)
        counts = {level: int(found[position]) for level, found in rated.items() if found[position]}
        rows.append(Satisfaction(key, _label(group, key), int(served[position]), counts))
    return _in_order(rows)


def waits_histogram(facts: Facts) -> list[int]:
    """Tickets by waiting time, in 5-minute steps: [0–5, 5–10, …, 55–60, 60 and more]."""
    waits = facts.columns["wait_ms"]
    buckets = np.minimum(waits[~np.isnan(waits)] // (WAIT_BUCKET_MINUTES * 60_000), WAIT_BUCKETS).astype(np.int64)
    return np.bincount(buckets, minlength=WAIT_BUCKETS + 1).tolist()


def by_hour(facts: Facts) -> tuple[dict[int, int], dict[int, int]]:
    """Arrivals (tickets issued) and services (tickets completed) by local hour of day."""
    def tally(hours):
        found, counts = np.unique(hours, return_counts=True)
        return dict(zip(found.tolist(), counts.tolist()))
    column = facts.columns
    return tally(column["hour"]), tally(column["finished_hour"][column["outcome"] == SERVED])
