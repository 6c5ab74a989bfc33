"""Kiosk taps that arrive together are committed together on SQLite, and each still gets its own
answer; on PostgreSQL each tap is a transaction of its own, and taps for different fields do not
wait for one another."""
import os
import threading
import time

import pytest
from sqlalchemy import func, select, text

from counter_server.domain.errors import UnknownField
from counter_server.models import Field, FieldDay, Ticket, TicketEvent
from counter_server.rawsql import group_commit
from counter_server.services import issue_ticket
from counter_server.services.tickets import expire_if_new_day


def issue_together(ctx, centre, requests):
    """Hold the write, let every request queue up behind it, then let them all go at once."""
    expire_if_new_day(ctx, centre.centre.id)   # the day's first tap would clear yesterday under the write lock
    group = group_commit(ctx.engine)
    answers = [None] * len(requests)

    def tap(index, field, key):
        try:
            answers[index] = issue_ticket(ctx, centre_id=centre.centre.id, field=field,
                                          kiosk_id=centre.kiosk.id, idempotency_key=key)
        except Exception as error:   # the test looks at what each caller got
            answers[index] = error

    threads = [threading.Thread(target=tap, args=(i, *request)) for i, request in enumerate(requests)]
    with group.leader:
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 10
        while len(group.queued) < len(requests) and time.monotonic() < deadline:
            time.sleep(0.005)
        assert len(group.queued) == len(requests), "every request waits behind the held write"
    for thread in threads:
        thread.join(10)
    return answers, group


SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@SQLITE_ONLY
def test_taps_that_arrive_together_share_one_commit_and_keep_their_own_numbers(ctx, centre, session):
    answers, group = issue_together(ctx, centre, [("HT", "k1"), ("HT", "k2"), ("CT", "k3")])

    assert group.largest == 3
    assert sorted(ticket.number for ticket in answers) == ["A001", "A002", "B001"]
    assert session.scalar(select(func.count()).select_from(Ticket)) == 3
    assert session.scalar(select(func.count()).select_from(TicketEvent).where(TicketEvent.kind == "issued")) == 3
    waiting = dict(session.execute(select(FieldDay.field_id, FieldDay.waiting)).all())
    assert waiting == {centre.ht.id: 2, centre.ct.id: 1}


@SQLITE_ONLY
def test_a_tap_that_fails_inside_a_shared_commit_leaves_the_others_issued(ctx, centre, session):
    answers, group = issue_together(ctx, centre, [("HT", "k1"), ("NOPE", "k2"), ("HT", "k3")])

    assert group.largest == 3
    assert isinstance(answers[1], UnknownField)
    assert [answers[0].number, answers[2].number] == ["A001", "A002"]
    assert sorted(session.scalars(select(Ticket.number))) == ["A001", "A002"]


@SQLITE_ONLY
def test_a_repeated_tap_inside_a_shared_commit_gets_the_ticket_already_issued(ctx, centre, session):
    answers, _ = issue_together(ctx, centre, [("HT", "same-key"), ("HT", "same-key"), ("HT", "other")])

    first, repeat, other = answers
    assert repeat.id == first.id and repeat.number == first.number and repeat.replayed
    assert other.number == "A002", "the rolled-back repeat took no number"
    assert session.scalar(select(func.count()).select_from(Ticket)) == 2


def test_one_tap_at_a_time_is_a_plain_transaction(ctx, centre, session):
    ticket = issue_ticket(ctx, centre_id=centre.centre.id, field="HT", kiosk_id=centre.kiosk.id)
    assert ticket.number == "A001" and group_commit(ctx.engine).largest == 1
    with pytest.raises(UnknownField):
        issue_ticket(ctx, centre_id=centre.centre.id, field="NOPE", kiosk_id=centre.kiosk.id)
    assert session.scalar(select(func.count()).select_from(Ticket)) == 1


