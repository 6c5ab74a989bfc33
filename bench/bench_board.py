"""Benchmark: call-to-board latency with many display boards connected.

A production-style server (gunicorn, gthread) with the demo centre; N boards hold the live event
stream open (GET /api/v1/events, as board.js does); an officer calls the next ticket M times. For
every call and every board: the time from sending "call next" until that board has received the
"called" event for that number, split by where the board's stream is served: the worker process
that handled the call ("same") or another one ("other", reached across processes). Also the
workers' CPU time while the boards wait with nothing called (--idle seconds), and over the calls.

Setups: sqlite (streams of other workers poll the log), postgres (LISTEN/NOTIFY, pg_wake.py) and
postgres-poll (COUNTER_SERVER_PG_LISTEN=0); PostgreSQL runs on a scratch database made for each
run and dropped after it (bench/databases.py). Several setups run in turn, --runs times over.
Results in bench/results/board.json.

Run: python -m bench.bench_board [--boards 50] [--calls 200] [--workers 2] [--setups sqlite] [--runs 1]
     e.g. python -m bench.bench_board --workers 4 --setups postgres-poll,postgres,sqlite --runs 2
"""
from __future__ import annotations

import argparse
import json
import signal
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from bench import databases
from bench.demo_server import start_demo_server
from bench.worker_sockets import client_port, port_to_worker, workers_of

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SCRATCH_DATABASE = "counter_bench_board"
SETUPS = {"sqlite": ("sqlite", {}), "postgres": ("postgres", {}),
          "postgres-poll": ("postgres", {"COUNTER_SERVER_PG_LISTEN": "0"})}


