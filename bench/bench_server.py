"""Ticket issue and call-next throughput and latency through the production server command
(gunicorn), on SQLite and PostgreSQL, with keep-alive and with a new connection per request,
next to a trivial endpoint of the same app on the same server; then again with 200,000 past
tickets in the database.

    python -m bench.bench_server [--engines sqlite,postgres] [--duration 8] [--rounds 4] [--past 200000]

The endpoints take turns in short slices (--rounds), so that the machine's ups and downs fall on
all of them alike; each ratio to the trivial endpoint is the median of the rounds' ratios.

Needs wrk (Debian package `wrk`). The server is pinned to CPU 0 and wrk to CPU 1 (taskset) so
that the load generator does not steal the server's core. Results: bench/results/*.json and
a markdown table on standard output.
"""
import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

from bench import databases, past_tickets, wrk_scripts
from counter_server.db import make_engine
from counter_server.seed import seed_demo
from counter_server.services import QueueContext

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
ENDPOINTS = ("trivial", "issue", "next")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_database(engine_name: str, workdir: Path) -> str:
    """An empty database at the newest schema; its URL."""
    if engine_name == "sqlite":
        path = workdir / "bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return databases.migrated_sqlite(path)
    url = databases.throwaway_postgres("counter_bench")
    if url is None:
        raise RuntimeError("PostgreSQL is not reachable")
    return url


def seed(url: str) -> tuple[int, str]:
    """The demo centre, open round the clock; its id and a kiosk token."""
    engine = make_engine(url)
    report = seed_demo(QueueContext(sessionmaker(engine, expire_on_commit=False)), always_open=True)
    with engine.connect() as connection:
        centre_id = connection.scalar(text("select id from centres where code = :c"), {"c": report.centre_code})
    engine.dispose()
    return centre_id, report.kiosk_token


class Server:
    """gunicorn serving create_app(), as the README's production command does."""

    def __init__(self, url: str, workers: int, threads: int):
        self.port = free_port()
        env = os.environ | {
            "COUNTER_SERVER_DATABASE_URL": url, "COUNTER_SERVER_SECRET_KEY": "bench-secret",
            "COUNTER_SERVER_ENV": "production", "COUNTER_SERVER_KIOSK_RATE_LIMIT": "100000000/minute",
            "COUNTER_SERVER_LOGIN_RATE_LIMIT": "1000/minute",
        }
        command = ["taskset", "-c", "0", str(VENV_BIN / "gunicorn"), "-w", str(workers), "-k", "gthread",
                   "--threads", str(threads), "-b", f"127.0.0.1:{self.port}", "--log-level", "warning",
                   "--backlog", "2048", "counter_server.app:create_app()"]
        self.process = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/api/v1/health", timeout=1).read()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def staff_token(self) -> str:
        body = json.dumps({"username": "canbo1", "password": "canbo1-demo"}).encode()
        request = urllib.request.Request(self.base + "/api/v1/auth/token", body, {"Content-Type": "application/json"})
        return json.loads(urllib.request.urlopen(request).read())["token"]

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def run_wrk(base: str, script: str, args: list[str], concurrency: int, duration: float) -> dict:
    """One wrk run; its JSON result line, with requests per second added."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    threads = 1 if concurrency == 1 else 2
    command = ["taskset", "-c", "1", "wrk", "-t", str(threads), "-c", str(concurrency), "-d", f"{int(duration)}s",
               "--timeout", "10s", "-s", handle.name, base, "--", *args]
    finished = subprocess.run(command, capture_output=True, text=True)
    os.unlink(handle.name)
    if finished.returncode != 0:
        raise RuntimeError(f"wrk failed: {finished.stderr or finished.stdout}")
    output = finished.stdout
    line = next(l for l in output.splitlines() if l.startswith("RESULT "))
    result = json.loads(line[len("RESULT "):])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def measure(server: Server, kiosk: str, staff: str, counters: str, concurrency: int, mode: str,
            duration: float, rounds: int) -> dict:
    """The three endpoints on the same server, interleaved: `rounds` rounds, each running every
    endpoint for duration/rounds seconds (the order turning from round to round). A slowdown of
    the machine then falls on all three alike; each ratio is the median of the rounds' ratios."""
    run = uuid.uuid4().hex[:8]
    scripts = {
        "trivial": lambda r: (wrk_scripts.HEALTH, [mode]),
        "issue": lambda r: (wrk_scripts.ISSUE, [mode, kiosk, f"{run}-{r}"]),
        "next": lambda r: (wrk_scripts.CALL_NEXT, [mode, staff, counters]),
    }
    slices = {endpoint: [] for endpoint in ENDPOINTS}
    for round_ in range(rounds):
        order = ENDPOINTS[round_ % 3:] + ENDPOINTS[:round_ % 3]
        for endpoint in order:
            script, args = scripts[endpoint](round_)
            slices[endpoint].append(run_wrk(server.base, script, args, concurrency, duration / rounds))
    result = {endpoint: merged(slices[endpoint]) for endpoint in ENDPOINTS}
    for endpoint in ("issue", "next"):
        result[endpoint]["ratio"] = statistics.median(
            mine["rps"] / trivial["rps"] for mine, trivial in zip(slices[endpoint], slices["trivial"]))
    return result


