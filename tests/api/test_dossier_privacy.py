"""A dossier's personal data (the applicant's name, ID number, phone, address) stays with the
centre's officers: not in the event stream, the board, the public status page, nor the logs,
whatever the dossier goes through."""
import logging

import pytest

from .test_dossier_moves import UNIT, move
from .test_dossiers_api import procedure, receive   # noqa: F401 - the fixture is used by name
from .test_openapi_and_events import read_events

PERSONAL = ("Nguyễn Văn An", "001085012345", "0912345678", "0912 345 678", "Tân Lập")


@pytest.fixture
def followed(api, centre, procedure, caplog):
    caplog.set_level(logging.DEBUG)
    api.take("HT")      # the day's first ticket: a stream replays the day from its first event
    staff = api.login()
    made = receive(api, staff).json
    for body in ({"to": "processing", "to_unit": UNIT}, {"to": "supplement_requested", "note": "Thiếu bản sao"},
                 {"to": "processing"}, {"to": "processing", "new_due_date": "2026-12-04", "note": "Chờ xác minh"},
                 {"to": "result_ready"}, {"to": "returned", "note": "Người nộp nhận"}):
        assert move(api, made["id"], staff, **body).status_code == 201
    return made


def test_the_event_stream_carries_the_dossiers_id_and_stage_only(client, followed):
    events = [event for event in read_events(client.get("/api/v1/events?last_event_id=0"))
              if event["event"] == "dossier"]
    assert [event["data"]["status"] for event in events] == [
        "received", "processing", "supplement_requested", "processing", "processing", "result_ready", "returned"]
    assert {key for event in events for key in event["data"] if event["data"][key] is not None} == {
        "id", "kind", "at", "dossier", "status"}
    assert all(word not in str(events) for word in PERSONAL + (followed["code"],))


def test_the_board_and_the_status_page_show_nothing_personal(client, followed):
    public = [client.get("/board").get_data(as_text=True), client.get("/api/v1/display").get_data(as_text=True),
              client.get(f"/ho-so?code={followed['code']}&phone_last4=5678").get_data(as_text=True)]
    assert "Đã trả kết quả" in public[2]                                     # the status page answered
    assert all(word not in page for page in public for word in PERSONAL)


def test_the_logs_hold_nothing_personal(followed, caplog):
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert all(word not in logged for word in PERSONAL)
