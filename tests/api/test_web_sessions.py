"""Web sign-ins are checked on the server at every request, in every worker, never cached between
requests: signing out, disabling or demoting a user, or a working day passing, ends at once what
the old cookie could open."""
import re

import pytest

from counter_server.models import User, WebSession


def set_user(session, username, **values):
    user = session.query(User).filter_by(username=username).one()
    for name, value in values.items():
        setattr(user, name, value)
    session.commit()


def test_a_disabled_admin_can_no_longer_open_or_change_the_admin_pages(app, api, client, users, session):
    api.sign_in("quantri")
    assert client.get("/admin/admin_users/").status_code == 200
    set_user(session, "quantri", is_active=False)
    refused = client.get("/admin/admin_users/")
    assert refused.status_code == 302 and "/login" in refused.headers["Location"]
    assert client.post("/admin/admin_users/new/", data={"username": "ke-gian"}).status_code in (302, 400)
    assert session.query(User).filter_by(username="ke-gian").count() == 0


def test_an_admin_demoted_to_staff_loses_the_admin_pages(app, api, client, users, session):
    api.sign_in("quantri")
    assert client.get("/admin/admin_kiosks/").status_code == 200
    set_user(session, "quantri", role="staff")
    assert client.get("/admin/admin_kiosks/").status_code == 403
    assert client.get("/console").status_code == 200, "still an officer"


def test_a_disabled_manager_can_no_longer_download_the_wait_time_log(app, api, client, users, session):
    api.sign_in("lanhdao")
    assert client.get("/reports/export/log.csv?from=2026-11-26&to=2026-11-26").status_code == 200
    set_user(session, "lanhdao", is_active=False)
    assert client.get("/reports/export/log.csv?from=2026-11-26&to=2026-11-26").status_code == 302


def test_after_signing_out_the_old_cookie_opens_nothing(api, client, centre):
    api.sign_in()
    counter = centre.counter1.id
    assert client.get(f"/console/{counter}").status_code == 200
    assert client.get(f"/api/v1/counters/{counter}/desk").status_code == 200
    old_cookie = client.get_cookie("session").value
    page = client.get("/").data.decode()
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302

    client.set_cookie("session", old_cookie)   # an attacker replays the cookie
    assert client.get(f"/console/{counter}").status_code == 302
    assert client.get(f"/api/v1/counters/{counter}/desk").status_code == 401


def test_a_sign_in_lasts_a_working_day(app, api, client, centre, clock, session):
    api.sign_in()
    cookie = client.get_cookie("session")
    assert cookie.expires is not None, "the cookie itself expires, not at browser close or in 31 days"
    assert client.get("/console").status_code == 200
    clock.advance(hours=app.config["SESSION_HOURS"] + 0.1)
    assert client.get("/console").status_code == 302
    assert session.query(WebSession).count() == 1


def test_each_sign_in_is_its_own_session_and_signing_out_ends_only_that_one(app, api, client, centre):
    other = app.test_client()
    api.sign_in()
    page = other.get("/login").data.decode()
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    other.post("/login", data={"username": "canbo", "password": "mat-khau-1", "csrf_token": token})
    token = client.get("/").data.decode().split('name="csrf_token" value="')[1].split('"')[0]
    client.post("/logout", data={"csrf_token": token})
    assert client.get("/console").status_code == 302
    assert other.get("/console").status_code == 200


@pytest.mark.parametrize("target", ["https://evil.example/phish", "//evil.example/phish", "/\\evil.example",
                                    "http:/evil.example", "javascript:alert(1)"])
def test_signing_in_never_sends_the_browser_to_another_site(api, client, target):
    page = client.get("/login").data.decode()
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    answer = client.post("/login", query_string={"next": target},
                         data={"username": "canbo", "password": "mat-khau-1", "csrf_token": token})
    assert answer.status_code == 302 and answer.headers["Location"] == "/"


def test_signing_in_returns_to_the_page_asked_for(api, client, centre):
    asked = client.get(f"/console/{centre.counter1.id}")
    assert asked.status_code == 302
    page = client.get(asked.headers["Location"]).data.decode()
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    answer = client.post(asked.headers["Location"],
                         data={"username": "canbo", "password": "mat-khau-1", "csrf_token": token})
    assert answer.headers["Location"] == f"/console/{centre.counter1.id}"


def test_signing_out_in_one_worker_shuts_a_copied_cookie_out_of_another_at_once(app, api, client, users, centre):
    """Two workers of the production server share the database, not their memory."""
    from counter_server.app import create_app
    other = create_app(dict(app.config, TESTING=True))
    other.extensions["queue"].clock = app.extensions["queue"].clock
    thief = other.test_client()
    api.sign_in()
    cookie = client.get_cookie("session")
    thief.set_cookie("session", cookie.value)
    assert thief.get("/console").status_code == 200          # the other worker has seen this session
    page = client.get(f"/console/{centre.counter1.id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    shut = thief.get("/console")
    assert shut.status_code == 302 and "/login" in shut.headers["Location"]
    other.extensions["engine"].dispose()
