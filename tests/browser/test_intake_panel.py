"""The counter console's intake panel in Chromium: the officer calls the citizen, presses H, scans
the chip ID card's QR code (the scanner types it, then Enter), adds the phone, ticks a document,
saves with Ctrl+Enter and gets form 01 to print; a scan that is not a card fills nothing."""
import json
import urllib.request

from .conftest import sign_in

CARD = "001090123456|012345678|Nguyễn Văn An|01011990|Nam|Thôn 3, xã Tân Lập, tỉnh Phú Thọ|15042021"


def take(server, procedure: str) -> dict:
    request = urllib.request.Request(server.base + "/api/v1/tickets", headers={
        "Authorization": f"Bearer {server.kiosk_token}", "Content-Type": "application/json"},
        data=json.dumps({"field": "HT", "procedure": procedure}).encode())
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def said(console, words: str, bad: bool = False) -> None:
    """Wait until the panel's message says `words` (as a refusal when `bad`)."""
    console.wait_for_function("([words, bad]) => { const done = document.getElementById('intake-done'); "
                              "return done.textContent.includes(words) && done.classList.contains(bad ? 'bad' : 'good'); }",
                              arg=[words, bad])


def open_console(server, pages):
    console = pages(1366, 900)
    sign_in(console, server.base)
    console.goto(server.base + "/console")
    console.click("text=Quầy 1")
    return console


def serving_with_the_panel_open(server, pages):
    """A001 (for procedure 1.004873) called at counter 1 by the keyboard, and H pressed."""
    take(server, "1.004873")
    console = open_console(server, pages)
    console.wait_for_selector("#waiting tr >> text=A001")
    console.keyboard.press("n")
    console.wait_for_selector("#current .number >> text=A001")
    console.keyboard.press("h")
    return console


def test_the_officer_scans_the_card_and_prints_the_slip_by_keyboard(server, pages, tmp_path):
    console = serving_with_the_panel_open(server, pages)
    assert console.input_value("#intake-procedure") == "1.004873"   # from the ticket
    console.wait_for_selector("#intake-documents input")
    console.wait_for_function("() => document.activeElement.id === 'intake-scan'")
    console.keyboard.type(CARD)
    console.keyboard.press("Enter")
    console.wait_for_function("() => document.getElementById('applicant-name').value === 'Nguyễn Văn An'")
    assert console.input_value("#applicant-id") == "001090123456"
    assert console.input_value("#applicant-dob") == "01/01/1990"     # as officials write dates
    assert console.evaluate("() => document.activeElement.id") == "applicant-phone"
    console.keyboard.type("0912 345 678")
    console.check("#doc-0")
    assert console.text_content("#intake-due").startswith("Hẹn trả kết quả: 16:30 ngày")
    with console.context.expect_page() as printed:
        console.keyboard.press("Control+Enter")
    slip = printed.value
    slip.wait_for_load_state()
    assert "/receipt" in slip.url and slip.text_content("body").count("Nguyễn Văn An") >= 2
    said(console, "Đã tiếp nhận hồ sơ")
    console.set_viewport_size({"width": 1366, "height": 1300})   # the whole panel, for docs/screenshots
    console.evaluate("() => { document.querySelector('.current').scrollTop = 0; }")
    console.screenshot(path=str(tmp_path / "web-console-intake.png"))


def test_a_scan_that_is_not_a_card_is_refused_in_words_and_fills_nothing(server, pages):
    console = serving_with_the_panel_open(server, pages)
    console.fill("#intake-scan", "001090123456|012345678|Nguyễn Văn An|1990-01-01|Nam|Hà Nội")
    console.press("#intake-scan", "Enter")
    said(console, "Không đọc được mã QR", bad=True)
    assert "ngày sinh" in console.text_content("#intake-done")
    assert console.input_value("#applicant-name") == "" and console.input_value("#applicant-id") == ""


def test_a_later_appointment_needs_its_reason_before_it_is_saved(server, pages):
    console = serving_with_the_panel_open(server, pages)
    console.fill("#applicant-name", "Trần Thị Bình")
    console.fill("#applicant-id", "001185012345")
    console.fill("#applicant-phone", "0987654321")
    console.fill("#intake-later", "15/01/2027")
    console.click("#intake-form button[type=submit]")
    said(console, "xin ghi lý do", bad=True)
    console.fill("#intake-later-reason", "Cần xác minh tại nơi cư trú")
    console.fill("#applicant-organisation", "Hợp tác xã Tân Lập")
    console.fill("#intake-notes", "Thiếu bản sao sổ hộ khẩu, hẹn bổ sung")
    with console.context.expect_page():
        console.click("#intake-form button[type=submit]")
    said(console, "hẹn trả 16:30 ngày 15/01/2027")
    slip_address = console.get_attribute("#intake-print", "href")
    page = console.context.new_page()
    page.goto(server.base + slip_address)
    assert "Hợp tác xã Tân Lập" in page.text_content("body")   # form 01 names the organisation


def test_dates_are_typed_and_read_back_as_dd_mm_yyyy_in_an_english_browser(server, pages):
    console = serving_with_the_panel_open(server, pages)
    assert console.evaluate("() => navigator.language").startswith("en")   # where type=date showed mm/dd
    console.fill("#applicant-name", "Trần Thị Bình")
    console.fill("#applicant-id", "001185012345")
    console.fill("#applicant-phone", "0987654321")
    console.click("#applicant-dob")
    console.keyboard.type("31021990")
    assert console.input_value("#applicant-dob") == "31/02/1990"
    console.click("#intake-form button[type=submit]")
    said(console, "Ngày sinh chưa đúng", bad=True)                       # no 31 February
    console.fill("#applicant-dob", "")
    console.click("#applicant-dob")
    console.keyboard.type("05011990")
    console.click("#intake-later")
    console.keyboard.type("15012027")
    assert console.input_value("#intake-later") == "15/01/2027"
    console.fill("#intake-later-reason", "Cần xác minh tại nơi cư trú")
    with console.context.expect_page() as printed:
        console.click("#intake-form button[type=submit]")
    said(console, "hẹn trả 16:30 ngày 15/01/2027")
    dossier_id = printed.value.url.split("/dossiers/")[1].split("/")[0]
    saved = console.evaluate("id => fetch('/api/v1/dossiers/' + id).then(r => r.json())", dossier_id)
    assert saved["applicant"]["date_of_birth"] == "1990-01-05"            # 05/01/1990, day first
