"""Database plumbing: the engine for SQLite or PostgreSQL, and the unit of work."""
import logging
import sqlite3
import threading
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 10_000
FALLBACK_AUTOCHECKPOINT_PAGES = 20_000
RETRIES = 5


def make_engine(url: str, **kwargs) -> Engine:
    """An engine tuned for the queue: WAL and write-locking transactions on SQLite."""
    if url.startswith("sqlite"):
        return _sqlite_engine(url, **kwargs)
    kwargs.setdefault("pool_pre_ping", True)
    if "poolclass" not in kwargs:
        kwargs.setdefault("pool_use_lifo", True)   # see _sqlite_engine; here: prepared statements stay warm
        kwargs.setdefault("pool_size", 10)
        kwargs.setdefault("max_overflow", 20)
    return create_engine(url, **kwargs)


def _sqlite_engine(url: str, **kwargs) -> Engine:
    path = url.split("sqlite:///", 1)[-1]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        # The connection returned last is handed out next. A SQLite connection that finds the
        # database changed by another connection drops its whole page cache; taken in turn (the
        # pool's default), every connection found it changed and read its pages again, on every
        # ticket issued (bench: an issue's statements cost 1.5-1.8x as much as on the connection
        # that wrote last).
        if "poolclass" not in kwargs:
            kwargs.setdefault("pool_use_lifo", True)
    kwargs.setdefault("connect_args", {}).update(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    engine = create_engine(url, **kwargs)
    # Threads of one process take turns to write: SQLite allows one writer, and a thread waiting
    # on SQLite's busy handler sleeps in steps of up to 100 ms, which ruins latency.
    engine.sqlite_write_lock = threading.Lock()

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event below issue BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA cache_size=-65536")  # 64 MB of pages: a year of tickets' indexes stay hot
        # Checkpoints run in the background (WalCheckpointer); this is only the fallback.
        cursor.execute(f"PRAGMA wal_autocheckpoint={FALLBACK_AUTOCHECKPOINT_PAGES}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        # A writing transaction takes the write lock at BEGIN: a deferred one that reads first and
        # writes later can fail with SQLITE_BUSY without waiting, when another process wrote.
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


class WalCheckpointer(threading.Thread):
    """Copies SQLite's write-ahead log back into the database every second, off the request path.

    Left to SQLite, the commit that crosses the threshold does the checkpoint (and its fsync)
    while a citizen waits for a ticket. A PASSIVE checkpoint never blocks writers.
    """

    def __init__(self, path: str, interval: float = 1.0):
        super().__init__(name="wal-checkpointer", daemon=True)
        self.path, self.interval = path, interval
        self.stopped = threading.Event()

    def run(self) -> None:
        connection = sqlite3.connect(self.path, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
        try:
            while not self.stopped.wait(self.interval):
                try:
                    connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
                except sqlite3.Error as error:
                    log.warning("WAL checkpoint failed: %s", error)
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()


def start_checkpointer(engine: Engine) -> WalCheckpointer | None:
    """A running WalCheckpointer for a SQLite file database; None for other engines."""
    path = engine.url.database
    if engine.dialect.name != "sqlite" or not path or path == ":memory:":
        return None
    checkpointer = WalCheckpointer(path)
    checkpointer.start()
    return checkpointer


def _is_retryable(error: DBAPIError) -> bool:
    """Deadlocks and serialisation failures (PostgreSQL), lock time-outs (SQLite)."""
    code = getattr(error.orig, "sqlstate", None)
    if code in ("40001", "40P01"):
        return True
    return isinstance(error, OperationalError) and "locked" in str(error.orig)


class UnitOfWork:
    """One transaction: commit on success, roll back on any error."""

    def __init__(self, session_factory: sessionmaker, write: bool = False):
        self.session_factory = session_factory
        self.write = write
        self.session: Session | None = None

    def __enter__(self) -> Session:
        self.session = self.session_factory()
        bind = self.session.get_bind()
        self.lock = write_lock(bind) if self.write else nullcontext()
        self.lock.__enter__()
        try:
            if self.write and bind.dialect.name == "sqlite":
                self.session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
        except BaseException:
            self.lock.__exit__(None, None, None)
            raise
        return self.session

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self.session.commit()
            else:
                self.session.rollback()
        finally:
            self.session.close()
            self.lock.__exit__(None, None, None)


def write_lock(engine: Engine):
    """The per-process writer lock of a SQLite engine; a no-op elsewhere."""
    return getattr(engine, "sqlite_write_lock", None) or nullcontext()


@contextmanager
def transaction(session_factory: sessionmaker, write: bool = False):
    """A unit of work as a context manager yielding its session."""
    with UnitOfWork(session_factory, write=write) as session:
        yield session


def run_in_transaction(session_factory: sessionmaker, work, write: bool = True):
    """Run `work(session)` in one transaction, retrying on deadlock or lock time-out."""
    def attempt():
        with transaction(session_factory, write=write) as session:
            return work(session)
    return retrying(attempt)


def retrying(attempt, also=()):
    """Call `attempt()`, again after a deadlock or lock time-out (or an exception in `also`)."""
    for number in range(1, RETRIES + 1):
        try:
            return attempt()
        except (DBAPIError, *also) as error:
            if number == RETRIES or not (isinstance(error, also) or _is_retryable(error)):
                raise
            log.warning("transaction retried after %s (attempt %d)", type(error).__name__, number)
            time.sleep(0.01 * number)
