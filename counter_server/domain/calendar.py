"""Service day and opening hours, always in the centre's own time zone (giờ địa phương).

Opening hours are data: weekday keys mon..sun, each a list of [start, end] times "HH:MM".
A missing weekday means closed that day. {"always": true} means open round the clock.
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# A common schedule (DOMAIN.md): 07:15-11:15 and 13:15-16:30, Monday to Friday, Saturday morning.
STANDARD_HOURS = {
    **{day: [["07:15", "11:15"], ["13:15", "16:30"]] for day in WEEKDAYS[:5]},
    "sat": [["07:15", "11:15"]],
}
ALWAYS_OPEN = {"always": True}


def local_now(tz_name: str, now: datetime | None = None) -> datetime:
    """`now` (UTC if not given) seen in the centre's time zone."""
    now = now or datetime.now(timezone.utc)
    if now.tzinfo is None:
        raise ValueError("naive datetimes are ambiguous; pass an aware one")
    return now.astimezone(ZoneInfo(tz_name))


def service_day(tz_name: str, now: datetime | None = None) -> date:
    """The centre's local calendar date: the day tickets are numbered in."""
    return local_now(tz_name, now).date()


def parse_hhmm(hhmm: str) -> time:
    hours, minutes = hhmm.split(":")
    return time(int(hours), int(minutes))


@dataclass(frozen=True)
class OpeningCheck:
    """Whether issuing is open now, and when it opens next today (for the message)."""

    is_open: bool
    opens_at: str | None = None


def check_open(hours: dict, tz_name: str, now: datetime | None = None) -> OpeningCheck:
    """Is `now` inside one of today's intervals? End times are exclusive."""
    if hours.get("always"):
        return OpeningCheck(True)
    local = local_now(tz_name, now)
    today = hours.get(WEEKDAYS[local.weekday()], [])
    current = local.time()
    later = []
    for start, end in today:
        if parse_hhmm(start) <= current < parse_hhmm(end):
            return OpeningCheck(True)
        if parse_hhmm(start) > current:
            later.append(start)
    return OpeningCheck(False, min(later) if later else None)


def validate_hours(hours: dict) -> list[str]:
    """Problems in an opening-hours document, in plain words; empty when it is fine."""
    problems = []
    for key, intervals in hours.items():
        if key == "always":
            continue
        if key not in WEEKDAYS:
            problems.append(f"unknown weekday {key!r}")
            continue
        for interval in intervals:
            try:
                start, end = (parse_hhmm(value) for value in interval)
            except (ValueError, TypeError):
                problems.append(f"{key}: {interval!r} is not [HH:MM, HH:MM]")
                continue
            if start >= end:
                problems.append(f"{key}: {interval!r} ends before it starts")
    return problems


def day_start_utc(tz_name: str, day: date) -> datetime:
    """The UTC instant at which a local service day begins."""
    return datetime.combine(day, time(0, 0), ZoneInfo(tz_name)).astimezone(timezone.utc)
