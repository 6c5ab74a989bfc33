"""Two versions of the code, alternating, on one database: issue and trivial throughput of each.

    git worktree add /tmp/before <commit>
    python -m bench.bench_versions --checkouts /tmp/before,. [--engine sqlite] [--concurrency 1] [--rounds 6]

Each round starts the production server command (gunicorn, one gthread worker with four threads,
pinned to CPU 0; wrk on CPU 1, as in bench_server) from each checkout in turn (the order
alternating), warms it for 2 s, then runs the trivial endpoint and the issue endpoint for
`--seconds` each with keep-alive. Prints, per checkout, the median issue and trivial throughput
and the median of the rounds' ratios. The checkouts share this virtual environment; each serves
its own `counter_server` (gunicorn puts its working directory first on the import path).
"""
import argparse
import os
import signal
import statistics
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path

from bench import databases, wrk_scripts
from bench.bench_server import VENV_BIN, fresh_database, free_port, run_wrk, seed


def start(checkout: str, url: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = os.environ | {"COUNTER_SERVER_DATABASE_URL": url, "COUNTER_SERVER_SECRET_KEY": "bench-secret",
                        "COUNTER_SERVER_ENV": "production", "COUNTER_SERVER_KIOSK_RATE_LIMIT": "100000000/minute"}
    command = ["taskset", "-c", "0", str(VENV_BIN / "gunicorn"), "-w", "1", "-k", "gthread", "--threads", "4",
               "-b", f"127.0.0.1:{port}", "--log-level", "warning", "counter_server.app:create_app()"]
    process = subprocess.Popen(command, env=env, cwd=checkout, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/api/v1/health", timeout=1).read()
            return process, base
        except OSError:
            time.sleep(0.2)
    os.killpg(process.pid, signal.SIGTERM)
    raise RuntimeError(f"gunicorn did not start from {checkout}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkouts", required=True, help="two or more directories, comma-separated")
    parser.add_argument("--engine", default="sqlite")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seconds", type=int, default=5)
    args = parser.parse_args(argv)
    checkouts = [str(Path(c).resolve()) for c in args.checkouts.split(",")]
    url = fresh_database(args.engine, Path(os.environ.get("TMPDIR", "/tmp")))
    _, kiosk = seed(url)
    results = {checkout: {"issue": [], "trivial": []} for checkout in checkouts}
    try:
        for round_ in range(args.rounds):
            for checkout in (checkouts if round_ % 2 == 0 else checkouts[::-1]):
                process, base = start(checkout, url)
                try:
                    run_wrk(base, wrk_scripts.ISSUE, ["keepalive", kiosk, uuid.uuid4().hex[:8]], args.concurrency, 2)
                    results[checkout]["trivial"].append(
                        run_wrk(base, wrk_scripts.HEALTH, ["keepalive"], args.concurrency, args.seconds)["rps"])
                    results[checkout]["issue"].append(run_wrk(
                        base, wrk_scripts.ISSUE, ["keepalive", kiosk, uuid.uuid4().hex[:8]], args.concurrency,
                        args.seconds)["rps"])
                finally:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.wait(timeout=30)
    finally:
        if args.engine == "postgres":
            databases.drop_postgres("counter_bench")
    for checkout in checkouts:
        issued, trivial = results[checkout]["issue"], results[checkout]["trivial"]
        ratio = statistics.median(i / t for i, t in zip(issued, trivial))
        print(f"{checkout}: issue {statistics.median(issued):.0f}/s, trivial {statistics.median(trivial):.0f}/s,"
              f" issue ÷ trivial {ratio:.2f} (rounds: {', '.join(f'{i:.0f}' for i in issued)})", flush=True)


if __name__ == "__main__":
    main()
