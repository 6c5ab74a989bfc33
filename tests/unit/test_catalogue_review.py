"""The check a catalogue record passes before citizens read it (catalogue/review.py): each fault
the 2026 review found in the shipped file is caught, and a sound record passes."""
import copy

import pytest

from counter_server.catalogue.review import problems

SOUND = {
    "code": "1.000894", "name": "Đăng ký kết hôn", "field": "HT", "levels": ["commune"], "ticketable": True,
    "usage_rank": 3,
    "ways": [{"channel": "direct", "processing_time": "Ngay trong ngày làm việc", "time_amount": 0,
              "time_unit": "ngày làm việc", "cutoff": "15:00", "fees": "Miễn lệ phí", "fee_rule": "exempt",
              "fee_source": "Luật Hộ tịch 60/2014/QH13, Điều 11 khoản 1 điểm b"}],
    "steps": ["Hai bên nộp tờ khai tại Bộ phận một cửa"],
    "documents": [{"name": "Tờ khai đăng ký kết hôn", "kind": "submit_original", "originals": 1, "copies": 0},
                  {"name": "Căn cước của hai bên", "kind": "show_only", "originals": 0, "copies": 0}],
    "applicants": "Công dân Việt Nam cư trú trong nước", "conditions": "", "result": "Giấy chứng nhận kết hôn",
    "agency": "Ủy ban nhân dân cấp xã",
    "legal_basis": [{"number": "60/2014/QH13", "title": "Luật Hộ tịch", "date": "2014-11-20", "issuer": "Quốc hội"}],
    "effective_from": "2025-07-01", "last_verified": "2026-11-30", "source": "https://dichvucong.gov.vn/…",
    "public_note": "", "internal_notes": "Mã chưa đối chiếu trên CSDL quốc gia (cần xác minh)",
}


def spoilt(change) -> dict:
    record = copy.deepcopy(SOUND)
    change(record)
    return record


def test_a_sound_record_may_ship_even_with_doubts_in_its_internal_notes():
    assert problems(SOUND) == []


@pytest.mark.parametrize("change, expected", [
    (lambda r: r.update(agency="UBND cấp huyện"), "agency: names «cấp huyện», abolished in 2025"),
    (lambda r: r["steps"].append("Phòng Lao động - Thương binh và Xã hội thẩm định"), "abolished in 2025"),
    (lambda r: r["documents"].append({"name": "CMND của người nộp", "kind": "show_only"}), "«CMND»"),
    (lambda r: r["documents"].append({"name": "Sổ hộ khẩu", "kind": "show_only"}), "«hộ khẩu»"),
    (lambda r: r["ways"][0].update(processing_time="Chưa xác định trong nguồn"), "drafting remark"),
    (lambda r: r.update(result="Giấy chứng nhận (cần xác minh)"), "drafting remark «cần xác minh»"),
    (lambda r: r.update(public_note="Xem http://tinh-khac.gov.vn"), "drafting remark «http»"),
], ids=["district body", "dissolved ministry", "old identity card", "household book", "not in source",
        "to verify", "another province's address"])
def test_text_citizens_read_names_no_abolished_body_and_no_drafting_remark(change, expected):
    assert any(expected in problem for problem in problems(spoilt(change)))


def test_a_fee_amount_needs_the_national_provision_that_sets_it():
    council_number = spoilt(lambda r: r["ways"][0].update(fees="50.000 đồng", fee_rule="province", fee_source=None))
    unsourced = spoilt(lambda r: r["ways"][0].update(fees="8.000 đồng/bản sao", fee_rule="national", fee_source=None))
    sourced = spoilt(lambda r: r["ways"][0].update(fees="8.000 đồng/bản sao", fee_rule="national",
                                                   fee_source="Thông tư 281/2016/TT-BTC"))
    assert any("an amount without the national provision" in p for p in problems(council_number))
    assert any("fee_source" in p for p in problems(unsourced))
    assert problems(sourced) == []


def test_every_record_has_a_legal_basis_an_effective_date_and_the_date_it_was_checked():
    found = problems(spoilt(lambda r: r.update(legal_basis=[], effective_from=None, last_verified=None)))
    assert {"legal_basis: none given", "effective_from: missing", "last_verified: missing"} <= set(found)
    undated = problems(spoilt(lambda r: r["legal_basis"][0].update(date=None)))
    assert undated == ["legal_basis[0].date: missing"]


def test_a_paper_only_shown_is_not_counted_as_handed_in_and_every_document_has_a_kind():
    shown_as_original = spoilt(lambda r: r["documents"][1].update(originals=1))
    no_kind = spoilt(lambda r: r["documents"][0].pop("kind"))
    assert problems(shown_as_original) == ["documents[1]: a paper only shown is not counted among those handed in"]
    assert problems(no_kind) == ["documents[0].kind: one of submit_original, submit_copy, submit_certified_copy, "
                                 "show_only"]


def test_the_appointment_date_needs_an_amount_and_a_unit_on_every_way():
    found = problems(spoilt(lambda r: r["ways"][0].update(time_amount=None)))
    assert found and "time_amount and time_unit" in found[0]


def test_a_procedure_the_desk_does_not_take_tells_citizens_where_to_go():
    assert problems(spoilt(lambda r: r.update(ticketable=False))) == [
        "public_note: a procedure the desk does not take must tell citizens where to go"]
    assert problems(spoilt(lambda r: r.update(ticketable=False, public_note="Cán bộ tư pháp đến tận nhà."))) == []
