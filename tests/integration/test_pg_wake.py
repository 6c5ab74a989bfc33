"""The PostgreSQL listener (pg_wake.py) on a real server: it wakes this process's streams when
another connection commits a change, comes back after its connection is cut, stops with its
engine, and never starts for SQLite."""
import threading
import time

import pytest
from sqlalchemy import create_engine, text

from counter_server import services
from counter_server.notify import ChangeNotifier
from counter_server.pg_wake import CHANNEL, NOTIFY, NoListener, WakeListener, listener_for
from tests.databases import POSTGRES_URL

on_postgres = pytest.mark.parametrize("database_url", ["postgres"], indirect=True)


def eventually(condition, what: str, seconds: float = 30) -> None:
    """Wait until `condition()` holds; fail (saying `what`) if it never does."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.02)


def listening(engine, **kw) -> tuple[WakeListener, ChangeNotifier]:
    """A started listener on `engine`, once it hears; and the notifier it wakes."""
    notifier = ChangeNotifier()
    listener = listener_for(engine, notifier, **kw)
    listener.ensure_running()
    eventually(lambda: notifier.hears_other_processes, "the listener hears")
    return listener, notifier


def woken_after(notifier: ChangeNotifier, seen: int) -> bool:
    """Whether the notifier moves past `seen` (waiting long enough for a NOTIFY to arrive)."""
    return notifier.wait(seen, timeout=30) != seen


def listener_backends(url: str) -> list[int]:
    """Server process ids of the connections listening on CHANNEL."""
    engine = create_engine(url)
    with engine.connect() as connection:
        pids = connection.execute(text("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                                       "AND query = :listen"), {"listen": f"LISTEN {CHANNEL}"}).scalars().all()
    engine.dispose()
    return pids


@on_postgres
def test_a_notify_from_another_connection_wakes_the_notifier(engine, database_url):
    listener, notifier = listening(engine)
    seen = notifier.generation
    other = create_engine(database_url)
    with other.begin() as connection:
        connection.execute(text(NOTIFY))
    other.dispose()
    assert woken_after(notifier, seen)
    listener.stop()


@on_postgres
def test_calling_next_wakes_the_notifier_through_postgresql(engine, ctx, centre):
    ticket = services.issue_ticket(ctx, centre_id=centre.centre.id, field="HT")
    listener, notifier = listening(engine)
    seen = notifier.generation
    called = services.call_next(ctx, centre.centre.id, centre.counter1.id)   # ctx's own hook wakes nothing here
    assert called.id == ticket.id
    assert woken_after(notifier, seen)
    listener.stop()


@on_postgres
def test_issuing_a_ticket_wakes_the_notifier(engine, ctx, centre):
    listener, notifier = listening(engine)
    seen = notifier.generation
    services.issue_ticket(ctx, centre_id=centre.centre.id, field="HT")   # the one-statement path (rawsql)
    assert woken_after(notifier, seen)
    listener.stop()


@on_postgres
def test_the_listener_reconnects_after_its_connection_is_terminated(engine, database_url):
    listener, notifier = listening(engine)
    (backend,) = listener_backends(database_url)
    admin = create_engine(database_url)
    with admin.begin() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
    eventually(lambda: listener.connections == 2 and notifier.hears_other_processes, "a second LISTEN connection")
    seen = notifier.generation
    with admin.begin() as connection:
        connection.execute(text(NOTIFY))
    admin.dispose()
    assert woken_after(notifier, seen)
    assert listener_backends(database_url) != [backend]
    listener.stop()


@on_postgres
def test_while_the_listener_is_cut_off_streams_poll_at_their_own_pace(engine, database_url):
    listener, notifier = listening(engine)
    assert notifier.poll_seconds(0.25) > 0.25
    admin, name = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT"), engine.url.database
    with admin.connect() as connection:
        # the listener cannot come back while connections to this database are refused
        connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
        try:
            connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                    "WHERE datname = :name AND query = :listen"),
                               {"name": name, "listen": f"LISTEN {CHANNEL}"})
            eventually(lambda: not notifier.hears_other_processes, "the listener notices it is cut off")
            assert notifier.poll_seconds(0.25) == 0.25
        finally:
            connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
    admin.dispose()
    eventually(lambda: notifier.hears_other_processes, "the listener hears again")
    listener.stop()


@on_postgres
def test_the_listener_stops_and_disconnects_when_its_engine_is_disposed(engine, database_url):
    listener, _notifier = listening(engine)
    engine.dispose()
    listener.thread.join(10)
    assert not listener.thread.is_alive()
    eventually(lambda: listener_backends(database_url) == [], "the LISTEN connection closes")


@on_postgres
def test_no_listener_when_the_setting_turns_it_off(engine):
    assert isinstance(listener_for(engine, ChangeNotifier(), enabled=False), NoListener)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_no_listener_starts_for_sqlite(engine):
    listener = listener_for(engine, ChangeNotifier())
    listener.ensure_running()
    assert isinstance(listener, NoListener)
    assert not [thread for thread in threading.enumerate() if thread.name == "pg-wake"]
