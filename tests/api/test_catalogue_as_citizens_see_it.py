"""What citizens see of the catalogue: the most used procedures first, no number for one the desk
does not take, documents said as handed in or only shown, the fees their province sets, and never
the compiler's internal notes or sources."""
import secrets
from datetime import date, datetime, timedelta, timezone

import pytest

from counter_server.catalogue import provinces
from counter_server.models import Ticket
from counter_server.services.catalogue import forget_search_indexes
from tests.factories import make_procedure


def record(name, rank=None, **more):
    return {"ways": [{"channel": "direct", "processing_time": "Trong ngày", "time_amount": 0,
                      "time_unit": "ngày làm việc", "fees": "Theo Nghị quyết của HĐND tỉnh", "fee_rule": "province"}],
            "documents": [{"name": "Tờ khai", "kind": "submit_original", "originals": 1, "copies": 0},
                          {"name": "Căn cước", "kind": "show_only", "originals": 0, "copies": 0}],
            "usage_rank": rank, "internal_notes": f"{name}: mã chưa đối chiếu (cần xác minh)",
            "public_note": "", **more}


def tickets_for(session, centre, procedure, days_ago: list[int]):
    today = date.today()
    for number, ago in enumerate(days_ago, 1):
        day = today - timedelta(days=ago)
        session.add(Ticket(centre_id=centre.centre.id, field_id=centre.ht.id, origin_field_id=centre.ht.id,
                           procedure_id=procedure.id, service_day=day, sequence=number, number=f"A{number:03d}",
                           status="done", issued_at=datetime(day.year, day.month, day.day, 2, tzinfo=timezone.utc),
                           tracking_token=secrets.token_hex(8)))


@pytest.fixture
def catalogue(session, centre):
    """Besides the birth registration: marriage (default rank 1), a death registration (rank 2),
    a change of civil status (no rank) and a mobile marriage registration the desk does not take."""
    rows = {
        "marriage": make_procedure(session, centre.ht, "1.000894", "Đăng ký kết hôn", record("marriage", 1)),
        "death": make_procedure(session, centre.ht, "1.000656", "Đăng ký khai tử", record("death", 2)),
        "change": make_procedure(session, centre.ht, "1.004859", "Cải chính hộ tịch", record("change")),
        "mobile": make_procedure(session, centre.ht, "1.000593", "Đăng ký kết hôn lưu động",
                                 record("mobile", 9, public_note="Cán bộ tư pháp đến tận nơi; xin liên hệ công chức tư pháp.")),
    }
    rows["mobile"].ticketable = False
    session.commit()
    forget_search_indexes()
    return rows


def codes_in_order(client, field="HT"):
    return [item["code"] for item in client.get(f"/api/v1/procedures?field={field}").json["items"]]


def test_a_new_centre_lists_by_the_catalogue_default_then_by_name(client, catalogue):
    assert codes_in_order(client) == ["1.000894", "1.000656", "1.000593", "1.004859", "1.001193"]


def test_the_procedures_most_taken_over_the_last_ninety_days_come_first(client, session, centre, catalogue):
    tickets_for(session, centre, catalogue["change"], [1, 2, 3])
    tickets_for(session, centre, catalogue["death"], [5, 89])
    tickets_for(session, centre, centre.birth, [95, 96, 97, 98])   # too long ago to count
    session.commit()
    forget_search_indexes()
    assert codes_in_order(client) == ["1.004859", "1.000656", "1.000894", "1.000593", "1.001193"]


def test_the_desk_gives_no_number_for_a_procedure_it_does_not_take(client, api, catalogue):
    listed = client.get("/api/v1/procedures/1.000593").json
    assert listed["ticketable"] is False and "tận nơi" in listed["public_note"]
    refused = client.post("/api/v1/tickets", json={"field": "HT", "procedure": "1.000593"}, headers=api.kiosk)
    assert refused.status_code == 409 and refused.json["error"] == "not_received_at_desk"
    taken = client.post("/api/v1/tickets", json={"field": "HT", "procedure": "1.000894"}, headers=api.kiosk)
    assert taken.status_code == 201


def test_papers_only_shown_are_said_so_and_internal_notes_never_reach_citizens(client, catalogue):
    api_record = client.get("/api/v1/procedures/1.000894").json
    assert [d["kind"] for d in api_record["documents"]] == ["submit_original", "show_only"]
    page = client.get("/thu-tuc/1.000894").get_data(as_text=True)
    assert "Tờ khai — <b>Nộp 1 bản chính</b>" in page
    assert "Căn cước — <b>Mang bản chính để xuất trình (không nộp)</b>" in page
    for text in (page, client.get("/api/v1/procedures/1.000894").get_data(as_text=True),
                 client.get("/api/v1/procedures").get_data(as_text=True), client.get("/thu-tuc").get_data(as_text=True)):
        assert "cần xác minh" not in text and "chưa đối chiếu" not in text
    mobile = client.get("/thu-tuc/1.000593").get_data(as_text=True)
    assert "<b>Lưu ý:</b>" in mobile and "Cán bộ tư pháp đến tận nơi" in mobile
    assert "không nhận tại quầy" in client.get("/thu-tuc?field=HT").get_data(as_text=True)


@pytest.fixture
def province_tables(tmp_path, monkeypatch):
    (tmp_path / "tinh-thu.json").write_text(
        '{"province": "tinh-thu", "name": "Tỉnh Thử", "ask": "; mức thu xin hỏi tại quầy", "fees": ['
        '{"procedures": ["1.000894"], "channel": "*", "fees": "20.000 đồng/trường hợp",'
        ' "resolution": "Nghị quyết 1/2026/NQ-HĐND", "effective_from": "2026-01-01", "source": "thử"},'
        '{"procedures": ["1.000656"], "channel": "*", "fees": null}]}', encoding="utf-8")
    monkeypatch.setattr(provinces, "PROVINCES", tmp_path)
    provinces.province_table.cache_clear()
    yield
    provinces.province_table.cache_clear()


def test_a_centre_reads_the_fees_its_province_sets_and_no_invented_amount(client, session, centre, catalogue,
                                                                          province_tables):
    assert client.get("/api/v1/procedures/1.000894").json["fees"] == "Theo Nghị quyết của HĐND tỉnh"
    centre.centre.province = "tinh-thu"
    session.commit()
    forget_search_indexes()
    assert client.get("/api/v1/procedures/1.000894").json["fees"] == "20.000 đồng/trường hợp"
    assert client.get("/api/v1/procedures/1.000656").json["fees"] == ("Theo Nghị quyết của HĐND tỉnh; "
                                                                      "mức thu xin hỏi tại quầy")
    assert "20.000 đồng/trường hợp" in client.get("/thu-tuc/1.000894").get_data(as_text=True)
