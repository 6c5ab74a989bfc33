"""Working days and appointment dates (ngày làm việc, ngày hẹn trả kết quả).

A day is a day off when the government's yearly decisions say so, else when it is a public holiday
of the Labour Code 2019 (art. 112; a holiday on a weekly rest day is taken on the next working day,
art. 111(3)), else when it is a Saturday or a Sunday. A decision may also make a Saturday a
working day (làm bù). The statutory holidays, lunar ones included (Tết, Hùng Kings' day), come
from the `holidays` package, computed from the lunar calendar; the yearly decisions are data
(the calendar_days table, editable by admins).

Counting convention (README, "Appointment dates"):
- A dossier received on a day off, or after the procedure's cut-off time (e.g. 15:00 for
  same-day civil-status and certification procedures), counts as received on the next working day.
- N working days: counted from the working day after that day (day 1), due on the N-th working
  day. 0 working days is a same-day procedure: due that day.
- N calendar days: due N days after that day; a due date that falls on a day off moves to the
  next working day (Civil Code 2015, art. 148(5)).
- N hours: office hours of working days, from the moment of receipt (or the next opening).
- A due date's time is the end of that day's office hours; an hours-based one is exact.
"""
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays

from .calendar import STANDARD_HOURS, WEEKDAYS, parse_hhmm

UNITS = ("working_days", "days", "hours")
WEEKEND = {5: "Thứ Bảy (nghỉ hằng tuần)", 6: "Chủ nhật (nghỉ hằng tuần)"}
HOURS_IN_A_WORKING_DAY = 8
FALLBACK_CLOSING = time(17, 0)
LONGEST_SEARCH_DAYS = 3700   # ten years: a calendar with no working day at all is a mistake, not a wait


@dataclass(frozen=True)
class Decision:
    """A row of the government's yearly decisions: a day off, or a (Saturday) worked."""

    day: date
    kind: str   # "off" | "work"
    reason: str


@lru_cache(maxsize=64)
def labour_code_holidays(year: int) -> dict[date, str]:
    """The Labour Code's public holidays of `year`, named in Vietnamese (holidays package)."""
    return dict(holidays.country_holidays("VN", years=year, language="vi"))


class WorkingCalendar:
    """Which days are working days, and why the others are not."""

    def __init__(self, decisions: Iterable[Decision] = (),
                 statutory: Callable[[int], dict[date, str]] = labour_code_holidays):
        self.decisions = {decision.day: decision for decision in decisions}
        self.statutory = statutory

    def day_off_reason(self, day: date) -> str | None:
        """Why `day` is not a working day; None when it is one."""
        decision = self.decisions.get(day)
        if decision is not None:
            return decision.reason if decision.kind == "off" else None
        return self.statutory(day.year).get(day) or WEEKEND.get(day.weekday())

    def is_working_day(self, day: date) -> bool:
        return self.day_off_reason(day) is None

    def next_working_day(self, day: date) -> date:
        """The first working day after `day`."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def year(self, year: int) -> list[tuple[date, str, str]]:
        """(day, "off" | "work", reason) for the year's weekday days off and worked weekend days."""
        days, day = [], date(year, 1, 1)
        while day.year == year:
            reason = self.day_off_reason(day)
            if reason is not None and day.weekday() < 5:
                days.append((day, "off", reason))
            elif reason is None and day.weekday() >= 5:
                days.append((day, "work", self.decisions[day].reason))
            day += timedelta(days=1)
        return days


@dataclass(frozen=True)
class Skipped:
    day: date
    reason: str


@dataclass(frozen=True)
class Appointment:
    received_at: datetime
    due_at: datetime
    counted_from: date
    skipped: tuple[Skipped, ...]

    @property
    def due_date(self) -> date:
        return self.due_at.date()


