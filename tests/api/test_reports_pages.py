"""The manager's report pages and exports, over HTTP, after a short morning worked by hand:

  09:00 A001 HT, 09:05 A002 HT
  09:10 quầy 1 calls A001 (wait 10 min), 09:12 start, 09:20 complete (service 8 min)
  09:25 quầy 1 calls A002 (wait 20 min), 09:26 no-show
  09:30 B001 CT; 09:40 quầy 2 calls it (wait 10 min), 09:50 complete without start (service 10 min)
Ratings on the counters' tablets: A001 «Rất hài lòng» (3) at quầy 1, B001 «Hài lòng» (2) at quầy 2;
canbo served both.
"""
import csv
import io
import re

import pytest
from openpyxl import load_workbook

from tests.spreadsheets import sheet_as_libreoffice_shows

REPORT_URLS = ("/reports/", "/reports/log", "/reports/daily", "/reports/today", "/reports/export/field.csv",
               "/reports/export/workbook.xlsx", "/reports/chart/hours.svg")


def tablet(api, counter) -> dict:
    """A rating tablet paired to `counter` by the admin."""
    paired = api.client.post("/api/v1/rating-devices", headers=api.login("quantri"),
                             json={"counter": counter.id, "name": f"Máy quầy {counter.number}"})
    return {"Authorization": "Bearer " + paired.json["link"].rsplit("/", 1)[1]}


@pytest.fixture
def morning(api, clock, centre, users):
    staff = api.login()
    tablets = tablet(api, centre.counter1), tablet(api, centre.counter2)
    clock.now = clock.now.replace(hour=2, minute=0)          # 09:00 in Ho Chi Minh City
    api.take("HT")
    clock.advance(minutes=5); api.take("HT")
    clock.advance(minutes=5); api.counter("next", staff)
    clock.advance(minutes=2); api.counter("start", staff)
    clock.advance(minutes=8); a001 = api.counter("complete", staff).json
    assert api.client.post("/api/v1/ratings", headers=tablets[0], json={"ticket_id": a001["id"], "level": 3}).status_code == 201
    clock.advance(minutes=5); api.counter("next", staff)
    clock.advance(minutes=1); api.counter("skip", staff)
    clock.advance(minutes=4); api.take("CT")
    clock.advance(minutes=10); api.counter("next", staff, at=centre.counter2)
    clock.advance(minutes=10); b001 = api.counter("complete", staff, at=centre.counter2).json
    assert api.client.post("/api/v1/ratings", headers=tablets[1], json={"ticket_id": b001["id"], "level": 2}).status_code == 201
    api.client.get("/logout")
    api.client.post("/api/v1/auth/logout")
    return api


def as_manager(api):
    assert api.sign_in("lanhdao", "mat-khau-1").status_code == 302


def csv_rows(response) -> list[list[str]]:
    assert response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_reports_are_for_managers_only(api, client, users):
    for url in REPORT_URLS:
        assert client.get(url).status_code == 302, url        # to the sign-in page
    api.sign_in()                                             # counter staff
    for url in REPORT_URLS:
        assert client.get(url).status_code == 403, url


def test_the_report_page_shows_the_morning(morning, client):
    as_manager(morning)
    page = client.get("/reports/?from=2026-11-26&to=2026-11-26").get_data(as_text=True)
    assert "Từ 26/11/2026 đến 26/11/2026" in page
    cards = dict((label.strip(), value) for value, label in
                 re.findall(r'<div class="card"><b>([^<]*)</b><small>([^<(]*)', page))
    assert cards["số đã cấp"] == "3" and cards["đã phục vụ"] == "2" and cards["vắng mặt khi gọi"] == "1"
    assert cards["phút chờ"] == "10,0" and cards["được gọi trong thời gian chờ mục tiêu"] == "100,0%"
    assert cards["hài lòng trở lên"] == "100,0%"
    for title in ("Theo lĩnh vực", "Theo quầy", "Theo cán bộ", "Theo giờ trong ngày", "Theo ngày"):
        assert title in page
    assert "/reports/chart/hours.svg?from=2026-11-26" in page


