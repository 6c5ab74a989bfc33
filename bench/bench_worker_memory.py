"""Resident memory of one gunicorn worker of the README's production command: after start-up,
after a mixed load of the queue's own traffic (issue, call next, board, live events, tracking
page), and after one report request; on SQLite and PostgreSQL, empty and with a year of history.

    python -m bench.bench_worker_memory [--engines sqlite,postgres] [--rounds 300] [--past 200000]

Target (issue 13): a worker that has served the queue's traffic stays at or under 80 MB.
Results: bench/results/worker_memory.json and a markdown table on standard output.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from bench import databases, past_tickets
from bench.bench_server import free_port, seed

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
HEAVY = ("numpy", "matplotlib", "openpyxl", "flask_admin", "PIL", "rustpy_xlsxwriter")


def rss_mb(pid: int) -> float:
    """Resident set size of process `pid`, in MB (VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def worker_pid(master: int) -> int:
    """The one worker of a gunicorn master started with -w 1."""
    for _ in range(100):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError("gunicorn started no worker")


def loaded_heavy(pid: int) -> list[str]:
    """Which heavy libraries the worker has mapped (their shared objects or package files)."""
    maps = Path(f"/proc/{pid}/maps").read_text()
    return [name for name in HEAVY if f"/{name}/" in maps or f"/{name}." in maps or f"{name}.libs" in maps]


def mixed_load(base: str, kiosk: str, staff: str, rounds: int) -> int:
    """`rounds` of: a ticket issued, the next one called at a counter, the board, a short look
    at the event stream, the ticket's tracking page. Eight clients at once. Returns requests sent."""
    kiosk_headers = {"Authorization": f"Bearer {kiosk}"}
    staff_headers = {"Authorization": f"Bearer {staff}"}
    with httpx.Client(base_url=base, timeout=30) as client:
        counters = [c["id"] for c in client.get("/api/v1/counters", headers=staff_headers).json()["items"]]

    def one_round(i: int) -> int:
        with httpx.Client(base_url=base, timeout=30) as client:
            ticket = client.post("/api/v1/tickets", json={"field": ("HT", "CT", "CTRU")[i % 3]},
                                 headers=kiosk_headers | {"Idempotency-Key": uuid.uuid4().hex}).json()
            client.post(f"/api/v1/counters/{counters[i % len(counters)]}/next", headers=staff_headers)
            client.get("/api/v1/display")
            client.get("/display")
            with client.stream("GET", "/api/v1/events", params={"last_event_id": 0}) as stream:
                for line in stream.iter_lines():
                    if line.startswith("data:"):
                        break
            client.get(ticket["track_url"].replace(ticket["track_url"].split("/t/")[0], base))
            return 6

    with ThreadPoolExecutor(8) as pool:
        return sum(pool.map(one_round, range(rounds)))


def one_report(base: str) -> None:
    """A manager opens the report page (the last 30 days) through the login form."""
    with httpx.Client(base_url=base, timeout=120) as browser:
        form = browser.get("/login").text
        csrf = form.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        browser.post("/login", data={"username": "lanhdao", "password": "lanhdao-demo", "csrf_token": csrf})
        assert browser.get("/reports/").status_code == 200


def measure(engine_name: str, past: int, rounds: int, workdir: Path) -> dict:
    """One server, one database state: the worker's memory at each stage."""
    url = (databases.migrated_sqlite(workdir / f"memory-{past}.sqlite3") if engine_name == "sqlite"
           else databases.throwaway_postgres("counter_bench_memory"))
    centre_id, kiosk = seed(url)
    if past:
        past_tickets.fill(url, centre_id, past)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_SERVER_")}
    env |= {"COUNTER_SERVER_DATABASE_URL": url, "COUNTER_SERVER_SECRET_KEY": "bench",
            "COUNTER_SERVER_KIOSK_RATE_LIMIT": "1000000/minute",   # the load is one kiosk's token
            "COUNTER_SERVER_SSE_MAX_PER_ADDRESS": "0"}   # and its eight clients share 127.0.0.1
    server = subprocess.Popen([str(GUNICORN), "-w", "1", "-k", "gthread", "--threads", "16", "-b",
                               f"127.0.0.1:{port}", "counter_server.app:create_app()"],
                              cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/api/v1/health", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        pid = worker_pid(server.pid)
        figures = {"engine": engine_name, "past_tickets": past, "started": rss_mb(pid)}
        staff = httpx.post(base + "/api/v1/auth/token", json={"username": "canbo1", "password": "canbo1-demo"}).json()["token"]
        figures["requests"] = mixed_load(base, kiosk, staff, rounds)
        figures["after_queue_load"] = rss_mb(pid)
        figures["heavy_after_queue_load"] = loaded_heavy(pid)
        figures["requests"] += mixed_load(base, kiosk, staff, rounds)
        figures["after_twice_the_load"] = rss_mb(pid)
        one_report(base)
        figures["after_one_report"] = rss_mb(pid)
        figures["heavy_after_report"] = loaded_heavy(pid)
        return figures
    finally:
        server.terminate()
        server.wait(timeout=30)
        if engine_name == "postgres":
            databases.drop_postgres("counter_bench_memory")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--past", type=int, default=200_000)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for engine_name in args.engines.split(","):
            for past in sorted({0, args.past}):
                results.append(measure(engine_name, past, args.rounds, Path(tmp)))
                print(json.dumps(results[-1]), flush=True)
    out = ROOT / "bench" / "results" / "worker_memory.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print("\n| engine | past tickets | started MB | after queue load MB | after 2× load MB | after one report MB | requests |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['engine']} | {r['past_tickets']:,} | {r['started']:.1f} | {r['after_queue_load']:.1f} | "
              f"{r['after_twice_the_load']:.1f} | {r['after_one_report']:.1f} | {r['requests']:,} |")


if __name__ == "__main__":
    main()
