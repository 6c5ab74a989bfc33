"""GET /api/v1/calendar/appointment and /calendar/days: public, on the decisions the migrations ship
(2025 and 2026) and the Labour Code's holidays."""
import pytest

from tests.api.test_admin_pages import admin, csrf_of
from tests.factories import BIRTH_DETAILS, make_procedure

SAME_DAY = {**BIRTH_DETAILS, "ways": [{"channel": "direct", "processing_time": "Trong ngày; sau 15 giờ: hôm sau",
                                       "fees": "Miễn", "time_amount": 0, "time_unit": "ngày làm việc",
                                       "cutoff": "15:00"}]}
THREE_DAYS = {**BIRTH_DETAILS, "ways": [{"channel": "online", "processing_time": "3 ngày", "fees": "-",
                                         "time_amount": 3, "time_unit": "ngày"},
                                        {"channel": "direct", "processing_time": "03 ngày làm việc", "fees": "Miễn",
                                         "time_amount": 3, "time_unit": "ngày làm việc"}]}


def ask(client, **query):
    return client.get("/api/v1/calendar/appointment", query_string=query)


def test_three_working_days_from_the_friday_before_tet_2026(client, centre):
    answer = ask(client, received_at="2026-02-13T10:00:00+07:00", amount=3, unit="working_days")
    assert answer.status_code == 200
    body = answer.json
    assert (body["counted_from"], body["due_date"]) == ("2026-02-23", "2026-02-25")
    assert body["due_at"] == "2026-02-25T16:30:00+07:00" and body["received_at"] == "2026-02-13T10:00:00+07:00"
    assert [day["date"] for day in body["skipped"]][:3] == ["2026-02-14", "2026-02-15", "2026-02-16"]
    assert any("Tết" in day["reason"] for day in body["skipped"])


def test_a_procedures_cutoff_and_unit_come_from_the_catalogue(client, session, centre):
    make_procedure(session, centre.ht, code="1.000001", name="Cấp bản sao trích lục", details=SAME_DAY)
    make_procedure(session, centre.ht, code="1.000002", name="Xác nhận tình trạng hôn nhân", details=THREE_DAYS)
    session.commit()
    early = ask(client, received_at="2026-02-13T14:00:00+07:00", procedure="1.000001").json
    late = ask(client, received_at="2026-02-13T15:30:00+07:00", procedure="1.000001").json
    assert early["due_date"] == "2026-02-13" and late["due_date"] == "2026-02-23"
    multi = ask(client, received_at="2026-02-13T15:30:00+07:00", procedure="1.000002").json
    assert multi["counted_from"] == "2026-02-23" and multi["due_date"] == "2026-02-25"   # the counter's way


def test_a_make_up_saturday_shipped_for_2026_is_a_working_day(client, centre):
    body = ask(client, received_at="2026-01-09T09:00:00+07:00", amount=1, unit="working_days").json
    assert body["due_date"] == "2026-01-10"
    body = ask(client, received_at="2025-12-31T09:00:00+07:00", amount=1, unit="working_days").json
    assert body["due_date"] == "2026-01-05"   # 1/1 Tết Dương lịch, 2/1 swapped, then the weekend


def test_a_time_given_in_another_zone_is_read_in_the_centres(client, centre):
    body = ask(client, received_at="2026-02-13T08:30:00Z", amount=0, unit="working_days", cutoff="15:00").json
    assert body["received_at"] == "2026-02-13T15:30:00+07:00" and body["due_date"] == "2026-02-23"


@pytest.mark.parametrize("query", [
    {}, {"received_at": "2026-02-13T10:00:00"},                          # no offset: ambiguous
    {"received_at": "2026-02-13T10:00:00+07:00"},                        # neither procedure nor time
    {"received_at": "2026-02-13T10:00:00+07:00", "amount": 1, "unit": "weeks"},
    {"received_at": "2026-02-13T10:00:00+07:00", "amount": 1, "unit": "days", "cutoff": "25:00"},
    {"received_at": "2026-02-13T10:00:00+07:00", "amount": -1, "unit": "days"},
    {"received_at": "0907-04-15T06:54:21Z", "amount": 1, "unit": "days"},   # fuzzer: a year of local mean time
])
def test_questions_that_make_no_sense_are_answered_422(client, centre, query):
    assert ask(client, **query).status_code == 422


def test_an_unknown_procedure_is_404_and_one_without_a_time_is_422(client, centre):
    assert ask(client, received_at="2026-02-13T10:00:00+07:00", procedure="9.999999").status_code == 404
    refused = ask(client, received_at="2026-02-13T10:00:00+07:00", procedure=centre.birth.code)
    assert refused.status_code == 422 and refused.json["error"] == "no_processing_time"


def test_the_days_of_2026_with_reasons_and_sources(client):
    body = client.get("/api/v1/calendar/days?year=2026").json
    days = {day["date"]: day for day in body["items"]}
    assert days["2026-01-10"]["kind"] == "work" and "12729/VPCP-KGVX" in days["2026-01-10"]["source"]
    assert days["2026-08-22"]["kind"] == "work" and "9441/TB-BNV" in days["2026-08-22"]["source"]
    assert {"2026-02-16", "2026-02-20", "2026-04-27", "2026-08-31", "2026-09-02"} <= set(days)
    assert "Bộ luật Lao động" in days["2026-02-17"]["source"] and "Tết" in days["2026-02-17"]["reason"]
    assert client.get("/api/v1/calendar/days?year=1999").status_code == 422


def test_an_admin_adds_a_days_decision_and_the_appointments_follow(api, client, session, centre):
    admin(api, session, centre)
    listing = client.get("/admin/admin_calendar/").get_data(as_text=True)
    assert "12729/VPCP-KGVX" in listing and "Lịch nghỉ, làm bù" in listing
    form = client.get("/admin/admin_calendar/new/").get_data(as_text=True)
    saved = client.post("/admin/admin_calendar/new/", data={
        "day": "2026-11-23", "kind": "off", "reason": "Nghỉ hoán đổi dịp Ngày Văn hóa Việt Nam (thử)",
        "source": "Thông báo thử", "csrf_token": csrf_of(form)})
    assert saved.status_code == 302
    body = ask(client, received_at="2026-11-20T09:00:00+07:00", amount=1, unit="working_days").json
    assert body["due_date"] == "2026-11-25"   # Mon 23/11 off by the new row, Tue 24/11 Ngày Văn hóa
