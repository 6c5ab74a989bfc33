"""CSRF is checked in one place (counter_server/hardening.py) for every state-changing request the
session cookie could speak for: every route of both applications (main and admin), walked from
their URL maps, refuses a signed-in cookie without the token and changes nothing; bearer-token
and anonymous API calls go on without one."""
import io
import re
import time

import itsdangerous
import pytest
from sqlalchemy import select

from counter_server.models import Base
from counter_server.web.admin_mount import AdminMount
from tests.api.test_admin_pages import admin, csrf_of

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
# The five admin routes a forged request got through before (issue 14, point 3).
ONCE_UNCHECKED = {"/admin/catalogue/import/", "/admin/catalogue/new", "/admin/catalogue/edit/<int:procedure_id>",
                  "/admin/admin_kiosks/issue/", "/admin/admin_rating/pair/"}


def admin_application(app):
    wsgi = app.wsgi_app
    while not isinstance(wsgi, AdminMount):   # under ProxyFix when a proxy is trusted
        wsgi = wsgi.app
    return wsgi.admin()


def state_changing_routes(app) -> list[tuple[str, str]]:
    """(method, rule) for every route of both applications that takes an unsafe method."""
    routes = set()
    for application in (app, admin_application(app)):
        for rule in application.url_map.iter_rules():
            routes |= {(method, rule.rule) for method in rule.methods & UNSAFE}
    return sorted(routes, key=lambda route: route[1])


def address(rule: str, ids: dict) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(ids.get(m.group(1), 1)), rule)


def everything(session) -> dict:
    """Every row of every table but the web sessions (signing in writes one)."""
    session.expire_all()
    return {table.name: sorted(map(repr, session.execute(select(table)).all()))
            for table in Base.metadata.sorted_tables if table.name != "web_sessions"}


def forged_body(rule: str, centre) -> dict:
    """What a forger would send: a one-row catalogue, a new admin, a kiosk, a counter to call at."""
    return {"file": (io.BytesIO(f"Mã thủ tục,Tên thủ tục\n{centre.birth.code},Tên mới\n".encode()), "x.csv"),
            "username": "ke-gia-mao", "password": "mat-khau-gia", "role": "admin", "name": "Ki-ốt giả",
            "counter": str(centre.counter1.id), "action": "delete", "rowid": "1", "id": "1"}


def test_every_state_changing_route_refuses_a_signed_in_cookie_without_the_token(api, client, session, centre):
    admin(api, session, centre)
    client.get("/admin/")   # the admin application is made by its first request
    routes = state_changing_routes(client.application)
    assert ONCE_UNCHECKED <= {rule for _, rule in routes} and len(routes) > 40
    before = everything(session)
    ids = {"procedure_id": centre.birth.id, "counter_id": centre.counter1.id, "ticket_id": 1}
    for method, rule in routes:
        response = client.open(address(rule, ids), method=method, data=forged_body(rule, centre),
                               content_type="multipart/form-data")
        assert response.status_code == 400, (method, rule, response.status_code)
        if rule.startswith("/api/"):
            assert response.json["error"] == "csrf_failed", rule
        else:
            assert "Chưa thực hiện thao tác" in response.get_data(as_text=True), rule
    assert everything(session) == before
    assert client.get("/admin/admin_users/").status_code == 200   # the forged sign-out ended nothing


def test_a_forged_api_call_with_the_cookie_is_refused_in_the_usual_error_body(api, client, centre):
    api.take("HT")
    api.sign_in()
    refused = client.post(f"/api/v1/counters/{centre.counter1.id}/next", json={})
    assert refused.status_code == 400
    assert set(refused.json) == {"error", "message", "details"} and "tải lại trang" in refused.json["message"]
    assert client.get(f"/api/v1/counters/{centre.counter1.id}/desk").json["current"] is None   # nobody called


def test_bearer_token_and_anonymous_api_calls_need_no_csrf_token(api, client, centre):
    api.sign_in()   # a signed-in cookie in the same client changes nothing for them
    assert api.take("HT").status_code == 201
    fresh = client.application.test_client()
    token = fresh.post("/api/v1/auth/token", json={"username": "canbo", "password": "mat-khau-1"})
    assert token.status_code == 200
    called = client.post(f"/api/v1/counters/{centre.counter1.id}/next",
                         headers={"Authorization": f"Bearer {token.json['token']}"})
    assert called.status_code == 200 and called.json["number"] == "A001"


def test_a_console_opened_in_the_morning_still_works_in_the_afternoon(api, client, centre, monkeypatch):
    api.take("HT")
    api.sign_in()
    client.get(f"/console/{centre.counter1.id}")
    with client.session_transaction() as cookie:
        raw = cookie["csrf_token"]
    with monkeypatch.context() as then:   # the page's token, as Flask-WTF signed it nine hours ago
        then.setattr(itsdangerous.TimestampSigner, "get_timestamp", lambda self: int(time.time()) - 9 * 3600)
        token = itsdangerous.URLSafeTimedSerializer("test-secret", salt="wtf-csrf-token").dumps(raw)
    called = client.post(f"/api/v1/counters/{centre.counter1.id}/next", headers={"X-CSRFToken": token})
    assert called.status_code == 200 and called.json["number"] == "A001"


def test_signing_in_needs_the_forms_token_too(api, client, centre):
    client.get("/login")
    refused = client.post("/login", data={"username": "canbo", "password": "mat-khau-1"})
    assert refused.status_code == 400 and "Chưa thực hiện thao tác" in refused.get_data(as_text=True)
    assert client.get("/api/v1/counters").status_code == 401
    assert api.sign_in().status_code == 302
