"""Benchmark: time to build a ticket job (layout -> ESC/POS bytes) and bytes per ticket, 58 and 80 mm.

Run: python -m bench.bench_printing [--runs 300] [--write-docs]
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import time
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path

from counter_server.seed import load_demo_with_catalogue
from kiosk.printing import picture_job, printer_profile, render_ticket, requirements_job, ticket_job
from kiosk.printing.samples import sample_slip, sample_ticket

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "benchmarks.md"
SECTION = "## Ticket printing"
TARGET_MS, TARGET_BYTES = 50, 50_000


def timed(action, runs: int) -> list[float]:
    """Milliseconds per call of action(i), over `runs` calls after a short warm-up."""
    for i in range(5):
        action(i)
    times = []
    for i in range(runs):
        started = time.perf_counter()
        action(i)
        times.append((time.perf_counter() - started) * 1000)
    return times


def measure(paper: int, runs: int) -> dict:
    """Medians for one paper width: whole job, layout alone, encoding alone; bytes per job."""
    profile = printer_profile(paper)
    ticket = sample_ticket()
    tickets = [replace(ticket, number=f"A{i % 1000:03d}", waiting_ahead=i % 40) for i in range(runs + 5)]
    picture = render_ticket(ticket, profile.width_dots)
    job = timed(lambda i: ticket_job(tickets[i], profile), runs)
    layout = timed(lambda i: render_ticket(tickets[i], profile.width_dots), runs)
    encode = timed(lambda i: picture_job(picture, profile), runs)
    return {
        "paper": paper,
        "width": profile.width_dots,
        "height": picture.height,
        "median": statistics.median(job),
        "p95": statistics.quantiles(job, n=20)[-1],
        "layout": statistics.median(layout),
        "encode": statistics.median(encode),
        "bytes": len(ticket_job(ticket, profile)),
        "slip_bytes": len(requirements_job(sample_slip(), profile)),
    }


def machine() -> str:
    """CPU, cores, Python and library versions, in one line."""
    cpu = platform.processor() or platform.machine()
    try:
        cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text()).group(1)
    except (OSError, AttributeError):
        pass
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, Pillow {version('pillow')}, "
            f"python-escpos {version('python-escpos')}, qrcode {version('qrcode')}")


def report(results: list[dict], runs: int) -> str:
    """The docs section as markdown."""
    rows = "\n".join(
        f"| {r['paper']} mm | {r['width']} × {r['height']} | {r['median']:.1f} | {r['p95']:.1f} | "
        f"{r['layout']:.1f} | {r['encode']:.1f} | {r['bytes']:,} | {r['slip_bytes']:,} |"
        for r in results
    )
    eighty = next(r for r in results if r["paper"] == 80)
    verdict = "met" if eighty["median"] < TARGET_MS and eighty["bytes"] < TARGET_BYTES else "NOT met"
    return f"""{SECTION}

Command: `python -m bench.bench_printing --runs {runs}` ({time.strftime('%Y-%m-%d')}).
Machine: {machine()}.

The sample ticket is the full one (procedure, priority mark, QR code, footer:
`kiosk.printing.samples.sample_ticket`). A job is layout → 1-bit picture →
python-escpos Dummy → bytes; each figure is the median of {runs} runs after a
warm-up (font files loaded once, as in the running kiosk).

| paper | picture (dots) | job, median ms | job, p95 ms | layout ms | encode ms | bytes per ticket | bytes per slip |
|---|---|---|---|---|---|---|---|
{rows}

Targets for an 80 mm ticket: under {TARGET_MS} ms and under {TARGET_BYTES // 1000} KB — {verdict}.
The largest 80 mm ticket over every procedure of the demo centre (longest field
and procedure names, priority mark) is {largest_demo_ticket():,} bytes.
Bytes are almost all raster data (width ÷ 8 × height), so the size follows the
ticket's height; sending the 80 mm ticket takes about {eighty['bytes'] * 10 / 9600:.0f} s
on a 9600-baud serial line, {eighty['bytes'] * 10 / 115200:.1f} s at 115200 baud, and
well under a second on USB or LAN.
"""


def largest_demo_ticket() -> int:
    """Bytes of the biggest 80 mm ticket among the demo centre's procedures."""
    centre = load_demo_with_catalogue()
    fields = {field["code"]: field["name_vi"] for field in centre["fields"]}
    ticket = replace(sample_ticket(), centre_name=centre["centre"]["name"])
    return max(
        len(ticket_job(replace(ticket, field_name=fields[p["field"]], procedure_name=p["name"]), printer_profile(80)))
        for p in centre["procedures"]
    )


def write_docs(section: str) -> None:
    """Put the section into docs/benchmarks.md, replacing only the earlier Ticket printing section."""
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    DOCS.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    """Measure both paper widths, print the markdown, and optionally write it into the docs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--write-docs", action="store_true", help=f"update the section in {DOCS.name}")
    args = parser.parse_args()
    section = report([measure(80, args.runs), measure(58, args.runs)], args.runs)
    print(section)
    if args.write_docs:
        write_docs(section)


if __name__ == "__main__":
    main()
