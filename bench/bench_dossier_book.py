"""Benchmark: the tracking book (form 07) and the on-time report over a year of a busy centre.
Target (issue "[step 10]"): under 1 s on SQLite and on PostgreSQL, with a dossier for about a
third of 200,000 tickets.

- data: the demo centre (seed_demo) and a year of its past (demo_history.generate, 800 tickets on
  an ordinary working day: about 200,000 tickets; demo_dossiers leaves a dossier for about a third,
  each with its steps and events, due by the real working-day calendar);
- requests: through the Flask test client (routing, session, rendering, file writing; no socket),
  signed in as the demo manager: the book's page (/dossiers, first 50 of the year and filtered),
  the book's API (JSON pages; CSV and Excel of a month, the longest file it gives), the on-time figures
  (/api/v1/reports/dossiers for the year by field, procedure, officer and month, JSON and Excel),
  and the report page (/reports/) for the year, which carries the on-time section;
- first, once: storing the figures of the year's closed days (what the nightly close-days does);
- each request once to warm up, then --runs times: median and p95 (nearest rank), as
  bench_reports does.

Run: python -m bench.bench_dossier_book [--per-day 800] [--runs 5] [--engines sqlite,postgres]
Results: bench/results/dossier_book.json and a markdown table on standard output.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import databases  # noqa: E402
from bench.bench_reports import (  # noqa: E402
    ENGINE_NAMES, _cell, _year_filter, busy_year, measure, signed_in, store_once,
)
from counter_server.app import create_app  # noqa: E402
from counter_server.db import make_engine  # noqa: E402
from counter_server.models import Dossier, DossierStep  # noqa: E402
from counter_server.reports.report import centre_today  # noqa: E402

RESULTS = ROOT / "bench" / "results"
POSTGRES_DATABASE = "counter_bench_dossiers"


def requests(year: str, month: str) -> list[tuple[str, str]]:
    """(what, address): `year` and `month` are `from=…&to=…` query strings."""
    return [
        ("book page, the year, first 50", f"/dossiers?{year}"),
        ("book page, the year, page 40", f"/dossiers?{year}&page=40"),
        ("book page, late ones", "/dossiers?due=late"),
        ("book page, field HT, returned", f"/dossiers?{year}&field=HT&status=returned"),
        ("book API JSON, the year, 50", f"/api/v1/dossiers?{year}&limit=50"),
        ("book API JSON, due today", "/api/v1/dossiers?due=today"),
        ("book CSV, a month", f"/api/v1/dossiers?{month}&format=csv"),
        ("book Excel, a month", f"/api/v1/dossiers?{month}&format=xlsx"),
        ("book Excel, late ones (any days)", "/api/v1/dossiers?due=late&format=xlsx"),
        *[(f"on-time JSON by {group}", f"/api/v1/reports/dossiers?{year}&group={group}")
          for group in ("field", "procedure", "officer", "month")],
        ("on-time Excel by month", f"/api/v1/reports/dossiers?{year}&group=month&format=xlsx"),
        ("report page /reports/ (the year)", f"/reports/?{year}"),
    ]


def bench_engine(url: str, runs: int, log=print) -> dict:
    app = create_app({"DATABASE_URL": url, "TESTING": True, "SECRET_KEY": "bench",
                      "AUDIO_DIR": tempfile.mkdtemp(), "KIOSK_RATE_LIMIT": "100000000/minute",
                      "LOGIN_RATE_LIMIT": "100000000/minute", "RATELIMIT_ENABLED": False})
    try:
        client, headers = signed_in(app)
        ctx = app.extensions["queue"]
        centre = ctx.read(lambda session: session.scalar(select(Dossier.centre_id).limit(1)))
        today = centre_today(ctx, centre)
        year = f"from={today - timedelta(days=365)}&to={today}"
        end = today.replace(day=1) - timedelta(days=1)
        month = f"from={end.replace(day=1)}&to={end}"
        # What the nightly close-days has done by then: the year's closed days stored (the report page
        # would otherwise store them on its first request, 3 s once).
        results = {"store closed days (once)": store_once(app, _year_filter(app))}
        for what, address in requests(year, month):
            try:
                results[what] = figures = measure(client, headers, address, runs)
            except Exception as error:  # noqa: BLE001 - one failing request must not lose the others
                results[what] = {"error": repr(error)[:300]}
                log(f"  {what:<34} FAILED {error!r:.200}")
                continue
            log(f"  {what:<34} {figures['median_s'] * 1000:9.1f} ms  ({figures['bytes']:,} bytes)")
    finally:
        if app.extensions["checkpointer"]:
            app.extensions["checkpointer"].stop()
        app.extensions["engine"].dispose()
    return results


def counts(url: str) -> dict:
    engine = make_engine(url)
    with engine.connect() as connection:
        found = {"dossiers": connection.scalar(select(func.count()).select_from(Dossier)),
                 "steps": connection.scalar(select(func.count()).select_from(DossierStep))}
    engine.dispose()
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-day", type=int, default=800, help="tickets on an ordinary working day (mean)")
    parser.add_argument("--runs", type=int, default=5, help="timed requests each, after one warm-up")
    parser.add_argument("--engines", default="sqlite,postgres")
    args = parser.parse_args(argv)
    result = {"per_day": args.per_day, "runs": args.runs, "data": {}, "timings": {}}
    with tempfile.TemporaryDirectory() as workdir:
        for engine, url in databases.each_engine(args.engines, Path(workdir), POSTGRES_DATABASE):
            print(f"{ENGINE_NAMES[engine]}: generating a year …", flush=True)
            data = busy_year(url, args.per_day) | counts(url)
            result["data"][engine] = data
            print(f"  {data['tickets']:,} tickets, {data['dossiers']:,} dossiers, {data['steps']:,} steps "
                  f"in {data['generate_s']:.1f} s", flush=True)
            result["timings"][engine] = bench_engine(url, args.runs, log=lambda line: print(line, flush=True))
            RESULTS.mkdir(parents=True, exist_ok=True)
            (RESULTS / "dossier_book.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    print(report(result))
    return 0


def report(result: dict) -> str:
    """The markdown table of docs/benchmarks.md: median (p95) in ms, the engines side by side."""
    engines = list(result["timings"])
    lines = ["| engine | tickets | dossiers | control-sheet lines | generated in |", "|---|---|---|---|---|"]
    for engine in engines:
        data = result["data"][engine]
        lines.append(f"| {ENGINE_NAMES[engine]} | {data['tickets']:,} | {data['dossiers']:,} | {data['steps']:,} "
                     f"| {data['generate_s']:.0f} s |")
    lines += ["", f"Median (p95) in ms of {result['runs']} runs; **bold**: over 1 s.", "",
              "| request | " + " | ".join(ENGINE_NAMES[e] for e in engines) + " |", "|---|" + "---|" * len(engines)]
    for what in result["timings"][engines[0]]:
        if what.startswith("store closed days"):
            continue
        lines.append(f"| {what} | " + " | ".join(_cell(result["timings"][e][what]) for e in engines) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
