"""Receiving a dossier at the counter over the API: its code, appointment and checklist; the
applicant's personal data shown to the centre's own staff only."""
import pytest

from tests.factories import BIRTH_DETAILS, make_centre, make_field, make_procedure, make_user

MARRIAGE_STATUS = {**BIRTH_DETAILS,
                   "documents": [{"name": "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", "originals": 1},
                                 {"name": "Giấy tờ chứng minh nhân thân", "copies": 1, "case": "nếu có"}],
                   "ways": [{"channel": "direct", "processing_time": "03 ngày làm việc", "fees": "Theo HĐND tỉnh",
                             "time_amount": 3, "time_unit": "ngày làm việc"}]}
APPLICANT = {"name": "  Nguyễn   Văn An ", "id_number": "001085012345", "phone": "0912 345 678",
             "date_of_birth": "1985-03-02", "address": "Thôn 3, xã Tân Lập"}


@pytest.fixture
def procedure(session, centre):
    procedure = make_procedure(session, centre.ht, code="1.004873", name="Cấp Giấy xác nhận tình trạng hôn nhân",
                               details=MARRIAGE_STATUS)
    session.commit()
    return procedure


def receive(api, headers, **body):
    return api.client.post("/api/v1/dossiers", json={"procedure": "1.004873", "applicant": APPLICANT, **body},
                           headers=headers)


def test_the_officer_receives_the_dossier_of_the_citizen_being_served(api, client, centre, procedure, users):
    ticket = api.take("HT", procedure="1.004873").json
    staff = api.login()
    api.counter("next", staff)
    made = receive(api, staff, ticket_id=ticket["id"], documents=[
        {"name": "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân"}, {"name": "Giấy khai sinh (bản sao)", "copies": 1}])
    assert made.status_code == 201, made.json
    body = made.json
    assert body["code"] == "TEST-261126-0001" and body["status"] == "received"
    assert body["received_at"] == "2026-11-26T09:00:00+07:00"
    assert body["due_date"] == "2026-12-01" and body["due_at"] == "2026-12-01T16:30:00+07:00"   # Fri, Mon, Tue
    assert body["receipt_url"].endswith(f"/api/v1/dossiers/{body['id']}/receipt.pdf")
    assert body["lookup_url"].endswith("/ho-so?code=TEST-261126-0001")
    assert "applicant" not in body   # the answer to the counter holds no personal data it did not send

    seen = client.get(f"/api/v1/dossiers/{body['id']}", headers=api.login("lanhdao")).json
    assert seen["applicant"]["name"] == "Nguyễn Văn An" and seen["applicant"]["phone"] == "0912345678"
    assert seen["ticket_id"] == ticket["id"] and seen["received_by"] == "canbo" and seen["counted_from"] == "2026-11-27"
    assert [(doc["name"], doc["received"]) for doc in seen["documents"]] == [
        ("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", True), ("Giấy tờ chứng minh nhân thân", False),
        ("Giấy khai sinh (bản sao)", True)]


def test_codes_follow_one_another_and_start_again_the_next_day(api, centre, procedure, clock):
    staff = api.login()
    codes = [receive(api, staff).json["code"] for _ in range(3)]
    clock.advance(days=1)
    codes.append(receive(api, staff).json["code"])
    assert codes == ["TEST-261126-0001", "TEST-261126-0002", "TEST-261126-0003", "TEST-261127-0001"]


def test_the_centres_agency_code_and_format_make_the_code(api, session, centre, procedure):
    centre.centre.agency_code, centre.centre.dossier_code_format = "000.00.15.H12", "{agency}-{yyyymmdd}-{seq:05d}"
    session.commit()
    assert receive(api, api.login()).json["code"] == "000.00.15.H12-20261126-00001"


def test_without_a_checklist_the_procedures_documents_are_listed_and_none_ticked(api, client, centre, procedure):
    made = receive(api, api.login()).json
    seen = client.get(f"/api/v1/dossiers/{made['id']}", headers=api.login()).json
    assert [doc["received"] for doc in seen["documents"]] == [False, False] and seen["sets"] == 1


