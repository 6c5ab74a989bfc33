"""Benchmark: the manager's reports over a generated year of a busy centre (at least 200,000
tickets). Target (issue "[step 6] Manager reports"): the report page and each export under 1 s,
on SQLite and on PostgreSQL.

- data: the demo centre (seed_demo) and a year of its past (demo_history.generate: arrivals by
  hour, waits growing with the queue, service times by field, no-shows, transfers, ratings),
  on a SQLite file and a throwaway PostgreSQL database (`counter_bench_reports`, dropped after);
- requests: through the Flask test client (routing, login session, rendering and file writing
  included; no socket, no server), signed in as the demo manager; every page, chart and export
  for the default range (the last 30 days) and for the whole year, and the API
  (/api/v1/reports/waits, group=day and field, json/csv/xlsx) with a bearer token;
- each request once to warm up, then --runs times: median and p95 (nearest rank); a request
  whose warm-up takes over 2 s is timed 3 times in all, the warm-up included;
- first, once: storing the figures of the year's closed days (what the nightly close-days does);
- where the time goes: the report's steps called one by one for the whole year (reading the
  stored figures, each grouping, the ratings, the whole report), and the log's for the last 30
  days (the query, CSV and XLSX writing).

Run: python -m bench.bench_reports [--per-day 800] [--runs 5] [--engines sqlite,postgres]
Results: bench/results/reports.json and a markdown table on standard output.
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.orm import sessionmaker

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))   # `python bench/bench_reports.py` as well as `python -m bench...`

from bench import databases  # noqa: E402
from counter_server import demo_history  # noqa: E402
from counter_server.app import create_app  # noqa: E402
from counter_server.db import make_engine  # noqa: E402
from counter_server.models import Rating, Ticket, TicketEvent  # noqa: E402
from counter_server.reports import figures  # noqa: E402
from counter_server.reports.export import to_csv, to_xlsx  # noqa: E402
from counter_server.reports.filters import GROUPS, ReportFilter  # noqa: E402
from counter_server.reports.log import log_table  # noqa: E402
from counter_server.reports.report import about, build, centre_today  # noqa: E402
from counter_server.reports.stored import store_closed_days  # noqa: E402
from counter_server.seed import seed_demo  # noqa: E402
from counter_server.services import QueueContext  # noqa: E402

RESULTS = ROOT / "bench" / "results"
POSTGRES_DATABASE = "counter_bench_reports"
MANAGER = ("lanhdao", "lanhdao-demo")
ENGINE_NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
TARGET_S = 1.0
SLOW_S, SLOW_RUNS = 2.0, 3


def requests(ranged: str, log_month: str = "") -> list[tuple[str, str]]:
    """(what, address) of every report request, with the range's query string (`?from=…&to=…`, or
    nothing for the default 30 days). The log downloads a month per file: for a year, its
    downloads are timed for `log_month` (`from=…&to=…`: the last whole calendar month)."""
    args = ranged.lstrip("?")
    join = lambda base: f"{base}{'&' if '?' in base else '?'}{args}" if args else base  # noqa: E731
    items = [("page /reports/", join("/reports/")), ("log page (first 50)", join("/reports/log"))]
    items += [(f"chart {name}.svg", join(f"/reports/chart/{name}.svg"))
              for name in ("hours", "waits", "days", "satisfaction")]
    items += [(f"export {name}.{kind}", join(f"/reports/export/{name}.{kind}"))
              for name in ("all", *GROUPS) for kind in ("csv", "xlsx")]
    items += [("export workbook.xlsx", join("/reports/export/workbook.xlsx"))]
    items += [(f"export log.{kind}", f"/reports/export/log.{kind}?{log_month}" if log_month
               else join(f"/reports/export/log.{kind}")) for kind in ("csv", "xlsx")]
    items += [(f"API group={group} {kind}", join(f"/api/v1/reports/waits?group={group}&format={kind}"))
              for group in ("day", "field") for kind in ("json", "csv", "xlsx")]
    return items


def busy_year(url: str, per_day: int) -> dict:
    """The demo centre and a generated year of its past; counts and how long generating took."""
    engine = make_engine(url)
    report = seed_demo(QueueContext(sessionmaker(engine, expire_on_commit=False)))
    started = time.perf_counter()
    tickets = demo_history.generate(engine, report.centre_code, per_day=per_day)
    seconds = time.perf_counter() - started
    if engine.dialect.name == "postgresql":   # fresh statistics, as autovacuum would have them by now
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))
    with engine.connect() as connection:
        counted = {name: connection.scalar(select(func.count()).select_from(model))
                   for name, model in (("tickets", Ticket), ("events", TicketEvent), ("ratings", Rating))}
        first, last = connection.execute(select(func.min(Ticket.service_day), func.max(Ticket.service_day))).one()
    engine.dispose()
    return {"generated": tickets, **counted, "first_day": str(first), "last_day": str(last),
            "generate_s": seconds}


def signed_in(app):
    """A test client with the manager's session (the login form, CSRF included) and the API headers."""
    client = app.test_client()
    # The API token first: once the session cookie is set, a POST without the page's CSRF token is refused.
    answer = client.post("/api/v1/auth/token", json={"username": MANAGER[0], "password": MANAGER[1]})
    assert answer.status_code == 200, answer.json
    headers = {"Authorization": f"Bearer {answer.json['token']}"}
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    answer = client.post("/login", data={"username": MANAGER[0], "password": MANAGER[1], "csrf_token": token})
    assert answer.status_code == 302, answer.status_code
    return client, headers


