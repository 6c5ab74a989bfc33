"""Forms 02–07 of Circular 03/2025: each PDF (A4, the book landscape, Roboto embedded) read back for
its title and the step it prints (the reason, the dates, the officer), one page read by OCR, the
officer's print pages, and no form for a dossier that never took the step nor for strangers."""
import re
import subprocess

import pytest

from tests.factories import make_centre, make_user
from .test_dossier_moves import UNIT, move
from .test_dossiers_api import procedure, receive   # noqa: F401 - the fixture is used by name

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
MISSING = "Thiếu bản sao giấy khai sinh của người yêu cầu"
LATE = "Chờ Công an xã Tân Lập xác minh nơi cư trú"


@pytest.fixture
def followed(api, centre, procedure, clock):
    """Thu 26/11 09:00 received (due Tue 1/12 16:30); handed to the unit at 10:00; documents asked
    for Fri 27/11; back in processing Mon 30/11 and extended to Fri 4/12. Then one refused, one stopped."""
    staff = api.login()
    made = receive(api, staff).json
    clock.advance(hours=1)
    move(api, made["id"], staff, to="processing", to_unit=UNIT)
    clock.advance(days=1)
    move(api, made["id"], staff, to="supplement_requested", note=MISSING)
    clock.advance(days=3)
    move(api, made["id"], staff, to="processing")
    move(api, made["id"], staff, to="processing", new_due_date="2026-12-04", note=LATE)
    refused, stopped = receive(api, staff).json, receive(api, staff).json
    move(api, refused["id"], staff, to="refused", note="Không thường trú tại địa phương")
    move(api, stopped["id"], staff, to="stopped", note="Cơ quan công an đề nghị dừng để xác minh")
    return {"02": made, "04": made, "06": made, "03": refused, "05": stopped}


def run(command: list[str]) -> str:
    return subprocess.run(command, capture_output=True, check=True).stdout.decode()


def read_pdf(client, headers, address, tmp_path) -> tuple[str, str]:
    """The PDF at `address`: (pdfinfo's answer, its text in the order it is drawn, so that a table
    reads cell by cell; a code cut at a hyphen joined again), after checking Roboto is embedded."""
    answer = client.get(address, headers=headers)
    assert answer.status_code == 200 and answer.mimetype == "application/pdf", answer.data[:300]
    path = tmp_path / "form.pdf"
    path.write_bytes(answer.data)
    fonts = run(["pdffonts", str(path)]).splitlines()[2:]    # below the header: one line per font
    assert fonts and all("Roboto" in font and re.search(r"\byes\b", font) for font in fonts), fonts
    return run(["pdfinfo", str(path)]), run(["pdftotext", "-raw", str(path), "-"]).replace("-\n", "-")


def form_pdf(client, api, dossier, number, tmp_path) -> str:
    info, text = read_pdf(client, api.login(), f"/api/v1/dossiers/{dossier['id']}/forms/{number}.pdf", tmp_path)
    assert re.search(r"Pages:\s+1\b", info) and "pts (A4)" in info and "595.276 x 841.89" in info   # portrait
    return " ".join(text.split())     # words in order, whatever the line breaks


def test_form_02_asks_for_what_is_missing_and_names_the_officer(api, client, followed, tmp_path):
    text = form_pdf(client, api, followed["02"], "02", tmp_path)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Mã hồ sơ: TEST-261126-0001" in text and "Ông/Bà: Nguyễn Văn An" in text
    assert "Nội dung yêu cầu giải quyết: Cấp Giấy xác nhận tình trạng hôn nhân" in text
    assert "09 giờ 00 phút, ngày 26 tháng 11 năm 2026" in text and "ngày 27 tháng 11 năm 2026" in text
    assert "Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung như sau:" in text and MISSING in text
    assert "NGƯỜI HƯỚNG DẪN" in text and "liên hệ với cán bộ canbo, Trung tâm thử nghiệm" in text


def test_form_03_gives_the_reason_of_the_refusal(api, client, followed, tmp_path):
    text = form_pdf(client, api, followed["03"], "03", tmp_path)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text and "Nguyễn Văn An" in text
    assert "với lý do cụ thể như sau: Không thường trú tại địa phương" in text   # the list's "1." is drawn last
    assert "Xin thông báo cho Ông/Bà được biết và thực hiện." in text
    assert "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text and "TEST-261130-0001" in text


