"""On-time return figures against a month worked by hand (February 2026: a weekend each week and
Tết Bính Ngọ, Sat 14/2 to Sun 22/2, off), on SQLite and PostgreSQL. The procedure takes 3
working days, counted from the working day after receipt; the due moment is 16:30 that day.

  1 received Mon 2/2  → due Thu 5/2;  result Tue 3/2    early by 2 days
  2 received Thu 5/2  → due Tue 10/2; result Tue 10/2 16:00   on time
  3 received Fri 6/2  → due Wed 11/2; result Fri 13/2   late by 2 days
  4 received Thu 12/2 → due Tue 24/2 (Fri 13, then Tết, Mon 23, Tue 24); result Mon 23/2   early by 1
  5 received Fri 13/2 → due Wed 25/2; extended to Fri 27/2; result Thu 26/2   late by 1 (the slip's date)
  6 received Wed 25/2 → due Mon 2/3; still open on Wed 4/3   open and late
  7 received Thu 26/2 → refused Fri 27/2   received, not in the rate
"""
import csv
import io
from datetime import datetime, timedelta, timezone

from .test_dossier_moves import move
from .test_dossiers_api import procedure, receive   # noqa: F401 - the fixture is used by name

ICT = timezone(timedelta(hours=7))
RECEIVED = ["2026-02-02", "2026-02-05", "2026-02-06", "2026-02-12", "2026-02-13", "2026-02-25", "2026-02-26"]
DUE = ["2026-02-05", "2026-02-10", "2026-02-11", "2026-02-24", "2026-02-25", "2026-03-02", "2026-03-03"]
RESULT = {0: "2026-02-03 10:00", 1: "2026-02-10 16:00", 2: "2026-02-13 10:00", 3: "2026-02-23 10:00",
          4: "2026-02-26 10:00"}


def at(clock, moment: str) -> None:
    clock.now = datetime.fromisoformat(moment).replace(tzinfo=ICT).astimezone(timezone.utc)


def february(api, clock):
    staff, made = api.login(), []
    for day, due in zip(RECEIVED, DUE):
        at(clock, f"{day} 09:00")
        dossier = receive(api, staff).json
        assert dossier["due_date"] == due, (day, dossier["due_date"])   # the hand-worked calendar
        made.append(dossier)
    for index, moment in sorted(RESULT.items(), key=lambda item: item[1]):
        if index == 4:
            at(clock, "2026-02-24 10:00")
            assert move(api, made[4]["id"], staff, to="processing", new_due_date="2026-02-27",
                        note="Chờ xác minh nơi cư trú").status_code == 201
        at(clock, moment)
        assert move(api, made[index]["id"], staff, to="result_ready").status_code == 201
    at(clock, "2026-02-27 09:00")
    assert move(api, made[6]["id"], staff, to="refused", note="Không thuộc thẩm quyền").status_code == 201
    at(clock, "2026-03-04 09:00")


def figures(api, **query):
    return api.client.get("/api/v1/reports/dossiers", query_string={"from": "2026-02-01", "to": "2026-02-28", **query},
                          headers=api.login("lanhdao"))


def test_the_hand_worked_month_comes_out_of_the_report(api, centre, procedure, clock, users):
    february(api, clock)
    report = figures(api, group="month").json
    expected = {"received": 7, "returned": 5, "early": 2, "on_time": 1, "late": 2, "open_late": 1,
                "on_time_share": 0.6, "mean_days_early": 1.5, "mean_days_late": 1.5}
    assert {key: report["total"][key] for key in expected} == expected
    assert [(row["key"], row["received"], row["late"]) for row in report["items"]] == [("2026-02", 7, 2)]
    assert "ngày hẹn đầu tiên" in report["rule"]


def test_the_groups_split_the_same_dossiers(api, centre, procedure, clock, users):
    february(api, clock)
    by_field = figures(api, group="field").json["items"]
    assert [(row["key"], row["label"], row["received"]) for row in by_field] == [("HT", "Lĩnh vực HT", 7)]
    by_officer = figures(api, group="officer").json["items"]
    assert [(row["key"], row["returned"]) for row in by_officer] == [("canbo", 5)]
    by_procedure = figures(api, group="procedure").json["items"]
    assert by_procedure[0]["label"] == "1.004873 Cấp Giấy xác nhận tình trạng hôn nhân"
    assert figures(api, **{"from": "2026-02-13", "to": "2026-02-13"}).json["total"]["late"] == 1


def test_the_csv_has_the_same_figures_the_vietnamese_way(api, centre, procedure, clock, users):
    february(api, clock)
    rows = list(csv.reader(io.StringIO(figures(api, group="month", format="csv").data.decode("utf-8-sig"))))
    assert rows[0] == ["Tháng", "Đã tiếp nhận", "Đã có kết quả", "Trước hạn", "Đúng hạn", "Quá hạn",
                       "Chưa xong, đã quá hạn", "Tỷ lệ trước và đúng hạn", "Sớm TB (ngày)", "Trễ TB (ngày)"]
    assert rows[1] == ["02/2026", "7", "5", "2", "1", "2", "1", "60,0%", "1,5", "1,5"]


def test_only_managers_read_the_figures(api, centre, procedure, users):
    assert api.client.get("/api/v1/reports/dossiers", headers=api.login()).status_code == 403
    assert api.client.get("/api/v1/reports/dossiers?from=2026-03-01&to=2026-02-01",
                          headers=api.login("lanhdao")).status_code == 422


def test_the_report_page_shows_the_month_with_its_rule(api, client, centre, procedure, clock, users):
    february(api, clock)
    api.sign_in("lanhdao")
    page = client.get("/reports/?from=2026-02-01&to=2026-02-28").get_data(as_text=True)
    section = page[page.index('id="on-time"'):]
    assert "60,0%" in section and "02/2026" in section and "Cách tính: Tính theo ngày có kết quả" in section
    assert "/api/v1/reports/dossiers?from=2026-02-01&amp;to=2026-02-28&amp;group=month&amp;format=xlsx" in section
