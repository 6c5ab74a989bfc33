"""Benchmark: what idle event streams from one address do to a kiosk's ticket request.

The README's production command (gunicorn -w 4 -k gthread --threads 16) with the demo centre, run
twice side by side: with the stream bounds as shipped (COUNTER_SERVER_SSE_MAX_STREAMS=12 a worker,
COUNTER_SERVER_SSE_MAX_PER_ADDRESS=4) and with them lifted (as before issue 14). Each run: the
time of N ticket requests with no stream open, then with `--streams` idle streams held open from
127.0.0.1, and how the streams were answered. A request that takes over `--timeout` seconds counts
as timed out. Results: bench/results/stream_flood.json.

Run: python -m bench.bench_stream_flood [--streams 80] [--requests 20]
"""
from __future__ import annotations

import argparse
import json
import signal
import socket
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from bench.demo_server import start_demo_server

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
LIFTED = {"COUNTER_SERVER_SSE_MAX_STREAMS": "1000000", "COUNTER_SERVER_SSE_MAX_PER_ADDRESS": "0"}


def open_stream(port: int) -> tuple[socket.socket, int | None]:
    """An idle client: sends the request, reads the status line, never reads again."""
    client = socket.create_connection(("127.0.0.1", port), timeout=5)
    client.sendall(b"GET /api/v1/events HTTP/1.1\r\nHost: hall\r\n\r\n")
    try:
        return client, int(client.recv(64).split()[1])
    except (OSError, IndexError, ValueError):
        return client, None   # no answer: every thread is taken


def ticket_times(base: str, kiosk_token: str, count: int, timeout: float) -> list[float | None]:
    """Seconds for each of `count` ticket requests, None for one that timed out."""
    times = []
    for _ in range(count):
        started = time.perf_counter()
        try:
            httpx.post(base + "/api/v1/tickets", json={"field": "HT"}, timeout=timeout,
                       headers={"Authorization": f"Bearer {kiosk_token}",
                                "Idempotency-Key": uuid.uuid4().hex}).raise_for_status()
            times.append(time.perf_counter() - started)
        except httpx.HTTPError:
            times.append(None)
    return times


def summary(times: list[float | None]) -> dict:
    done = [t * 1000 for t in times if t is not None]
    return {"median_ms": round(statistics.median(done), 1) if done else None,
            "max_ms": round(max(done), 1) if done else None, "timed_out": times.count(None)}


def one_run(label: str, settings: dict, args) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-flood-") as tmp:
        server, kiosk_token = start_demo_server(Path(tmp), args.port, workers=4, threads=16, settings=settings)
        base = f"http://127.0.0.1:{args.port}"
        streams = []
        try:
            quiet = ticket_times(base, kiosk_token, args.requests, args.timeout)
            answers = []
            for _ in range(args.streams):
                client, status = open_stream(args.port)
                streams.append(client)
                answers.append(status)
            flooded = ticket_times(base, kiosk_token, args.requests, args.timeout)
        finally:
            for client in streams:
                client.close()
            server.send_signal(signal.SIGQUIT)
            server.wait(timeout=60)
    return {"run": label, "streams_asked": args.streams,
            "streams_open": answers.count(200), "refused_429": answers.count(429),
            "refused_503": answers.count(503), "no_answer": answers.count(None),
            "tickets_no_streams": summary(quiet), "tickets_with_streams": summary(flooded)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", type=int, default=80)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--port", type=int, default=5079)
    args = parser.parse_args(argv)
    results = [one_run("bounded (as shipped)", {}, args), one_run("bounds lifted (before)", LIFTED, args)]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "stream_flood.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(json.dumps(results, indent=2, ensure_ascii=False))
    return 0 if results[0]["tickets_with_streams"]["timed_out"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
