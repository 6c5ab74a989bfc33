"""Report figures against a morning worked out by hand (exact numbers), on SQLite and PostgreSQL.

Day 1 (Thursday 26/11/2026, Ho Chi Minh City time); target wait 30 minutes in both fields:
  09:00 A001 HT          09:02 B001 CT          09:04 A002 HT (elderly, priority)
  09:10 quầy 1 (canbo) calls A002, 09:12 start, 09:20 complete   wait 360  walk 120  service 480
  09:20 quầy 2 (canbo2) calls B001, 09:21 start, 09:31 complete  wait 1080 walk 60   service 600
  09:40 quầy 1 calls A001, 09:45 no-show                          wait 2400 (late)
  10:05 A003 HT; 10:06 quầy 1 calls it, 10:07 transfers it to CT  wait 60
  10:10 quầy 2 (canbo2) calls A003, 10:15 complete without start  service 300, no walk
  10:20 B002 CT, never called (expires when day 2 begins)
Day 2 (27/11/2026):
  09:00 A001 HT; 09:05 quầy 1 calls it, 09:15 complete without start  wait 300, service 600
Ratings: A002 "rất hài lòng" (3) at quầy 1 (canbo), B001 "hài lòng" (2) at quầy 2 (canbo2).
"""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from counter_server import services
from counter_server.reports.figures import Durations, by_hour, load, ratings, satisfaction, summary, waits_histogram
from counter_server.models import ReportDay, TicketFigures
from counter_server.reports.facts import EXPIRED
from counter_server.reports.filters import GROUPS, ReportFilter
from counter_server.reports.stored import store_days
from counter_server.services.rating import device_for, pair_device, rate
from tests.factories import make_user

DAY1, DAY2 = date(2026, 11, 26), date(2026, 11, 27)
BOTH = ReportFilter(DAY1, DAY2)


@pytest.fixture
def morning(ctx, session, centre, clock, take):
    """The two days above, played through the real services."""
    world = centre
    canbo2 = make_user(session, world.centre, username="canbo2")
    session.commit()
    centre_id = world.centre.id
    one, two = world.counter1.id, world.counter2.id
    staff1, staff2 = world.staff.id, canbo2.id

    def at(hhmm: str, day: int = 1):
        hours, minutes = map(int, hhmm.split(":"))
        clock.now = clock.now.replace(day=25 + day, hour=hours - 7, minute=minutes, second=0, microsecond=0)

    tablet1 = device_for(ctx, pair_device(ctx, centre_id, one, "Máy 1").secret)
    tablet2 = device_for(ctx, pair_device(ctx, centre_id, two, "Máy 2").secret)
    at("09:00"); take("HT")
    at("09:02"); take("CT")
    at("09:04"); a002 = take("HT", priority="elderly")
    at("09:10"); services.call_next(ctx, centre_id, one, staff1)
    at("09:12"); services.start(ctx, centre_id, one, staff1)
    at("09:20"); services.complete(ctx, centre_id, one, staff1)
    rate(ctx, tablet1, a002.id, 3)
    b001 = services.call_next(ctx, centre_id, two, staff2)
    at("09:21"); services.start(ctx, centre_id, two, staff2)
    at("09:31"); services.complete(ctx, centre_id, two, staff2)
    rate(ctx, tablet2, b001.id, 2)
    at("09:40"); services.call_next(ctx, centre_id, one, staff1)
    at("09:45"); services.skip(ctx, centre_id, one, staff1)
    at("10:05"); take("HT")
    at("10:06"); services.call_next(ctx, centre_id, one, staff1)
    at("10:07"); services.transfer(ctx, centre_id, one, staff_id=staff1, field="CT")
    at("10:10"); services.call_next(ctx, centre_id, two, staff2)
    at("10:15"); services.complete(ctx, centre_id, two, staff2)
    at("10:20"); take("CT")
    at("09:00", day=2); take("HT")
    at("09:05", day=2); services.call_next(ctx, centre_id, one, staff1)
    at("09:15", day=2); services.complete(ctx, centre_id, one, staff1)
    return world


def test_the_totals_of_two_days_match_the_hand_count(ctx, morning):
    total, = summary(ctx, morning.centre.id, BOTH, None)
    assert (total.issued, total.served, total.no_show, total.expired, total.transferred, total.open) == (6, 4, 1, 1, 1, 0)
    # waits 60, 300, 360, 1080, 2400 → median 360; 90th percentile is rank ⌈4.5⌉ = 5
    assert total.wait == Durations(5, 840.0, 360.0, 2400.0, 2400.0)
    assert total.walk == Durations(2, 90.0, 90.0, 120.0, 120.0)
    # services 300, 480, 600, 600 → median (480 + 600) / 2
    assert total.service == Durations(4, 495.0, 540.0, 600.0, 600.0)
    assert (total.on_time, total.on_time_of) == (4, 6)   # A001 late; B002 never called


def test_each_day_has_its_own_figures(ctx, morning):
    day1, day2 = summary(ctx, morning.centre.id, BOTH, "day")
    assert (day1.key, day1.label, day1.issued, day1.served) == (DAY1, "26/11/2026", 5, 3)
    assert day1.wait == Durations(4, 975.0, 720.0, 2400.0, 2400.0)
    assert day1.service == Durations(3, 460.0, 480.0, 600.0, 600.0)
    assert day1.on_time_share == pytest.approx(3 / 5)
    assert (day2.key, day2.issued, day2.served, day2.wait.median, day2.walk.count) == (DAY2, 1, 1, 300.0, 0)