@pytest.mark.parametrize("database_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)
def test_on_postgresql_a_tap_does_not_wait_for_another_fields_tap(ctx, centre, engine):
    first = issue_ticket(ctx, centre_id=centre.centre.id, field="HT", kiosk_id=centre.kiosk.id)
    answers = {}

    def tap(field):
        answers[field] = issue_ticket(ctx, centre_id=centre.centre.id, field=field, kiosk_id=centre.kiosk.id)

    with engine.connect() as other:   # an officer's transaction holding today's HT counters row
        other.execute(text("SELECT 1 FROM field_days WHERE field_id = :f FOR UPDATE"), {"f": centre.ht.id})
        held = threading.Thread(target=tap, args=("HT",))
        held.start()
        time.sleep(0.3)
        free = threading.Thread(target=tap, args=("CT",))
        free.start()
        free.join(10)
        assert answers.get("CT") is not None and answers["CT"].number == "B001"
        assert "HT" not in answers, "the HT tap waits for the row"
        other.rollback()
    held.join(10)
    assert first.number == "A001" and answers["HT"].number == "A002"


@pytest.mark.parametrize("database_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)
def test_on_postgresql_the_connection_goes_back_to_the_pool_ready_for_transactions(ctx, centre, engine, session):
    issue_ticket(ctx, centre_id=centre.centre.id, field="HT", kiosk_id=centre.kiosk.id)
    with pytest.raises(UnknownField):   # a refused tap returns its connection as well
        issue_ticket(ctx, centre_id=centre.centre.id, field="NOPE", kiosk_id=centre.kiosk.id)

    connection = engine.raw_connection()   # the pool lends the connection returned last
    try:
        assert connection.dbapi_connection.autocommit is False
        cursor = connection.cursor()
        cursor.execute("UPDATE fields SET is_open = false WHERE id = %s", (centre.ht.id,))
        connection.rollback()
    finally:
        connection.close()
    assert session.get(Field, centre.ht.id).is_open, "the update was rolled back, not committed on its own"


@SQLITE_ONLY
def test_on_sqlite_taps_write_through_one_kept_connection_not_the_pool(ctx, centre, engine):
    issue_ticket(ctx, centre_id=centre.centre.id, field="HT", kiosk_id=centre.kiosk.id)
    writer = group_commit(engine).writer
    checked_out = engine.pool.checkedout()
    issue_ticket(ctx, centre_id=centre.centre.id, field="HT", kiosk_id=centre.kiosk.id)
    assert group_commit(engine).writer is writer
    assert engine.pool.checkedout() == checked_out


@SQLITE_ONLY
def test_on_sqlite_a_broken_writing_connection_is_replaced(ctx, centre, session):
    issue_ticket(ctx, centre_id=centre.centre.id, field="HT", kiosk_id=centre.kiosk.id)
    group = group_commit(ctx.engine)
    group.writer.close()   # as if its file had gone
    with pytest.raises(Exception):
        issue_ticket(ctx, centre_id=centre.centre.id, field="HT", kiosk_id=centre.kiosk.id)
    assert issue_ticket(ctx, centre_id=centre.centre.id, field="HT", kiosk_id=centre.kiosk.id).number == "A002"
    assert sorted(session.scalars(select(Ticket.number))) == ["A001", "A002"]


@SQLITE_ONLY
def test_on_sqlite_a_forked_process_writes_through_a_connection_of_its_own(ctx, centre, session):
    issue_ticket(ctx, centre_id=centre.centre.id, field="HT", kiosk_id=centre.kiosk.id)
    parents = group_commit(ctx.engine).writer
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:   # the child: one tap, its number down the pipe, then leave without cleanup
        try:
            number = issue_ticket(ctx, centre_id=centre.centre.id, field="HT", kiosk_id=centre.kiosk.id).number
            mine = group_commit(ctx.engine).writer is not parents
            os.write(writer, f"{number} {mine}".encode())
        finally:
            os._exit(0)
    os.close(writer)
    answer = os.read(reader, 100).decode()
    os.waitpid(child, 0)
    assert answer == "A002 True"
    assert issue_ticket(ctx, centre_id=centre.centre.id, field="HT", kiosk_id=centre.kiosk.id).number == "A003"
    assert group_commit(ctx.engine).writer is parents
