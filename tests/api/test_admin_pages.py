"""The administration pages: admins only, their own centre only, tokens shown once."""
import re

from sqlalchemy import select

from counter_server import security
from counter_server.models import Counter, Kiosk, User
from counter_server.voice import Announcer
from tests.factories import make_centre, make_field, make_user

PAGES = ("/admin/", "/admin/admin_centre/", "/admin/admin_fields/", "/admin/admin_counters/",
         "/admin/admin_kiosks/", "/admin/admin_rating/", "/admin/admin_users/", "/admin/admin_calendar/")


def admin(api, session, centre):
    make_user(session, centre.centre, username="quantri", role="admin", password="mat-khau-3")
    session.commit()
    assert api.sign_in("quantri", "mat-khau-3").status_code == 302


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def test_the_admin_pages_are_for_admins_only(api, client, centre):
    for path in PAGES:
        assert client.get(path).status_code == 302, path
    api.sign_in()
    for path in PAGES:
        assert client.get(path).status_code == 403, path


def test_an_admin_sees_only_the_own_centre(api, client, session, centre):
    other = make_centre(session, code="KHAC", name="Trung tâm khác")
    make_field(session, other, "ZZ", "Z", name_vi="Lĩnh vực của nơi khác")
    session.commit()
    admin(api, session, centre)
    for path in PAGES:
        assert client.get(path).status_code == 200, path
    fields = client.get("/admin/admin_fields/").get_data(as_text=True)
    assert "Lĩnh vực HT" in fields and "Lĩnh vực của nơi khác" not in fields


def test_an_admin_creates_a_kiosk_and_sees_its_token_once(api, client, session, centre):
    admin(api, session, centre)
    page = client.get("/admin/admin_kiosks/").get_data(as_text=True)
    done = client.post("/admin/admin_kiosks/issue/", data={"name": "Ki-ốt sảnh", "csrf_token": csrf_of(page)},
                       follow_redirects=True).get_data(as_text=True)
    token = re.search(r"(kt_[A-Za-z0-9_-]{20,})", done).group(1)
    session.expire_all()
    kiosk = session.scalar(select(Kiosk).where(Kiosk.name == "Ki-ốt sảnh"))
    assert kiosk.token_hash == security.hash_kiosk_token(token) and kiosk.centre_id == centre.centre.id
    assert token not in client.get("/admin/admin_kiosks/").get_data(as_text=True)


def test_an_admin_sets_the_fields_a_counter_serves(api, client, session, centre):
    admin(api, session, centre)
    url = f"/admin/admin_counters/edit/?id={centre.counter2.id}"
    form = client.get(url).get_data(as_text=True)
    assert 'value="CT"' in form
    saved = client.post(url, data={"number": "2", "name": "Quầy 2", "is_open": "y", "fields_served": "ht, CT",
                                   "csrf_token": csrf_of(form)})
    assert saved.status_code == 302
    session.expire_all()
    counter = session.get(Counter, centre.counter2.id)
    assert [s.field.code for s in counter.served] == ["HT", "CT"]


def test_a_new_account_gets_a_hashed_password(api, client, session, centre):
    admin(api, session, centre)
    form = client.get("/admin/admin_users/new/").get_data(as_text=True)
    client.post("/admin/admin_users/new/", data={"username": "canbo9", "full_name": "Nguyễn Văn A", "role": "staff",
                                                 "is_active": "y", "new_password": "mat-khau-9",
                                                 "csrf_token": csrf_of(form)})
    session.expire_all()
    user = session.scalar(select(User).where(User.username == "canbo9"))
    assert user.centre_id == centre.centre.id and security.password_matches(user.password_hash, "mat-khau-9")


def test_the_admin_home_says_when_calls_have_no_voice(api, app, client, session, centre, tmp_path):
    admin(api, session, centre)
    assert "Giọng đọc gọi số tiếng Việt: đang hoạt động" in client.get("/admin/").get_data(as_text=True)
    app.extensions["announcer"] = Announcer(tmp_path, espeak="")
    assert "Chưa có giọng đọc" in client.get("/admin/").get_data(as_text=True)


def test_renaming_a_field_tells_kiosks_to_fetch_the_catalogue_again(api, client, session, centre):
    from counter_server.models import Centre
    admin(api, session, centre)
    before = centre.centre.catalogue_version
    url = f"/admin/admin_fields/edit/?id={centre.ht.id}"
    form = client.get(url).get_data(as_text=True)
    saved = client.post(url, data={"code": "HT", "name_vi": "Hộ tịch (mới)", "ticket_prefix": "A", "is_open": "y",
                                   "target_wait_minutes": "30", "default_service_minutes": "10",
                                   "display_order": "0", "csrf_token": csrf_of(form)})
    assert saved.status_code == 302
    session.expire_all()
    assert session.get(Centre, centre.centre.id).catalogue_version == before + 1


def test_an_admin_makes_a_field_the_queue_for_results(api, client, session, centre):
    from counter_server.models import Field
    admin(api, session, centre)
    url = f"/admin/admin_fields/edit/?id={centre.ct.id}"
    form = client.get(url).get_data(as_text=True)
    assert "Hàng chờ nhận kết quả" in form
    saved = client.post(url, data={"code": "CT", "name_vi": "Nhận kết quả", "ticket_prefix": "B", "is_open": "y",
                                   "target_wait_minutes": "30", "default_service_minutes": "4", "display_order": "1",
                                   "for_results": "y", "csrf_token": csrf_of(form)})
    assert saved.status_code == 302
    session.expire_all()
    assert session.get(Field, centre.ct.id).for_results is True
    assert {f["code"]: f["for_results"] for f in client.get("/api/v1/fields").json["items"]} == {"HT": False, "CT": True}
