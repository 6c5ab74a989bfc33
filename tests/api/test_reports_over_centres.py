"""A manager over several centres: each centre's report on its own, and the province total, on the
report page and in the report API; a centre out of reach is answered as if it did not exist."""
import pytest
from sqlalchemy import update

from counter_server.models import User
from counter_server.services.reach import set_reach
from tests.api.conftest import OTHER_KIOSK_TOKEN


def serve_one(api, field, kiosk_headers, officer, counter):
    """A citizen takes a ticket at `kiosk_headers` and the officer serves it at `counter`."""
    assert api.client.post("/api/v1/tickets", json={"field": field}, headers=kiosk_headers).status_code == 201
    staff = api.login(officer)
    for action in ("next", "start", "complete"):
        assert api.client.post(f"/api/v1/counters/{counter.id}/{action}", headers=staff).status_code == 200


@pytest.fixture
def two_mornings(api, clock, centre, other_centre, users):
    """Two tickets served at the first centre, one at the other (all HT)."""
    clock.now = clock.now.replace(hour=2, minute=0)
    for _ in range(2):
        serve_one(api, "HT", api.kiosk, "canbo", centre.counter1)
        clock.advance(minutes=5)
    serve_one(api, "HT", {"Authorization": f"Bearer {OTHER_KIOSK_TOKEN}"}, "canbo-khac", other_centre.counter1)
    return api


def waits(api, headers, **query):
    return api.client.get("/api/v1/reports/waits", query_string=query, headers=headers)


def test_a_manager_of_one_centre_sees_only_it_and_another_centre_is_not_found(two_mornings):
    manager = two_mornings.login("lanhdao")
    assert waits(two_mornings, manager, group="field").json["total"]["issued"] == 2
    assert waits(two_mornings, manager, centre="XA-KHAC").status_code == 404
    assert waits(two_mornings, manager, centre="all").json["total"]["issued"] == 2   # all it reaches: its own
    assert two_mornings.client.get("/api/v1/reports/dossiers", query_string={"centre": "XA-KHAC"},
                                   headers=manager).status_code == 404
    two_mornings.sign_in("lanhdao")
    assert two_mornings.client.get("/reports/?centre=XA-KHAC").status_code == 404
    assert 'aria-label="Trung tâm"' not in two_mornings.client.get("/reports/").get_data(as_text=True)


def test_a_province_manager_sees_each_centre_and_their_total_with_a_row_per_centre(two_mornings, session):
    session.execute(update(User).where(User.username == "lanhdao").values(whole_province=True))
    session.commit()
    manager = two_mornings.login("lanhdao")
    assert waits(two_mornings, manager, centre="XA-KHAC").json["total"]["issued"] == 1
    total = waits(two_mornings, manager, centre="all", group="field").json
    assert total["total"]["issued"] == 3 and total["total"]["served"] == 3
    assert [(row["key"], row["issued"]) for row in total["items"]] == [("HT", 3)]   # one field, both centres
    by_centre = waits(two_mornings, manager, centre="all", group="centre").json["items"]
    assert sorted((row["label"], row["issued"]) for row in by_centre) == [
        ("Bộ phận Một cửa xã Khác", 1), ("Trung tâm thử nghiệm", 2)]
    counters = waits(two_mornings, manager, centre="all", group="counter").json["items"]
    assert sorted(row["label"] for row in counters) == ["Quầy 1 · Bộ phận Một cửa xã Khác", "Quầy 1 · Trung tâm thử nghiệm"]
    dossiers = two_mornings.client.get("/api/v1/reports/dossiers", query_string={"centre": "all"}, headers=manager)
    assert dossiers.status_code == 200 and dossiers.json["total"]["received"] == 0


def test_the_report_page_offers_each_centre_and_the_total_and_keeps_the_choice_in_its_links(two_mornings, session):
    session.execute(update(User).where(User.username == "lanhdao").values(whole_province=True))
    session.commit()
    two_mornings.sign_in("lanhdao")
    page = two_mornings.client.get("/reports/?centre=all").get_data(as_text=True)
    assert 'aria-label="Trung tâm"' in page and "Tổng tất cả (2)" in page
    assert "Báo cáo — Tổng 2 trung tâm" in page and "Theo trung tâm" in page
    assert "/reports/export/field.xlsx?centre=all" in page
    assert "/reports/log" not in page and "/reports/export/log" not in page    # the log is per centre
    workbook = two_mornings.client.get("/reports/export/centre.csv?centre=all").get_data(as_text=True)
    assert "Bộ phận Một cửa xã Khác" in workbook and "Trung tâm thử nghiệm" in workbook
    other = two_mornings.client.get("/reports/?centre=XA-KHAC").get_data(as_text=True)
    assert "Báo cáo — Bộ phận Một cửa xã Khác" in other
    assert two_mornings.client.get("/reports/log?centre=all").status_code == 400     # the log: one centre at a time
    assert two_mornings.client.get("/reports/log?centre=XA-KHAC").status_code == 200


def test_a_manager_given_one_more_centre_reaches_exactly_those_two(two_mornings, ctx):
    reached = set_reach(ctx, "lanhdao", False, ["XA-KHAC"])
    assert [centre.code for centre in reached] == ["TEST", "XA-KHAC"]
    manager = two_mornings.login("lanhdao")
    assert waits(two_mornings, manager, centre="all").json["total"]["issued"] == 3
    staff_reach = set_reach(ctx, "canbo", False, ["XA-KHAC"])      # staff: their own centre, whatever is listed
    assert [centre.code for centre in staff_reach] == ["TEST"]
