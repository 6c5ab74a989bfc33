"""The tracking book (form 07) over the API: filters by day, stage, field, procedure and what is
due; pages of 50; the same rows as CSV and as an Excel workbook; personal data kept in the centre."""
import csv
import io

import pytest
from openpyxl import load_workbook

from tests.factories import make_centre, make_user
from tests.spreadsheets import sheet_as_libreoffice_shows
from .test_dossier_moves import UNIT, move
from .test_dossiers_api import procedure, receive   # noqa: F401 - the fixture is used by name


def book(api, headers, **query):
    return api.client.get("/api/v1/dossiers", query_string=query, headers=headers)


@pytest.fixture
def three_days(api, centre, procedure, clock):
    """Dossiers received Thu 26/11 (two), Fri 27/11 (one); due Tue 1/12, Tue 1/12, Wed 2/12."""
    staff = api.login()
    made = [receive(api, staff).json, receive(api, staff).json]
    clock.advance(days=1)
    made.append(receive(api, staff).json)
    move(api, made[0]["id"], staff, to="processing", to_unit=UNIT)
    return made


def test_the_book_lists_the_newest_first_with_the_forms_columns(api, three_days):
    page = book(api, api.login()).json
    assert page["total"] == 3 and [row["code"] for row in page["items"]] == [
        "TEST-261127-0001", "TEST-261126-0002", "TEST-261126-0001"]
    oldest = page["items"][-1]
    assert oldest["applicant_name"] == "Nguyễn Văn An" and oldest["unit"] == UNIT
    assert oldest["status"] == "processing" and oldest["transferred_at"] == "2026-11-27T09:00:00+07:00"
    assert oldest["received_at"] == "2026-11-26T09:00:00+07:00" and oldest["due_at"] == "2026-12-01T16:30:00+07:00"


def test_filters_pick_by_day_stage_field_procedure(api, three_days):
    staff = api.login()
    assert book(api, staff, **{"from": "2026-11-27"}).json["total"] == 1
    assert book(api, staff, to="2026-11-26").json["total"] == 2
    assert book(api, staff, status="processing").json["total"] == 1
    assert book(api, staff, field="HT", procedure="1.004873").json["total"] == 3
    assert book(api, staff, field="CT").json["total"] == 0
    assert book(api, staff, limit=2, offset=2).json["items"][0]["code"] == "TEST-261126-0001"
    assert book(api, staff, due="soon").status_code == 422


def test_due_today_tomorrow_and_late_follow_the_clock(api, three_days, clock):
    staff = api.login()
    clock.advance(days=3, hours=1)                     # Mon 30/11 10:00
    assert [r["code"] for r in book(api, staff, due="tomorrow").json["items"]] == [
        "TEST-261126-0001", "TEST-261126-0002"]                    # what is due: the most pressing first
    clock.advance(days=1)                              # Tue 1/12 10:00
    assert book(api, staff, due="today").json["total"] == 2 and book(api, staff, due="late").json["total"] == 0
    clock.advance(hours=7)                             # Tue 1/12 17:00: past 16:30
    late = book(api, staff, due="late").json["items"]
    assert [row["timing"] for row in late] == ["late", "late"]
    move(api, late[0]["id"], staff, to="result_ready")
    assert book(api, staff, due="late").json["total"] == 1      # a result came, late, and it left the list


def test_the_csv_and_the_workbook_carry_the_same_rows(api, three_days):
    staff = api.login()
    month = {"from": "2026-11-01", "to": "2026-11-30"}
    text = book(api, staff, format="csv", **month).data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["TT", "Mã hồ sơ", "Tên thủ tục hành chính", "Số lượng hồ sơ (bộ)"]
    assert [row[1] for row in rows[1:]] == ["TEST-261127-0001", "TEST-261126-0002", "TEST-261126-0001"]
    assert rows[3][7] == "26/11/2026 09:00" and rows[3][6] == UNIT
    workbook = load_workbook(io.BytesIO(book(api, staff, format="xlsx", **month).data))
    sheet = workbook["Sổ theo dõi hồ sơ"]
    values = list(sheet.iter_rows(values_only=True))
    assert [row[1] for row in values[1:]] == ["TEST-261127-0001", "TEST-261126-0002", "TEST-261126-0001"]
    assert values[3][7].strftime("%d/%m/%Y %H:%M") == "26/11/2026 09:00"


def test_only_the_centres_officers_read_the_book(api, session, three_days):
    other = make_centre(session, code="KHAC", name="Trung tâm khác")
    make_user(session, other, "canbo-khac")
    session.commit()
    assert book(api, {}).status_code == 401
    assert book(api, api.kiosk).status_code == 403
    assert book(api, api.login("canbo-khac")).json["total"] == 0


def test_the_workbook_opens_in_libreoffice_with_the_same_rows(api, three_days, tmp_path):
    workbook = tmp_path / "so-theo-doi.xlsx"
    workbook.write_bytes(book(api, api.login(), format="xlsx", **{"from": "2026-11-26", "to": "2026-11-27"}).data)
    rows = sheet_as_libreoffice_shows(workbook, "Sổ theo dõi hồ sơ", tmp_path)
    assert rows[0][1] == "Mã hồ sơ" and len(rows) == 4
    assert rows[3][:4] == ["3", "TEST-261126-0001", "Cấp Giấy xác nhận tình trạng hôn nhân", "1"]
    assert rows[3][7:9] == ["26/11/2026 09:00", "01/12/2026 16:30"] and rows[3][13] == "Đang giải quyết"


def test_a_file_covers_a_month_of_receipts_and_the_page_offers_one_per_month(api, client, three_days):
    staff = api.login()
    for query in ({}, {"from": "2026-10-01", "to": "2026-11-30"}, {"from": "2026-11-01"}):
        refused = book(api, staff, format="csv", **query)
        assert refused.status_code == 422 and refused.json["error"] == "book_file_too_long", query
    assert "từng tháng một" in refused.json["message"]
    assert book(api, staff, format="xlsx", due="late").status_code == 200          # open dossiers: any days
    api.sign_in()
    page = client.get("/dossiers?from=2026-10-15&to=2026-11-30").get_data(as_text=True)
    assert "tháng 10/2026:" in page and "tháng 11/2026:" in page
    assert "from=2026-10-15&amp;to=2026-10-31&amp;format=xlsx" in page
    assert "from=2026-11-01&amp;to=2026-11-30&amp;format=csv" in page
    one = client.get("/dossiers?from=2026-11-01&to=2026-11-30").get_data(as_text=True)
    assert "tháng 11/2026:" not in one and "from=2026-11-01&amp;to=2026-11-30&amp;format=xlsx" in one


def test_the_book_reads_days_typed_as_officials_write_them(api, client):
    api.sign_in()
    typed = client.get("/dossiers?from=15/10/2026&to=31/10/2026").get_data(as_text=True)
    assert 'value="15/10/2026"' in typed and 'value="31/10/2026"' in typed
    assert "from=2026-10-15&amp;to=2026-10-31&amp;format=xlsx" in typed
