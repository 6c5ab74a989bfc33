"""«Thêm trung tâm» on the administration pages: a province administrator adds a centre like one
that works; its kiosk's token, shown once, issues tickets at the new centre at once."""
import re

import pytest
from sqlalchemy import select, update

from counter_server.models import Centre, Counter, User


@pytest.fixture
def province_admin(api, session, users):
    session.execute(update(User).where(User.username == "quantri").values(whole_province=True))
    session.commit()
    api.sign_in("quantri")
    return api


def form_token(client) -> str:
    page = client.get("/admin/centres/").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_a_province_administrator_adds_a_centre_whose_kiosk_issues_tickets_there(province_admin, client, session):
    page = client.get("/admin/centres/").get_data(as_text=True)
    assert "Thêm trung tâm" in page and "Trung tâm thử nghiệm (TEST)" in page
    added = client.post("/admin/centres/", data={"csrf_token": form_token(client), "code": "xa-binh-an",
                                                "name": "Bộ phận Một cửa xã Bình An", "like": "TEST"})
    shown = added.get_data(as_text=True)
    assert added.status_code == 200 and "chỉ hiện <strong>một lần</strong>" in shown
    assert added.headers["Cache-Control"] == "no-store"
    token = re.search(r"(kt_[\w-]+)", shown).group(1)
    assert "Mật khẩu của quản trị viên quantri-xa-binh-an" in shown
    centre_id = session.scalar(select(Centre.id).where(Centre.code == "XA-BINH-AN"))
    assert len(session.scalars(select(Counter).where(Counter.centre_id == centre_id)).all()) == 3   # like TEST's
    ticket = client.post("/api/v1/tickets", json={"field": "HT"}, headers={"Authorization": f"Bearer {token}"})
    assert ticket.status_code == 201 and ticket.json["number"] == "A001"
    assert client.get("/api/v1/display?centre=XA-BINH-AN").json["waiting"]


def test_a_code_already_taken_is_refused_in_words_and_nothing_is_added(province_admin, client, session):
    refused = client.post("/admin/centres/", data={"csrf_token": form_token(client), "code": "TEST",
                                                  "name": "Trùng mã", "like": "TEST"})
    assert refused.status_code == 200 and "Chưa thêm được." in refused.get_data(as_text=True)
    assert "Đã có trung tâm mã TEST" in refused.get_data(as_text=True)
    assert session.scalar(select(Centre.id).where(Centre.name == "Trùng mã")) is None


def test_a_centres_own_administrator_may_not_add_centres(api, client, users):
    api.sign_in("quantri")
    assert client.get("/admin/centres/").status_code == 403
    assert "Thêm trung tâm" not in client.get("/admin/").get_data(as_text=True)