def test_the_field_table_downloads_as_csv_with_vietnamese_numbers(morning, client):
    as_manager(morning)
    rows = csv_rows(client.get("/reports/export/field.csv?from=2026-11-26&to=2026-11-26"))
    header, by_field = rows[0], {row[0]: dict(zip(rows[0], row)) for row in rows[1:]}
    assert header[:4] == ["Lĩnh vực", "Số đã cấp", "Đã phục vụ", "Vắng mặt"]
    assert by_field["Lĩnh vực HT"]["Chờ trung vị (phút)"] == "15,0"      # 10 and 20 minutes
    assert by_field["Lĩnh vực HT"]["Phục vụ TB (phút)"] == "8,0"
    assert by_field["Lĩnh vực CT"]["Phục vụ TB (phút)"] == "10,0"
    assert by_field["Lĩnh vực CT"]["Gọi trong thời gian chờ mục tiêu"] == "100,0%"
    assert len(header) == 18 and "Phục vụ lâu nhất (phút)" in header   # every column, hidden on the page or not


def test_the_workbook_has_every_table_with_real_numbers_and_what_it_covers(morning, client):
    as_manager(morning)
    response = client.get("/reports/export/workbook.xlsx?from=2026-11-26&to=2026-11-26&field=HT")
    assert "bao-cao-tong-hop-2026-11-26-2026-11-26.xlsx" in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Thông tin", "Tổng hợp", "Theo ngày", "Theo giờ trong ngày", "Theo lĩnh vực",
                               "Theo quầy", "Theo cán bộ", "Hài lòng theo quầy", "Hài lòng theo cán bộ",
                               "Đúng hạn theo lĩnh vực", "Đúng hạn theo tháng"]
    assert [cell.value for cell in book["Đúng hạn theo lĩnh vực"][1]][:3] == ["Lĩnh vực", "Đã tiếp nhận", "Đã có kết quả"]
    about = {row[0]: row[1] for row in book["Thông tin"].iter_rows(values_only=True)}
    assert about["Từ ngày"] == "26/11/2026" and about["Lĩnh vực"] == "Lĩnh vực HT"
    total = book["Tổng hợp"]
    header = [cell.value for cell in total[1]]
    row = dict(zip(header, total[2]))
    assert row["Số đã cấp"].value == 2 and row["Vắng mặt"].value == 1
    assert row["Chờ TB (phút)"].value == pytest.approx(15.0) and row["Chờ TB (phút)"].number_format == "0.0"
    on_target = row["Gọi trong thời gian chờ mục tiêu"]
    assert on_target.value == pytest.approx(1.0) and on_target.number_format == "0.0%"
    assert "Chờ ≤ mục tiêu: được gọi trong thời gian chờ mục tiêu" in about["Cách tính"]
    satisfied = book["Hài lòng theo quầy"]
    rows = [[cell.value for cell in row] for row in satisfied.iter_rows()]
    assert rows[0] == ["Quầy", "Đã phục vụ", "Lượt đánh giá", "Rất hài lòng (tỷ lệ)", "Hài lòng (tỷ lệ)",
                       "Chưa hài lòng (tỷ lệ)", "Hài lòng trở lên", "Rất hài lòng (lượt)", "Hài lòng (lượt)",
                       "Chưa hài lòng (lượt)"]
    assert rows[1] == ["Quầy 1", 1, 1, 1.0, 0.0, 0.0, 1.0, 1, 0, 0]     # the HT field only: A001 at quầy 1
    assert satisfied["D2"].number_format == "0.0%"


def test_the_wait_time_log_lists_every_ticket_with_its_events(morning, client):
    as_manager(morning)
    page = client.get("/reports/log?from=2026-11-26&to=2026-11-26").get_data(as_text=True)
    assert "Nhật ký chờ: 3 số" in page
    assert "09:10:00 gọi (quầy 1)<br>09:12:00 bắt đầu (quầy 1)<br>09:20:00 xong (quầy 1)" in page
    rows = csv_rows(client.get("/reports/export/log.csv?from=2026-11-26&to=2026-11-26"))
    log = {row[1]: dict(zip(rows[0], row)) for row in rows[1:]}
    assert set(log) == {"A001", "A002", "B001"}
    assert log["A001"]["Ngày"] == "26/11/2026" and log["A001"]["Lấy số lúc"] == "09:00:00"
    assert (log["A001"]["Chờ (phút)"], log["A001"]["Di chuyển (phút)"], log["A001"]["Phục vụ (phút)"]) == ("10,0", "2,0", "8,0")
    assert log["A002"]["Kết quả"] == "vắng mặt" and log["A002"]["Số lần vắng"] == "1"
    assert log["B001"]["Quầy"] == "2" and log["B001"]["Di chuyển (phút)"] == ""
    book = load_workbook(io.BytesIO(client.get("/reports/export/log.xlsx?from=2026-11-26&to=2026-11-26").data))
    sheet = book["Nhật ký chờ"]
    assert sheet.max_row == 4 and sheet["A2"].number_format == "DD/MM/YYYY"