def test_form_04_apologises_with_the_old_and_the_new_date(api, client, followed, tmp_path):
    text = form_pdf(client, api, followed["04"], "04", tmp_path)
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert "Kính gửi: Ông/Bà Nguyễn Văn An" in text and "Ngày 26/11/2026" in text and "TEST-261126-0001" in text
    assert "Thời gian hẹn trả kết quả giải quyết hồ sơ: 16 giờ 30 phút, ngày 01 tháng 12 năm 2026" in text
    assert LATE in text and "xin lỗi Ông/Bà" in text
    assert "Thời gian hẹn trả kết quả lại: 16 giờ 30 phút, ngày 04 tháng 12 năm 2026" in text
    assert "THỦ TRƯỞNG CƠ QUAN" in text and "Nơi nhận:" in text and "ngày 30 tháng 11 năm 2026" in text


def test_form_05_tells_why_the_dossier_is_stopped(api, client, followed, tmp_path):
    text = form_pdf(client, api, followed["05"], "05", tmp_path)
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text and "Kính gửi: Ông/Bà Nguyễn Văn An" in text
    assert "Cấp Giấy xác nhận tình trạng hôn nhân" in text and "TEST-261130-0002" in text
    assert "Cơ quan công an đề nghị dừng để xác minh" in text
    assert "Lúc 10 giờ 00 phút, ngày 30 tháng 11 năm 2026" in text      # received


def test_form_06_lists_every_hand_off_with_its_time_and_timing(api, client, followed, tmp_path):
    text = form_pdf(client, api, followed["06"], "06", tmp_path)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text and "Mã hồ sơ: TEST-261126-0001" in text
    assert "TÊN CƠ QUAN" in text and "THỜI GIAN GIAO, NHẬN HỒ SƠ" in text and "GHI CHÚ" in text
    assert "Thời gian hẹn trả kết quả: 16 giờ 30 phút, ngày 04 tháng 12 năm 2026" in text
    assert "1. Giao: Công dân, tổ chức" in text and f"2. Nhận: {UNIT}" in text
    assert text.count("Người giao") == 5 and text.count("Trước hạn") == 1 + 5   # the header's, then five lines
    assert "10 giờ 00 phút, ngày 26 tháng 11 năm 2026" in text and MISSING in text
    assert "gia hạn đến 16:30 ngày 04/12/2026" in text and LATE in text


def test_form_06_read_back_from_its_picture(api, client, followed, tmp_path):
    answer = client.get(f"/api/v1/dossiers/{followed['06']['id']}/forms/06.pdf", headers=api.login())
    (tmp_path / "sheet.pdf").write_bytes(answer.data)
    run(["pdftoppm", "-r", "200", "-f", "1", "-l", "1", "-png", str(tmp_path / "sheet.pdf"), str(tmp_path / "page")])
    words = run(["tesseract", str(next(tmp_path.glob("page*.png"))), "-", "-l", "vie"])
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in words and "TEST-261126-0001" in words
    assert "Nguyễn Văn An" in words and "Trước hạn" in words and "Công dân, tổ chức" in words


def test_form_07_is_the_book_on_landscape_pages_with_the_header_on_each(api, client, centre, procedure, tmp_path):
    staff = api.login()
    for _ in range(24):
        receive(api, staff)
    info, text = read_pdf(client, staff, "/api/v1/dossiers/book.pdf?from=2026-11-26&to=2026-11-26", tmp_path)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 2 and "841.89 x 595.276 pts (A4)" in info                         # landscape
    assert text.count("SỔ THEO DÕI HỒ SƠ") == 1 and "Trung tâm thử nghiệm".upper() in text
    assert "từ ngày 26/11/2026 đến ngày 26/11/2026" in text and "24 hồ sơ" in text
    assert text.count("Mã hồ sơ") == pages and text.count("Tên thủ tục hành") == pages   # header on every page
    assert all(f"TEST-261126-{n:04d}" in text for n in range(1, 25)) and "26/11/2026" in text


def test_the_book_pdf_takes_the_books_filters(api, client, followed, tmp_path):
    staff = api.login()
    _, text = read_pdf(client, staff, "/api/v1/dossiers/book.pdf?status=refused", tmp_path)
    assert "TEST-261130-0001" in text and "TEST-261126-0001" not in text and "Từ chối giải quyết" in text
    assert client.get("/api/v1/dossiers/book.pdf?due=soon", headers=staff).status_code == 422
    assert client.get("/api/v1/dossiers/book.pdf?from=26-11-2026", headers=staff).status_code == 422


