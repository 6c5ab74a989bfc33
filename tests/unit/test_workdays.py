"""Working days and appointment dates around Tết and the other holidays of 2025 and 2026."""
from datetime import date, datetime, time, timedelta, timezone

import pytest

from counter_server.domain.workdays import Decision, WorkingCalendar, appointment

VN = timezone(timedelta(hours=7))
# The swaps of 2025 and 2026 that the holidays package does not know as working days.
DECISIONS = [
    Decision(date(2025, 4, 26), "work", "Làm bù cho thứ Sáu 02/5/2025"),
    Decision(date(2026, 1, 2), "off", "Nghỉ hoán đổi dịp Tết Dương lịch"),
    Decision(date(2026, 1, 10), "work", "Làm bù cho thứ Sáu 02/01/2026"),
    Decision(date(2026, 8, 22), "work", "Làm bù cho thứ Hai 31/8/2026"),
]
CALENDAR = WorkingCalendar(DECISIONS)


def at(day: str, hhmm: str = "09:00") -> datetime:
    return datetime.fromisoformat(f"{day}T{hhmm}:00+07:00")


def test_the_nine_days_of_tet_2026_are_all_off_and_the_week_after_is_not():
    off = [date(2026, 2, 14) + timedelta(days=n) for n in range(9)]
    assert [CALENDAR.is_working_day(day) for day in off] == [False] * 9
    assert CALENDAR.is_working_day(date(2026, 2, 13)) and CALENDAR.is_working_day(date(2026, 2, 23))
    assert "Tết" in CALENDAR.day_off_reason(date(2026, 2, 17))


def test_three_working_days_from_the_friday_before_tet_2026_end_the_wednesday_after():
    due = appointment(at("2026-02-13", "10:00"), 3, "working_days", CALENDAR)
    assert due.counted_from == date(2026, 2, 23) and due.due_date == date(2026, 2, 25)
    assert [s.day for s in due.skipped] == [date(2026, 2, 14) + timedelta(days=n) for n in range(9)]
    assert due.due_at == datetime(2026, 2, 25, 16, 30, tzinfo=VN)   # the end of that day's office hours


def test_five_working_days_across_tet_2025():
    due = appointment(at("2025-01-24"), 5, "working_days", CALENDAR)
    assert due.counted_from == date(2025, 2, 3) and due.due_date == date(2025, 2, 7)


def test_a_same_day_procedure_received_after_three_is_due_the_next_working_day_even_across_tet():
    before = appointment(at("2026-02-13", "14:59"), 0, "working_days", CALENDAR, cutoff=time(15, 0))
    after = appointment(at("2026-02-13", "15:30"), 0, "working_days", CALENDAR, cutoff=time(15, 0))
    assert before.due_date == date(2026, 2, 13) and before.skipped == ()
    assert after.due_date == date(2026, 2, 23)   # the Monday after the nine days of Tết
    assert after.skipped[0].day == date(2026, 2, 13) and "15:00" in after.skipped[0].reason


def test_a_multi_day_procedure_without_the_cutoff_counts_from_the_next_day_whatever_the_hour():
    due = appointment(at("2026-02-12", "15:30"), 2, "working_days", CALENDAR)
    assert due.counted_from == date(2026, 2, 13) and due.due_date == date(2026, 2, 23)


def test_hung_kings_day_on_a_sunday_2026_is_taken_on_the_monday_and_30_4_1_5_follow():
    assert not CALENDAR.is_working_day(date(2026, 4, 27))
    assert "Hùng Vương" in CALENDAR.day_off_reason(date(2026, 4, 27))
    due = appointment(at("2026-04-24"), 3, "working_days", CALENDAR)
    assert due.counted_from == date(2026, 4, 28) and due.due_date == date(2026, 5, 4)


def test_a_make_up_saturday_is_a_working_day_and_the_swapped_friday_is_not():
    assert CALENDAR.is_working_day(date(2026, 1, 10)) and not CALENDAR.is_working_day(date(2026, 1, 2))
    assert appointment(at("2026-01-09"), 1, "working_days", CALENDAR).due_date == date(2026, 1, 10)
    assert appointment(at("2025-04-25"), 1, "working_days", CALENDAR).due_date == date(2025, 4, 26)


def test_calendar_days_end_on_the_next_working_day_when_the_last_one_is_off():
    due = appointment(at("2026-02-09"), 5, "days", CALENDAR)   # 14/02: the first day of Tết
    assert due.counted_from == date(2026, 2, 10) and due.due_date == date(2026, 2, 23)
    assert appointment(at("2026-03-02"), 10, "days", CALENDAR).due_date == date(2026, 3, 12)


def test_hours_count_office_hours_of_working_days_only():
    due = appointment(at("2026-02-13", "16:00"), 4, "hours", CALENDAR)
    # 16:00–16:30 on Friday 13/2, then Tết, then 3.5 hours from 07:15 on Monday 23/2.
    assert due.due_at == datetime(2026, 2, 23, 10, 45, tzinfo=VN)
    assert appointment(at("2026-02-12", "08:00"), 0.5, "working_days", CALENDAR).due_at == \
        datetime(2026, 2, 12, 14, 0, tzinfo=VN)   # half a working day: four office hours (3¼ + ¾)


def test_a_dossier_received_on_a_weekend_counts_from_the_monday():
    due = appointment(at("2026-03-07", "08:00"), 0, "working_days", CALENDAR)   # a Saturday
    assert due.due_date == date(2026, 3, 9) and due.skipped[0].reason.startswith("Thứ Bảy")


def test_the_year_lists_weekday_days_off_and_weekend_days_worked_with_their_reasons():
    year = {day: (kind, reason) for day, kind, reason in CALENDAR.year(2026)}
    assert year[date(2026, 1, 10)][0] == "work" and year[date(2026, 8, 22)][0] == "work"
    weekdays_off = sorted(day for day, (kind, _) in year.items() if kind == "off")
    assert weekdays_off == [date(2026, 1, 1), date(2026, 1, 2), *[date(2026, 2, d) for d in range(16, 21)],
                            date(2026, 4, 27), date(2026, 4, 30), date(2026, 5, 1), date(2026, 8, 31),
                            date(2026, 9, 1), date(2026, 9, 2), date(2026, 11, 24)]


def test_a_decision_overrides_the_weekend_and_the_statutory_list():
    calendar = WorkingCalendar([Decision(date(2026, 3, 14), "work", "Làm bù"),
                                Decision(date(2026, 3, 16), "off", "Nghỉ đặc biệt")])
    assert calendar.is_working_day(date(2026, 3, 14))
    assert calendar.day_off_reason(date(2026, 3, 16)) == "Nghỉ đặc biệt"


@pytest.mark.parametrize("amount, unit", [(-1, "working_days"), (1, "weeks")])
def test_nonsense_is_refused(amount, unit):
    with pytest.raises(ValueError):
        appointment(at("2026-03-02"), amount, unit, CALENDAR)
