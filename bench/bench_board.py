"""Benchmark: call-to-board latency with many display boards connected.

A production-style server (gunicorn, gthread) with the demo centre; N boards hold the live event
stream open (GET /api/v1/events, as board.js does); an officer calls the next ticket M times. For
every call and every board: the time from sending "call next" until that board has received the
"called" event for that number. Results: p50/p99/max over all deliveries, in bench/results/board.json.

Run: python -m bench.bench_board [--boards 50] [--calls 200]
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

from bench.demo_server import start_demo_server

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


class Board(threading.Thread):
    """One display board: reads the event stream and notes when each call arrived."""

    def __init__(self, base: str, ready: threading.Barrier):
        super().__init__(daemon=True)
        self.base, self.ready, self.arrivals, self.stop = base, ready, {}, False

    def run(self) -> None:
        last_id = 0
        first = True
        while not self.stop:
            try:
                with httpx.stream("GET", f"{self.base}/api/v1/events", params={"last_event_id": last_id},
                                  timeout=httpx.Timeout(10, read=60)) as response:
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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boards", type=int, default=50)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=64, help="gthread threads per worker (each board holds one)")
    parser.add_argument("--port", type=int, default=5073)
    parser.add_argument("--pause", type=float, default=0.1, help="seconds between calls")
    args = parser.parse_args(argv)
    base = f"http://127.0.0.1:{args.port}"
    with tempfile.TemporaryDirectory(prefix="bench-board-") as tmp:
        # Every board here comes from 127.0.0.1: no per-address bound; four threads a worker for requests.
        server, kiosk_token = start_demo_server(Path(tmp), args.port, args.workers, args.threads, settings={
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
                sent = {}
                for _ in range(args.calls):
                    started = time.perf_counter()
                    number = http.post(f"/api/v1/counters/{counter}/next", headers=staff).json()["number"]
                    sent[number] = started
                    time.sleep(args.pause)
                time.sleep(2.0)
                for board in boards:
                    board.stop = True
        finally:
            server.send_signal(signal.SIGQUIT)  # the master only; it stops its workers
            server.wait(timeout=30)
    latencies = [(board.arrivals[number] - started) * 1000 for board in boards for number, started in sent.items()
                 if number in board.arrivals]
    missing = args.boards * args.calls - len(latencies)
    quantiles = statistics.quantiles(latencies, n=100)
    result = {"boards": args.boards, "calls": args.calls, "deliveries": len(latencies), "missing": missing,
              "workers": args.workers, "threads": args.threads,
              "p50_ms": statistics.median(latencies), "p90_ms": quantiles[89], "p99_ms": quantiles[98],
              "max_ms": max(latencies)}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "board.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return 0 if missing == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