def summarise(samples: list[float]) -> dict:
    """Median, p95 (nearest rank: with 5 runs, the slowest), fastest and slowest, in seconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, -(-95 * len(ordered) // 100) - 1)]   # nearest rank
    return {"median_s": statistics.median(ordered), "p95_s": p95, "min_s": ordered[0], "max_s": ordered[-1],
            "runs": len(ordered)}


def measure(client, headers, address: str, runs: int) -> dict:
    """One warm-up, then `runs` timed requests; the figures and the answer's size."""
    def once():
        started = time.perf_counter()
        answer = client.get(address, headers=headers if address.startswith("/api/") else None)
        body = answer.get_data()
        seconds = time.perf_counter() - started
        assert answer.status_code == 200 and body, (address, answer.status_code)
        return seconds, len(body)
    first, size = once()
    return {**summarise(repeat(first, lambda: once()[0], runs)), "bytes": size}


def repeat(first: float, work, runs: int) -> list[float]:
    """`runs` timings after the warm-up that took `first` seconds; for work slower than SLOW_S the
    warm-up counts as a run and there are SLOW_RUNS in all (caches do not matter at that scale,
    and the whole bench has to finish in minutes)."""
    if first > SLOW_S:
        return [first] + [work() for _ in range(SLOW_RUNS - 1)]
    return [work() for _ in range(runs)]


