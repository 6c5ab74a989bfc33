"""Issuing with a year of history next to an empty database: in one process, side by side.

    python -m bench.bench_issue_history [--engines sqlite,postgres] [--past 200000] [--rounds 12]

Per engine, two databases seeded alike (the demo centre, open round the clock); one is then filled
with `--past` past tickets as the server leaves them (bench/past_tickets.py). Both are served by
create_app() in this process (SQLite with its WAL checkpointer, as in production). Each round issues
`--batch` tickets on one database and then on the other, the order alternating, in two ways:
through the service the API calls (issue_ticket) and through the app (POST /api/v1/tickets on the
Flask test client, the kiosk token and a new Idempotency-Key per request, as a kiosk sends them).

Prints the median latency on each database, and three ratios past ÷ empty: of the median latencies,
of the rounds' mean latencies (what throughput sees; 1.10 is "within 10 %") and of the rounds' CPU
time per issue (all threads of the process; the least disturbed by other load on the machine), each
the median over rounds.
Results: bench/results/issue-history-*.json.
"""
import argparse
import json
import os
import statistics
import time
import uuid
from pathlib import Path

from sqlalchemy import text

from bench import databases, past_tickets
from bench.bench_server import seed

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("HT", "CT", "HKD", "BTXH", "CTRU")   # the demo fields without a daily cap
STATES = ("empty", "past")


class Target:
    """One database behind its own app: issues tickets through the service or the test client."""

    def __init__(self, url: str, centre_id: int, kiosk_token: str):
        from counter_server.app import create_app
        self.app = create_app({"DATABASE_URL": url, "KIOSK_RATE_LIMIT": "100000000/minute"})
        self.client = self.app.test_client()
        self.queue = self.app.extensions["queue"]
        self.centre_id, self.headers = centre_id, {"Authorization": "Bearer " + kiosk_token}
        with self.queue.engine.connect() as connection:
            self.kiosk_id = connection.scalar(text("select id from kiosks where centre_id = :c"), {"c": centre_id})
        self.issued = 0

    def service(self) -> None:
        """One ticket through issue_ticket."""
        from counter_server.services import issue_ticket
        self.issued += 1
        issue_ticket(self.queue, centre_id=self.centre_id, field=FIELDS[self.issued % len(FIELDS)],
                     kiosk_id=self.kiosk_id, idempotency_key=uuid.uuid4().hex)

    def http(self) -> None:
        """One ticket through POST /api/v1/tickets."""
        self.issued += 1
        response = self.client.post("/api/v1/tickets", json={"field": FIELDS[self.issued % len(FIELDS)]},
                                    headers=self.headers | {"Idempotency-Key": uuid.uuid4().hex})
        assert response.status_code == 201, response.get_data(as_text=True)

    def close(self) -> None:
        checkpointer = self.app.extensions.get("checkpointer")
        if checkpointer:
            checkpointer.stop()
        self.queue.engine.dispose()


def database(engine_name: str, state: str, args) -> tuple[str, int, str]:
    """A fresh, seeded database for `state`, filled with past tickets if it is "past": its URL,
    the centre's id and a kiosk token."""
    url = databases.fresh(engine_name, f"counter_bench_{state}")
    centre_id, token = seed(url)
    if state == "past":
        started = time.monotonic()
        past_tickets.fill(url, centre_id, args.past, left_open=30, keys=args.keys)
        print(f"[{engine_name}] {args.past} past tickets in {time.monotonic() - started:.0f} s", flush=True)
    return url, centre_id, token


def measure(targets: dict, layer: str, rounds: int, batch: int) -> dict:
    """Latencies per state, and each round's mean per state, interleaving the states."""
    latencies, means, cpu = ({s: [] for s in STATES} for _ in range(3))
    for number in range(rounds):
        for state in (STATES if number % 2 else STATES[::-1]):
            issue, times = getattr(targets[state], layer), []
            cpu_started = time.process_time()   # this process's threads: the checkpointer's work counts
            for _ in range(batch):
                started = time.perf_counter()
                issue()
                times.append(time.perf_counter() - started)
            cpu[state].append((time.process_time() - cpu_started) / batch)
            latencies[state] += times
            means[state].append(statistics.fmean(times))
    return {"median_ms": {s: statistics.median(latencies[s]) * 1e3 for s in STATES},
            "mean_ms": {s: statistics.fmean(latencies[s]) * 1e3 for s in STATES},
            "ratio_of_medians": statistics.median(latencies["past"]) / statistics.median(latencies["empty"]),
            "ratio_of_means": statistics.median(p / e for p, e in zip(means["past"], means["empty"])),
            "cpu_ms": {s: statistics.median(cpu[s]) * 1e3 for s in STATES},
            "ratio_of_cpu": statistics.median(p / e for p, e in zip(cpu["past"], cpu["empty"]))}


def bench_engine(engine_name: str, args) -> list[dict]:
    targets, rows = {}, []
    try:
        for state in STATES:
            targets[state] = Target(*database(engine_name, state, args))
        for target in targets.values():   # the first request expires yesterday's leftovers; caches fill
            for _ in range(100):
                target.service()
                target.http()
        for layer in args.layers:
            row = {"engine": engine_name, "layer": layer, "past": args.past,
                   **measure(targets, layer, args.rounds, args.batch)}
            rows.append(row)
            print(line(row), flush=True)
    finally:
        for target in targets.values():
            target.close()
        if engine_name == "postgres":
            for state in STATES:
                databases.drop_postgres(f"counter_bench_{state}")
    return rows


def line(row: dict) -> str:
    m = row["median_ms"]
    return (f"{row['engine']:8} {row['layer']:7} median empty {m['empty']:.3f} ms,"
            f" {row['past']:,} past {m['past']:.3f} ms;"
            f" past ÷ empty: medians {row['ratio_of_medians']:.3f}, round means {row['ratio_of_means']:.3f},"
            f" CPU per issue {row['ratio_of_cpu']:.3f}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--layers", default="service,http")
    parser.add_argument("--past", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--batch", type=int, default=250)
    parser.add_argument("--keys", choices=("day", "random"), default="day",
                        help="past Idempotency-Keys as stored now (led by their day) or before migration 0008")
    args = parser.parse_args(argv)
    args.layers = args.layers.split(",")
    os.environ.setdefault("COUNTER_SERVER_SECRET_KEY", "bench-secret")
    os.environ.setdefault("COUNTER_SERVER_ENV", "production")
    rows = []
    for engine_name in args.engines.split(","):
        rows += bench_engine(engine_name, args)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (results / f"issue-history-{stamp}.json").write_text(json.dumps({"args": vars(args), "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
