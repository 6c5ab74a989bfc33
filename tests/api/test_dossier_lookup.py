"""Citizens look their dossier up by its code and the last four digits of their phone: nothing
personal is shown, a wrong suffix is answered like an unknown code, and guessing is limited."""
import pytest

from tests.api.test_dossiers_api import procedure, receive  # noqa: F401  (fixture)


@pytest.fixture
def dossier(api, centre, procedure):  # noqa: F811
    return receive(api, api.login()).json


def ask(client, code, last4, address="10.0.0.1"):
    return client.get("/api/v1/dossiers/lookup", query_string={"code": code, "phone_last4": last4},
                      environ_base={"REMOTE_ADDR": address})


def test_the_code_and_the_phones_last_four_digits_show_the_status_and_nothing_personal(client, dossier):
    answer = ask(client, dossier["code"], "5678")
    assert answer.status_code == 200
    assert answer.json == {"code": "TEST-261126-0001", "procedure": "1.004873",
                           "procedure_name": "Cấp Giấy xác nhận tình trạng hôn nhân", "status": "received",
                           "status_words": "Đã tiếp nhận, đang giải quyết", "received_date": "2026-11-26",
                           "due_date": "2026-12-01", "collect_at": "Trung tâm thử nghiệm"}


def test_a_wrong_suffix_is_answered_exactly_like_an_unknown_code(client, dossier):
    wrong, unknown = ask(client, dossier["code"], "0000"), ask(client, "TEST-261126-9999", "5678")
    assert wrong.status_code == unknown.status_code == 404 and wrong.data == unknown.data


def test_guessing_is_limited_per_address_for_the_api_and_the_page_together(client, dossier):
    answers = [ask(client, dossier["code"], f"{n:04d}").status_code for n in range(5)]
    answers += [client.get(f"/ho-so?code={dossier['code']}&phone_last4={n:04d}",
                           environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code for n in range(5, 10)]
    assert answers == [404] * 10
    assert ask(client, dossier["code"], "5678").status_code == 429               # the eleventh, right or not
    assert ask(client, dossier["code"], "5678", address="10.0.0.2").status_code == 200
    page = client.get(f"/ho-so?code={dossier['code']}&phone_last4=5678", environ_base={"REMOTE_ADDR": "10.0.0.1"})
    assert page.status_code == 429 and "Xin đợi một phút" in page.get_data(as_text=True)


def test_the_status_page_in_plain_words(client, dossier):
    empty = client.get("/ho-so")
    assert empty.status_code == 200 and "4 số cuối số điện thoại" in empty.get_data(as_text=True)
    found = client.get(f"/ho-so?code={dossier['code']}&phone_last4=5678").get_data(as_text=True)
    assert "Đã tiếp nhận, đang giải quyết" in found and "01/12/2026" in found and "0912" not in found
    missing = client.get(f"/ho-so?code={dossier['code']}&phone_last4=1111")
    assert missing.status_code == 404 and "Không tìm thấy hồ sơ" in missing.get_data(as_text=True)


def test_a_code_typed_in_small_letters_is_found(client, dossier):
    assert ask(client, dossier["code"].lower(), "5678").json["code"] == "TEST-261126-0001"


def test_a_kiosk_looks_up_its_own_centres_dossiers_with_its_own_allowance(api, app, client, session, dossier):
    from tests.factories import make_centre
    make_centre(session, code="AAA", name="Trung tâm khác")
    session.commit()
    app.config["DEFAULT_CENTRE"] = "AAA"                                   # the address's centre is another
    assert ask(client, dossier["code"], "5678", address="10.0.0.9").status_code == 404
    for n in range(10):                        # the address's allowance spent by someone else
        ask(client, dossier["code"], f"{n:04d}")
    assert ask(client, dossier["code"], "5678").status_code == 429
    kiosk = lambda last4: client.get("/api/v1/dossiers/lookup", headers=api.kiosk, environ_base={"REMOTE_ADDR": "10.0.0.1"},
                                     query_string={"code": dossier["code"], "phone_last4": last4})
    assert kiosk("5678").status_code == 200                                # the kiosk's own allowance
    answers = [kiosk("0000").status_code for _ in range(29)]
    assert answers == [404] * 29 and kiosk("5678").status_code == 429      # thirty a minute