def test_a_long_range_offers_the_log_a_month_per_file(morning, client):
    as_manager(morning)
    page = client.get("/reports/?from=2026-10-15&to=2026-11-26").get_data(as_text=True)
    assert "mỗi tệp một tháng" in page and "tháng 10/2026" in page and "tháng 11/2026" in page
    assert "/reports/export/log.xlsx?from=2026-10-15&amp;to=2026-10-31" in page
    assert "/reports/export/log.csv?from=2026-11-01&amp;to=2026-11-26" in page
    november = csv_rows(client.get("/reports/export/log.csv?from=2026-11-01&to=2026-11-26"))
    assert len(november) == 1 + 3                      # the heading and the morning's three tickets
    refused = client.get("/reports/export/log.xlsx?from=2026-10-15&to=2026-11-26")
    assert refused.status_code == 400 and "từng tháng một" in refused.get_data(as_text=True)
    assert client.get("/reports/export/workbook.xlsx?from=2026-10-15&to=2026-11-26").status_code == 200


def test_charts_are_svg_drawn_on_the_server(morning, client):
    as_manager(morning)
    for name, title in (("hours", "Lượt lấy số và lượt phục vụ theo giờ"), ("waits", "Phân bố thời gian chờ"),
                        ("days", "Xu hướng theo ngày"), ("satisfaction", "Mức độ hài lòng")):
        response = client.get(f"/reports/chart/{name}.svg?from=2026-11-26&to=2026-11-26")
        assert response.mimetype == "image/svg+xml" and title in response.get_data(as_text=True)
    assert client.get("/reports/chart/pie.svg").status_code == 404


def test_the_daily_report_is_laid_out_as_an_official_document(morning, client, session, centre):
    centre.centre.address = "Số 1 đường Trần Hưng Đạo, phường Hòa Bình"
    session.commit()
    as_manager(morning)
    daily = client.get("/reports/daily?day=2026-11-26").get_data(as_text=True)
    heading = daily[daily.index('<table class="heading">'):daily.index("</table>", daily.index('<table class="heading">'))]
    assert "<b>TRUNG TÂM THỬ NGHIỆM</b>" in heading
    assert "<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>" in heading and "Độc lập - Tự do - Hạnh phúc" in heading
    # the place from the centre's address; the date the report is made (the test clock's day)
    assert re.search(r'<p class="date"[^>]*>Phường Hòa Bình, ngày 26 tháng 11 năm 2026</p>', heading)
    assert "<h1>BÁO CÁO</h1>" in daily and "Tình hình tiếp nhận và phục vụ công dân ngày 26/11/2026" in daily
    assert "<b>NGƯỜI LẬP BÁO CÁO</b><small>(Ký, ghi rõ họ tên)</small>" in daily
    assert "@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm; }" in daily     # Decree 30/2020's margins
    counters = daily[daily.index("Theo quầy"):daily.index("Theo cán bộ")]
    assert '<th class="count">Lượt đánh giá</th><th class="share">Hài lòng trở lên</th>' in counters
    assert '<td class="text">Quầy 2</td>' in counters and "Hài lòng (tỷ lệ)" not in counters
    assert 'value="26/11/2026"' in daily                   # the day box, as it is typed


def test_the_daily_report_of_a_centre_without_an_address_names_the_centre_before_the_date(morning, client):
    as_manager(morning)
    daily = client.get("/reports/daily?day=26/11/2026").get_data(as_text=True)
    assert "Trung tâm thử nghiệm, ngày 26 tháng 11 năm 2026" in daily
    assert "ngày 26/11/2026" in daily


def test_today_so_far_by_field(morning, client):
    as_manager(morning)
    today = client.get("/reports/today").get_data(as_text=True)
    assert "Lĩnh vực HT" in today and "Lĩnh vực CT" in today and "Chờ ≤ mục tiêu" in today


