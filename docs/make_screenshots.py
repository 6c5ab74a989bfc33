"""Screenshots of the web pages for the README, and one announcement WAV.

Starts the demo centre on a production-style server, plays a short morning (tickets taken, one
served and rated, one called) and photographs the pages in Debian's Chromium:
console, board (after a call), tracking page (phone), rating tablet, public listing (list and
detail), admin kiosks list, the catalogue pages, and the manager's reports over sixty days of
made-up past (plus docs/example-report.xlsx).

Run: python docs/make_screenshots.py   (writes docs/screenshots/web-*.png and docs/announcement-A004-quay-1.wav)
     python docs/make_screenshots.py --reports-only   (the report pages and the example workbook alone)
     python docs/make_screenshots.py --dossiers-only  (step 10: book, dossier, morning list, on-time figures)
     python docs/make_screenshots.py --catalogue-only (step 11: the public listing and the catalogue pages)
     python docs/make_screenshots.py --queue-only     (board, console, rating tablet, tracking page)
"""
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.demo_server import start_demo_server  # noqa: E402
from counter_server.voice import Announcer  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def sign_in(page, base, username):
    page.goto(base + "/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", f"{username}-demo")
    page.click("button[type=submit]")


def catalogue_pages(browser, base, tmp: Path) -> None:
    """A manager edits a fee, reads the history, and uploads a table with two mistakes."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    sign_in(page, base, "lanhdao")
    page.goto(base + "/admin/catalogue/?field=CT")
    page.click("a[href*='/admin/catalogue/edit/'] >> nth=0")
    code, notes = page.input_value("#code"), page.input_value("#internal_notes")
    page.fill("#internal_notes", (notes + "\n" if notes else "") + "Đã đối chiếu với bản niêm yết tại UBND phường ngày 30/11/2026.")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(OUT / "web-admin-procedure-edit.png"))
    page.click("button:has-text('Lưu')")
    page.goto(f"{base}/admin/catalogue/history/{code}")
    page.click("details >> nth=0")
    page.screenshot(path=str(OUT / "web-admin-procedure-history.png"), full_page=True)
    table = httpx.get(base + "/admin/catalogue/export.csv",
                      cookies={c["name"]: c["value"] for c in page.context.cookies()}).content.decode("utf-8-sig")
    lines = table.split("\r\n")
    wrong = tmp / "danh-muc-sua.csv"
    wrong.write_text("\r\n".join([lines[0], lines[1].replace(" | 1 | 0", " | một | 0", 1),
                                    re.sub(r"\d\d/\d\d/(\d{4})", r"31/02/\1", lines[2], count=1), *lines[3:]]), encoding="utf-8-sig")
    page.goto(base + "/admin/catalogue/")
    page.set_input_files("input[name=file]", str(wrong))
    page.click("button:has-text('Nhập tệp')")
    page.wait_for_selector(".alert-danger")
    page.screenshot(path=str(OUT / "web-admin-catalogue-import.png"))


def listing_pages(browser, base) -> None:
    """The public listing: a field's procedures, most used first; a procedure in full; one the desk
    does not take."""
    listing = browser.new_page(viewport={"width": 1280, "height": 900})
    listing.goto(base + "/thu-tuc?field=HT")
    listing.screenshot(path=str(OUT / "web-listing.png"))
    listing.goto(base + "/thu-tuc/1.001193")
    listing.screenshot(path=str(OUT / "web-listing-detail.png"), full_page=True)
    listing.goto(base + "/thu-tuc/1.000593")
    listing.screenshot(path=str(OUT / "web-listing-not-at-desk.png"))


def report_pages(browser, base) -> None:
    """The manager's report (last 30 days of the made-up past), the log, the daily print-out and
    an example workbook."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    sign_in(page, base, "lanhdao")
    page.goto(base + "/reports/")
    page.wait_for_function("[...document.images].every(image => image.complete && image.naturalWidth > 0)")
    page.wait_for_selector("#today table")
    page.screenshot(path=str(OUT / "web-reports.png"), full_page=True)
    page.goto(base + "/reports/log")
    page.screenshot(path=str(OUT / "web-reports-log.png"))
    day = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date() - timedelta(days=1)
    while day.weekday() > 4:   # the last working day of the made-up past
        day -= timedelta(days=1)
    page.goto(f"{base}/reports/daily?day={day:%d/%m/%Y}")
    page.wait_for_function("[...document.images].every(image => image.complete && image.naturalWidth > 0)")
    with tempfile.TemporaryDirectory() as tmp:      # as printed: the report's A4 page (its appendix of charts is the second)
        pdf = Path(tmp) / "daily.pdf"
        pdf.write_bytes(page.pdf(prefer_css_page_size=True))
        subprocess.run(["pdftoppm", "-r", "110", "-f", "1", "-l", "1", "-png", "-singlefile", str(pdf),
                        str(OUT / "web-reports-daily")], check=True)
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    (ROOT / "docs" / "example-report.xlsx").write_bytes(
        httpx.get(base + "/reports/export/workbook.xlsx", cookies=cookies).content)
    province = browser.new_page(viewport={"width": 1366, "height": 900})   # the province's manager: both centres
    sign_in(province, base, "lanhdao-tinh")
    province.goto(base + "/reports/?centre=all")
    province.wait_for_function("[...document.images].every(image => image.complete && image.naturalWidth > 0)")
    province.screenshot(path=str(OUT / "web-reports-province.png"))
    province.locator("section", has=province.locator("h2", has_text="Theo trung tâm")).screenshot(
        path=str(OUT / "web-reports-province-centres.png"))


