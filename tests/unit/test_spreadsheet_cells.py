"""Text from the database goes into spreadsheet cells as text a spreadsheet shows and never runs
(OWASP, CSV Injection), and the catalogue reads its own cells back unchanged."""
import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from counter_server.spreadsheet_cells import csv_cell, csv_text, put, read_csv_text, read_workbook_text

FORMULAS = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1", "-", "-1+2", "-5", "@SUM(A1)",
            "\t=1+1", "\r=1+1", "\n=1+1"]
PLAIN = ["Đăng ký khai sinh", "A001", "1.001193", "Miễn phí", "5 - 10 ngày", "a=b", "", "'", "''", "'abc",
         "Tờ khai \"mẫu\", bản chính"]
TRICKY = ["'=1", "''=1", "'-", "'''@x", "=", "'"]


@pytest.mark.parametrize("text", FORMULAS)
def test_text_that_would_start_a_formula_is_written_behind_a_quote_in_csv(text):
    assert csv_text(text) == "'" + text


@pytest.mark.parametrize("text", PLAIN)
def test_other_text_is_written_as_it_is(text):
    assert csv_text(text) == text


def test_numbers_and_dates_stay_as_written_even_below_zero():
    assert csv_cell(-5) == "-5" and csv_cell(-0.5, lambda value: f"{value:.1f}".replace(".", ",")) == "-0,5"
    assert csv_cell(date(2025, 12, 31), lambda value: value.strftime("%d/%m/%Y")) == "31/12/2025"
    assert csv_cell(None) == ""
    assert csv_cell("-5") == "'-5"


@pytest.mark.parametrize("text", FORMULAS + PLAIN + TRICKY)
def test_reading_a_csv_cell_takes_off_only_the_quote_the_export_added(text):
    assert read_csv_text(csv_text(text)) == text


def test_a_name_that_really_starts_with_a_quote_before_a_formula_keeps_its_quote():
    assert csv_text("'=1") == "''=1"
    assert read_csv_text("''=1") == "'=1"


def test_a_cell_typed_behind_a_quote_in_a_spreadsheet_reads_as_the_text_after_it():
    assert read_csv_text("'=1+1") == "=1+1"
    assert read_csv_text("'abc") == "'abc"      # no formula behind it: the quote is part of the text


def saved_and_loaded(values: list):
    book = Workbook()
    for column, value in enumerate(values, start=1):
        put(book.active.cell(row=1, column=column), value)
    out = io.BytesIO()
    book.save(out)
    return list(load_workbook(io.BytesIO(out.getvalue())).active[1])


def test_a_workbook_cell_holds_text_never_a_formula():
    cells = saved_and_loaded(FORMULAS[:7])
    assert [cell.data_type for cell in cells] == ["s"] * 7
    assert [cell.value for cell in cells] == FORMULAS[:7]
    assert all(cell.quotePrefix for cell in cells)          # Excel keeps it text when the cell is edited


def test_a_workbook_keeps_numbers_dates_and_plain_text_as_they_are():
    number, day, text = saved_and_loaded([-5, date(2025, 12, 31), "Đăng ký khai sinh"])
    assert (number.value, number.data_type) == (-5, "n")
    assert day.value.date() == date(2025, 12, 31) and day.is_date
    assert (text.value, text.data_type, text.quotePrefix) == ("Đăng ký khai sinh", "s", False)


@pytest.mark.parametrize("text", ["a\rb", "a\r\nb", "\r=1", "_x000D_", "_x1234\r", "_x005F_", "_x12\r", "_xABCD_\r"])
def test_a_carriage_return_and_text_that_looks_like_an_escape_come_back_from_a_workbook(text):
    [cell] = saved_and_loaded([text])
    assert read_workbook_text(cell.value) == text


def test_excel_escapes_are_read_but_not_a_character_a_database_would_refuse():
    assert read_workbook_text("Dòng một_x000D_\nDòng hai") == "Dòng một\r\nDòng hai"
    assert read_workbook_text("a_x0000_b_xD800_") == "a_x0000_b_xD800_"
