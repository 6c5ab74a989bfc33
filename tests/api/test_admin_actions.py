"""What the administration pages do besides editing a row: new kiosk tokens, the fields a
counter serves checked by name, the counters a tablet can be paired with, the catalogue list."""
import re

from sqlalchemy import select

from counter_server import security
from counter_server.models import Counter, Kiosk
from tests.api.test_admin_pages import admin, csrf_of
from tests.factories import make_centre, make_counter, make_procedure


def test_a_new_kiosk_token_replaces_the_old_one_and_is_shown_once(api, client, session, centre):
    admin(api, session, centre)
    page = client.get("/admin/admin_kiosks/").get_data(as_text=True)
    done = client.post("/admin/admin_kiosks/action/", data={
        "action": "new_token", "rowid": str(centre.kiosk.id), "csrf_token": csrf_of(page)},
        follow_redirects=True).get_data(as_text=True)
    token = re.search(r"(kt_[A-Za-z0-9_-]{20,})", done).group(1)
    session.expire_all()
    assert session.get(Kiosk, centre.kiosk.id).token_hash == security.hash_kiosk_token(token)
    assert api.take("HT").status_code == 401   # the old token no longer issues tickets
    assert token not in client.get("/admin/admin_kiosks/").get_data(as_text=True)


def test_another_centres_kiosk_keeps_its_token(api, client, session, centre):
    other = make_centre(session, code="KHAC", name="Trung tâm khác")
    theirs = Kiosk(centre_id=other.id, name="Ki-ốt nơi khác", token_hash=security.hash_kiosk_token("kt_theirs"))
    session.add(theirs)
    session.commit()
    admin(api, session, centre)
    page = client.get("/admin/admin_kiosks/").get_data(as_text=True)
    client.post("/admin/admin_kiosks/action/", data={"action": "new_token", "rowid": str(theirs.id),
                                                     "csrf_token": csrf_of(page)})
    session.expire_all()
    assert session.get(Kiosk, theirs.id).token_hash == security.hash_kiosk_token("kt_theirs")


def test_a_counter_cannot_serve_a_field_the_centre_does_not_have(api, client, session, centre):
    admin(api, session, centre)
    url = f"/admin/admin_counters/edit/?id={centre.counter2.id}"
    form = client.get(url).get_data(as_text=True)
    refused = client.post(url, data={"number": "2", "name": "Quầy 2", "is_open": "y", "fields_served": "HT, XX",
                                     "csrf_token": csrf_of(form)}).get_data(as_text=True)
    assert "Không có lĩnh vực: XX" in refused
    session.expire_all()
    assert [s.field.code for s in session.get(Counter, centre.counter2.id).served] == ["CT"]


def test_a_new_counter_serves_the_fields_named_in_order(api, client, session, centre):
    admin(api, session, centre)
    form = client.get("/admin/admin_counters/new/").get_data(as_text=True)
    saved = client.post("/admin/admin_counters/new/", data={"number": "9", "name": "Quầy 9", "is_open": "y",
                                                            "fields_served": "ct, HT, CT",
                                                            "csrf_token": csrf_of(form)})
    assert saved.status_code == 302
    counter = session.scalar(select(Counter).where(Counter.number == 9))
    assert counter.centre_id == centre.centre.id and [s.field.code for s in counter.served] == ["CT", "HT"]


def test_a_tablet_is_paired_with_one_of_the_centres_own_counters(api, client, session, centre):
    other = make_centre(session, code="KHAC", name="Trung tâm khác")
    make_counter(session, other, 7)
    session.commit()
    admin(api, session, centre)
    page = client.get("/admin/admin_rating/").get_data(as_text=True)
    offered = re.findall(r'<option value="(\d+)">', page)
    assert offered == [str(c.id) for c in (centre.counter1, centre.counter2, centre.counter3)]
    assert "Quầy 7" not in page


def test_the_catalogue_list_filters_by_field_and_by_words_without_accents(api, client, session, centre):
    make_procedure(session, centre.ct, code="2.000884", name="Chứng thực bản sao từ bản chính")
    session.commit()
    admin(api, session, centre)
    every = client.get("/admin/catalogue/").get_data(as_text=True)
    assert "Đăng ký khai sinh" in every and "Chứng thực bản sao" in every
    ct_only = client.get("/admin/catalogue/?field=CT").get_data(as_text=True)
    assert "Đăng ký khai sinh" not in ct_only and "Chứng thực bản sao" in ct_only
    by_words = client.get("/admin/catalogue/?q=khai+sinh").get_data(as_text=True)
    assert "Đăng ký khai sinh" in by_words and "Chứng thực bản sao" not in by_words
    by_code = client.get("/admin/catalogue/?q=2.000").get_data(as_text=True)
    assert "Đăng ký khai sinh" not in by_code and "Chứng thực bản sao" in by_code


def test_a_paired_tablet_is_listed_by_its_counters_number_not_a_row_id(api, client, session, centre):
    admin(api, session, centre)
    page = client.get("/admin/admin_rating/").get_data(as_text=True)
    client.post("/admin/admin_rating/pair/", data={"counter": str(centre.counter2.id), "csrf_token": csrf_of(page)})
    listed = client.get("/admin/admin_rating/").get_data(as_text=True)
    assert re.search(r'col-counter_id">\s*Quầy 2\s*<', listed)
    assert "Quầy (id)" not in listed


def test_the_admin_lists_speak_plain_vietnamese(api, client, session, centre):
    admin(api, session, centre)
    kiosks = client.get("/admin/admin_kiosks/").get_data(as_text=True)     # it has an action (new tokens)
    assert "Với lựa chọn" not in kiosks and "Thao tác với các dòng đã chọn" in kiosks


def test_a_local_procedure_code_is_shown_as_local_not_as_a_hash(api, client, session, centre):
    make_procedure(session, centre.ct, code="L.CT.24e4a4", name="Chứng thực riêng của xã")
    session.commit()
    admin(api, session, centre)
    row = client.get("/admin/catalogue/?field=CT").get_data(as_text=True)
    assert re.search(r"<td>địa phương\s*<br><small", row)
    public = client.get("/thu-tuc/L.CT.24e4a4").get_data(as_text=True)
    assert "Thủ tục riêng của địa phương" in public and "Mã thủ tục L.CT" not in public


def test_the_kiosks_list_says_the_printers_state_in_words(api, client, session, centre):
    client.post("/api/v1/kiosks/heartbeat", json={"printer_state": "paper_out"}, headers=api.kiosk)
    admin(api, session, centre)
    listed = client.get("/admin/admin_kiosks/").get_data(as_text=True)
    assert "hết giấy — thay cuộn giấy mới" in listed and "paper_out" not in listed
