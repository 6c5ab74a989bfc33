"""What one issue costs, in this process and in the PostgreSQL server, through the service.

    python -m bench.bench_issue_cost [--engines sqlite,postgres] [--rounds 4] [--batch 1000]

Per engine: a fresh database with the demo centre (open round the clock), served by create_app()
in this process; `--rounds` batches of `--batch` tickets through issue_ticket (five fields in
turn, a new Idempotency-Key each). Prints the median over rounds, per issue, of this process's
CPU time, the wall time and, on PostgreSQL, the CPU time of the database's server processes (read
from /proc, so the server must run on this machine). To compare two versions of the code, run it
from two checkouts one after the other, several times (`git worktree add`).
"""
import argparse
import os
import statistics
import time
import uuid
from pathlib import Path

from sqlalchemy import text

from bench import databases
from bench.bench_server import seed

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("HT", "CT", "HKD", "BTXH", "CTRU")
NAME = "counter_bench_cost"


def server_cpu_seconds(engine, database: str) -> float:
    """CPU time so far of the PostgreSQL server processes serving `database`."""
    with engine.connect() as connection:
        pids = connection.scalars(text("select pid from pg_stat_activity where datname = :d"), {"d": database}).all()
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])   # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def measure(engine_name: str, rounds: int, batch: int) -> dict:
    from counter_server.app import create_app
    from counter_server.services import issue_ticket
    if engine_name == "sqlite":
        path = ROOT / "var" / "bench" / "issue-cost.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = databases.migrated_sqlite(path)
    else:
        url = databases.throwaway_postgres(NAME)
        if url is None:
            raise RuntimeError("PostgreSQL is not reachable")
    centre_id, _ = seed(url)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench-secret", "KIOSK_RATE_LIMIT": "100000000/minute"})
    queue = app.extensions["queue"]
    with queue.engine.connect() as connection:
        kiosk_id = connection.scalar(text("select id from kiosks where centre_id = :c"), {"c": centre_id})
    issued = 0

    def issue() -> None:
        nonlocal issued
        issued += 1
        issue_ticket(queue, centre_id=centre_id, field=FIELDS[issued % len(FIELDS)], kiosk_id=kiosk_id,
                     idempotency_key=uuid.uuid4().hex)

    def server_cpu() -> float:
        return server_cpu_seconds(queue.engine, NAME) if engine_name == "postgres" else 0.0

    try:
        for _ in range(300):   # warm: connections, prepared statements, caches
            issue()
        own, wall, server = [], [], []
        for _ in range(rounds):
            server_started, cpu_started, started = server_cpu(), time.process_time(), time.perf_counter()
            for _ in range(batch):
                issue()
            own.append((time.process_time() - cpu_started) / batch)
            wall.append((time.perf_counter() - started) / batch)
            server.append((server_cpu() - server_started) / batch)
    finally:
        checkpointer = app.extensions.get("checkpointer")
        if checkpointer:
            checkpointer.stop()
        queue.engine.dispose()
        if engine_name == "postgres":
            databases.drop_postgres(NAME)
    return {"engine": engine_name, "own_cpu_us": statistics.median(own) * 1e6,
            "wall_us": statistics.median(wall) * 1e6, "server_cpu_us": statistics.median(server) * 1e6}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args(argv)
    for engine_name in args.engines.split(","):
        row = measure(engine_name, args.rounds, args.batch)
        print(f"{row['engine']:8} per issue: this process {row['own_cpu_us']:5.0f} µs CPU,"
              f" wall {row['wall_us']:5.0f} µs, database server {row['server_cpu_us']:5.0f} µs CPU", flush=True)


if __name__ == "__main__":
    main()
