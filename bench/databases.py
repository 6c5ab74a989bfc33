"""Throwaway databases for the benchmarks, at the newest schema: a new SQLite file, or a
PostgreSQL database created afresh and dropped afterwards (BENCH_POSTGRES_URL names the server's
admin database)."""
import os
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

from counter_server.migrate import upgrade_to_head

BENCH_DIR = Path(__file__).resolve().parent.parent / "var" / "bench"
POSTGRES_ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def migrated_sqlite(path: Path) -> str:
    """A new SQLite file at `path`, at the newest schema; its URL."""
    url = f"sqlite:///{path}"
    upgrade_to_head(url)
    return url


def throwaway_postgres(name: str) -> str | None:
    """A new, migrated PostgreSQL database `name` (drop it with drop_postgres), or None with a
    word on the console when no server answers."""
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # noqa: BLE001 - any failure means "no usable server"
        print(f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {type(error).__name__}; skipped")
        return None
    finally:
        admin.dispose()
    url = make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    upgrade_to_head(url)
    return url


def fresh(engine_name: str, name: str) -> str:
    """A new, migrated database called `name`: var/bench/<name>.sqlite3 (made anew) or a PostgreSQL
    database of that name (drop it with drop_postgres); its URL."""
    if engine_name == "sqlite":
        path = BENCH_DIR / f"{name}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return migrated_sqlite(path)
    url = throwaway_postgres(name)
    if url is None:
        raise RuntimeError("PostgreSQL is not reachable")
    return url


def drop_postgres(name: str) -> None:
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def each_engine(engines: str, workdir: Path, name: str):
    """(engine, URL) of a new, migrated database for each of `engines` ("sqlite,postgres"): a SQLite
    file in `workdir`, or a PostgreSQL database `name`, dropped once the caller's loop moves on.
    An engine whose server does not answer is skipped (with a word on the console)."""
    for engine in engines.split(","):
        url = (migrated_sqlite(Path(workdir) / f"{name}.sqlite3") if engine == "sqlite" else throwaway_postgres(name))
        if url is None:
            continue
        try:
            yield engine, url
        finally:
            if engine == "postgres":
                drop_postgres(name)