def dossier_pages(browser, base, http, staff, kiosk) -> None:
    """Step 10: the tracking book, a dossier's page, the on-time section of the report, the morning
    list on the console and a ticket collecting a result opened at the counter (sixty days of
    made-up dossiers, and three received now)."""
    applicants = [("Trần Thị Bình", "001190123456", "0987654321"), ("Lê Văn Cường", "001085054321", "0912345670"),
                  ("Phạm Thu Hà", "001195067890", "0903456789")]
    made = [http.post("/api/v1/dossiers", headers=staff, json={
        "procedure": procedure, "applicant": {"name": name, "id_number": number, "phone": phone,
                                              "address": "Tổ 3, khu phố 2, Phường Hòa Bình"}}).json()
            for (name, number, phone), procedure in zip(applicants, ("1.004873", "1.004222", "1.001570"))]
    http.post(f"/api/v1/dossiers/{made[0]['id']}/transitions", headers=staff,
              json={"to": "processing", "to_unit": "Văn phòng HĐND và UBND (Tư pháp – Hộ tịch)"})
    http.post(f"/api/v1/dossiers/{made[0]['id']}/transitions", headers=staff,
              json={"to": "supplement_requested", "note": "Bổ sung bản sao Giấy khai sinh của người yêu cầu."})
    http.post(f"/api/v1/dossiers/{made[2]['id']}/transitions", headers=staff, json={"to": "result_ready"})
    http.post("/api/v1/tickets", headers=kiosk | {"Idempotency-Key": "collect-1"},
              json={"field": "KQ", "dossier_code": made[2]["code"]})
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    sign_in(page, base, "canbo1")
    page.goto(base + "/dossiers")
    page.screenshot(path=str(OUT / "web-dossier-book.png"))
    page.goto(f"{base}/dossiers/{made[0]['id']}")
    page.wait_for_selector("#stage")
    page.screenshot(path=str(OUT / "web-dossier.png"), full_page=True)
    counters = {c["number"]: c["id"] for c in http.get("/api/v1/counters", headers=staff).json()["items"]}
    http.post(f"/api/v1/counters/{counters[2]}/complete", headers=staff)   # whoever it served before (if any)
    page.goto(f"{base}/console/{counters[2]}")
    page.wait_for_selector("#morning table")
    page.click("#waiting tr >> text=K001")          # the citizen come for a result, called by name
    page.wait_for_selector(".current-dossier #stage")
    page.evaluate("document.querySelector('.lists').scrollTop = 0; window.scrollTo(0, 0)")
    page.screenshot(path=str(OUT / "web-console-morning.png"))
    manager = browser.new_page(viewport={"width": 1366, "height": 900})
    sign_in(manager, base, "lanhdao")
    manager.goto(base + "/reports/")
    manager.locator("#on-time").screenshot(path=str(OUT / "web-reports-on-time.png"))
    phone = browser.new_page(viewport={"width": 390, "height": 760}, device_scale_factor=2)
    phone.goto(f"{base}/ho-so?code={made[2]['code']}&phone_last4={applicants[2][2][-4:]}")
    phone.screenshot(path=str(OUT / "web-dossier-lookup.png"))
    intake_panel(browser, base, http, staff, kiosk, counters)