def test_figures_by_field_counter_officer_and_hour(ctx, morning):
    centre_id = morning.centre.id
    fields = {row.key: (row.issued, row.served, row.transferred) for row in summary(ctx, centre_id, BOTH, "field")}
    assert fields == {"HT": (3, 2, 0), "CT": (3, 2, 1)}   # A003 counts where it ended: CT
    counters = {row.label: (row.issued, row.served, row.no_show) for row in summary(ctx, centre_id, BOTH, "counter")}
    assert counters == {"Quầy 1": (3, 2, 1), "Quầy 2": (2, 2, 0), "(chưa tới quầy)": (1, 0, 0)}
    officers = {row.label: row.served for row in summary(ctx, centre_id, BOTH, "officer")}
    assert officers == {"canbo": 2, "canbo2": 2, "(chưa có cán bộ)": 0}
    hours = {row.label: row.issued for row in summary(ctx, centre_id, BOTH, "hour")}
    assert hours == {"09:00–10:00": 4, "10:00–11:00": 2}   # local hours, not UTC


def test_filters_narrow_the_figures(ctx, morning):
    centre_id = morning.centre.id
    only = lambda **kw: summary(ctx, centre_id, BOTH.only(**kw), None)[0]
    assert only(priority="yes").issued == 1 and only(priority="elderly").wait.mean == 360.0
    assert only(priority="no").issued == 5
    assert only(field="CT").issued == 3 and only(counter=2).served == 2
    assert only(officer="canbo").issued == 3 and only(date_to=DAY1).issued == 5
    assert only(field="XD").issued == 0 and only(field="XD").wait.median is None


def test_satisfaction_hours_and_waiting_times_for_the_charts(ctx, morning):
    centre_id = morning.centre.id
    facts = load(ctx, centre_id, BOTH)
    assert ratings(facts) == {3: 1, 2: 1}
    arrivals, services_done = by_hour(facts)
    assert arrivals == {9: 4, 10: 2} and services_done == {9: 3, 10: 1}
    histogram = waits_histogram(facts)
    # 60 s, 300 s and 360 s, 1080 s, 2400 s in the 0–5, 5–10, 15–20 and 40–45 minute bars
    assert histogram == [1, 2, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0]


def test_satisfaction_per_counter_and_per_officer(ctx, clock, morning):
    centre_id = morning.centre.id

    def per(group, flt=BOTH):
        return {row.label: (row.served, row.ratings) for row in satisfaction(load(ctx, centre_id, flt), group)}
    # served: A002 and day 2's A001 at quầy 1 by canbo; B001 and A003 at quầy 2 by canbo2; B002 never reached a counter
    assert per("counter") == {"Quầy 1": (2, {3: 1}), "Quầy 2": (2, {2: 1})}
    assert per("officer") == {"canbo": (2, {3: 1}), "canbo2": (2, {2: 1})}
    assert per("officer", BOTH.only(date_from=DAY2)) == {"canbo": (1, {})}
    assert per("counter", BOTH.only(counter=2)) == {"Quầy 2": (2, {2: 1})}
    quầy_1 = satisfaction(load(ctx, centre_id, BOTH), "counter")[0]
    assert (quầy_1.key, quầy_1.rated, quầy_1.share(3), quầy_1.share(1)) == (1, 1, 1.0, 0.0)
    clock.now += timedelta(days=1)                                                 # day 2 closes: stored
    assert per("counter") == {"Quầy 1": (2, {3: 1}), "Quầy 2": (2, {2: 1})}


def test_a_closed_day_is_stored_once_and_today_is_read_live(ctx, session, morning):
    centre_id = morning.centre.id
    summary(ctx, centre_id, BOTH, None)
    assert session.scalars(select(ReportDay.day).where(ReportDay.centre_id == centre_id)).all() == [DAY1]
    assert session.scalar(select(func.count()).select_from(TicketFigures)) == 5
    summary(ctx, centre_id, BOTH, None)
    assert session.scalar(select(func.count()).select_from(TicketFigures)) == 5


def test_stored_figures_are_the_live_figures(ctx, clock, morning):
    centre_id = morning.centre.id
    live = {group: summary(ctx, centre_id, BOTH, group) for group in (None, *GROUPS)}   # day 2 read live
    clock.now += timedelta(days=1)                                                      # day 2 closes
    assert {group: summary(ctx, centre_id, BOTH, group) for group in (None, *GROUPS)} == live


def test_a_day_with_a_ticket_still_open_is_not_stored(ctx, clock, centre, take):
    take("HT")
    clock.now += timedelta(days=1)
    zone, centre_id = centre.centre.timezone, centre.centre.id
    assert ctx.write(lambda s: store_days(s, centre_id, zone, [DAY1])) == 0   # not expired yet
    stored_days = lambda: ctx.read(lambda s: s.scalars(select(ReportDay.day)).all())
    assert stored_days() == []
    summary(ctx, centre_id, BOTH, None)             # a report expires it first, then stores the day
    assert stored_days() == [DAY1]
    assert ctx.read(lambda s: s.scalar(select(TicketFigures.outcome))) == EXPIRED


def test_a_range_too_long_to_pack_is_refused_rather_than_miscounted(ctx, morning):
    with pytest.raises(ValueError):
        summary(ctx, morning.centre.id, ReportFilter(date(2025, 1, 1), DAY2), None)
