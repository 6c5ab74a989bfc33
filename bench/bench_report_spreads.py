"""Benchmark: medians and 90th percentiles on PostgreSQL, window functions against ordered-set
aggregates (percentile_cont / percentile_disc), side by side on the same generated year.

    .venv/bin/python -m bench.bench_report_spreads [--runs 3]

Times `reports.report.build()` (the whole report page's figures: total and five groupings) for
the last 30 days and for the whole year, each way, alternating, and prints medians.
"""
import argparse
import statistics
import sys
import time
from datetime import timedelta

from sqlalchemy.orm import sessionmaker

from bench import databases
from bench.bench_reports import POSTGRES_DATABASE, busy_year
from counter_server.db import make_engine
from counter_server.reports import figures
from counter_server.reports.filters import ReportFilter
from counter_server.reports.report import build, centre_today
from counter_server.services.context import QueueContext


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    url = databases.throwaway_postgres(POSTGRES_DATABASE)
    if url is None:
        return 1
    try:
        data = busy_year(url, 800)
        print(f"{data['tickets']:,} tickets", flush=True)
        ctx = QueueContext(sessionmaker(make_engine(url), expire_on_commit=False))
        today = centre_today(ctx, 1)
        ranges = {"30 days": ReportFilter(today - timedelta(days=29), today),
                  "year": ReportFilter(today - timedelta(days=365), today)}
        ordered_set = figures._ordered_set_spreads
        ways = {"window functions": figures._spreads, "ordered-set aggregates": ordered_set}
        timings = {(name, way): [] for name in ranges for way in ways}
        for _ in range(args.runs + 1):                      # the first round warms up
            for name, flt in ranges.items():
                for way, spreads in ways.items():
                    figures._ordered_set_spreads = spreads   # what grouped() uses on PostgreSQL
                    started = time.perf_counter()
                    build(ctx, 1, flt)
                    timings[(name, way)].append(time.perf_counter() - started)
        figures._ordered_set_spreads = ordered_set
        print("| build() on PostgreSQL | " + " | ".join(ways) + " |\n|---|---|---|")
        for name in ranges:
            print(f"| {name} | " + " | ".join(
                f"{statistics.median(timings[(name, way)][1:]):.2f} s" for way in ways) + " |")
    finally:
        databases.drop_postgres(POSTGRES_DATABASE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