def test_personal_data_stays_in_the_centre(api, client, session, centre, procedure):
    made = receive(api, api.login()).json
    other = make_centre(session, code="KHAC", name="Trung tâm khác")
    make_user(session, other, "canbo-khac")
    session.commit()
    address = f"/api/v1/dossiers/{made['id']}"
    assert client.get(address).status_code == 401
    assert client.get(address, headers=api.kiosk).status_code == 403
    stranger = client.get(address, headers=api.login("canbo-khac"))
    assert stranger.status_code == 404 and "Nguyễn" not in stranger.get_data(as_text=True)
    assert client.get(address, headers=api.login()).json["applicant"]["id_number"] == "001085012345"
    events = client.get("/api/v1/events?last_event_id=0").get_data(as_text=True)
    assert "001085012345" not in events and "Nguyễn" not in events


@pytest.mark.parametrize("applicant, field", [
    ({"id_number": "00108501234"}, "id_number"), ({"phone": "12345"}, "phone"),
    ({"name": "   "}, "name"), ({"email": "an@"}, "email")])
def test_a_wrong_applicant_field_is_named(api, centre, procedure, applicant, field):
    refused = api.client.post("/api/v1/dossiers", json={"procedure": "1.004873", "applicant": APPLICANT | applicant},
                              headers=api.login())
    assert refused.status_code == 422 and list(refused.json["details"]["json"]["applicant"]) == [field]


def test_a_later_appointment_needs_a_reason_and_an_earlier_one_is_refused(api, centre, procedure):
    staff = api.login()
    earlier = receive(api, staff, due_date="2026-11-30")
    assert earlier.status_code == 409 and "sớm hơn ngày 01/12/2026" in earlier.json["details"]["due_date"]
    assert receive(api, staff, due_date="2026-12-04").json["details"] == {
        "due_reason": "Hẹn muộn hơn thời hạn của thủ tục: xin ghi lý do."}
    later = receive(api, staff, due_date="2026-12-04", due_reason="Chờ xác minh tại xã nơi cư trú trước")
    assert later.status_code == 201 and later.json["due_date"] == "2026-12-04"


def test_a_ticket_that_is_not_being_served_cannot_open_a_dossier(api, centre, procedure):
    waiting = api.take("HT").json
    refused = receive(api, api.login(), ticket_id=waiting["id"])
    assert refused.status_code == 409 and "ticket_id" in refused.json["details"]


def test_only_counter_staff_receive_dossiers(api, centre, procedure, users):
    assert receive(api, {}).status_code == 401
    assert receive(api, api.login("lanhdao")).status_code == 403
    assert receive(api, api.kiosk).status_code == 403


def test_the_scanned_card_is_read_for_counter_staff_and_a_bad_scan_is_refused_in_words(api, client, centre, users):
    card = "001090123456|012345678|Nguyễn Văn An|01011990|Nam|Thôn 3, xã Tân Lập|15042021"
    assert client.post("/api/v1/id-card/read", json={"text": card}).status_code == 401
    assert client.post("/api/v1/id-card/read", json={"text": card}, headers=api.login("lanhdao")).status_code == 403
    read = client.post("/api/v1/id-card/read", json={"text": card}, headers=api.login()).json
    assert (read["id_number"], read["name"], read["date_of_birth"], read["sex"]) == (
        "001090123456", "Nguyễn Văn An", "1990-01-01", "Nam")
    refused = client.post("/api/v1/id-card/read", json={"text": "xin chào"}, headers=api.login())
    assert refused.status_code == 422 and refused.json["error"] == "unreadable_card"
    assert "12 chữ số" in refused.json["details"]["reason"]


def test_the_slips_status_link_uses_the_public_address_as_the_tickets_does(api, client, centre, procedure):
    client.application.config["PUBLIC_URL"] = "https://motcua.example.vn/"
    made = receive(api, api.login()).json
    assert made["lookup_url"] == "https://motcua.example.vn/ho-so?code=TEST-261126-0001"
    assert api.take("HT").json["track_url"].startswith("https://motcua.example.vn/t/")