def intake_panel(browser, base, http, staff, kiosk, counters) -> None:
    """The intake panel at counter 1, filled in for the citizen being served, with the due date."""
    ticket = http.post("/api/v1/tickets", headers=kiosk | {"Idempotency-Key": "intake-1"},
                       json={"field": "HT", "procedure": "1.004873"}).json()
    http.post(f"/api/v1/counters/{counters[1]}/complete", headers=staff)
    http.post(f"/api/v1/counters/{counters[1]}/call", headers=staff, json={"ticket_id": ticket["id"]})
    console = browser.new_page(viewport={"width": 1366, "height": 1700})
    sign_in(console, base, "canbo1")
    console.goto(f"{base}/console/{counters[1]}")
    console.wait_for_selector("#current .number")
    console.keyboard.press("h")
    console.wait_for_selector("#intake-documents input")
    for field, value in (("#applicant-name", "Nguyễn Văn An"), ("#applicant-id", "001090123456"),
                         ("#applicant-dob", "01/01/1990"), ("#applicant-phone", "0912 345 678"),
                         ("#applicant-address", "Tổ 3, khu phố 2, Phường Hòa Bình")):
        console.fill(field, value)
    console.check("#doc-0")
    console.wait_for_function("() => document.getElementById('intake-due').textContent.startsWith('Hẹn trả')")
    console.evaluate("() => { document.querySelector('.current').scrollTop = 0; }")
    console.screenshot(path=str(OUT / "web-console-intake.png"))


def queue_pages(browser, base, http, staff, kiosk, counters, link, taken) -> None:
    """The board after a call, with counter 5 on a break; the console with a kiosk out of paper
    (and once more on a break); the rating tablet; the tracking page on a phone."""
    http.post("/api/v1/kiosks/heartbeat", json={"printer_state": "paper_out"}, headers=kiosk)
    http.post(f"/api/v1/counters/{counters[5]}/pause", headers=staff)
    board = browser.new_page(viewport={"width": 1920, "height": 1080})
    board.goto(base + "/board")
    tablet = browser.new_page(viewport={"width": 1280, "height": 800})
    tablet.goto(link)
    http.post(f"/api/v1/counters/{counters[1]}/next", headers=staff)      # the priority ticket
    http.post(f"/api/v1/counters/{counters[1]}/complete", headers=staff)
    tablet.wait_for_selector("#ask", state="visible")
    tablet.screenshot(path=str(OUT / "web-rating.png"))
    http.post(f"/api/v1/counters/{counters[2]}/next", headers=staff)
    console = browser.new_page(viewport={"width": 1366, "height": 768})
    sign_in(console, base, "canbo1")
    console.goto(f"{base}/console/{counters[1]}")
    console.wait_for_selector("#waiting tr")
    console.keyboard.press("n")
    console.wait_for_selector("#current .number")
    called = console.text_content("#current .number")
    board.wait_for_function("n => document.querySelector('tr[data-counter=\"1\"] .ticket').textContent === n",
                            arg=called)
    time.sleep(0.5)
    board.screenshot(path=str(OUT / "web-board.png"))
    console.screenshot(path=str(OUT / "web-console.png"))
    phone = browser.new_page(viewport={"width": 390, "height": 760}, device_scale_factor=2)
    phone.goto(taken[1]["track_url"])
    phone.screenshot(path=str(OUT / "web-tracking.png"))
    console.keyboard.press("x")
    console.wait_for_selector("#current .empty")
    console.keyboard.press("g")
    console.wait_for_selector("#paused:not([hidden])")
    console.screenshot(path=str(OUT / "web-console-break.png"))
    console.keyboard.press("g")


