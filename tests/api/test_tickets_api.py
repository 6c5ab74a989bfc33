from counter_server.models import Kiosk

ISSUED_KEYS = {"id", "number", "field", "procedure", "priority", "status", "issued_at", "waiting_ahead",
               "estimated_wait_minutes", "track_url", "dossier_code"}


def test_a_kiosk_issues_a_ticket(api):
    response = api.take("HT", procedure="1.001193", priority="elderly")
    assert response.status_code == 201
    assert set(response.json) == ISSUED_KEYS
    assert (response.json["number"], response.json["status"], response.json["waiting_ahead"]) == ("A001", "waiting", 0)
    assert "/t/" in response.json["track_url"]  # the tracking page the QR code opens


def test_repeating_a_request_with_its_idempotency_key_returns_the_same_ticket(api, client):
    first = api.take("HT", key="tap-123")
    again = api.take("HT", key="tap-123")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json["id"] == first.json["id"] and again.json["number"] == "A001"
    assert api.take("HT", key="tap-124").json["number"] == "A002"


def test_an_overlong_idempotency_key_is_refused(api):
    response = api.take("HT", key="x" * 101)
    assert response.status_code == 422 and response.json["error"] == "invalid_idempotency_key"


def test_issuing_without_a_token_is_401_and_with_a_staff_token_403(api, client):
    anonymous = client.post("/api/v1/tickets", json={"field": "HT"})
    assert anonymous.status_code == 401 and anonymous.json["error"] == "unauthorized"
    wrong = client.post("/api/v1/tickets", json={"field": "HT"}, headers={"Authorization": "Bearer kt_wrong"})
    assert wrong.status_code == 401
    staff = api.login()
    forbidden = client.post("/api/v1/tickets", json={"field": "HT"}, headers=staff)
    assert forbidden.status_code == 403 and forbidden.json["error"] == "forbidden"


def test_a_disabled_kiosk_cannot_issue(app, api, session, centre):
    session.get(Kiosk, centre.kiosk.id).is_active = False
    session.commit()
    app.extensions.pop("kiosk_cache", None)
    assert api.take("HT").status_code == 401


def test_malformed_input_is_a_4xx_with_the_error_shape(api, client):
    cases = [
        client.post("/api/v1/tickets", data="{not json", headers=api.kiosk | {"Content-Type": "application/json"}),
        client.post("/api/v1/tickets", json={}, headers=api.kiosk),
        client.post("/api/v1/tickets", json={"field": 7}, headers=api.kiosk),
        client.post("/api/v1/tickets", json={"field": "HT", "extra": 1}, headers=api.kiosk),
        client.post("/api/v1/tickets", json=["HT"], headers=api.kiosk),
        client.post("/api/v1/tickets", json={"field": "x" * 500}, headers=api.kiosk),
    ]
    for response in cases:
        assert 400 <= response.status_code < 500, response.json
        assert set(response.json) >= {"error", "message"}


def test_domain_refusals_have_their_own_codes(api):
    unknown = api.take("ZZ")
    assert (unknown.status_code, unknown.json["error"]) == (404, "unknown_field")
    assert api.take("HT", priority="vip").json["error"] == "unknown_priority"
    assert api.take("CT", procedure="1.001193").json["error"] == "unknown_procedure"


def test_closed_hours_are_a_409_with_a_plain_message(api, session, centre):
    from counter_server.domain.calendar import STANDARD_HOURS
    from counter_server.models import Centre
    session.get(Centre, centre.centre.id).opening_hours = {k: v for k, v in STANDARD_HOURS.items() if k == "sun"}
    session.commit()
    response = api.take("HT")
    assert response.status_code == 409
    assert response.json == {"error": "outside_opening_hours", "message": "Ngoài giờ tiếp nhận hồ sơ.",
                             "details": {"opens_at": None}}


def test_staff_cancel_and_requeue(api, client):
    ticket = api.take("HT").json
    staff = api.login()
    api.counter("next", staff)
    api.counter("skip", staff)
    requeued = client.post(f"/api/v1/tickets/{ticket['id']}/requeue", headers=staff)
    assert requeued.json == {"status": "waiting"}
    cancelled = client.post(f"/api/v1/tickets/{ticket['id']}/cancel", headers=staff)
    assert cancelled.json == {"status": "cancelled"}
    again = client.post(f"/api/v1/tickets/{ticket['id']}/cancel", headers=staff)
    assert (again.status_code, again.json["error"]) == (409, "invalid_transition")
    assert client.post("/api/v1/tickets/999/cancel", headers=staff).status_code == 404


def test_managers_read_the_ticket_log_and_staff_may_not(api, client, users):
    api.take("HT")
    api.take("CT")
    manager = api.login("lanhdao")
    log = client.get("/api/v1/tickets?limit=1", headers=manager).json
    assert log["total"] == 2 and [t["number"] for t in log["items"]] == ["A001"]
    assert client.get("/api/v1/tickets?status=waiting&offset=1", headers=manager).json["items"][0]["number"] == "B001"
    assert client.get("/api/v1/tickets?day=26-11-2026", headers=manager).status_code == 422
    assert client.get("/api/v1/tickets", headers=api.login()).status_code == 403
    assert client.get("/api/v1/tickets").status_code == 401
