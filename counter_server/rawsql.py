"""Plain DB-API access for the one path where SQLAlchemy's per-statement cost dominates: issuing a
ticket, which every kiosk tap runs. The SQL is portable between SQLite and PostgreSQL; values are
adapted here exactly as SQLAlchemy stores them, so the ORM reads these rows like any other.
The tests run this path on both engines."""
import json
import re
import sqlite3
from contextlib import contextmanager
from datetime import date, datetime, timezone

from sqlalchemy import Engine

from .db import retrying, write_lock

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
        self.cursor.execute(_sql(sql, self.dialect), {k: self._adapt(v) for k, v in params.items()})

    def row(self, sql: str, **params):
        """The first row of `sql`, or None."""
        self.run(sql, **params)
        return self.cursor.fetchone()

    def _adapt(self, value):
        if type(value) in _AS_IS:
            return value
        if self.dialect != "sqlite":
            return json.dumps(value) if isinstance(value, dict) else value
        if isinstance(value, datetime):  # SQLAlchemy's SQLite format, naive UTC (see models.UTCDateTime)
            return value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
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
    """A JSON column as read through the DB-API: text on SQLite, already decoded on PostgreSQL."""
    return json.loads(value) if isinstance(value, str) else value


@contextmanager
def raw_write(engine: Engine):
    """A writing transaction on a pooled DB-API connection (write lock taken at BEGIN on SQLite)."""
    dialect = engine.dialect.name
    with write_lock(engine):
        connection = engine.raw_connection()
        try:
            cursor = connection.cursor()
            if dialect == "sqlite":
                cursor.execute("BEGIN IMMEDIATE")
            yield RawCursor(cursor, dialect)
            connection.commit()
        except BaseException as error:
            connection.rollback()
            raise _translate(error) from error
        finally:
            connection.close()


def run_raw(engine: Engine, work):
    """`work(cursor)` in one raw writing transaction, retried on lock time-out or deadlock."""
    def attempt():
        with raw_write(engine) as cursor:
            return work(cursor)
    return retrying(attempt, (RawRetry,))


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