def merged(slices: list[dict]) -> dict:
    """One endpoint's slices: requests and errors summed, rps over their whole time, the median
    slice's latency percentiles."""
    total = {key: sum(s[key] for s in slices) for key in
             ("requests", "duration_us", "connect_errors", "read_errors", "write_errors", "status_errors",
              "timeouts", "empty")}
    total["rps"] = total["requests"] / (total["duration_us"] / 1e6)
    for key in ("p50_us", "p90_us", "p99_us"):
        total[key] = statistics.median(s[key] for s in slices)
    total["max_us"] = max(s["max_us"] for s in slices)
    total["slices_rps"] = [round(s["rps"], 1) for s in slices]
    return total


def counter_ids(url: str, centre_id: int) -> str:
    engine = create_engine(url)
    with engine.connect() as connection:
        ids = connection.scalars(text("select id from counters where centre_id = :c order by number"),
                                 {"c": centre_id}).all()
    engine.dispose()
    return ",".join(str(i) for i in ids)


def bench_engine(engine_name: str, args, workdir: Path) -> list[dict]:
    rows = []
    for state in ("empty", "past"):
        url = fresh_database(engine_name, workdir)
        centre_id, kiosk = seed(url)
        if state == "past":
            started = time.monotonic()
            made = past_tickets.fill(url, centre_id, args.past)
            print(f"[{engine_name}] {made} past tickets in {time.monotonic() - started:.0f} s", flush=True)
        counters = counter_ids(url, centre_id)
        server = Server(url, args.workers, args.threads)
        try:
            staff = server.staff_token()
            # warm-up: connections, statement caches
            measure(server, kiosk, staff, counters, 8, "keepalive", 3, 3)
            for concurrency in args.concurrency:
                for mode in ("keepalive", "close"):
                    result = measure(server, kiosk, staff, counters, concurrency, mode, args.duration, args.rounds)
                    row = {"engine": engine_name, "state": state, "concurrency": concurrency, "mode": mode,
                           **{endpoint: result[endpoint] for endpoint in ENDPOINTS}}
                    rows.append(row)
                    print(summary_line(row), flush=True)
        finally:
            server.stop()
    return rows


def summary_line(row: dict) -> str:
    t, i, n = row["trivial"], row["issue"], row["next"]
    return (f"{row['engine']:8} {row['state']:5} c={row['concurrency']:<2} {row['mode']:9} "
            f"trivial {t['rps']:7.0f}/s  issue {i['rps']:6.0f}/s p50 {i['p50_us'] / 1000:5.1f} "
            f"p99 {i['p99_us'] / 1000:6.1f} ms ({i['ratio']:.2f}x)  "
            f"next {n['rps']:6.0f}/s p99 {n['p99_us'] / 1000:6.1f} ms ({n['ratio']:.2f}x)")


def markdown(rows: list[dict]) -> str:
    lines = ["| engine | past tickets | conc. | connection | trivial req/s | issue req/s | issue p50 / p99 ms | "
             "issue ÷ trivial | call-next req/s | next p50 / p99 ms | next ÷ trivial |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        t, i, n = row["trivial"], row["issue"], row["next"]
        past = "200,000" if row["state"] == "past" else "0"
        lines.append(
            f"| {row['engine']} | {past} | {row['concurrency']} | {row['mode']} | {t['rps']:,.0f} | {i['rps']:,.0f} | "
            f"{i['p50_us'] / 1000:.1f} / {i['p99_us'] / 1000:.1f} | {i['ratio']:.2f} | {n['rps']:,.0f} | "
            f"{n['p50_us'] / 1000:.1f} / {n['p99_us'] / 1000:.1f} | {n['ratio']:.2f} |")
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--duration", type=float, default=8, help="seconds per endpoint, in all rounds")
    parser.add_argument("--rounds", type=int, default=4, help="interleaved rounds the duration is split into")
    parser.add_argument("--concurrency", default="1,8,32")
    parser.add_argument("--past", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args(argv)
    args.concurrency = [int(c) for c in args.concurrency.split(",")]
    if not shutil.which("wrk") or not shutil.which("taskset"):
        sys.exit("wrk and taskset are needed: apt-get install -y wrk util-linux")
    workdir = ROOT / "var" / "bench"
    workdir.mkdir(parents=True, exist_ok=True)
    rows = []
    for engine_name in args.engines.split(","):
        rows += bench_engine(engine_name, args, workdir)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (results / f"server-{stamp}.json").write_text(json.dumps({"args": vars(args), "rows": rows}, indent=1))
    print(markdown(rows))


if __name__ == "__main__":
    main()
