"""Counter staff, the waiting-hall board and a citizen's phone, in a real browser."""
import json
import time
import urllib.request

from sqlalchemy import create_engine, select

from counter_server.models import Rating

from .conftest import sign_in


def counter_id(server, number: int) -> int:
    """The id of the counter with this number (the API addresses counters by id)."""
    request = urllib.request.Request(server.base + "/api/v1/counters",
                                     headers={"Authorization": "Bearer " + server.staff_token()})
    with urllib.request.urlopen(request) as response:
        return next(c["id"] for c in json.loads(response.read())["items"] if c["number"] == number)


def console_at_counter_1(server, pages):
    """An officer signed in at counter 1's console, A001 (taken by the test) in its waiting list."""
    console = pages()
    sign_in(console, server.base)
    console.goto(f"{server.base}/console/{counter_id(server, 1)}")
    console.wait_for_selector("#waiting tr >> text=A001")
    return console


def test_staff_signs_in_calls_next_and_the_board_shows_it_within_a_second(server, pages):
    server.take(server.kiosk_token, "HT")
    board = pages(width=1920, height=1080)
    board.goto(server.base + "/board")
    console = pages()
    sign_in(console, server.base)
    console.goto(server.base + "/console")
    console.click("text=Quầy 1")
    console.wait_for_selector("#waiting tr >> text=A001")
    console.keyboard.press("n")
    console.wait_for_selector("#current .number >> text=A001")
    called_at = time.monotonic()
    board.wait_for_function("() => document.querySelector('tr[data-counter=\"1\"] .ticket').textContent === 'A001'",
                            timeout=1000)
    assert time.monotonic() - called_at < 1.0
    assert board.text_content("#recent li").startswith("A001")
    assert "A001" in board.text_content("#announce")
    assert console.text_content("#counts").startswith("Đã phục vụ 0")


def test_the_console_buttons_take_a_ticket_through_its_day(server, pages):
    for _ in range(2):
        server.take(server.kiosk_token, "HT")
    console = pages()
    sign_in(console, server.base)
    console.goto(f"{server.base}/console/{counter_id(server, 1)}")
    console.wait_for_selector("#waiting tr >> text=A002")
    console.click("button[data-action=next]")
    console.wait_for_selector("#current >> text=Đã gọi")
    console.keyboard.press("b")
    console.wait_for_selector("#current >> text=Đang phục vụ")
    console.keyboard.press("x")
    console.wait_for_selector("#counts >> text=Đã phục vụ 1")
    console.keyboard.press("n")
    console.wait_for_selector("#current .number >> text=A002")
    console.keyboard.press("v")
    console.wait_for_selector("#no-shows >> text=A002")
    console.click("#no-shows >> text=Xếp lại hàng")
    console.wait_for_selector("#waiting >> text=A002")
    console.keyboard.press("n")
    console.wait_for_selector("#current .number >> text=A002")
    console.select_option("#transfer-to", "field:CT")
    console.click("button[data-action=transfer]")
    console.wait_for_selector("#current >> text=Chưa gọi ai")
    assert console.text_content("#message") == ""


def test_the_tracking_page_follows_the_ticket_from_waiting_to_called(server, pages):
    server.take(server.kiosk_token, "HT")
    ticket = server.take(server.kiosk_token, "HT")
    phone = pages(width=390, height=844)
    phone.goto(server.base + "/t/" + ticket["track_url"].rsplit("/", 1)[1])
    assert phone.text_content(".number") == "A002"
    assert "Trước ông/bà còn 1 người" in phone.text_content("#state")
    token = server.staff_token()
    counter = counter_id(server, 1)
    server.post(f"/api/v1/counters/{counter}/next", token)
    phone.wait_for_selector("#state >> text=Ông/bà là người tiếp theo", timeout=8000)
    server.post(f"/api/v1/counters/{counter}/next", token)
    phone.wait_for_selector("#state >> text=Mời ông/bà đến", timeout=8000)
    assert "quầy số 1" in phone.text_content("#state")
    assert phone.get_attribute("#ticket", "data-status") == "called"


def test_the_board_reconnects_by_itself_after_the_server_restarts(server, pages):
    board = pages(width=1920, height=1080)
    board.goto(server.base + "/board")
    board.evaluate("window.sameDocument = true")
    server.stop()
    board.wait_for_selector("#offline", state="visible", timeout=10000)
    server.start()
    server.take(server.kiosk_token, "CTRU")
    server.post(f"/api/v1/counters/{counter_id(server, 5)}/next", server.staff_token())
    board.wait_for_function("() => document.querySelector('tr[data-counter=\"5\"] .ticket').textContent === 'G001'",
                            timeout=15000)
    assert board.evaluate("window.sameDocument") is True   # no refresh was needed
    assert board.is_hidden("#offline")


def admin_post(server, path: str, body: dict) -> dict:
    return server.post(path, server.staff_token("quantri"), body)


