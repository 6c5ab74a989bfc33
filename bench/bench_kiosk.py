"""Benchmark: the kiosk window under Xvfb against a local counter server and the virtual printer.

- cold start: from launching `python` to the first frame drawn (median of --starts runs, after one
  warm-up run that fills the bytecode cache);
- tap to print: from the last tap of "take a number" (the priority answer) until the print job has
  been written by the virtual printer (the server issued the ticket in between), for --tickets tickets;
- memory: resident set size after 20 tickets (warm) and after all of them.

Run: python -m bench.bench_kiosk [--starts 5] [--tickets 200]
Needs Xvfb (deploy/system-packages.sh installs it). Results: bench/results/kiosk.json.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.demo_server import start_demo_server, start_virtual_screen

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


# --- the child: runs inside the kiosk process ------------------------------------------------------
def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def child(mode: str, tickets: int, out: Path) -> int:
    from kiosk.config import load_config
    from kiosk.launch import run_kiosk

    def startup(app):
        from kiosk.autopilot import Pilot
        Pilot(app).wait_until(lambda: app.first_frame_at is not None, "the first frame")
        out.write_text(json.dumps({"first_frame_at": app.first_frame_at}))

    def take_many(app):
        from kiosk.autopilot import Pilot
        pilot = Pilot(app, timeout=30)
        pilot.started()
        pilot.wait_until(lambda: app.online and app.flow.catalogue is not None, "the server")
        app.guard.cooldown = 0  # the 1.5 s pause between tickets protects citizens, not benchmarks
        screen, memory = app.screen("ticket"), {}
        for number in range(1, tickets + 1):
            pilot.tap("home", "take_number")
            pilot.tap_text("fields", "grid", "Chứng thực")
            pilot.tap("procedures", "skip")
            pilot.tap("priority", "no_priority")
            pilot.wait_until(lambda: not screen.busy and screen.view.printed, "the ticket")
            pilot.tap("ticket", "done")
            memory[number] = rss_mb()
        out.write_text(json.dumps({"tap_to_print_ms": [s * 1000 for s in screen.tap_to_print_seconds],
                                   "rss_mb": memory}))
    return run_kiosk(load_config(None), None, startup if mode == "startup" else take_many)


# --- the parent: server, screen, runs -------------------------------------------------------------
def run_child(mode: str, env: dict, workdir: Path, tickets: int = 0) -> tuple[dict, float]:
    out = workdir / f"{mode}.json"
    out.unlink(missing_ok=True)
    log = workdir / f"{mode}.log"
    launched = time.time()
    with open(log, "w") as sink:
        done = subprocess.run([sys.executable, "-m", "bench.bench_kiosk", "--child", mode, "--tickets", str(tickets),
                               "--out", str(out)], env=env, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT,
                              timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"the kiosk run failed:\n{log.read_text(errors='replace')[-4000:]}")
    return json.loads(out.read_text()), launched


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--tickets", type=int, default=200)
    parser.add_argument("--port", type=int, default=5071)
    parser.add_argument("--child", choices=("startup", "tickets"))
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    if args.child:
        logging.basicConfig(level=logging.WARNING)
        return child(args.child, args.tickets, args.out)

    with tempfile.TemporaryDirectory(prefix="bench-kiosk-") as tmp:
        workdir = Path(tmp)
        server, token = start_demo_server(workdir, args.port)
        xvfb, display = start_virtual_screen()
        env = {**os.environ, "DISPLAY": display, "KIOSK_SERVER_URL": f"http://127.0.0.1:{args.port}",
               "KIOSK_TOKEN": token, "KIOSK_PRINTER": f"virtual://{workdir / 'printed'}", "KIOSK_FULLSCREEN": "0",
               "KIOSK_CACHE_FILE": str(workdir / "catalogue.json"), "KIOSK_CONFIG": str(workdir / "none.toml")}
        try:
            run_child("startup", env, workdir)  # warm-up: bytecode cache, fonts
            starts = []
            for _ in range(args.starts):
                seen, launched = run_child("startup", env, workdir)
                starts.append(seen["first_frame_at"] - launched)
            seen, _ = run_child("tickets", env, workdir, args.tickets)
        finally:
            server.terminate()
            xvfb.terminate()
    taps = seen["tap_to_print_ms"]
    rss = {int(k): v for k, v in seen["rss_mb"].items()}
    result = {
        "cold_start_s": {"median": statistics.median(starts), "runs": starts},
        "tap_to_print_ms": {"median": statistics.median(taps), "p95": statistics.quantiles(taps, n=20)[-1],
                            "max": max(taps), "count": len(taps)},
        "rss_mb": {n: round(mb, 1) for n, mb in rss.items() if n in (1, 2, 5, 10, 20) or n % 50 == 0},
        "rss_growth_mb_after_warmup": rss[args.tickets] - rss[20],
        "rss_growth_mb_from_first": rss[args.tickets] - rss[1],
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "kiosk.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
