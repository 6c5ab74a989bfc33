"""Benchmark (step 13): two centres in one database, 32 kiosks and 16 counters for 60 s against
gunicorn with 4 worker processes, on PostgreSQL or SQLite. Kiosks issue tickets one after another
(kiosk token, Idempotency-Key); officers call next, start and complete at their counters. Then, with
the server stopped, the database is checked: every acknowledged ticket there, no number used twice,
no ticket called while still at a counter. Throughput and p50/p99 per request kind as the clients
saw them; the clients run on the same two cores as the server and the database.

Run: flock /tmp/bench.lock python -m bench.bench_load --database postgres --seconds 60 --kiosks 32 --counters 16 --workers 4
Results: bench/results/load-<database>.json and a summary on standard output; exit code 1 when an
invariant fails or a request got an unexpected answer.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench import databases
from bench.load_checks import check_database, faults, missed_by
from bench.load_clients import Board, Tally, make_clients
from bench.load_world import Server, seed_centres

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
CENTRES = 2
EXPECTED = {"issue": {200, 201}, "next": {200, 204}, "start": {200}, "complete": {200}, "dossier": {201}}


def run_clients(clients, stop: threading.Event, seconds: float) -> float:
    """Start `clients`, let them run `seconds`, stop them; the seconds they ran."""
    started = time.monotonic()
    for client in clients:
        client.start()
    stop.wait(seconds)
    elapsed = time.monotonic() - started
    stop_clients(clients, stop)
    return elapsed


def stop_clients(clients, stop: threading.Event) -> None:
    """Tell `clients` to stop and wait for each to finish its request."""
    stop.set()
    for client in clients:
        client.join(timeout=90)


def summarise(tally: Tally, seconds: float) -> dict:
    """Throughput, p50/p99 per request kind (ms), and every status counted."""
    kinds = {}
    for kind, times in sorted(tally.times.items()):
        p99 = statistics.quantiles(times, n=100)[98] if len(times) > 1 else times[0]
        kinds[kind] = {"answered": len(times), "per_second": round(len(times) / seconds, 1),
                       "p50_ms": round(statistics.median(times) * 1000, 1), "p99_ms": round(p99 * 1000, 1)}
    unexpected = {f"{kind} {status}": count for (kind, status), count in tally.statuses.items()
                  if status not in EXPECTED[kind]}
    issued = tally.statuses[("issue", 201)]
    return {"seconds": round(seconds, 1), "requests": sum(len(t) for t in tally.times.values()),
            "requests_per_second": round(sum(len(t) for t in tally.times.values()) / seconds, 1),
            "tickets_per_second": round(issued / seconds, 1), "kinds": kinds,
            "statuses": {f"{kind} {status}": count for (kind, status), count in sorted(
                tally.statuses.items(), key=lambda item: (item[0][0], str(item[0][1])))},
            "errors": sum(unexpected.values()), "unexpected": unexpected}


def run_load(url: str, workdir: Path, seconds: float = 60, kiosks: int = 32, counters: int = 16,
             workers: int = 4, threads: int = 16, port: int = 5091) -> dict:
    """Seed two centres into `url` (migrated, empty), serve them, load them, check the database."""
    centres = seed_centres(url, CENTRES, counters)
    server = Server(url, port, workers, threads, workdir)
    server.start()
    stop = threading.Event()
    board = Board(port, centres[0].code, stop)
    try:
        clients = make_clients(port, stop, centres, kiosks, counters)
        board.start()
        elapsed = run_clients(clients, stop, seconds)
    finally:
        stop.set()
        server.stop()
        if board.is_alive():
            board.join(timeout=30)
    tally = Tally.of(clients)
    checked = check_database(url, tally)
    log = server.log.read_text(errors="replace")
    return {"engine": url.split(":", 1)[0].split("+", 1)[0], "kiosks": kiosks, "counters": counters,
            "workers": workers, "threads": threads, **summarise(tally, elapsed), "database": checked,
            "faults": faults(checked), "board_missed_events": missed_by(board, url, centres[0].code),
            "server_tracebacks": log.count("Traceback")}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("postgres", "sqlite"), default="sqlite")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--kiosks", type=int, default=32)
    parser.add_argument("--counters", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=16, help="gthread threads per worker")
    parser.add_argument("--port", type=int, default=5091)
    args = parser.parse_args(argv)
    name = "counter_bench_load"
    url = databases.fresh(args.database, name)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
            result = run_load(url, Path(tmp), args.seconds, args.kiosks, args.counters, args.workers,
                              args.threads, args.port)
            if result["errors"] or result["faults"] or result["server_tracebacks"]:
                keep = RESULTS / f"load-{args.database}-server.log"
                keep.parent.mkdir(parents=True, exist_ok=True)
                keep.write_bytes((Path(tmp) / "server.log").read_bytes())
                result["server_log"] = str(keep.relative_to(ROOT))
    finally:
        if args.database == "postgres":
            databases.drop_postgres(name)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"load-{args.database}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 1 if result["errors"] or result["faults"] else 0


if __name__ == "__main__":
    sys.exit(main())
