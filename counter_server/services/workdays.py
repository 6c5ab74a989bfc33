"""Appointment dates and the year's days: the working-day calendar (domain/workdays.py) on the
government's decisions kept in calendar_days, a procedure's processing time from the catalogue,
and the centre's time zone and office hours."""
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select

from ..domain.calendar import local_now, parse_hhmm
from ..domain.errors import NoProcessingTime, UnknownProcedure
from ..domain.workdays import Appointment, Decision, WorkingCalendar, appointment
from ..models import CalendarDay, Centre, Field, Procedure
from .context import QueueContext

LABOUR_CODE = ("Bộ luật Lao động 2019, Điều 112 (ngày lễ, tết) và Điều 111 khoản 3 (trùng ngày nghỉ hằng tuần thì "
               "nghỉ bù ngày làm việc kế tiếp); ngày âm lịch tính bằng thư viện holidays")
# The catalogue's words for a processing time's unit (national database), and the API's.
UNIT_WORDS = {"ngày làm việc": "working_days", "ngày": "days", "giờ": "hours", "giờ làm việc": "hours",
              "working_days": "working_days", "days": "days", "hours": "hours"}


@dataclass(frozen=True)
class ProcessingTime:
    amount: float
    unit: str                 # working_days | days | hours
    cutoff: time | None


@dataclass(frozen=True)
class YearDay:
    day: date
    kind: str                 # off | work
    reason: str
    source: str


def working_calendar(ctx: QueueContext) -> WorkingCalendar:
    """The calendar with every decision in the table (a few rows a year)."""
    rows = ctx.read(lambda session: session.execute(select(CalendarDay.day, CalendarDay.kind, CalendarDay.reason)).all())
    return WorkingCalendar([Decision(*row) for row in rows])


def processing_time(ctx: QueueContext, centre_id: int, code: str) -> ProcessingTime:
    """A procedure's processing time as the catalogue states it for dossiers handed in at the
    counter (the direct channel, else the first one)."""
    details = ctx.read(lambda session: session.scalar(
        select(Procedure.details).join(Field).where(Field.centre_id == centre_id, Procedure.code == code)))
    if details is None:
        raise UnknownProcedure(procedure=code)
    allowed = time_allowed(details)
    if allowed is None:
        raise NoProcessingTime(procedure=code)
    return allowed


def time_allowed(details: dict) -> ProcessingTime | None:
    """The processing time a catalogue record states for the counter: the direct channel's, else
    the first way that gives an amount; None when none gives an amount and a known unit."""
    ways = sorted(details.get("ways") or [], key=lambda way: way.get("channel") != "direct")
    way = next((way for way in ways if way.get("time_amount") is not None), None)
    unit = UNIT_WORDS.get(((way or {}).get("time_unit") or "").strip().lower())
    if way is None or unit is None:
        return None
    return ProcessingTime(float(way["time_amount"]), unit, parse_hhmm(way["cutoff"]) if way.get("cutoff") else None)


def appointment_for(ctx: QueueContext, centre_id: int, received_at: datetime, time_allowed: ProcessingTime) -> Appointment:
    """When a dossier received at `received_at` is due, in the centre's time zone and office hours."""
    zone, hours = ctx.read(lambda session: session.execute(
        select(Centre.timezone, Centre.opening_hours).where(Centre.id == centre_id)).one())
    return appointment(local_now(zone, received_at), time_allowed.amount, time_allowed.unit,
                       working_calendar(ctx), time_allowed.cutoff, hours)


def year_days(ctx: QueueContext, year: int) -> list[YearDay]:
    """The year's weekday days off and weekend days worked, with why and on whose decision."""
    calendar = working_calendar(ctx)
    sources = dict(ctx.read(lambda session: session.execute(
        select(CalendarDay.day, CalendarDay.source).where(CalendarDay.day.between(date(year, 1, 1), date(year, 12, 31)))
    ).all()))
    return [YearDay(day, kind, reason, sources.get(day) or LABOUR_CODE)
            for day, kind, reason in calendar.year(year)]
