"""Plain DB-API access for the one path where SQLAlchemy's per-statement cost dominates: issuing a
ticket, which every kiosk tap runs. The SQL is portable between SQLite and PostgreSQL; values are
adapted here exactly as SQLAlchemy stores them, so the ORM reads these rows like any other.
The tests run this path on both engines."""
import json
import logging
import os
import re
import sqlite3
import threading
import weakref
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Callable

from sqlalchemy import Engine

from .db import retrying, write_lock

log = logging.getLogger(__name__)
_NAMED = re.compile(r"(?<![:\w]):([a-z_]+)")


class RawConflict(Exception):
    """A unique constraint refused the row (e.g. two requests with one idempotency key)."""


class RawRetry(Exception):
    """The database asked to try again (lock time-out, deadlock, serialisation failure)."""


class RawCursor:
    """Runs named-parameter SQL (`:name`) on a DB-API cursor of SQLite or PostgreSQL."""

    def __init__(self, cursor, dialect: str):
        self.cursor, self.dialect = cursor, dialect

    def run(self, sql: str, **params) -> None:
        """Execute `sql`, expecting no rows back."""
        for name, value in params.items():
            if type(value) not in _AS_IS:
                params[name] = self.adapt(value)
        self.cursor.execute(_sql(sql, self.dialect), params)

    def row(self, sql: str, **params):
        """The first row of `sql`, or None."""
        self.run(sql, **params)
        return self.cursor.fetchone()

    def adapt(self, value):
        """A value as this engine stores it (as SQLAlchemy would)."""
        if self.dialect != "sqlite":
            return json.dumps(value) if isinstance(value, dict) else value
        if isinstance(value, datetime):  # SQLAlchemy's SQLite format, naive UTC (see models.UTCDateTime)
            return value.astimezone(timezone.utc).replace(tzinfo=None).isoformat(" ", "microseconds")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, dict):
            return json.dumps(value)
        return value


_AS_IS = frozenset({int, str, bool, float, type(None)})
_converted: dict[tuple[str, str], str] = {}


def _sql(sql: str, dialect: str) -> str:
    key = (sql, dialect)
    if key not in _converted:
        _converted[key] = sql if dialect == "sqlite" else _NAMED.sub(r"%(\1)s", sql)
    return _converted[key]


def json_value(value):
    """A JSON column as read through the DB-API: text on SQLite, already decoded on PostgreSQL.
    Read-only: the same text gives the same (shared) object."""
    return _decoded(value) if isinstance(value, str) else value


@lru_cache(maxsize=256)
def _decoded(text: str):
    return json.loads(text)


def run_raw(engine: Engine, work):
    """`work(cursor)` in a raw writing transaction, retried on lock time-out or deadlock.

    Requests of this process that want to write at the same moment share one transaction (group
    commit, see GroupCommit); each sees only its own result or error."""
    group = group_commit(engine)
    return retrying(lambda: group.run(work), (RawRetry,))


def group_commit(engine: Engine) -> "GroupCommit":
    """The engine's GroupCommit in this process."""
    group = _groups.get(engine)
    if group is None:
        with _groups_lock:
            group = _groups.get(engine) or _groups.setdefault(engine, GroupCommit(engine))
    return group


@dataclass(eq=False)
class _Job:
    work: Callable
    result: object = None
    error: BaseException | None = None
    done: bool = False