def bench_engine(url: str, runs: int, log=print, month_only: bool = False) -> dict:
    """Every request of both ranges (the default 30 days, the whole year) against one database;
    `month_only`: the default 30 days alone (a quick check after a change)."""
    app = create_app({"DATABASE_URL": url, "TESTING": True, "SECRET_KEY": "bench",
                      "AUDIO_DIR": tempfile.mkdtemp(), "KIOSK_RATE_LIMIT": "100000000/minute",
                      "LOGIN_RATE_LIMIT": "100000000/minute", "RATELIMIT_ENABLED": False})
    try:
        client, headers = signed_in(app)
        year = _year_filter(app)
        results = {"store closed days (once)": store_once(app, year)}
        log(f"  stored the year's closed days in {results['store closed days (once)']['seconds']:.1f} s")
        ranges = {"30 days": ""} if month_only else {"30 days": "", "year": f"?from={year.date_from}&to={year.date_to}"}
        for range_name, query in ranges.items():
            for what, address in requests(query, _last_month(app) if range_name == "year" else ""):
                try:
                    results.setdefault(range_name, {})[what] = figures_ = measure(client, headers, address, runs)
                except Exception as error:  # noqa: BLE001 - one failing request must not lose the others
                    results[range_name][what] = {"error": repr(error)[:300]}
                    log(f"  {range_name:>9} {what:<28} FAILED {error!r:.200}")
                    continue
                log(f"  {range_name:>9} {what:<28} {figures_['median_s'] * 1000:9.1f} ms")
        yesterday = (centre_today(app.extensions["queue"], _centre(app)) - timedelta(days=1)).isoformat()
        results["one day"] = {"daily print-out": measure(client, headers, f"/reports/daily?day={yesterday}", runs)}
        if not month_only:
            results["steps, whole year"] = steps(app, year, _month_filter(app), runs)
    finally:
        if app.extensions["checkpointer"]:
            app.extensions["checkpointer"].stop()
        app.extensions["engine"].dispose()
    return results


def store_once(app, year: ReportFilter) -> dict:
    """What the nightly close-days (or the first report after a year's import) costs: every closed
    day of the year stored at once."""
    ctx, centre_id = app.extensions["queue"], _centre(app)
    today = centre_today(ctx, centre_id)
    started = time.perf_counter()
    tickets = store_closed_days(ctx, centre_id, year.date_from, year.date_to, today)
    return {"seconds": time.perf_counter() - started, "tickets": tickets}


def _centre(app) -> int:
    return app.extensions["queue"].read(lambda session: session.scalar(text("select id from centres")))


def _month_filter(app) -> ReportFilter:
    today = centre_today(app.extensions["queue"], _centre(app))
    return ReportFilter(today - timedelta(days=29), today)


def _last_month(app) -> str:
    """The last whole calendar month before today, as a query string."""
    end = centre_today(app.extensions["queue"], _centre(app)).replace(day=1) - timedelta(days=1)
    return f"from={end.replace(day=1)}&to={end}"


def _year_filter(app) -> ReportFilter:
    """Today and the 365 days before it (the longest range the pages accept)."""
    today = centre_today(app.extensions["queue"], _centre(app))
    return ReportFilter(today - timedelta(days=365), today)


def steps(app, flt: ReportFilter, month: ReportFilter, runs: int) -> dict:
    """Where the time goes: a whole-year report's parts and a month's log called one by one,
    without HTTP."""
    ctx, centre_id = app.extensions["queue"], _centre(app)
    facts = figures.load(ctx, centre_id, flt)
    report = build(ctx, centre_id, flt)
    log = log_table(ctx, centre_id, month)[0]
    parts = {"load(): read the year's figures": lambda: figures.load(ctx, centre_id, flt)}
    parts |= {f"grouped({group})": (lambda group=group: figures.grouped(facts, group)) for group in (None, *GROUPS)}
    parts |= {
        "ratings, waits histogram, by hour": lambda: (figures.ratings(facts), figures.waits_histogram(facts),
                                                       figures.by_hour(facts)),
        "build() whole report": lambda: build(ctx, centre_id, flt),
        "log_table() first page": lambda: log_table(ctx, centre_id, flt, page=1),
        "to_csv(field table)": lambda: to_csv(report.tables["field"]),
        "to_xlsx(workbook)": lambda: to_xlsx(list(report.tables.values()), about(report.choices, report.filter)),
        "30 days: log_table() all rows": lambda: log_table(ctx, centre_id, month),
        "30 days: to_csv(log)": lambda: to_csv(log),
        "30 days: to_xlsx(log)": lambda: to_xlsx([log], about(report.choices, report.filter)),
    }
    out = {}
    for name, work in parts.items():
        out[name] = summarise(repeat(_seconds(work), lambda: _seconds(work), runs))
    out["log rows, 30 days"] = len(log.rows)
    return out


