import re

import pytest

from counter_server.app import create_app
from counter_server.config import MissingSecretKey
from counter_server.models import Kiosk, User


def test_login_gives_a_token_that_works_and_a_wrong_password_does_not(api, client):
    ok = client.post("/api/v1/auth/token", json={"username": "canbo", "password": "mat-khau-1"})
    assert ok.status_code == 200 and ok.json["role"] == "staff" and ok.json["expires_in"] == 12 * 3600
    assert client.get("/api/v1/counters", headers={"Authorization": f"Bearer {ok.json['token']}"}).status_code == 200
    bad = client.post("/api/v1/auth/token", json={"username": "canbo", "password": "wrong"})
    assert bad.status_code == 401 and bad.json["error"] == "invalid_credentials"
    unknown = client.post("/api/v1/auth/token", json={"username": "nobody", "password": "x"})
    assert unknown.status_code == 401


def test_a_forged_or_tampered_token_is_refused(api, client):
    token = api.login()["Authorization"]
    assert client.get("/api/v1/counters", headers={"Authorization": token + "x"}).status_code == 401
    assert client.get("/api/v1/counters", headers={"Authorization": "Bearer eyJ1aWQiOjF9.x.y"}).status_code == 401


def test_changing_the_password_invalidates_old_tokens(app, api, client, session, centre):
    staff = api.login()
    assert client.get("/api/v1/counters", headers=staff).status_code == 200
    from counter_server.security import hash_password
    session.get(User, centre.staff.id).password_hash = hash_password("another-pass")
    session.commit()
    app.extensions["user_cache"].clear()  # look-ups are cached for up to 10 s
    assert client.get("/api/v1/counters", headers=staff).status_code == 401


def test_passwords_and_kiosk_tokens_are_stored_hashed(session, centre):
    user = session.get(User, centre.staff.id)
    assert "mat-khau-1" not in user.password_hash and user.password_hash.startswith("scrypt:")
    kiosk = session.get(Kiosk, centre.kiosk.id)
    assert "kt_test-token" not in kiosk.token_hash and len(kiosk.token_hash) == 64


def test_admin_routes_refuse_anonymous_staff_and_managers(api, client, users):
    for path in ("/api/v1/kiosks", "/api/v1/users"):
        assert client.get(path).status_code == 401
        assert client.get(path, headers=api.login()).status_code == 403
        assert client.get(path, headers=api.login("lanhdao")).status_code == 403
        assert client.get(path, headers=api.login("quantri")).status_code == 200
    assert client.post("/api/v1/kiosks", json={"name": "K2"}, headers=api.login()).status_code == 403


def test_an_admin_registers_a_kiosk_whose_token_is_shown_once_and_works(api, client, users):
    admin = api.login("quantri")
    created = client.post("/api/v1/kiosks", json={"name": "Ki-ốt tầng 2"}, headers=admin)
    assert created.status_code == 201 and created.json["token"].startswith("kt_")
    listed = client.get("/api/v1/kiosks", headers=admin).json
    assert listed["total"] == 2 and all("token" not in k for k in listed["items"])
    headers = {"Authorization": f"Bearer {created.json['token']}"}
    assert client.post("/api/v1/tickets", json={"field": "HT"}, headers=headers).status_code == 201


def test_issuing_is_rate_limited_per_kiosk(app, api):
    app.config["KIOSK_RATE_LIMIT"] = "3/minute"
    codes = [api.take("HT").status_code for _ in range(4)]
    assert codes == [201, 201, 201, 429]
    limited = api.take("HT")
    assert limited.json["error"] == "rate_limited" and "message" in limited.json


def test_login_attempts_are_rate_limited_per_user_and_per_address(app, client):
    app.config["LOGIN_RATE_LIMIT"] = "2/minute"
    attempt = lambda name, ip: client.post("/api/v1/auth/token", json={"username": name, "password": "x"},
                                           environ_base={"REMOTE_ADDR": ip}).status_code
    assert [attempt("canbo", "10.0.0.1"), attempt("canbo", "10.0.0.2"), attempt("canbo", "10.0.0.3")] == [401, 401, 429]
    assert [attempt("a", "10.0.0.9"), attempt("b", "10.0.0.9"), attempt("c", "10.0.0.9")] == [401, 401, 429]


