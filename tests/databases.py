"""Test databases: a migrated SQLite template copied per test, and a PostgreSQL database made
once per session and emptied per test. PostgreSQL tests skip (saying why) where no server is
reachable, unless COUNTER_SERVER_REQUIRE_POSTGRES=1 (CI), where they fail instead."""
import os
import shutil
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from counter_server.migrate import upgrade_to_head
from counter_server.models import Base

POSTGRES_URL = os.environ.get("COUNTER_SERVER_TEST_POSTGRES_URL",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("COUNTER_SERVER_REQUIRE_POSTGRES") == "1"
SHIPPED_TABLES = ("calendar_days",)   # reference rows the migrations insert (2025–2026 decisions)
SHIPPED_ROWS: dict[str, dict[str, list[dict]]] = {}


def migrated_sqlite_template(directory) -> str:
    """A SQLite file at the newest schema, made with the real migrations."""
    path = directory / "template.sqlite3"
    upgrade_to_head(f"sqlite:///{path}")
    return str(path)


def fresh_sqlite(template: str, directory) -> str:
    """A copy of the template: a new empty database in milliseconds."""
    path = directory / "queue.sqlite3"
    shutil.copyfile(template, path)
    return f"sqlite:///{path}"


def create_postgres_database() -> str:
    """A new database on the PostgreSQL server, migrated to head; its URL."""
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    name = f"counter_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # noqa: BLE001 - any failure means "no usable server"
        admin.dispose()
        message = f"PostgreSQL not reachable at {POSTGRES_URL}: {type(error).__name__}"
        if REQUIRE_POSTGRES:
            pytest.fail(message + " (COUNTER_SERVER_REQUIRE_POSTGRES=1)")
        pytest.skip(message)
    admin.dispose()
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    upgrade_to_head(url)
    engine = create_engine(url)
    with engine.connect() as connection:
        SHIPPED_ROWS[url] = {name: [dict(row) for row in connection.execute(text(f'SELECT * FROM "{name}"')).mappings()]
                             for name in SHIPPED_TABLES}
    engine.dispose()
    return url


def drop_postgres_database(url: str) -> None:
    """Remove a database made by create_postgres_database."""
    name = make_url(url).database
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def empty_postgres(url: str) -> None:
    """Delete every row and restart the id sequences; the rows the migrations ship come back, as
    in a SQLite copy of the template."""
    engine = create_engine(url)
    tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        for name, rows in SHIPPED_ROWS.get(url, {}).items():
            if rows:
                connection.execute(Base.metadata.tables[name].insert(), rows)
                connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                        f'(SELECT max(id) FROM "{name}"))'))
    engine.dispose()
