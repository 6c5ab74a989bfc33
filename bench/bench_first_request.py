"""The first request of a service day, with a year of history in the database.

    python -m bench.bench_first_request [--engines sqlite,postgres] [--past 200000] [--left 60] [--reps 5]

The first ticket issued on a new day expires the days before it (their open tickets, their
Idempotency-Keys). One database per engine is filled with `--past` past tickets as the server
leaves them (bench/past_tickets.py), `--left` of yesterday's still open (waiting, called, no-show).
Each repetition starts from a fresh copy of it (a file copy, synced to disk; CREATE DATABASE ..
TEMPLATE) and a new engine with one pooled connection opened, and times:

- first issue, restarted server: the process has not expired anything yet (it walks every past day);
- first issue, running server: the process ran yesterday's expiry (its statements are prepared, and
  it walks the days from yesterday);
- expiry alone (restarted server), without the issue around it;
- 8 kiosks at once: eight threads issue together on a restarted server; the slowest of them;
- an ordinary issue afterwards (median of 50).

Prints the median over repetitions of each, in milliseconds. Target: first issue under 100 ms.
"""
import argparse
import os
import shutil
import statistics
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.orm import sessionmaker

from bench import databases, past_tickets
from bench.bench_server import seed
from counter_server.db import make_engine
from counter_server.services import QueueContext, expire_stale_tickets, issue_ticket
from counter_server.services.context import system_clock

FIELDS = ("HT", "CT", "HKD", "BTXH", "CTRU")
KIOSKS_AT_ONCE = 8


class Copies:
    """Fresh copies of the filled database, one per measurement."""

    def __init__(self, engine_name: str, url: str):
        self.engine_name, self.url, self.made = engine_name, url, []

    def fresh(self) -> str:
        """A new copy; its URL."""
        number = len(self.made)
        if self.engine_name == "sqlite":
            source = Path(make_url(self.url).database)
            target = source.with_name(f"first-request-{number}.sqlite3")
            for suffix in ("-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(source, target)
            os.sync()   # or the first commit's fsync would write out the whole copy
            self.made.append(target)
            return f"sqlite:///{target}"
        name = f"counter_bench_first_{number}"
        admin = create_engine(databases.POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{make_url(self.url).database}"'))
        admin.dispose()
        self.made.append(name)
        return make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def drop(self) -> None:
        for made in self.made:
            if self.engine_name == "sqlite":
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{made}{suffix}").unlink(missing_ok=True)
            else:
                databases.drop_postgres(made)


class Server:
    """A queue context on a fresh copy, as a server process has it before the day's first request."""

    def __init__(self, url: str, centre_id: int, kiosk_id: int, running: bool):
        self.engine = make_engine(url)
        self.ctx = QueueContext(sessionmaker(self.engine, expire_on_commit=False))
        self.centre_id, self.kiosk_id = centre_id, kiosk_id
        with self.engine.connect() as connection:
            connection.execute(text("select 1"))
        if running:   # this process ran yesterday's expiry (nothing was open before yesterday)
            yesterday = datetime.now(timezone.utc) - timedelta(days=1)
            self.ctx.clock = lambda: yesterday
            expire_stale_tickets(self.ctx, centre_id)
            self.ctx.clock = system_clock

    def issue(self, number: int = 0) -> float:
        """Issue one ticket; its latency in ms."""
        started = time.perf_counter()
        issue_ticket(self.ctx, centre_id=self.centre_id, field=FIELDS[number % len(FIELDS)],
                     kiosk_id=self.kiosk_id, idempotency_key=uuid.uuid4().hex)
        return (time.perf_counter() - started) * 1e3

    def close(self) -> None:
        self.engine.dispose()


def at_once(server: Server) -> float:
    """KIOSKS_AT_ONCE threads issue together; the slowest latency in ms."""
    barrier, latencies = threading.Barrier(KIOSKS_AT_ONCE), []

    def kiosk(number):
        barrier.wait()
        latencies.append(server.issue(number))
    threads = [threading.Thread(target=kiosk, args=(n,)) for n in range(KIOSKS_AT_ONCE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return max(latencies)


def expired(server: Server, events_before: int) -> int:
    """How many tickets the server expired (events logged after the fill)."""
    with server.engine.connect() as connection:
        return connection.scalar(text("select count(*) from ticket_events where kind = 'expired' and id > :last"),
                                 {"last": events_before})


def bench_engine(engine_name: str, args) -> dict:
    url = databases.fresh(engine_name, "counter_bench_first")
    centre_id, _ = seed(url)
    started = time.monotonic()
    past_tickets.fill(url, centre_id, args.past, left_open=args.left)
    print(f"[{engine_name}] {args.past} past tickets, {args.left} of yesterday's open, "
          f"in {time.monotonic() - started:.0f} s", flush=True)
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        kiosk_id = connection.scalar(text("select id from kiosks where centre_id = :c"), {"c": centre_id})
        events_before = connection.scalar(text("select max(id) from ticket_events"))
        if engine_name == "postgres":   # as autovacuum leaves the tables after a day's writes
            connection.execute(text("vacuum analyze"))
    engine.dispose()
    copies, figures = Copies(engine_name, url), {}
    try:
        for _ in range(args.reps):
            for name, running in (("first issue, restarted server", False), ("first issue, running server", True)):
                server = Server(copies.fresh(), centre_id, kiosk_id, running)
                figures.setdefault(name, []).append(server.issue())
                assert expired(server, events_before) == args.left, "the first issue expired yesterday's leftovers"
                figures.setdefault("an ordinary issue afterwards", []).append(
                    statistics.median(server.issue(n) for n in range(50)))
                server.close()
            server = Server(copies.fresh(), centre_id, kiosk_id, running=False)
            started = time.perf_counter()
            expire_stale_tickets(server.ctx, centre_id)
            figures.setdefault("expiry alone, restarted server", []).append((time.perf_counter() - started) * 1e3)
            server.close()
            server = Server(copies.fresh(), centre_id, kiosk_id, running=False)
            figures.setdefault(f"{KIOSKS_AT_ONCE} kiosks at once, slowest", []).append(at_once(server))
            assert expired(server, events_before) == args.left, "the leftovers expired once"
            server.close()
            copies.drop()
            copies.made.clear()
    finally:
        copies.drop()
        if engine_name == "postgres":
            databases.drop_postgres("counter_bench_first")
    return {name: statistics.median(values) for name, values in figures.items()}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--past", type=int, default=200_000)
    parser.add_argument("--left", type=int, default=60)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args(argv)
    for engine_name in args.engines.split(","):
        figures = bench_engine(engine_name, args)
        print(f"{engine_name}, {args.past:,} past tickets, {args.left} left open yesterday "
              f"(median of {args.reps}):")
        for name, value in figures.items():
            print(f"  {name:36} {value:8.1f} ms")


if __name__ == "__main__":
    main()
