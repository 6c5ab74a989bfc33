"""Several OS processes issue and call at once, against SQLite and PostgreSQL: no number issued
twice, no ticket called by two counters, no ticket lost."""
import multiprocessing
from collections import Counter as Tally

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

from counter_server import services
from counter_server.db import make_engine
from counter_server.models import FieldDay, Ticket, TicketEvent
from counter_server.services import QueueContext
from tests.factories import make_centre, make_counter, make_field, make_kiosk

PROCESSES = 4
ROUNDS = 40


def worker(url, centre_id, kiosk_id, counter_id, seed, barrier):
    """Alternate issuing a ticket and calling the next one at `counter_id`; report what it saw."""
    engine = make_engine(url)
    ctx = QueueContext(sessionmaker(engine, expire_on_commit=False))
    issued, called = [], []
    barrier.wait()
    for round_ in range(ROUNDS):
        field = ("HT", "CT")[(seed + round_) % 2]
        ticket = services.issue_ticket(ctx, centre_id=centre_id, field=field, kiosk_id=kiosk_id,
                                       idempotency_key=f"p{seed}-r{round_}")
        issued.append((ticket.id, ticket.number))
        if round_ % 2:
            result = services.call_next(ctx, centre_id, counter_id)
            if result is not None:
                called.append(result.id)
    engine.dispose()
    return issued, called


@pytest.fixture
def arranged(session):
    centre = make_centre(session)
    ht, ct = make_field(session, centre, "HT", "A"), make_field(session, centre, "CT", "B")
    counters = [make_counter(session, centre, 1, [ht, ct]).id, make_counter(session, centre, 2, [ct, ht]).id]
    kiosk = make_kiosk(session, centre)
    session.commit()
    return centre.id, kiosk.id, counters


@pytest.mark.slow
def test_processes_issuing_and_calling_at_once_never_duplicate_or_lose(database_url, arranged, session):
    centre_id, kiosk_id, counters = arranged
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        barrier = manager.Barrier(PROCESSES)
        with context.Pool(PROCESSES) as pool:
            results = pool.starmap(worker, [
                (database_url, centre_id, kiosk_id, counters[i % 2], i, barrier) for i in range(PROCESSES)])

    issued = [ticket for mine, _ in results for ticket in mine]
    called = [ticket_id for _, mine in results for ticket_id in mine]
    assert len(issued) == PROCESSES * ROUNDS
    numbers = [number for _, number in issued]
    assert len(set(numbers)) == len(numbers), "a number was issued twice"
    assert sorted(n for n in numbers if n[0] == "A") == [f"A{i:03d}" for i in range(1, len(numbers) // 2 + 1)]
    assert len(set(called)) == len(called), "a ticket was called by two counters"

    rows = session.execute(select(Ticket.id, Ticket.status, Ticket.counter_id)).all()
    assert {r.id for r in rows} == {ticket_id for ticket_id, _ in issued}, "a ticket was lost"
    calls = Tally(session.scalars(select(TicketEvent.ticket_id).where(TicketEvent.kind == "called")))
    assert set(calls.values()) <= {1} and set(calls) == set(called)
    active = Tally(r.counter_id for r in rows if r.status in ("called", "serving"))
    assert all(n == 1 for n in active.values()), "a counter has two tickets in front of it"
    waiting = sum(r.status == "waiting" for r in rows)
    assert session.scalar(select(func.sum(FieldDay.waiting))) == waiting


def test_the_pool_hands_out_the_connection_returned_last(tmp_path):
    """A SQLite connection keeps its page cache only while no other connection has written."""
    engine = make_engine(f"sqlite:///{tmp_path / 'lifo.sqlite3'}")
    first, second = engine.raw_connection(), engine.raw_connection()
    first_dbapi, second_dbapi = first.dbapi_connection, second.dbapi_connection
    first.close()
    second.close()
    again = engine.raw_connection()
    assert again.dbapi_connection is second_dbapi and again.dbapi_connection is not first_dbapi
    again.close()
    engine.dispose()
