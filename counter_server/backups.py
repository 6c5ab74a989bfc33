"""Backups of the whole database, and putting one back.

SQLite: SQLite's online backup (a consistent copy while the server keeps writing, write-ahead log
included). PostgreSQL: `pg_dump --format=custom`, restored with `pg_restore --clean`, so that a
restore leaves exactly what was saved. Restoring replaces everything: stop the server first."""
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(RuntimeError):
    """A backup or restore could not be made; the message says why."""


def backup(database_url: str, destination: Path) -> Path:
    """Save the database behind `database_url` into the file `destination`."""
    url = make_url(database_url)
    destination.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        _copy_sqlite(Path(url.database), destination)
    else:
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(destination), _libpq(url)])
    return destination


def restore(database_url: str, source: Path) -> None:
    """Replace the database behind `database_url` with the backup in `source`."""
    if not source.is_file():
        raise BackupError(f"No backup file at {source}.")
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        _copy_sqlite(source, Path(url.database))
    else:
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
              "--dbname", _libpq(url), str(source)])


def _copy_sqlite(source: Path, target: Path) -> None:
    """SQLite's backup API, page by page, from one file into another."""
    if not source.is_file():
        raise BackupError(f"No SQLite database at {source}.")
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)


def _libpq(url) -> str:
    """The SQLAlchemy URL as the PostgreSQL tools take it (no '+psycopg')."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _run(command: list[str]) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client).") from None
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[:500]}")
