"""Benchmark: receiving a dossier over the API (POST /api/v1/dossiers), as an officer's console
does, and rendering its form 01 (GET /api/v1/dossiers/<id>/receipt.pdf), on SQLite and PostgreSQL:
the demo centre on gunicorn (one gthread worker), one officer sending one intake after another
with a bearer token, for 3-working-day and same-day (15:00 cut-off) procedures alternately, then
asking for the slip of every tenth. Median and p95 of each request's time as the client sees it.

Run: python -m bench.bench_dossier [--dossiers 300] [--engines sqlite,postgres]
Results: bench/results/dossier.json and a markdown table on standard output.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import httpx
from sqlalchemy.orm import sessionmaker

from bench import databases
from counter_server.db import make_engine
from counter_server.seed import seed_demo
from counter_server.services import QueueContext

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
GUNICORN = Path(sys.executable).parent / "gunicorn"
PROCEDURES = ("1.004873", "1.001193")   # 3 working days; same day with the 15:00 cut-off
APPLICANT = {"name": "Nguyễn Văn An", "id_number": "001085012345", "phone": "0912345678",
             "date_of_birth": "1985-03-02", "address": "Thôn 3, xã Tân Lập"}


def serve(url: str, port: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_SERVER_")}
    env |= {"COUNTER_SERVER_DATABASE_URL": url, "COUNTER_SERVER_SECRET_KEY": "bench",
            "COUNTER_SERVER_AUDIO_DIR": str(databases.BENCH_DIR / "audio")}
    server = subprocess.Popen([str(GUNICORN), "-w", "1", "-k", "gthread", "--threads", "16", "-b",
                               f"127.0.0.1:{port}", "counter_server.app:create_app()"], env=env,
                              start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


def measure(engine_name: str, count: int, port: int) -> dict:
    url = databases.fresh(engine_name, "counter_bench_dossier")
    engine = make_engine(url)
    seed_demo(QueueContext(sessionmaker(engine, expire_on_commit=False)), always_open=True)
    engine.dispose()
    server = serve(url, port)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            token = client.post("/api/v1/auth/token", json={"username": "canbo1", "password": "canbo1-demo"}).json()
            headers = {"Authorization": f"Bearer {token['token']}"}
            for n in range(20):   # warm-up
                client.post("/api/v1/dossiers", json={"procedure": PROCEDURES[n % 2], "applicant": APPLICANT},
                            headers=headers).raise_for_status()
            times, slips, ids = [], [], []
            for n in range(count):
                started = time.perf_counter()
                answer = client.post("/api/v1/dossiers", json={"procedure": PROCEDURES[n % 2], "applicant": APPLICANT},
                                     headers=headers)
                answer.raise_for_status()
                times.append((time.perf_counter() - started) * 1000)
                ids.append(answer.json()["id"])
            client.get(f"/api/v1/dossiers/{ids[0]}/receipt.pdf", headers=headers).raise_for_status()   # loads WeasyPrint
            for dossier_id in ids[::10]:
                started = time.perf_counter()
                client.get(f"/api/v1/dossiers/{dossier_id}/receipt.pdf", headers=headers).raise_for_status()
                slips.append((time.perf_counter() - started) * 1000)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        if engine_name == "postgres":
            databases.drop_postgres("counter_bench_dossier")
    return {"engine": engine_name, "dossiers": count, "receive": summary(times), "form01_pdf": summary(slips)}


def summary(times: list[float]) -> dict:
    return {"count": len(times), "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(statistics.quantiles(times, n=100)[94], 1), "max_ms": round(max(times), 1)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=300)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--port", type=int, default=5083)
    args = parser.parse_args(argv)
    rows = [measure(name, args.dossiers, args.port) for name in args.engines.split(",")]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "dossier.json").write_text(json.dumps(rows, indent=2))
    print("| engine | request | count | median | p95 | max |\n|---|---|---|---|---|---|")
    for row in rows:
        for what, label in (("receive", "POST /api/v1/dossiers"), ("form01_pdf", "GET …/receipt.pdf")):
            t = row[what]
            print(f"| {row['engine']} | {label} | {t['count']} | {t['median_ms']} ms | {t['p95_ms']} ms | {t['max_ms']} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
