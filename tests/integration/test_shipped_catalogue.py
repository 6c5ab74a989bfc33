"""The catalogue the product ships (assets/catalogue/procedures.json), as the law stood on
1/12/2026: every record passes the check citizens' text must pass, the commune centres' main
procedures are there, and the demo province's table adds no amount nobody has read."""
import json

from counter_server.catalogue.provinces import PROVINCES, available, province_table
from counter_server.catalogue.record import parse
from counter_server.catalogue.review import review
from counter_server.seed import load_demo
from tests.factories import shipped_catalogue


def test_every_shipped_record_may_be_read_by_citizens():
    assert review(shipped_catalogue()) == {}


def test_the_catalogue_holds_at_least_sixty_procedures_and_each_loads():
    records = parse(shipped_catalogue())
    assert len(records) >= 60
    ranks = {(r["field"], r["usage_rank"]) for r in records}
    assert len(ranks) == len(records) and None not in {rank for _, rank in ranks}   # a default order per field
    assert all(record["last_verified"].isoformat() >= "2026-11-30" for record in records)


def test_the_main_procedures_of_a_commune_centre_are_there():
    codes = {record["code"] for record in shipped_catalogue()["procedures"]}
    everyday = {"1.001193": "khai sinh", "1.000656": "khai tử", "1.000894": "kết hôn",
                "1.004873": "xác nhận tình trạng hôn nhân", "2.000635": "bản sao trích lục",
                "1.004859": "thay đổi, cải chính hộ tịch", "1.004837": "giám hộ", "2.000815": "chứng thực bản sao",
                "2.000884": "chứng thực chữ ký", "2.001035": "chứng thực hợp đồng", "1.004222": "thường trú",
                "1.004194": "tạm trú", "1.010041": "xác nhận thông tin cư trú",
                "1.013978": "cấp Giấy chứng nhận lần đầu", "1.013831": "đăng ký biến động đất đai",
                "1.013225": "giấy phép xây dựng", "1.001612": "thành lập hộ kinh doanh",
                "1.001776": "trợ cấp xã hội hằng tháng", "1.014027": "trợ cấp hưu trí xã hội",
                "1.010803": "trợ cấp thờ cúng liệt sĩ"}
    assert {code: name for code, name in everyday.items() if code not in codes} == {}


def test_marriage_registration_is_free_as_the_law_on_civil_status_says():
    marriage = next(r for r in shipped_catalogue()["procedures"] if r["code"] == "1.000894")
    direct = next(way for way in marriage["ways"] if way["channel"] == "direct")
    assert direct["fee_rule"] == "exempt" and "Điều 11" in direct["fee_source"]


def test_papers_only_shown_are_never_counted_as_handed_in():
    shown = [d for r in shipped_catalogue()["procedures"] for d in r["documents"] if d["kind"] == "show_only"]
    assert shown and all(d["originals"] == 0 and d["copies"] == 0 for d in shown)


def test_every_record_gives_what_the_appointment_date_is_counted_from():
    for record in shipped_catalogue()["procedures"]:
        for way in record["ways"]:
            assert way["time_unit"] in ("ngày làm việc", "ngày", "giờ làm việc"), record["name"]
            if record["ticketable"] and way["channel"] == "direct" and way["time_amount"] == 0:
                assert way["cutoff"] == "15:00", f"{record['name']}: same day at the desk without the 15:00 rule"


def test_fields_carry_the_national_names_and_the_demo_centre_uses_them():
    catalogue, demo = shipped_catalogue(), load_demo()
    national = {field["code"]: field["name_vi"] for field in catalogue["fields"]}
    assert national["CTRU"] == "Đăng ký, quản lý cư trú" and national["XD"] == "Hoạt động xây dựng"
    assert national["HKD"] == "Thành lập và hoạt động của hộ kinh doanh" and national["GN"] == "Giảm nghèo"
    assert {f["code"]: f["name_vi"] for f in demo["fields"] if f["code"] in national} == national
    assert next(f for f in catalogue["fields"] if f["code"] == "HT")["national_code"] == "G15-TP07"
    poverty = [r["name"] for r in catalogue["procedures"] if "nghèo" in r["name"].lower()]
    assert poverty and all(r["field"] == "GN" for r in catalogue["procedures"] if r["name"] in poverty)


def test_the_demo_province_table_fills_only_council_set_fees_and_invents_no_amount():
    demo = load_demo()
    assert demo["centre"]["province"] in available()
    by_code = {r["code"]: r for r in shipped_catalogue()["procedures"]}
    data = json.loads((PROVINCES / f"{demo['centre']['province']}.json").read_text(encoding="utf-8"))
    for row in data["fees"]:
        for code in row["procedures"]:
            assert any(way["fee_rule"] == "province" for way in by_code[code]["ways"]), code
        assert not row["fees"] or (row["resolution"] and row["source"]), row
    table = province_table(demo["centre"]["province"])
    land = next(way for way in by_code["1.013978"]["ways"] if way["channel"] == "direct")
    assert table.fee("1.013978", land, table_day()) == land["fees"] + data["ask"]


def table_day():
    from datetime import date
    return date(2026, 12, 1)
