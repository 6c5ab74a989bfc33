"""The first request of a service day closes the days before it: their open tickets expire."""

import threading

import pytest
from sqlalchemy import event, select, text

from counter_server import services
from counter_server.models import FieldDay, Ticket, TicketEvent


@pytest.fixture
def thursday(ctx, centre, take, desk1, desk2):
    """Thursday's tickets in every state: served, cancelled, and three left open at closing."""
    served = take("HT")
    desk1.call_ticket(ticket_id=served.id)
    desk1.complete()
    missed = take("CT")
    desk2.call_ticket(ticket_id=missed.id)
    desk2.skip()
    at_counter = take("CT")
    desk1.call_ticket(ticket_id=at_counter.id)
    desk1.start()
    cancelled = take("HT")
    services.cancel(ctx, centre.centre.id, cancelled.id)
    waiting = take("HT", priority="elderly", idempotency_key="tap-thursday")
    return dict(served=served, missed=missed, at_counter=at_counter, cancelled=cancelled, waiting=waiting)


def statuses(session, tickets: dict) -> dict:
    """Each ticket's status as the database has it now."""
    session.rollback()   # a new snapshot
    session.expire_all()
    return {name: session.get(Ticket, ticket.id).status for name, ticket in tickets.items()}


def test_the_first_request_after_a_weekend_expires_exactly_the_open_tickets_of_past_days(
        thursday, take, clock, session, centre):
    clock.advance(days=4)   # Monday
    monday = take("HT")
    assert statuses(session, thursday | {"monday": monday}) == {
        "served": "completed", "missed": "expired", "at_counter": "expired", "cancelled": "cancelled",
        "waiting": "expired", "monday": "waiting"}
    expired = session.execute(select(TicketEvent.ticket_id, TicketEvent.data).where(TicketEvent.kind == "expired")
                              .order_by(TicketEvent.ticket_id)).all()
    assert [(ticket_id, data["previous"]) for ticket_id, data in expired] == [
        (thursday["missed"].id, "no_show"), (thursday["at_counter"].id, "serving"), (thursday["waiting"].id, "waiting")]
    assert session.get(Ticket, thursday["at_counter"].id).counter_id == centre.counter1.id   # kept for the reports


def test_expired_tickets_leave_their_days_waiting_counts(thursday, take, clock, session, centre):
    clock.advance(days=4)
    take("HT")
    counts = session.execute(select(FieldDay.waiting, FieldDay.waiting_priority)
                             .where(FieldDay.field_id == centre.ht.id,
                                    FieldDay.service_day == thursday["waiting"].issued_at.date())).one()
    assert tuple(counts) == (0, 0)


def test_the_expiry_seeks_each_past_day_and_open_status_instead_of_reading_closed_tickets(
        thursday, ctx, engine, clock, centre):
    clock.advance(days=4)
    reads = []

    def remember(connection, cursor, statement, parameters, context, executemany):
        if statement.startswith("SELECT") and "tickets.service_day IN" in statement:
            reads.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", remember)
    try:
        assert services.expire_stale_tickets(ctx, centre.centre.id) == 3
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    (statement, parameters), = reads
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            plan = " ".join(row[-1] for row in rows)
            assert "ix_tickets_queue (centre_id=? AND service_day=? AND status=?)" in plan
        else:
            connection.execute(text("SET enable_seqscan = off"))   # a handful of rows: it would read them all
            plan = " ".join(row[0] for row in connection.exec_driver_sql("EXPLAIN " + statement, parameters))
            assert "ix_tickets_queue" in plan and "AND (service_day = " in plan, plan   # = day, or = ANY (days)


def test_a_kiosk_does_not_wait_for_an_expiry_another_request_is_running(thursday, ctx, take, clock, session):
    clock.advance(days=4)
    issued = []
    with ctx.expiry_lock:   # another request is expiring Thursday's leftovers
        kiosk = threading.Thread(target=lambda: issued.append(take("HT")))
        kiosk.start()
        kiosk.join(timeout=10)
        assert [ticket.number for ticket in issued] == ["A001"]
    assert statuses(session, {"waiting": thursday["waiting"]}) == {"waiting": "waiting"}   # not this kiosk's job
    take("HT")
    assert statuses(session, {"waiting": thursday["waiting"]}) == {"waiting": "expired"}