def test_the_rating_tablet_wakes_on_completion_and_records_one_rating(server, pages, sqlite_url):
    paired = admin_post(server, "/api/v1/rating-devices", {"counter": counter_id(server, 1), "name": "Bảng quầy 1"})
    tablet = pages(width=1280, height=800)
    tablet.goto(paired["link"])
    assert tablet.is_visible("#idle")
    server.take(server.kiosk_token, "HT")
    staff = server.staff_token()
    server.post(f"/api/v1/counters/{counter_id(server, 1)}/next", staff)
    server.post(f"/api/v1/counters/{counter_id(server, 1)}/complete", staff)
    tablet.wait_for_selector("#ask >> text=A001", timeout=5000)
    tablet.click("#levels >> text=Rất hài lòng")
    tablet.wait_for_selector("#thanks", state="visible")
    tablet.wait_for_selector("#idle", state="visible", timeout=10000)
    engine = create_engine(sqlite_url)
    with engine.connect() as connection:
        assert connection.execute(select(Rating.level)).scalars().all() == [3]
    engine.dispose()


def test_calls_are_announced_one_after_another_never_cutting_each_other_off(server, pages):
    board = pages(width=1920, height=1080)
    board.goto(server.base + "/board")
    server.take(server.kiosk_token, "HT")
    server.take(server.kiosk_token, "CT")
    staff = server.staff_token()
    server.post(f"/api/v1/counters/{counter_id(server, 1)}/next", staff)
    server.post(f"/api/v1/counters/{counter_id(server, 2)}/next", staff)
    board.wait_for_function("() => window.boardCalls.length === 2")
    assert [a["number"] for a in board.evaluate("window.boardAnnouncements")] == ["A001"]   # the second waits
    board.wait_for_function("() => window.boardAnnouncements.length === 2", timeout=30000)
    first, second = board.evaluate("window.boardAnnouncements")
    assert (first["number"], second["number"]) == ("A001", "B001")
    assert second["at"] - first["at"] >= 3000   # the whole first call (or, muted, its text) came first


def test_after_a_burst_of_calls_on_two_counters_the_banner_and_every_row_agree(server, pages):
    board = pages(width=1920, height=1080)
    board.goto(server.base + "/board")
    for field in ("HT", "HT", "HT", "CT", "CT"):
        server.take(server.kiosk_token, field)
    staff = server.staff_token()
    one, two = counter_id(server, 1), counter_id(server, 2)
    for counter in (one, two, one, two, one):   # each call replaces the counter's previous one
        server.post(f"/api/v1/counters/{counter}/next", staff)
    board.wait_for_function("() => window.boardCalls.length === 5")

    def banner_agrees_with_its_row() -> bool:
        return board.evaluate("""() => {
            const text = document.getElementById('announce').textContent;
            const said = text.match(/số thứ tự (\\S+) đến quầy số (\\d+)/);
            if (!said) return text === '';
            return document.querySelector('tr[data-counter="' + said[2] + '"] .ticket').textContent === said[1];
        }""")
    calls = board.evaluate("window.boardCalls")
    latest = {str(call["counter"]): call["number"] for call in calls}   # each counter's last call
    board.wait_for_timeout(1500)   # the rows refreshed from /api/v1/display
    assert {n: board.text_content(f'tr[data-counter="{n}"] .ticket') for n in latest} == latest
    def read() -> list[str]:
        return [a["number"] for a in board.evaluate("window.boardAnnouncements")]
    for _ in range(90):   # while the voice works through what is left, the banner never says a replaced call
        assert banner_agrees_with_its_row()
        if set(latest.values()) <= set(read()) and board.text_content("#announce") == "":
            break
        board.wait_for_timeout(500)
    assert set(latest.values()) <= set(read()) and board.text_content("#announce") == ""   # all said, then quiet


def test_a_kiosk_out_of_paper_reaches_every_open_console_within_30_seconds(server, pages):
    server.take(server.kiosk_token, "HT")
    console = console_at_counter_1(server, pages)
    assert console.is_hidden("#kiosk-faults")
    server.post("/api/v1/kiosks/heartbeat", server.kiosk_token, {"printer_state": "paper_out"})
    reported = time.monotonic()
    console.wait_for_selector("#kiosk-faults >> text=hết giấy — thay cuộn giấy mới", timeout=30000)
    assert time.monotonic() - reported < 30
    assert "Ki-ốt «" in console.text_content("#kiosk-faults")
    server.post("/api/v1/kiosks/heartbeat", server.kiosk_token, {"printer_state": "ok"})
    console.wait_for_selector("#kiosk-faults", state="hidden", timeout=30000)


def test_an_officer_pauses_the_counter_the_board_says_so_and_call_next_waits(server, pages):
    server.take(server.kiosk_token, "HT")
    board = pages(width=1920, height=1080)
    board.goto(server.base + "/board")
    console = console_at_counter_1(server, pages)
    console.keyboard.press("g")
    console.wait_for_selector("#paused >> text=Quầy đang tạm nghỉ")
    board.wait_for_selector('tr[data-counter="1"].paused', timeout=5000)
    assert board.evaluate("getComputedStyle(document.querySelector('tr[data-counter=\"1\"] .ticket'), "
                          "'::after').content") == '"Tạm nghỉ"'
    assert console.is_disabled("button[data-action=next]")
    console.keyboard.press("n")
    assert console.text_content("#current").startswith("Chưa gọi ai")
    console.keyboard.press("g")
    console.wait_for_selector("#paused", state="hidden")
    board.wait_for_selector('tr[data-counter="1"]:not(.paused)', timeout=5000)
    console.keyboard.press("n")
    console.wait_for_selector("#current .number >> text=A001")