def test_no_form_for_a_step_the_dossier_never_took(api, client, centre, procedure):
    staff = api.login()
    made = receive(api, staff).json
    for number in ("02", "03", "04", "05"):
        answer = client.get(f"/api/v1/dossiers/{made['id']}/forms/{number}.pdf", headers=staff)
        assert answer.status_code == 404 and answer.json["error"] == "no_such_form"
        assert answer.json["message"] == "Hồ sơ này chưa có bước cần lập mẫu này."
    assert client.get(f"/api/v1/dossiers/{made['id']}/forms/06.pdf", headers=staff).status_code == 200
    for number in ("01", "07", "2", "x"):
        assert client.get(f"/api/v1/dossiers/{made['id']}/forms/{number}.pdf", headers=staff).status_code == 404
    api.sign_in()
    assert client.get(f"/dossiers/{made['id']}/forms/03").status_code == 404


def test_forms_are_for_the_centres_own_officers(api, client, session, followed):
    address = f"/api/v1/dossiers/{followed['02']['id']}/forms/02.pdf"
    assert client.get(address).status_code == 401
    assert client.get(address, headers=api.kiosk).status_code == 403
    assert client.get("/api/v1/dossiers/book.pdf").status_code == 401
    assert client.get("/api/v1/dossiers/book.pdf", headers=api.kiosk).status_code == 403
    other = make_centre(session, code="KHAC", name="Trung tâm khác")
    make_user(session, other, "canbo-khac")
    session.commit()
    assert client.get(address, headers=api.login("canbo-khac")).status_code == 404
    assert client.get("/api/v1/dossiers/999999/forms/06.pdf", headers=api.login()).status_code == 404
    book = client.get("/api/v1/dossiers/book.pdf", headers=api.login("canbo-khac"))
    assert book.status_code == 200 and b"TEST-2611" not in book.data
    assert client.get(f"/dossiers/{followed['02']['id']}/forms/02").status_code == 302     # signed out: to sign-in
    api.sign_in("canbo-khac")
    assert client.get(f"/dossiers/{followed['02']['id']}/forms/02").status_code == 404


def test_the_officer_prints_each_form_from_the_browser(api, client, followed, users):
    api.sign_in("lanhdao")
    for number, title in (("02", "PHIẾU YÊU CẦU BỔ SUNG"), ("03", "PHIẾU TỪ CHỐI"), ("04", "VĂN BẢN XIN LỖI"),
                          ("05", "THÔNG BÁO DỪNG"), ("06", "PHIẾU KIỂM SOÁT")):
        page = client.get(f"/dossiers/{followed[number]['id']}/forms/{number}")
        assert page.status_code == 200, number
        html = page.get_data(as_text=True)
        assert title in html and "window.print()" in html and "size: A4 portrait" in html
    book = client.get("/dossiers/book/print?status=stopped").get_data(as_text=True)
    assert "SỔ THEO DÕI HỒ SƠ" in book and "size: A4 landscape" in book and "<thead>" in book
    assert "TEST-261130-0002" in book and "TEST-261126-0001" not in book and "Dừng giải quyết" in book


def test_a_bad_filter_of_the_printed_book_is_refused_in_words(api, client, followed):
    api.sign_in()
    refused = client.get("/dossiers/book/print?from=hôm-qua")
    assert refused.status_code == 400 and "Ngày không hợp lệ: «hôm-qua»" in refused.get_data(as_text=True)
    refused = client.get("/dossiers/book/print?due=soon")
    assert refused.status_code == 400 and "Hạn chỉ chọn: hôm nay, ngày mai, đã quá hạn" in refused.get_data(as_text=True)


def test_a_book_too_long_to_print_at_once_is_refused_with_the_way_out(api, client, followed, monkeypatch):
    import counter_server.forms.book as printed
    monkeypatch.setattr(printed, "PRINTED_MAX", 2)
    refused = client.get("/api/v1/dossiers/book.pdf", headers=api.login())
    assert refused.status_code == 422 and refused.json["error"] == "too_many_to_print"
    assert "mỗi lần in sổ tối đa 2" in refused.json["message"]
    api.sign_in()
    page = client.get("/dossiers/book/print")
    assert page.status_code == 400 and "tải tệp Excel để có cả sổ" in page.get_data(as_text=True)
