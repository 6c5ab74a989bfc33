"""Collecting a result: the kiosk's «Nhận kết quả» takes a number in the centre's queue for results,
optionally naming the dossier on the slip; the counter that calls it sees that dossier."""
import pytest

from tests.factories import make_counter, make_field
from .test_dossier_moves import move
from .test_dossiers_api import procedure, receive   # noqa: F401 - the fixture is used by name


@pytest.fixture
def results(session, centre):
    """A queue for results ('K'), served by counter 4 alone."""
    field = make_field(session, centre.centre, "KQ", "K", name_vi="Nhận kết quả", for_results=True)
    counter = make_counter(session, centre.centre, 4, [field])
    session.commit()
    return counter


def test_the_fields_list_marks_the_queue_for_results(api, client, results):
    fields = {item["code"]: item["for_results"] for item in client.get("/api/v1/fields").json["items"]}
    assert fields == {"HT": False, "CT": False, "KQ": True}


def test_a_collecting_ticket_names_its_dossier_and_the_counter_sees_it(api, client, centre, procedure, results):
    staff = api.login()
    made = receive(api, staff).json
    move(api, made["id"], staff, to="result_ready")
    ticket = api.take("KQ", dossier_code=made["code"].lower())       # typed in small letters
    assert ticket.status_code == 201 and ticket.json["number"] == "K001"
    assert ticket.json["dossier_code"] == made["code"]
    called = client.post(f"/api/v1/counters/{results.id}/next", headers=staff).json
    assert called["number"] == "K001" and called["dossier_id"] == made["id"] and called["dossier_code"] == made["code"]
    desk = client.get(f"/api/v1/counters/{results.id}/desk", headers=staff).json
    assert desk["current"]["dossier_code"] == made["code"]


def test_an_unknown_code_still_gives_a_number_and_other_queues_never_link(api, centre, procedure, results):
    made = receive(api, api.login()).json
    unknown = api.take("KQ", dossier_code="KHONG-CO-0001")
    assert unknown.status_code == 201 and unknown.json["dossier_code"] is None
    elsewhere = api.take("HT", dossier_code=made["code"])
    assert elsewhere.status_code == 201 and elsewhere.json["dossier_code"] is None
