from datetime import date, datetime, timezone

import pytest

from counter_server.domain import calendar

HCM = "Asia/Ho_Chi_Minh"


def utc(*args):
    return datetime(*args, tzinfo=timezone.utc)


def test_service_day_is_the_centres_local_date_not_the_servers():
    # 17:30 UTC on the 25th is 00:30 on the 26th in Ho Chi Minh City (UTC+7).
    assert calendar.service_day(HCM, utc(2026, 11, 25, 17, 30)) == date(2026, 11, 26)
    assert calendar.service_day("UTC", utc(2026, 11, 25, 17, 30)) == date(2026, 11, 25)


def test_service_day_changes_exactly_at_local_midnight():
    assert calendar.service_day(HCM, utc(2026, 11, 25, 16, 59, 59)) == date(2026, 11, 25)
    assert calendar.service_day(HCM, utc(2026, 11, 25, 17, 0, 0)) == date(2026, 11, 26)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        calendar.service_day(HCM, datetime(2026, 11, 25, 12, 0))


def test_standard_hours_are_open_on_a_weekday_morning_and_closed_at_lunch():
    thursday_0900 = utc(2026, 11, 26, 2, 0)
    thursday_1200 = utc(2026, 11, 26, 5, 0)
    assert calendar.check_open(calendar.STANDARD_HOURS, HCM, thursday_0900).is_open
    lunch = calendar.check_open(calendar.STANDARD_HOURS, HCM, thursday_1200)
    assert not lunch.is_open and lunch.opens_at == "13:15"


def test_closing_time_is_exclusive_and_opening_time_inclusive():
    opens = utc(2026, 11, 26, 0, 15)   # 07:15 local
    closes = utc(2026, 11, 26, 4, 15)  # 11:15 local
    assert calendar.check_open(calendar.STANDARD_HOURS, HCM, opens).is_open
    assert not calendar.check_open(calendar.STANDARD_HOURS, HCM, closes).is_open


def test_sunday_is_closed_with_no_opening_later_that_day():
    sunday_0900 = utc(2026, 11, 29, 2, 0)
    check = calendar.check_open(calendar.STANDARD_HOURS, HCM, sunday_0900)
    assert not check.is_open and check.opens_at is None


def test_saturday_morning_only():
    assert calendar.check_open(calendar.STANDARD_HOURS, HCM, utc(2026, 11, 28, 2, 0)).is_open
    assert not calendar.check_open(calendar.STANDARD_HOURS, HCM, utc(2026, 11, 28, 7, 0)).is_open


def test_always_open_is_open_at_3am():
    assert calendar.check_open(calendar.ALWAYS_OPEN, HCM, utc(2026, 11, 25, 20, 0)).is_open


def test_validate_hours_names_each_problem():
    problems = calendar.validate_hours({"mon": [["11:00", "07:00"]], "xyz": [], "tue": [["7h", "8h"]]})
    assert len(problems) == 3
    assert calendar.validate_hours(calendar.STANDARD_HOURS) == []


def test_day_start_utc_is_local_midnight():
    assert calendar.day_start_utc(HCM, date(2026, 11, 26)) == utc(2026, 11, 25, 17, 0)
