from datetime import datetime, timedelta, timezone

from counter_server.domain.queue_policy import DEFAULT_POLICY, estimated_wait_minutes

T0 = datetime(2026, 11, 26, 2, 0, tzinfo=timezone.utc)


def ticket(id, minutes, priority=False):
    return {"id": id, "issued_at": T0 + timedelta(minutes=minutes), "is_priority": priority}


def test_priority_tickets_come_first_then_the_longest_waiting():
    tickets = [ticket(1, 0), ticket(2, 5, priority=True), ticket(3, 1), ticket(4, 2, priority=True)]
    ordered = sorted(tickets, key=DEFAULT_POLICY.sort_key)
    assert [t["id"] for t in ordered] == [4, 2, 1, 3]


def test_ties_on_issue_time_break_on_issue_order():
    ordered = sorted([ticket(9, 0), ticket(3, 0)], key=DEFAULT_POLICY.sort_key)
    assert [t["id"] for t in ordered] == [3, 9]


def test_estimate_uses_the_default_until_enough_tickets_are_done():
    assert estimated_wait_minutes(4, completed_today=2, service_seconds_today=60, open_counters=2,
                                  default_service_minutes=10) == 20


def test_estimate_uses_todays_observed_service_time():
    # 5 tickets done in 25 minutes: 5 minutes each; 6 people ahead at 3 counters: 10 minutes.
    assert estimated_wait_minutes(6, completed_today=5, service_seconds_today=25 * 60, open_counters=3,
                                  default_service_minutes=10) == 10


def test_nobody_ahead_means_no_wait_and_no_counter_open_still_gives_a_figure():
    assert estimated_wait_minutes(0, 0, 0, 0, 10) == 0
    assert estimated_wait_minutes(2, 0, 0, 0, 10) == 20