class Board(threading.Thread):
    """One display board: reads the event stream and notes when each call arrived."""

    def __init__(self, base: str, ready: threading.Barrier):
        super().__init__(daemon=True)
        self.base, self.ready, self.arrivals, self.stop, self.port = base, ready, {}, False, None

    def run(self) -> None:
        last_id = 0
        first = True
        while not self.stop:
            try:
                with httpx.stream("GET", f"{self.base}/api/v1/events", params={"last_event_id": last_id},
                                  timeout=httpx.Timeout(10, read=60)) as response:
                    self.port = client_port(response)
                    if first:
                        first = False
                        self.ready.wait()
                    kind = None
                    for line in response.iter_lines():
                        if self.stop:
                            return
                        if line.startswith("event: "):
                            kind = line[7:]
                        elif line.startswith("data: "):
                            data = json.loads(line[6:])
                            last_id = data["id"]
                            if kind == "called":
                                self.arrivals.setdefault(data["number"], time.perf_counter())
            except httpx.HTTPError:
                time.sleep(0.2)


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time the processes have used so far."""
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / 100   # USER_HZ


def summary(latencies: list[float]) -> dict:
    """Count and p50/p90/p99/max in ms (empty: the count alone)."""
    if len(latencies) < 2:
        return {"deliveries": len(latencies)}
    quantiles = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"deliveries": len(latencies), "p50_ms": round(statistics.median(latencies), 1),
            "p90_ms": round(quantiles[89], 1), "p99_ms": round(quantiles[98], 1), "max_ms": round(max(latencies), 1)}


def run_once(setup: str, args, workdir: Path) -> dict:
    """Serve the demo centre as `setup` says, connect the boards, call; the figures of this run."""
    engine, settings = SETUPS[setup]
    base = f"http://127.0.0.1:{args.port}"
    if engine == "postgres":
        settings = settings | {"COUNTER_SERVER_DATABASE_URL": databases.fresh("postgres", SCRATCH_DATABASE)}
    # Every board here comes from 127.0.0.1: no per-address bound; four threads a worker for requests.
    server, kiosk_token = start_demo_server(workdir, args.port, args.workers, args.threads, settings=settings | {
        "COUNTER_SERVER_SSE_MAX_PER_ADDRESS": "0", "COUNTER_SERVER_SSE_MAX_STREAMS": str(args.threads - 4)})
    try:
        with httpx.Client(base_url=base, timeout=10) as http:
            kiosk = {"Authorization": f"Bearer {kiosk_token}"}
            for i in range(args.calls):
                http.post("/api/v1/tickets", json={"field": "HT"}, headers=kiosk | {"Idempotency-Key": f"b{i}"})
            staff_token = http.post("/api/v1/auth/token", json={"username": "canbo1",
                                                                "password": "canbo1-demo"}).json()["token"]
            staff = {"Authorization": f"Bearer {staff_token}"}
            counter = next(c["id"] for c in http.get("/api/v1/counters", headers=staff).json()["items"]
                           if c["number"] == 1)
            ready = threading.Barrier(args.boards + 1)
            boards = [Board(base, ready) for _ in range(args.boards)]
            for board in boards:
                board.start()
            ready.wait(timeout=60)
            time.sleep(1.0)
            owners = port_to_worker(server.pid, args.port)
            workers = workers_of(server.pid)
            cpu_before = cpu_seconds(workers)
            time.sleep(args.idle)   # boards open, nothing called: what keeping them live costs
            idle_cpu, cpu_before = cpu_seconds(workers) - cpu_before, cpu_seconds(workers)
            sent, called_on = {}, {}
            for _ in range(args.calls):
                started = time.perf_counter()
                with http.stream("POST", f"/api/v1/counters/{counter}/next", headers=staff) as response:
                    port = client_port(response)
                    number = json.loads(response.read())["number"]
                sent[number] = started
                if port not in owners:   # the call's connection is new (keep-alive ran out)
                    owners = port_to_worker(server.pid, args.port)
                called_on[number] = owners.get(port)
                time.sleep(args.pause)
            time.sleep(2.0)
            worker_cpu = cpu_seconds(workers) - cpu_before
            for board in boards:
                board.stop = True
    finally:
        server.send_signal(signal.SIGQUIT)  # the master only; it stops its workers
        server.wait(timeout=30)
        if engine == "postgres":
            databases.drop_postgres(SCRATCH_DATABASE)
    same, other, unknown = [], [], []
    for board in boards:
        board_worker = owners.get(board.port)
        for number, started in sent.items():
            if number in board.arrivals:
                latency = (board.arrivals[number] - started) * 1000
                worker = called_on[number]
                (unknown if None in (worker, board_worker) else same if worker == board_worker else other).append(latency)
    every = same + other + unknown
    boards_per_worker = sorted(sum(1 for board in boards if owners.get(board.port) == pid) for pid in workers)
    return {"setup": setup, "workers": args.workers, "threads": args.threads, "boards": args.boards,
            "calls": args.calls, "missing": args.boards * args.calls - len(every), "boards_per_worker": boards_per_worker,
            "idle_cpu_s": round(idle_cpu, 2), "worker_cpu_s": round(worker_cpu, 2), "all": summary(every), "same_process": summary(same),
            "other_process": summary(other), "unattributed": len(unknown)}


def medians(runs: list[dict]) -> dict:
    """Per setup: the median over its runs of each figure."""
    found = {}
    for setup in dict.fromkeys(run["setup"] for run in runs):
        mine = [run for run in runs if run["setup"] == setup]
        found[setup] = {"runs": len(mine), **{key: statistics.median(run[key] for run in mine)
                                               for key in ("idle_cpu_s", "worker_cpu_s")}}
        for group in ("all", "same_process", "other_process"):
            keys = [key for key in ("p50_ms", "p90_ms", "p99_ms", "max_ms") if all(key in run[group] for run in mine)]
            found[setup][group] = {key: statistics.median(run[group][key] for run in mine) for key in keys}
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boards", type=int, default=50)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=64, help="gthread threads per worker (each board holds one)")
    parser.add_argument("--port", type=int, default=5073)
    parser.add_argument("--pause", type=float, default=0.1, help="seconds between calls")
    parser.add_argument("--idle", type=float, default=10, help="seconds the boards wait, nothing called, "
                                                               "for the workers' CPU time while idle")
    parser.add_argument("--setups", default="sqlite", help=f"comma-separated, run in turn: {', '.join(SETUPS)}")
    parser.add_argument("--runs", type=int, default=1, help="rounds over the setups")
    args = parser.parse_args(argv)
    setups = args.setups.split(",")
    unknown = set(setups) - set(SETUPS)
    if unknown:
        parser.error(f"unknown setup(s): {', '.join(sorted(unknown))}")
    runs = []
    for round_number in range(1, args.runs + 1):
        for setup in setups:
            with tempfile.TemporaryDirectory(prefix="bench-board-") as tmp:
                run = run_once(setup, args, Path(tmp)) | {"run": round_number}
            runs.append(run)
            print(json.dumps(run), flush=True)
    result = {"runs": runs, "medians": medians(runs)}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "board.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result["medians"], indent=2))
    return 0 if all(run["missing"] == 0 for run in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
