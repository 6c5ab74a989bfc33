"""Secrets stay where they belong: hashes are never shown, and a new kiosk token or a tablet's
pairing link is shown once on a page of its own, never in the session cookie."""
import re

import pytest
from flask.sessions import SecureCookieSessionInterface

from counter_server.models import RatingDevice, User
from tests.api.test_admin_pages import admin, csrf_of


def cookie_contents(app, client) -> str:
    """What the browser's session cookie says (it is signed, not encrypted: anyone holding it reads it)."""
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    return str(serializer.loads(client.get_cookie("session").value))


@pytest.mark.parametrize("view, model", [("admin_users", User), ("admin_kiosks", None), ("admin_rating", RatingDevice)])
def test_no_details_page_shows_a_password_or_token_hash(api, client, session, centre, view, model):
    admin(api, session, centre)
    if model is RatingDevice:
        page = client.get("/admin/admin_rating/").get_data(as_text=True)
        client.post("/admin/admin_rating/pair/", data={"counter": str(centre.counter1.id), "csrf_token": csrf_of(page)})
    row = {"admin_users": centre.staff.id, "admin_kiosks": centre.kiosk.id}.get(view) or session.query(RatingDevice).one().id
    details = client.get(f"/admin/{view}/details/?id={row}")
    assert details.status_code == 200
    page = details.get_data(as_text=True)
    assert "hash" not in page.lower() and "scrypt:" not in page and not re.search(r"\b[0-9a-f]{64}\b", page)


def test_a_new_kiosk_token_is_shown_on_its_own_page_and_never_travels_in_the_cookie(app, api, client, session,
                                                                                      centre):
    admin(api, session, centre)
    page = client.get("/admin/admin_kiosks/").get_data(as_text=True)
    shown = client.post("/admin/admin_kiosks/issue/", data={"name": "Ki-ốt sảnh", "csrf_token": csrf_of(page)})
    assert shown.status_code == 200 and shown.headers["Cache-Control"] == "no-store"
    token = re.search(r"(kt_[A-Za-z0-9_-]{20,})", shown.get_data(as_text=True)).group(1)
    assert token not in cookie_contents(app, client)
    assert token not in client.get("/admin/admin_kiosks/").get_data(as_text=True)


def test_renewed_tokens_and_a_pairing_link_are_shown_once_and_kept_out_of_the_cookie(app, api, client, session,
                                                                                    centre):
    admin(api, session, centre)
    page = client.get("/admin/admin_kiosks/").get_data(as_text=True)
    renewed = client.post("/admin/admin_kiosks/action/", data={
        "action": "new_token", "rowid": str(centre.kiosk.id), "csrf_token": csrf_of(page)})
    token = re.search(r"(kt_[A-Za-z0-9_-]{20,})", renewed.get_data(as_text=True)).group(1)
    page = client.get("/admin/admin_rating/").get_data(as_text=True)
    paired = client.post("/admin/admin_rating/pair/", data={"counter": str(centre.counter1.id),
                                                           "csrf_token": csrf_of(page)})
    link = re.search(r"(http://[^<\s]+/rate/[A-Za-z0-9_-]+)", paired.get_data(as_text=True)).group(1)
    assert paired.headers["Cache-Control"] == "no-store"
    cookie = cookie_contents(app, client)
    assert token not in cookie and link.rsplit("/", 1)[1] not in cookie
