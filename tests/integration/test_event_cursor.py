"""A stream's cursor over the event log gives every event once, even when transactions commit
out of the order of their ids (PostgreSQL), and stops looking for an id a rollback left unused."""
from datetime import datetime, timezone

import pytest
from sqlalchemy import insert
from sqlalchemy.orm import Session

from counter_server.models import TicketEvent
from counter_server.services.event_cursor import HOLE_SECONDS, EventCursor, next_events

on_postgres = pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
AT = datetime(2026, 12, 1, 2, 0, tzinfo=timezone.utc)


def write(connection, centre, number: str, at: datetime = AT) -> None:
    connection.execute(insert(TicketEvent), [{"centre_id": centre.id, "ticket_id": None, "kind": "called", "at": at,
                                              "data": {"number": number, "counter": 1}}])


def numbers(events) -> list[str]:
    return [event.data["number"] for event in events]


@on_postgres
def test_an_event_committed_after_a_later_one_is_still_given(ctx, engine, centre):
    cursor = EventCursor(0)
    slow = engine.connect()
    slow_transaction = slow.begin()
    write(slow, centre.centre, "A001")                 # a counter's action: id N, not committed yet
    with engine.begin() as quick:
        write(quick, centre.centre, "B001")            # a kiosk: id N+1, committed first
    assert numbers(next_events(ctx, centre.centre.id, cursor)) == ["B001"]
    assert len(cursor.holes) == 1
    slow_transaction.commit()
    slow.close()
    assert numbers(next_events(ctx, centre.centre.id, cursor)) == ["A001"]
    assert cursor.holes == {} and next_events(ctx, centre.centre.id, cursor) == []


def test_each_event_is_given_once_in_order_and_other_centres_events_are_not(ctx, engine, centre, session):
    from tests.factories import make_centre
    other = make_centre(session, code="XA-KHAC", name="Xã khác")
    session.commit()
    cursor = EventCursor(0)
    with engine.begin() as connection:
        for number, where in (("A001", centre.centre), ("X001", other), ("A002", centre.centre)):
            write(connection, where, number)
    assert numbers(next_events(ctx, centre.centre.id, cursor)) == ["A001", "A002"]
    assert cursor.holes == {}
    with engine.begin() as connection:
        write(connection, centre.centre, "A003")
    assert numbers(next_events(ctx, centre.centre.id, cursor)) == ["A003"]


def test_an_id_left_unused_by_a_rollback_is_looked_for_a_while_then_forgotten(ctx, engine, centre):
    cursor, now = EventCursor(0), [1000.0]
    with Session(engine) as rolled_back:
        write(rolled_back.connection(), centre.centre, "A001")
        rolled_back.flush()
        # on SQLite the id is taken again by the next write; on PostgreSQL it stays unused
    with engine.begin() as connection:
        write(connection, centre.centre, "A002")
    assert numbers(next_events(ctx, centre.centre.id, cursor, clock=lambda: now[0])) == ["A002"]
    now[0] += HOLE_SECONDS + 1
    next_events(ctx, centre.centre.id, cursor, clock=lambda: now[0])
    assert cursor.holes == {}


def test_a_read_cut_at_its_limit_says_there_is_more(ctx, engine, centre):
    cursor = EventCursor(0)
    with engine.begin() as connection:
        for n in range(5):
            write(connection, centre.centre, f"A00{n}")
    assert numbers(next_events(ctx, centre.centre.id, cursor, limit=3)) == ["A000", "A001", "A002"] and cursor.more
    assert numbers(next_events(ctx, centre.centre.id, cursor, limit=3)) == ["A003", "A004"] and not cursor.more



@on_postgres
def test_on_postgresql_a_rolled_back_id_is_forgotten_once_its_transaction_has_ended(ctx, engine, centre):
    cursor = EventCursor(0)
    with Session(engine) as rolled_back:
        write(rolled_back.connection(), centre.centre, "A001")
        with engine.begin() as connection:
            write(connection, centre.centre, "A002")
        assert numbers(next_events(ctx, centre.centre.id, cursor)) == ["A002"] and len(cursor.holes) == 1
        next_events(ctx, centre.centre.id, cursor)
        assert len(cursor.holes) == 1            # still running: it may yet commit
    next_events(ctx, centre.centre.id, cursor)   # rolled back and ended: no need to wait 30 s
    assert cursor.holes == {}