def _seconds(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-day", type=int, default=800, help="tickets on an ordinary working day (mean)")
    parser.add_argument("--runs", type=int, default=5, help="timed requests each, after one warm-up")
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--month-only", action="store_true", help="time the default 30 days only (quicker)")
    args = parser.parse_args(argv)
    result = {"per_day": args.per_day, "runs": args.runs, "data": {}, "timings": {}}
    with tempfile.TemporaryDirectory() as workdir:
        for engine, url in databases.each_engine(args.engines, Path(workdir), POSTGRES_DATABASE):
            print(f"{ENGINE_NAMES[engine]}: generating a year …", flush=True)
            result["data"][engine] = data = busy_year(url, args.per_day)
            print(f"  {data['tickets']:,} tickets, {data['events']:,} events, {data['ratings']:,} ratings "
                  f"({data['first_day']} to {data['last_day']}) in {data['generate_s']:.1f} s", flush=True)
            result["timings"][engine] = bench_engine(url, args.runs, log=lambda line: print(line, flush=True),
                                                     month_only=args.month_only)
            save(result)
    print(report(result))
    return 0


def save(result: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "reports.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))


def report(result: dict) -> str:
    """The markdown tables of docs/benchmarks.md: median (p95) in ms, SQLite and PostgreSQL side by side."""
    engines = list(result["timings"])
    lines = ["| engine | tickets | events | ratings | generated in |", "|---|---|---|---|---|"]
    for engine in engines:
        data = result["data"][engine]
        lines.append(f"| {ENGINE_NAMES[engine]} | {data['tickets']:,} | {data['events']:,} | {data['ratings']:,} "
                     f"| {data['generate_s']:.0f} s |")
    first = result["timings"][engines[0]]
    ranges = [name for name in first if name not in ("steps, whole year", "store closed days (once)")]
    head = " | ".join(f"{ENGINE_NAMES[e]} {r}" for r in ranges if r != "one day" for e in engines)
    lines += ["", f"Median (p95) in ms of {result['runs']} runs; **bold**: over 1 s.", "",
              f"| request | {head} |", "|---|" + "---|" * (len(engines) * (len(ranges) - 1))]
    for what in first["30 days"]:
        cells = [_cell(result["timings"][e][r][what]) for r in ranges if r != "one day" for e in engines]
        lines.append(f"| {what} | " + " | ".join(cells) + " |")
    lines.append("| daily print-out (one day) | " + " | ".join(
        _cell(result["timings"][e]["one day"]["daily print-out"]) for e in engines) + " |" + " — |" * len(engines))
    lines += ["", "Storing the year's closed days once (before the requests): " + ", ".join(
        f"{ENGINE_NAMES[e]} {result['timings'][e]['store closed days (once)']['seconds']:.1f} s "
        f"({result['timings'][e]['store closed days (once)']['tickets']:,} tickets)" for e in engines)]
    lines += ["", "Where the time goes (direct calls, whole year unless marked, median ms):", "",
              "| step | " + " | ".join(ENGINE_NAMES[e] for e in engines) + " |", "|---|" + "---|" * len(engines)]
    for step in first.get("steps, whole year", {}):
        if step.startswith("log rows"):
            continue
        lines.append(f"| {step} | " + " | ".join(
            f"{result['timings'][e]['steps, whole year'][step]['median_s'] * 1000:,.0f}" for e in engines) + " |")
    return "\n".join(lines)


def _cell(figures_: dict) -> str:
    if "error" in figures_:
        return "failed"
    median, p95 = figures_["median_s"] * 1000, figures_["p95_s"] * 1000
    shown = f"{median:,.0f} ({p95:,.0f})"
    return f"**{shown}**" if figures_["median_s"] > TARGET_S else shown


if __name__ == "__main__":
    sys.exit(main())