def test_days_typed_as_dd_mm_yyyy_are_read_and_shown_back_the_same_way(morning, client):
    as_manager(morning)
    typed = client.get("/reports/?from=26/11/2026&to=26.11.2026")
    assert typed.status_code == 200
    page = typed.get_data(as_text=True)
    assert re.search(r'name="from" data-vn-date value="26/11/2026" placeholder="dd/mm/yyyy"\s+inputmode="numeric"', page)
    assert 'name="to" data-vn-date value="26/11/2026"' in page and "Từ 26/11/2026 đến 26/11/2026" in page
    assert 'type="date"' not in page
    iso = client.get("/reports/?from=2026-11-26&to=2026-11-26").get_data(as_text=True)
    cards = lambda html: re.findall(r'<div class="card"><b>([^<]*)</b>', html)
    assert cards(page) == cards(iso) and cards(page)[0] == "3"
    assert "/reports/export/workbook.xlsx?from=2026-11-26&amp;to=2026-11-26" in page   # links keep yyyy-mm-dd
    log = client.get("/reports/log?from=26/11/2026&to=26/11/2026").get_data(as_text=True)
    assert "Nhật ký chờ: 3 số" in log and 'name="from" data-vn-date value="26/11/2026"' in log


def test_the_tables_show_the_essential_columns_and_hide_the_rest_behind_a_toggle(morning, client):
    as_manager(morning)
    page = client.get("/reports/?from=2026-11-26&to=2026-11-26").get_data(as_text=True)
    section = page[page.index("<h2>Theo quầy</h2>"):page.index("<h2>Theo cán bộ</h2>")]
    shown = re.findall(r'<th class="[a-z]+"(?: title="[^"]*")?>([^<]*)</th>', section)
    hidden = re.findall(r'<th class="[a-z]+ more"(?: title="[^"]*")?>([^<]*)</th>', section)
    assert shown == ["Quầy", "Đã cấp", "Đã phục vụ", "Vắng mặt", "Chờ trung vị", "Chờ 90%", "Phục vụ trung vị",
                     "Chờ ≤ mục tiêu"]
    assert len(hidden) == 10 and "Phục vụ lâu nhất" in hidden and "Hết ngày chưa gọi" in hidden
    assert '<button type="button" class="more-columns" aria-expanded="false">Hiện thêm cột</button>' in section
    assert 'title="Gọi trong thời gian chờ mục tiêu">Chờ ≤ mục tiêu</th>' in section
    assert "Gọi đúng hạn" not in page


def test_satisfaction_per_counter_and_per_officer(morning, client):
    as_manager(morning)
    page = client.get("/reports/?from=2026-11-26&to=2026-11-26").get_data(as_text=True)
    section = page[page.index('id="satisfaction"'):]
    section = section[:section.index("</section>")]
    rows = [re.findall(r"<td[^>]*>([^<]*)</td>", row) for row in re.findall(r"<tr><td.*?</tr>", section, re.S)]
    # per counter, then per officer: served, rated, Rất hài lòng, Hài lòng, Chưa hài lòng, at the best two; the counts
    assert rows == [["Quầy 1", "1", "1", "100,0%", "0,0%", "0,0%", "100,0%", "1", "0", "0"],
                    ["Quầy 2", "1", "1", "0,0%", "100,0%", "0,0%", "100,0%", "0", "1", "0"],
                    ["canbo", "2", "2", "50,0%", "50,0%", "0,0%", "100,0%", "1", "1", "0"]]
    officers = csv_rows(client.get("/reports/export/satisfaction-officer.csv?from=2026-11-26&to=2026-11-26"))
    assert officers[0][:3] == ["Cán bộ", "Đã phục vụ", "Lượt đánh giá"]
    assert officers[1][:7] == ["canbo", "2", "2", "50,0%", "50,0%", "0,0%", "100,0%"]


@pytest.mark.parametrize("query, message", [
    ("from=2026-11-30&to=2026-11-01", "Ngày bắt đầu sau ngày kết thúc."),
    ("from=31/02/2026", "Ngày không hợp lệ: «31/02/2026». Xin nhập ngày dạng ngày/tháng/năm"),
    ("to=2026-13-01", "Ngày không hợp lệ"),
    ("from=2024-01-01&to=2026-01-01", "Mỗi báo cáo tối đa một năm."),
])
def test_a_wrong_filter_is_refused_in_words(morning, client, query, message):
    as_manager(morning)
    response = client.get("/reports/?" + query)
    assert response.status_code == 400 and message in response.get_data(as_text=True)