def main() -> int:
    reports_only = "--reports-only" in sys.argv[1:]
    dossiers_only = "--dossiers-only" in sys.argv[1:]
    catalogue_only = "--catalogue-only" in sys.argv[1:]
    queue_only = "--queue-only" in sys.argv[1:]
    port = 5077
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="screens-") as tmp:
        server, kiosk_token = start_demo_server(Path(tmp), port, workers=1, threads=32, history_days=60)
        try:
            http = httpx.Client(base_url=base, timeout=10)
            kiosk = {"Authorization": f"Bearer {kiosk_token}"}
            taken = [http.post("/api/v1/tickets", json={"field": field, **extra},
                               headers=kiosk | {"Idempotency-Key": f"s{i}"}).json()
                     for i, (field, extra) in enumerate([("HT", {}), ("HT", {"procedure": "1.001193"}),
                                                         ("CT", {}), ("HT", {"priority": "elderly"}),
                                                         ("HT", {}), ("CTRU", {}), ("DD", {})])]
            staff = {"Authorization": "Bearer " + http.post("/api/v1/auth/token", json={
                "username": "canbo1", "password": "canbo1-demo"}).json()["token"]}
            admin = {"Authorization": "Bearer " + http.post("/api/v1/auth/token", json={
                "username": "quantri", "password": "quantri-demo"}).json()["token"]}
            counters = {c["number"]: c["id"] for c in http.get("/api/v1/counters", headers=staff).json()["items"]}
            link = http.post("/api/v1/rating-devices", headers=admin,
                             json={"counter": counters[1], "name": "Máy tính bảng quầy 1"}).json()["link"]
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                     args=["--autoplay-policy=no-user-gesture-required"])
                if reports_only or dossiers_only or catalogue_only:
                    (report_pages(browser, base) if reports_only else
                     dossier_pages(browser, base, http, staff, kiosk) if dossiers_only else
                     (listing_pages(browser, base), catalogue_pages(browser, base, Path(tmp))))
                    browser.close()
                    return 0
                queue_pages(browser, base, http, staff, kiosk, counters, link, taken)
                if queue_only:
                    browser.close()
                    return 0
                listing_pages(browser, base)
                admin_page = browser.new_page(viewport={"width": 1366, "height": 768})
                sign_in(admin_page, base, "quantri")
                admin_page.goto(base + "/admin/admin_kiosks/")
                admin_page.screenshot(path=str(OUT / "web-admin-kiosks.png"))
                admin_page.goto(base + "/admin/centres/")          # quantri adds the province's centres
                admin_page.screenshot(path=str(OUT / "web-admin-new-centre.png"), full_page=True)
                catalogue_pages(browser, base, Path(tmp))
                report_pages(browser, base)
                dossier_pages(browser, base, http, staff, kiosk)
                browser.close()
        finally:
            server.send_signal(signal.SIGQUIT)  # the master only; it stops its workers
            server.wait(timeout=30)
    with tempfile.TemporaryDirectory() as tmp:
        call = Announcer(Path(tmp)).call("A004", 1)
        shutil.copy(call.path, ROOT / "docs" / "announcement-A004-quay-1.wav")
    return 0


if __name__ == "__main__":
    sys.exit(main())
