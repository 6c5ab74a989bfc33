"""Wakes the event streams of every server process at once, on PostgreSQL (LISTEN/NOTIFY).

A writing transaction sends a NOTIFY on CHANNEL (QueueContext.write; issuing's one statement);
PostgreSQL delivers it when, and only if, the transaction commits, to every connection that
LISTENs. Each process that serves event streams keeps one such connection, in a thread of its
own, and wakes its ChangeNotifier on every notification. The streams' poll of the event log stays
as the safety net (longer while the listener hears, see notify.py). SQLite has nothing of the kind:
there streams in other processes find new events by their poll alone.
"""
import logging
import os
import threading

from sqlalchemy import Engine, event, text

from .notify import ChangeNotifier

log = logging.getLogger(__name__)
CHANNEL = "counter_server_events"
# No payload: a process wakes all its streams whatever the centre (ChangeNotifier has one counter).
NOTIFY = f"SELECT pg_notify('{CHANNEL}', '')"
_NOTIFY = text(NOTIFY)
FIRST_RETRY_SECONDS, LAST_RETRY_SECONDS = 0.1, 5.0
WAIT_SECONDS = 0.5   # how often the listening thread looks whether it should stop
KEEPALIVES = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3}


def announce(session) -> None:
    """Within a writing transaction: on PostgreSQL, wake every process's streams once it commits."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_NOTIFY)


def listener_for(engine: Engine, notifier: ChangeNotifier, enabled: bool = True) -> "WakeListener | NoListener":
    """A WakeListener for a PostgreSQL engine (stopped when the engine is disposed); else a no-op."""
    if not enabled or engine.dialect.name != "postgresql":
        return NoListener()
    listener = WakeListener(engine.url.set(drivername="postgresql").render_as_string(hide_password=False), notifier)
    event.listen(engine, "engine_disposed", lambda _engine: listener.stop(wait=False))
    return listener


class NoListener:
    """SQLite, or COUNTER_SERVER_PG_LISTEN=0: streams rely on their poll."""

    def ensure_running(self) -> None:
        """Nothing to start."""


class WakeListener:
    """One LISTEN connection per process, in a daemon thread, reconnecting with backoff.

    Started by the first event stream a process serves (ensure_running): never in a gunicorn
    master that forks its workers afterwards, and not in processes that serve no stream.
    """

    def __init__(self, conninfo: str, notifier: ChangeNotifier):
        self.conninfo, self.notifier = conninfo, notifier
        self.thread: threading.Thread | None = None
        self.stopping = threading.Event()
        self.pid = 0
        self.lock = threading.Lock()
        self.registered = False   # stop() runs at this process's exit
        self.connections = 0   # LISTEN connections made so far in this process (tests, logs)

    def ensure_running(self) -> None:
        """Start listening in this process unless a listening thread already runs here."""
        if self.pid == os.getpid() and self.thread is not None and self.thread.is_alive():
            return
        with self.lock:
            if self.pid == os.getpid() and self.thread is not None and self.thread.is_alive():
                return
            self.pid, self.stopping = os.getpid(), threading.Event()
            self.thread = threading.Thread(target=self._run, args=(self.stopping,), name="pg-wake", daemon=True)
            self.thread.start()
            register = getattr(threading, "_register_atexit", None)   # see ChangeNotifier
            if register is not None and not self.registered:
                register(self.stop)
                self.registered = True

    def stop(self, wait: bool = True) -> None:
        """End the listening thread (within WAIT_SECONDS); with `wait`, until its connection is closed."""
        self.stopping.set()
        thread = self.thread
        if wait and thread is not None and thread is not threading.current_thread():
            thread.join(WAIT_SECONDS * 2)

    def _run(self, stopping: threading.Event) -> None:
        import psycopg   # here, not at import: SQLite deployments never load it
        delay = FIRST_RETRY_SECONDS
        while not stopping.is_set():
            try:
                with psycopg.connect(self.conninfo, autocommit=True, connect_timeout=5, **KEEPALIVES) as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    self.connections += 1
                    delay = FIRST_RETRY_SECONDS
                    self.notifier.hearing(True)
                    while not stopping.is_set():
                        for _ in connection.notifies(timeout=WAIT_SECONDS):
                            self.notifier.notify()
            except psycopg.Error as error:
                log.warning("not listening for other processes' changes (%s); streams poll; again in %.1f s",
                            str(error).strip() or type(error).__name__, delay)
            finally:
                if self.notifier.hears_other_processes:
                    self.notifier.hearing(False)
            if stopping.wait(delay):
                break
            delay = min(delay * 2, LAST_RETRY_SECONDS)