def test_the_waits_api_gives_the_same_figures_for_dashboards(morning, client):
    headers = morning.login("lanhdao")
    answer = client.get("/api/v1/reports/waits?from=2026-11-26&to=2026-11-26&group=field", headers=headers)
    assert answer.status_code == 200
    body = answer.json
    assert (body["from"], body["to"], body["group"]) == ("2026-11-26", "2026-11-26", "field")
    assert body["total"]["issued"] == 3 and body["total"]["wait"]["median"] == 600.0
    by_field = {item["key"]: item for item in body["items"]}
    assert by_field["HT"]["wait"] == {"count": 2, "mean": 900.0, "median": 900.0, "p90": 1200.0, "max": 1200.0}
    assert by_field["CT"]["service"]["mean"] == 600.0 and by_field["CT"]["on_time_share"] == 1.0
    hours = client.get("/api/v1/reports/waits?from=2026-11-26&to=2026-11-26&group=hour", headers=headers).json
    assert [(item["key"], item["issued"]) for item in hours["items"]] == [(9, 3)]


def test_the_waits_api_as_csv_and_xlsx(morning, client):
    headers = morning.login("lanhdao")
    rows = csv_rows(client.get("/api/v1/reports/waits?from=2026-11-26&to=2026-11-26&group=counter&format=csv",
                               headers=headers))
    assert rows[0][0] == "Quầy" and {row[0]: row[1] for row in rows[1:]} == {"Quầy 1": "2", "Quầy 2": "1"}
    book = load_workbook(io.BytesIO(client.get(
        "/api/v1/reports/waits?from=2026-11-26&to=2026-11-26&group=officer&format=xlsx", headers=headers).data))
    assert book.sheetnames == ["Thông tin", "Tổng hợp", "Theo cán bộ"]


def test_the_waits_api_refuses_staff_strangers_and_bad_ranges(morning, client):
    assert client.get("/api/v1/reports/waits").status_code == 401
    assert client.get("/api/v1/reports/waits", headers=morning.login()).status_code == 403
    manager = morning.login("lanhdao")
    for query in ("from=2026-11-30&to=2026-11-01", "group=week", "format=pdf", "from=2024-01-01&to=2026-01-01"):
        assert client.get("/api/v1/reports/waits?" + query, headers=manager).status_code == 422, query


def test_a_day_when_nobody_has_been_called_yet_shows_blanks_not_an_error(api, client, users):
    api.take("HT")
    as_manager(api)
    today = client.get("/reports/today")
    assert today.status_code == 200 and "Lĩnh vực HT" in today.get_data(as_text=True)
    page = client.get("/reports/")
    assert page.status_code == 200 and "<b>—</b><small>phút chờ" in page.get_data(as_text=True)
    assert client.get("/reports/daily").status_code == 200
    empty = client.get("/reports/?from=2020-01-01&to=2020-01-31").get_data(as_text=True)
    assert "Không có số nào trong khoảng này." in empty


def test_the_workbook_opens_in_libreoffice_with_the_same_figures(morning, client, tmp_path):
    """LibreOffice Calc (headless) reads the exported workbook and writes each sheet back as shown."""
    as_manager(morning)
    workbook = tmp_path / "bao-cao.xlsx"
    workbook.write_bytes(client.get("/reports/export/workbook.xlsx?from=2026-11-26&to=2026-11-26").data)
    rows = sheet_as_libreoffice_shows(workbook, "Theo lĩnh vực", tmp_path)
    by_field = {row[0]: dict(zip(rows[0], row)) for row in rows[1:]}
    assert rows[0][:3] == ["Lĩnh vực", "Số đã cấp", "Đã phục vụ"]
    assert by_field["Lĩnh vực HT"]["Số đã cấp"] == "2" and by_field["Lĩnh vực HT"]["Chờ trung vị (phút)"] == "15.0"
    assert by_field["Lĩnh vực CT"]["Gọi trong thời gian chờ mục tiêu"] == "100.0%"