class GroupCommit:
    """Writes that queue up behind one another are committed together (SQLite).

    Each caller queues its work, then waits for the leader lock (the process's write lock).
    Whoever holds it takes everything queued, runs each piece under its own SAVEPOINT (a
    failing piece is rolled back alone and its caller gets the error) and commits once. With one
    caller at a time this is a plain transaction; under load one commit (SQLite's write of ~11
    pages to the WAL) serves several tickets, and the pages they share (today's counters row, the
    ends of the indexes) are written once (docs/benchmarks.md). On PostgreSQL each piece is a
    transaction of its own, in autocommit: each statement of a piece commits on its own, so a piece
    there reads first and then writes in one statement (services.issuing), one round trip
    without BEGIN and COMMIT.
    """

    def __init__(self, engine: Engine):
        self.engine, self.dialect = engine, engine.dialect.name
        # Only SQLite's writers queue (one at a time, behind the process's write lock). PostgreSQL
        # locks rows: taps for different fields go side by side, and one transaction holding
        # several fields' rows could deadlock with a counter calling next (a second's stall).
        self.leader = write_lock(engine) if self.dialect == "sqlite" else None
        self.queued: list[_Job] = []
        self.queue_lock = threading.Lock()
        self.largest = 0   # the most pieces one commit has carried (for tests and benchmarks)
        self.writer, self.writer_pid = None, 0   # SQLite: see _lend

    def run(self, work):
        job = _Job(work)
        if self.leader is None:
            self._write([job])
        else:
            self._join(job)
        if job.error is not None:
            raise job.error
        return job.result

    def _join(self, job: _Job) -> None:
        with self.queue_lock:
            self.queued.append(job)
        with self.leader:
            if not job.done:
                with self.queue_lock:
                    batch, self.queued = self.queued, []
                self._write(batch)

    def _write(self, batch: list[_Job]) -> None:
        self.largest = max(self.largest, len(batch))
        connection, broken = None, False
        try:
            connection = self._lend()
            cursor = RawCursor(connection.cursor(), self.dialect)
            if self.leader is not None:
                cursor.cursor.execute("BEGIN IMMEDIATE")
            if len(batch) == 1:
                batch[0].result = batch[0].work(cursor)
            else:
                for job in batch:
                    _run_piece(cursor, job)
            connection.commit()
        except BaseException as error:
            translated = _translate(error)
            broken = not isinstance(translated, (RawConflict, RawRetry))
            if connection is not None:
                _quietly(connection.rollback)
            for job in batch:   # nothing of this transaction was kept
                job.result, job.error = None, job.error or translated
            if not isinstance(error, Exception):
                raise
        finally:
            if connection is not None:
                self._give_back(connection, broken)
            for job in batch:
                job.done = True

    def _lend(self):
        """SQLite: the process's own writing connection, kept between writes (the leader lock lets
        one thread at a time use it; its page cache stays warm and the pool is not asked on every
        tap). PostgreSQL: a pooled connection, switched to autocommit."""
        if self.leader is None:
            connection = self.engine.raw_connection()
            connection.dbapi_connection.autocommit = True
            return connection
        if self.writer is not None and self.writer_pid != os.getpid():
            _inherited.append(self.writer)   # a parent's, across a fork: never used, nor closed, here
            self.writer = None
        if self.writer is None:
            pooled = self.engine.raw_connection()
            pooled.detach()   # no longer the pool's: this GroupCommit keeps it
            self.writer = pooled.dbapi_connection
            self.writer_pid = os.getpid()
        return self.writer

    def _give_back(self, connection, broken: bool) -> None:
        if self.leader is None:
            connection.dbapi_connection.autocommit = False   # as the pool lends it to others
            connection.close()
        elif broken:   # an error the database did not explain (I/O, a closed file): start afresh
            self.writer = None
            _quietly(connection.close)


def _run_piece(cursor: RawCursor, job: _Job) -> None:
    cursor.cursor.execute("SAVEPOINT piece")
    try:
        job.result = job.work(cursor)
    except Exception as error:
        cursor.cursor.execute("ROLLBACK TO SAVEPOINT piece")
        job.error = _translate(error)
    cursor.cursor.execute("RELEASE SAVEPOINT piece")


def _quietly(action) -> None:
    """`action()`, whose own failure changes nothing (the error that led here is reported)."""
    try:
        action()
    except Exception as error:
        log.warning("ignored while recovering from a failed write: %s", error)


_groups: "weakref.WeakKeyDictionary[Engine, GroupCommit]" = weakref.WeakKeyDictionary()
_groups_lock = threading.Lock()
_inherited: list = []


def _translate(error: BaseException) -> BaseException:
    if isinstance(error, sqlite3.IntegrityError):
        return RawConflict(str(error))
    if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
        return RawRetry(str(error))
    code = getattr(error, "sqlstate", None)
    if code == "23505":
        return RawConflict(str(error))
    if code in ("40001", "40P01"):
        return RawRetry(str(error))
    return error
