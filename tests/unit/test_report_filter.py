"""A report's range, and how the log's downloads cut it at calendar months."""
from datetime import date

import pytest

from counter_server.reports.filters import ReportFilter, last_days


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