def _csrf(page: bytes) -> str:
    return re.search(rb'name="csrf_token" value="([^"]+)"', page).group(1).decode()


def test_the_login_form_needs_its_csrf_token(client):
    no_token = client.post("/login", data={"username": "canbo", "password": "mat-khau-1"})
    assert no_token.status_code == 400
    token = _csrf(client.get("/login").data)
    ok = client.post("/login", data={"username": "canbo", "password": "mat-khau-1", "csrf_token": token})
    assert ok.status_code == 302


def test_a_session_cookie_works_for_reads_and_needs_csrf_for_changes(api, client):
    token = _csrf(client.get("/login").data)
    client.post("/login", data={"username": "canbo", "password": "mat-khau-1", "csrf_token": token})
    assert client.get("/api/v1/counters").status_code == 200
    api.take("HT")
    counter = api.world.counter1.id
    refused = client.post(f"/api/v1/counters/{counter}/next")
    assert refused.status_code == 400 and refused.json["error"] == "csrf_failed"
    page_token = _csrf(client.get("/").data)
    called = client.post(f"/api/v1/counters/{counter}/next", headers={"X-CSRFToken": page_token})
    assert called.status_code == 200 and called.json["number"] == "A001"


def test_production_mode_refuses_to_start_without_a_secret_key(sqlite_url, monkeypatch):
    monkeypatch.delenv("COUNTER_SERVER_SECRET_KEY", raising=False)
    monkeypatch.setenv("COUNTER_SERVER_ENV", "production")
    with pytest.raises(MissingSecretKey):
        create_app({"DATABASE_URL": sqlite_url})
    app = create_app({"DATABASE_URL": sqlite_url, "SECRET_KEY": "set"})
    assert app.config["SECRET_KEY"] == "set"
    app.extensions["engine"].dispose()


def test_a_kiosk_heartbeat_records_its_printer_state_for_admins(api, client, users, clock):
    beat = client.post("/api/v1/kiosks/heartbeat", json={"printer_state": "paper_near_end"}, headers=api.kiosk)
    assert beat.status_code == 200 and beat.json["status"] == "ok"
    kiosk = client.get("/api/v1/kiosks", headers=api.login("quantri")).json["items"][0]
    assert kiosk["printer_state"] == "paper_near_end"
    assert kiosk["last_heartbeat_at"] == clock.now.isoformat()
    assert client.post("/api/v1/kiosks/heartbeat", json={"printer_state": "ok"}).status_code == 401
    assert client.post("/api/v1/kiosks/heartbeat", json={"printer_state": "ok"},
                       headers=api.login()).status_code == 403
    assert client.post("/api/v1/kiosks/heartbeat", json={}, headers=api.kiosk).status_code == 422


def sign_in_by_form(client, username, password, address):
    token = _csrf(client.get("/login", environ_base={"REMOTE_ADDR": address}).data)
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token},
                       environ_base={"REMOTE_ADDR": address}).status_code


def test_the_login_form_and_the_api_share_one_allowance_per_username(app, client):
    app.config["LOGIN_RATE_LIMIT"] = "2/minute"
    wrong = lambda ip: client.post("/api/v1/auth/token", json={"username": "canbo", "password": "x"},  # noqa: E731
                                   environ_base={"REMOTE_ADDR": ip}).status_code
    assert [wrong("10.0.0.1"), wrong("10.0.0.2")] == [401, 401]
    # the right password, through the other door and from a third address, waits like any other try
    assert sign_in_by_form(client, "canbo", "mat-khau-1", "10.0.0.3") == 429


def test_the_login_form_and_the_api_share_one_allowance_per_address(app, client):
    app.config["LOGIN_RATE_LIMIT"] = "2/minute"
    assert sign_in_by_form(client, "a", "x", "10.0.0.9") == 401
    assert client.post("/api/v1/auth/token", json={"username": "b", "password": "x"},
                       environ_base={"REMOTE_ADDR": "10.0.0.9"}).status_code == 401
    assert sign_in_by_form(client, "canbo", "mat-khau-1", "10.0.0.9") == 429
