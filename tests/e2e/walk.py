"""The main path through a running server, as its users take it: a kiosk issues a ticket, an
officer calls it and receives the citizen's dossier, which goes to the unit and comes back, the
board hears of the call and plays it, a manager opens the reports, the citizen opens the ticket's
tracking page and the dossier's status page."""
import json
import re
import uuid

import httpx


def issue(base: str, kiosk_token: str, field: str = "HT") -> dict:
    """A kiosk's tap: POST /api/v1/tickets with a new Idempotency-Key."""
    response = httpx.post(base + "/api/v1/tickets", json={"field": field}, timeout=30,
                          headers={"Authorization": f"Bearer {kiosk_token}", "Idempotency-Key": uuid.uuid4().hex})
    assert response.status_code == 201, response.text
    return response.json()


def call_until(base: str, username: str, password: str, number: str, counter_number: int = 1) -> dict:
    """An officer signs in and presses "call next" at the counter with this number until `number`
    is called (a kiosk's own demo tour may have taken a ticket before it)."""
    token = httpx.post(base + "/api/v1/auth/token", json={"username": username, "password": password},
                       timeout=30).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    counters = httpx.get(base + "/api/v1/counters", headers=headers, timeout=30).json()["items"]
    counter = next(c for c in counters if c["number"] == counter_number)
    for _ in range(20):
        response = httpx.post(base + f"/api/v1/counters/{counter['id']}/next", headers=headers, timeout=30)
        assert response.status_code == 200, response.text
        if response.json()["number"] == number:
            return response.json()
    raise AssertionError(f"{number} was never called at counter {counter_number}")


def board_hears(base: str, number: str, seconds: float = 30) -> dict:
    """The board's event stream, read from the start until the `called` event for `number`."""
    with httpx.stream("GET", base + "/api/v1/events?last_event_id=0", timeout=seconds) as stream:
        kind = None
        for line in stream.iter_lines():
            if line.startswith("event: "):
                kind = line[len("event: "):]
            elif line.startswith("data: ") and kind == "called":
                data = json.loads(line[len("data: "):])
                if data.get("number") == number:
                    return data
    raise AssertionError(f"the board never heard that {number} was called")


def board_plays(base: str, number: str, counter_number: int) -> httpx.Response:
    """The spoken call the board plays: a WAV file."""
    response = httpx.get(base + "/api/v1/announcements/call.wav",
                         params={"number": number, "counter": counter_number}, timeout=60)
    assert response.status_code == 200, response.text
    assert response.content[:4] == b"RIFF" and response.content[8:12] == b"WAVE"
    return response


def manager_opens_reports(base: str, username: str, password: str) -> str:
    """A manager signs in through the login form and opens the report page."""
    with httpx.Client(base_url=base, timeout=60) as browser:
        form = browser.get("/login").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        browser.post("/login", data={"username": username, "password": password, "csrf_token": csrf})
        page = browser.get("/reports/")
        assert page.status_code == 200 and 'action="/login"' not in page.text, page.text[:500]
        return page.text


def citizen_tracks(track_url: str) -> str:
    """The page the ticket's QR code opens."""
    page = httpx.get(track_url, timeout=30)
    assert page.status_code == 200
    return page.text


def officer_receives_and_returns(base: str, username: str, password: str, ticket: dict) -> dict:
    """The officer receives the called citizen's dossier and prints form 01; it goes to the unit,
    its result comes back and is handed over; the citizen's status page says so."""
    token = httpx.post(base + "/api/v1/auth/token", json={"username": username, "password": password},
                       timeout=30).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    dossier = httpx.post(base + "/api/v1/dossiers", headers=headers, timeout=30, json={
        "procedure": "1.004873", "ticket_id": ticket["id"],
        "applicant": {"name": "Trần Thị Bình", "id_number": "001190123456", "phone": "0987654321"}})
    assert dossier.status_code == 201, dossier.text
    dossier = dossier.json()
    slip = httpx.get(dossier["receipt_url"], headers=headers, timeout=60)
    assert slip.status_code == 200 and slip.content.startswith(b"%PDF"), slip.status_code
    for move in ({"to": "processing", "to_unit": "Văn phòng HĐND và UBND (Tư pháp – Hộ tịch)"},
                 {"to": "result_ready"}, {"to": "returned", "note": "Người nộp nhận"}):
        moved = httpx.post(base + f"/api/v1/dossiers/{dossier['id']}/transitions", json=move, headers=headers,
                           timeout=30)
        assert moved.status_code == 201, moved.text
    sheet = httpx.get(base + f"/api/v1/dossiers/{dossier['id']}/control-sheet", headers=headers, timeout=30).json()
    assert [line["to_status"] for line in sheet["items"]] == ["received", "processing", "result_ready", "returned"]
    page = httpx.get(base + "/ho-so", params={"code": dossier["code"], "phone_last4": "4321"}, timeout=30)
    assert page.status_code == 200 and "Đã trả kết quả" in page.text, page.text[:500]
    return dossier
