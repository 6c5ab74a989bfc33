"""The managers' ticket log (GET /api/v1/tickets): each ticket as the counter sees it, a page
read in a fixed number of statements however many tickets the day has."""
from contextlib import contextmanager
from datetime import date

from sqlalchemy import event

from counter_server.api.schemas import TicketOut
from counter_server.api.tickets import _service_day
from counter_server.services.counters import view_ticket


@contextmanager
def counted_statements(engine):
    """Count the SQL statements the engine runs inside the block."""
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_each_ticket_in_the_log_reads_as_the_counter_shows_it(api, client, session, users):
    api.take("HT", procedure="1.001193", priority="elderly")
    api.take("CT")
    api.take("HT")
    api.counter("next", api.login())   # A001 called at counter 1: counter and call fields filled
    log = client.get("/api/v1/tickets", headers=api.login("lanhdao")).json
    assert log["total"] == 3 and [t["number"] for t in log["items"]] == ["A001", "B001", "A002"]
    for item in log["items"]:
        assert item == TicketOut().dump(view_ticket(session, item["id"]))
    called = log["items"][0]
    assert (called["counter"], called["procedure"], called["priority_name"], called["call_count"]) == (
        1, "1.001193", "Người cao tuổi", 1)


def test_a_page_of_the_log_takes_as_many_statements_for_thirty_tickets_as_for_two(app, api, client, users):
    manager = api.login("lanhdao")
    client.get("/api/v1/tickets", headers=manager)   # the manager's token is now known (and cached)

    def statements_for_the_log() -> int:
        with counted_statements(app.extensions["engine"]) as statements:
            assert client.get("/api/v1/tickets", headers=manager).status_code == 200
        return len(statements)

    api.take("HT"), api.take("CT")
    with_two = statements_for_the_log()
    for _ in range(14):
        api.take("HT"), api.take("CT")
    assert client.get("/api/v1/tickets", headers=manager).json["total"] == 30
    assert statements_for_the_log() == with_two


def test_the_log_is_of_today_unless_a_day_is_named(api, client, users):
    api.take("HT")
    manager = api.login("lanhdao")
    today = client.get("/api/v1/tickets", headers=manager).json
    assert today["total"] == 1
    assert client.get("/api/v1/tickets?day=2026-11-26", headers=manager).json == today
    assert client.get("/api/v1/tickets?day=2026-11-25", headers=manager).json == {"items": [], "total": 0}
    assert client.get("/api/v1/tickets?status=called", headers=manager).json["total"] == 0


def test_the_day_may_come_from_the_schema_as_text_or_as_a_date():
    assert _service_day("2026-11-26") == _service_day(date(2026, 11, 26)) == date(2026, 11, 26)
    assert _service_day(None) is None and _service_day("") is None
