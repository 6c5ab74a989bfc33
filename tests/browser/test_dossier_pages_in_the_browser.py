"""The dossier pages in Chromium against the production server: a dossier's page follows a move
made by another officer without a reload and records the next one; the console's morning list
opens a late dossier with one key; a ticket collecting a result opens its dossier at the counter."""
import json
import urllib.request
from datetime import datetime, timedelta, timezone

from sqlalchemy import create_engine, text

from .conftest import sign_in

APPLICANT = {"name": "Trần Thị Bình", "id_number": "001190123456", "phone": "0987654321"}


def receive(server, token: str) -> dict:
    return server.post("/api/v1/dossiers", token, {"procedure": "1.004873", "applicant": APPLICANT})


def move(server, token: str, dossier: dict, **body) -> dict:
    return server.post(f"/api/v1/dossiers/{dossier['id']}/transitions", token, body)


def test_a_dossiers_page_follows_another_officers_move_and_records_the_next(server, pages):
    token = server.staff_token()
    dossier = receive(server, token)
    page = pages(1366, 900)
    sign_in(page, server.base)
    page.goto(f"{server.base}/dossiers/{dossier['id']}")
    page.wait_for_selector("#stage >> text=Đã tiếp nhận")
    page.wait_for_timeout(500)                          # the page's event stream is open
    move(server, server.staff_token("canbo2"), dossier, to="processing", to_unit="Phòng Văn hóa – Xã hội")
    page.wait_for_selector("#sheet >> text=Phòng Văn hóa – Xã hội", timeout=15000)   # no reload by hand
    page.wait_for_selector("#stage >> text=Đang giải quyết")

    page.select_option("#to", "supplement_requested")
    page.click("button:has-text('Ghi nhận')")
    page.wait_for_selector("#move-message.error >> text=lý do")       # the reason is asked for, in words
    page.fill("#note", "Thiếu bản sao giấy khai sinh")
    page.click("button:has-text('Ghi nhận')")
    page.wait_for_selector("#stage >> text=Chờ bổ sung hồ sơ")
    assert page.is_visible("a:has-text('Phiếu yêu cầu bổ sung (mẫu 02)')")


def test_the_morning_list_opens_a_late_dossier_with_one_key(server, pages):
    token = server.staff_token()
    late, today = receive(server, token), receive(server, token)
    engine = create_engine(server.env["COUNTER_SERVER_DATABASE_URL"])
    now = datetime.now(timezone.utc)
    with engine.begin() as connection:   # as if received a week ago: its date has passed
        connection.execute(text("UPDATE dossiers SET due_at = :due, first_due_at = :due WHERE id = :id"),
                           {"due": now - timedelta(days=2), "id": late["id"]})
    engine.dispose()
    console = pages(1366, 900)
    sign_in(console, server.base)
    console.goto(server.base + "/console")
    console.click("text=Quầy 1")
    console.wait_for_selector("#morning h3.due-late >> text=Đã quá hạn (1)")
    assert console.is_visible(f"table.due-late >> text={late['code']}")
    assert not console.is_visible(f"#morning >> text={today['code']}")    # due in three working days
    with console.context.expect_page() as opened:
        console.keyboard.press("1")
    dossier_page = opened.value
    dossier_page.wait_for_load_state()
    assert dossier_page.url.endswith(f"/dossiers/{late['id']}")
    assert dossier_page.is_visible(f"text={late['code']}")


def test_a_ticket_collecting_a_result_opens_its_dossier_at_the_counter(server, pages):
    token = server.staff_token()
    dossier = receive(server, token)
    move(server, token, dossier, to="result_ready")
    request = urllib.request.Request(server.base + "/api/v1/tickets", headers={
        "Authorization": f"Bearer {server.kiosk_token}", "Content-Type": "application/json"},
        data=json.dumps({"field": "KQ", "dossier_code": dossier["code"]}).encode())
    with urllib.request.urlopen(request, timeout=10) as response:
        assert json.loads(response.read())["dossier_code"] == dossier["code"]
    console = pages(1366, 900)
    sign_in(console, server.base)
    console.goto(server.base + "/console")
    console.click("text=Quầy 1")
    console.wait_for_selector("#waiting tr >> text=K001")
    console.keyboard.press("n")
    console.wait_for_selector(f".current-dossier >> text={dossier['code']}")
    console.wait_for_selector(".current-dossier >> text=Đã có kết quả, mời đến nhận")
    console.keyboard.press("k")
    console.wait_for_selector("#message >> text=Đã ghi nhận trả kết quả")
    console.wait_for_selector(".current-dossier #stage >> text=Đã trả kết quả")
