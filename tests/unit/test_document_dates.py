"""Dates as administrative documents write them (Decree 30/2020/NĐ-CP, Appendix I)."""
from datetime import date

from counter_server.forms.receipt import date_words


def test_documents_write_dates_with_a_zero_before_days_under_10_and_months_1_and_2_only():
    assert date_words(date(2026, 3, 5)) == "ngày 05 tháng 3 năm 2026"
    assert date_words(date(2026, 2, 13)) == "ngày 13 tháng 02 năm 2026"
    assert date_words(date(2026, 12, 1)) == "ngày 01 tháng 12 năm 2026"