def office_hours(hours: dict | None, day: date) -> list[tuple[time, time]]:
    """The office's intervals on `day`'s weekday (the centre's opening hours, or the common ones)."""
    if not hours or hours.get("always"):
        hours = STANDARD_HOURS
    return [(parse_hhmm(start), parse_hhmm(end)) for start, end in hours.get(WEEKDAYS[day.weekday()], [])]


def closing_time(hours: dict | None, day: date) -> time:
    intervals = office_hours(hours, day)
    return max(end for _, end in intervals) if intervals else FALLBACK_CLOSING


def appointment(received_at: datetime, amount: float, unit: str, calendar: WorkingCalendar,
                cutoff: time | None = None, hours: dict | None = None) -> Appointment:
    """When a dossier received at `received_at` (aware, the centre's local time) is due, for a
    processing time of `amount` `unit`s; `cutoff`: received after it counts as the next working
    day; `hours`: the centre's opening hours (the end of the due day, and office hours for the
    hours unit)."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}")
    if amount < 0:
        raise ValueError("amount must not be negative")
    skipped: list[Skipped] = []
    start = received_at.date()
    if not calendar.is_working_day(start):
        start = _next(calendar, start, skipped, include_from=True)
    elif cutoff is not None and received_at.time() > cutoff:
        skipped.append(Skipped(start, f"nhận sau {cutoff:%H:%M}: tính từ ngày làm việc tiếp theo"))
        start = _next(calendar, start, skipped)
    if unit == "working_days" and amount != int(amount):
        amount, unit = amount * HOURS_IN_A_WORKING_DAY, "hours"
    if unit == "hours":
        return _by_office_hours(received_at, start, amount, calendar, hours, skipped)
    if amount == 0:
        return Appointment(received_at, _end_of(start, received_at, hours), start, tuple(skipped))
    if unit == "working_days":
        counted_from = day = _next(calendar, start, skipped)
        for _ in range(int(amount) - 1):
            day = _next(calendar, day, skipped)
    else:
        counted_from, day = start + timedelta(days=1), start + timedelta(days=int(amount))
        if not calendar.is_working_day(day):
            day = _next(calendar, day, skipped, include_from=True)
    return Appointment(received_at, _end_of(day, received_at, hours), counted_from, tuple(skipped))


def _next(calendar: WorkingCalendar, day: date, skipped: list[Skipped], include_from: bool = False) -> date:
    """The first working day after `day`, noting the days off passed over (and `day` itself when
    `include_from`)."""
    if include_from:
        skipped.append(Skipped(day, calendar.day_off_reason(day)))
    day += timedelta(days=1)
    for _ in range(LONGEST_SEARCH_DAYS):
        reason = calendar.day_off_reason(day)
        if reason is None:
            return day
        skipped.append(Skipped(day, reason))
        day += timedelta(days=1)
    raise ValueError("no working day in ten years: check the calendar")


def _end_of(day: date, received_at: datetime, hours: dict | None) -> datetime:
    return datetime.combine(day, closing_time(hours, day), tzinfo=received_at.tzinfo)


def _by_office_hours(received_at: datetime, start: date, amount: float, calendar: WorkingCalendar,
                     hours: dict | None, skipped: list[Skipped]) -> Appointment:
    """`amount` office hours from the receipt (or from `start`'s opening, when moved to it)."""
    left = timedelta(hours=amount)
    day, moment = start, (received_at.time() if start == received_at.date() else time(0))
    for _ in range(LONGEST_SEARCH_DAYS):
        for opens, closes in office_hours(hours, day):
            begin = max(opens, moment)
            if begin >= closes:
                continue
            span = datetime.combine(day, closes) - datetime.combine(day, begin)
            if left <= span:
                due = datetime.combine(day, begin, tzinfo=received_at.tzinfo) + left
                return Appointment(received_at, due, start, tuple(skipped))
            left -= span
        day, moment = _next(calendar, day, skipped), time(0)
    raise ValueError("no office hours in ten years: check the opening hours")
