"""A report's range, how the log's downloads cut it at calendar months, and the days people type
into the report forms (dd/mm/yyyy; the pages' own links write yyyy-mm-dd)."""
from datetime import date

import pytest

from counter_server.domain.errors import InvalidReportRange
from counter_server.reports.filters import ReportFilter, last_days, parse_day


def test_the_default_range_is_the_last_thirty_days_up_to_today():
    assert last_days(date(2026, 11, 26)) == ReportFilter(date(2026, 10, 28), date(2026, 11, 26))


def test_a_range_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        ReportFilter(date(2026, 11, 2), date(2026, 11, 1))


def test_a_year_is_cut_into_calendar_months_keeping_the_filter():
    months = ReportFilter(date(2025, 11, 26), date(2026, 11, 26), field="HT").months()
    assert [(m.date_from, m.date_to) for m in months[:3]] == [
        (date(2025, 11, 26), date(2025, 11, 30)), (date(2025, 12, 1), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 1, 31))]
    assert (months[3].date_to, months[-1].date_from, months[-1].date_to) == (
        date(2026, 2, 28), date(2026, 11, 1), date(2026, 11, 26))
    assert len(months) == 13 and {m.field for m in months} == {"HT"}


def test_a_range_inside_one_month_stays_whole():
    flt = ReportFilter(date(2026, 11, 3), date(2026, 11, 9))
    assert flt.months() == [flt]


def test_a_range_longer_than_a_year_is_refused_in_words():
    with pytest.raises(InvalidReportRange, match="tối đa một năm"):
        ReportFilter(date(2025, 1, 1), date(2026, 11, 26))


def test_an_asked_range_has_both_ends_optional():
    today = date(2026, 11, 26)
    assert ReportFilter.asked(None, None, today) == last_days(today)
    assert ReportFilter.asked(date(2026, 11, 1), None, today) == ReportFilter(date(2026, 11, 1), today)
    assert ReportFilter.asked(None, date(2026, 6, 30), today) == ReportFilter(date(2026, 6, 1), date(2026, 6, 30))
    assert ReportFilter.asked(None, None, today, field="HT").field == "HT"


def test_an_asked_start_more_than_a_year_ago_without_an_end_is_refused_not_a_crash():
    # The fuzzer's GET /reports/waits?from=2024-01-01 (no `to`) answered 500.
    with pytest.raises(InvalidReportRange):
        ReportFilter.asked(date(2024, 1, 1), None, date(2026, 11, 26))
    with pytest.raises(InvalidReportRange):
        ReportFilter.asked(date(26, 12, 31), None, date(2026, 11, 26))


def test_an_asked_end_at_the_start_of_the_calendar_is_refused_not_a_crash():
    with pytest.raises(InvalidReportRange):
        ReportFilter.asked(None, date(1, 1, 3), date(2026, 11, 26))


def test_an_asked_start_after_today_is_refused():
    with pytest.raises(InvalidReportRange, match="sau ngày kết thúc"):
        ReportFilter.asked(date(2026, 12, 1), None, date(2026, 11, 26))


@pytest.mark.parametrize("typed", ["26/11/2026", "26.11.2026", "26-11-2026", "26112026", " 26/11/2026 ", "2026-11-26"])
def test_a_day_typed_as_dd_mm_yyyy_or_given_as_yyyy_mm_dd_is_read(typed):
    assert parse_day(typed) == date(2026, 11, 26)


def test_day_and_month_may_be_typed_with_one_digit_and_are_never_swapped():
    assert parse_day("6/1/2026") == date(2026, 1, 6)
    assert parse_day("01/02/2026") == date(2026, 2, 1)       # 1 February, not January 2nd


def test_a_day_read_back_as_the_pages_write_it_is_the_same_day():
    for day in (date(2026, 1, 1), date(2026, 2, 28), date(2024, 2, 29), date(2026, 12, 31)):
        assert parse_day(day.strftime("%d/%m/%Y")) == day


def test_no_day_typed_means_no_end_given():
    assert parse_day("") is None and parse_day(None) is None and parse_day("   ") is None


@pytest.mark.parametrize("typed", ["31/02/2026", "29/02/2026", "00/01/2026", "10/29/2026", "2026-13-01", "1/1/26",
                                   "26/11", "hôm nay", "２６/１１/２０２６", "26/11/2026; drop"])
def test_what_is_not_a_day_is_refused_in_words(typed):
    with pytest.raises(InvalidReportRange, match="Ngày không hợp lệ.*dạng ngày/tháng/năm, ví dụ 26/11/2026"):
        parse_day(typed)

