"""Following a dossier over the API: each move checked against the lifecycle table, written on
its control sheet (the receipt first) and judged early, on time or late; an extension with its
reason; the event log told the dossier's id and stage, never its applicant."""
import json
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from counter_server.models import TicketEvent
from tests.factories import make_centre, make_user
from .test_dossiers_api import APPLICANT, procedure, receive   # noqa: F401 - the fixture is used by name

UNIT = "Công chức Tư pháp – Hộ tịch"


def move(api, dossier_id, headers, **body):
    return api.client.post(f"/api/v1/dossiers/{dossier_id}/transitions", json=body, headers=headers)


def sheet(api, dossier_id, headers):
    return api.client.get(f"/api/v1/dossiers/{dossier_id}/control-sheet", headers=headers)


def test_a_dossier_goes_to_the_unit_waits_for_a_document_and_comes_back_on_time(api, centre, procedure, clock, users):
    staff = api.login()
    made = receive(api, staff).json                    # Thu 26/11 09:00, due Tue 1/12 16:30
    clock.advance(hours=1)
    assert move(api, made["id"], staff, to="processing", to_unit=UNIT).json == {
        "id": made["id"], "status": "processing", "status_words": "Đang giải quyết"}
    clock.advance(days=1)
    assert move(api, made["id"], staff, to="supplement_requested", note="Thiếu bản sao giấy khai sinh").status_code == 201
    clock.advance(days=3)                               # Mon 30/11
    assert move(api, made["id"], staff, to="processing").status_code == 201
    clock.advance(days=1, hours=5)                      # Tue 1/12 15:00
    manager = api.login("lanhdao")
    assert move(api, made["id"], manager, to="result_ready", to_unit="Bộ phận một cửa").status_code == 201
    clock.advance(days=1)                               # the citizen comes the day after
    assert move(api, made["id"], staff, to="returned", note="Ông An nhận").status_code == 201

    items = sheet(api, made["id"], staff).json["items"]
    assert [(i["from_status"], i["to_status"], i["timing"]) for i in items] == [
        (None, "received", "early"), ("received", "processing", "early"),
        ("processing", "supplement_requested", "early"), ("supplement_requested", "processing", "early"),
        ("processing", "result_ready", "on_time"), ("result_ready", "returned", "late")]
    assert [(i["from_unit"], i["to_unit"]) for i in items[:2]] == [
        ("Công dân, tổ chức", "Trung tâm thử nghiệm"), ("Trung tâm thử nghiệm", UNIT)]
    assert items[4]["by"] == "lanhdao" and items[4]["to_unit"] == "Bộ phận một cửa"
    assert items[5]["to_unit"] == "Công dân, tổ chức" and items[5]["note"] == "Ông An nhận"
    assert items[0]["at"] == "2026-11-26T09:00:00+07:00" and items[0]["due_at"] == "2026-12-01T16:30:00+07:00"


def test_a_move_the_table_does_not_allow_is_refused_in_words(api, centre, procedure):
    staff = api.login()
    made = receive(api, staff).json
    refused = move(api, made["id"], staff, to="returned")
    assert refused.status_code == 409 and refused.json["error"] == "wrong_move"
    assert "không chuyển sang “Đã trả kết quả”" in refused.json["message"]
    missing = move(api, made["id"], staff, to="refused")
    assert missing.status_code == 422 and "lý do từ chối" in missing.json["details"]["note"]


def test_an_extension_moves_the_due_date_to_a_working_day_with_its_reason(api, client, centre, procedure, clock):
    staff = api.login()
    made = receive(api, staff).json
    weekend = move(api, made["id"], staff, to="received", new_due_date="2026-12-05", note="Chờ xác minh")
    assert weekend.status_code == 422 and "ngày nghỉ" in weekend.json["details"]["new_due_date"]
    assert move(api, made["id"], staff, to="received", new_due_date="2026-12-04", note="Chờ xác minh").status_code == 201
    seen = client.get(f"/api/v1/dossiers/{made['id']}", headers=staff).json
    assert seen["due_at"] == "2026-12-04T16:30:00+07:00"
    extension = sheet(api, made["id"], staff).json["items"][-1]
    assert extension["due_at"] == "2026-12-01T16:30:00+07:00"          # judged against the date it replaced
    assert extension["extended_to"] == "2026-12-04T16:30:00+07:00" and extension["note"] == "Chờ xác minh"


def test_only_the_centres_own_officers_move_or_read_its_dossiers(api, client, session, centre, procedure):
    made = receive(api, api.login()).json
    other = make_centre(session, code="KHAC", name="Trung tâm khác")
    make_user(session, other, "canbo-khac")
    session.commit()
    assert move(api, made["id"], {}, to="processing", to_unit=UNIT).status_code == 401
    assert move(api, made["id"], api.kiosk, to="processing", to_unit=UNIT).status_code == 403
    assert move(api, made["id"], api.login("canbo-khac"), to="processing", to_unit=UNIT).status_code == 404
    assert sheet(api, made["id"], api.login("canbo-khac")).status_code == 404
    assert sheet(api, 999999, api.login()).status_code == 404


def test_the_event_log_hears_each_move_without_the_applicant(api, session, centre, procedure):
    staff = api.login()
    made = receive(api, staff).json
    move(api, made["id"], staff, to="processing", to_unit=UNIT)
    events = session.scalars(select(TicketEvent).where(TicketEvent.kind == "dossier").order_by(TicketEvent.id)).all()
    assert [event.data for event in events] == [{"dossier": made["id"], "status": "received"},
                                                {"dossier": made["id"], "status": "processing"}]
    logged = json.dumps([event.data for event in events], ensure_ascii=False)
    for personal in ("Nguyễn", "001085012345", "0912345678", "5678", "Tân Lập"):
        assert personal not in logged
