"""A demo centre on a fresh SQLite file, served on a port, and a virtual X screen: what the
benchmarks and docs/make_screenshots.py start before they measure or photograph."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent


def start_demo_server(workdir: Path, port: int, workers: int | None = None, threads: int = 8,
                      history_days: int = 0, settings: dict | None = None) -> tuple[subprocess.Popen, str]:
    """Seed the demo centre (and `history_days` of made-up past) and serve it: `counter-server run`
    (threads, one process) when `workers` is None, else gunicorn with that many gthread workers;
    `settings` are more COUNTER_SERVER_ variables. Returns (process, kiosk token).
    Stop it with process.send_signal(SIGQUIT): gunicorn's master then stops its workers."""
    env = {**os.environ, "COUNTER_SERVER_DATABASE_URL": f"sqlite:///{workdir / 'demo.sqlite3'}",
           "COUNTER_SERVER_SECRET_KEY": "bench", "COUNTER_SERVER_KIOSK_RATE_LIMIT": "1000000/minute",
           "COUNTER_SERVER_LOGIN_RATE_LIMIT": "1000/minute", "COUNTER_SERVER_AUDIO_DIR": str(workdir / "audio"),
           **(settings or {})}
    cli = str(BIN / "counter-server")
    subprocess.run([cli, "init-db"], env=env, check=True, capture_output=True)
    seeded = subprocess.run([cli, "seed-demo", "--always-open"], env=env, check=True, capture_output=True, text=True)
    token = seeded.stdout.strip().splitlines()[-1]
    if history_days:
        subprocess.run([cli, "seed-history", "--days", str(history_days)], env=env, check=True, capture_output=True)
        subprocess.run([cli, "seed-history", "--days", str(history_days), "--centre", "XA-TAN-LAP", "--per-day", "150"],
                       env=env, check=True, capture_output=True)   # the demo's second centre, smaller
    command = ([cli, "run", "--port", str(port)] if workers is None else
               [str(BIN / "gunicorn"), "-w", str(workers), "-k", "gthread", "--threads", str(threads),
                "-b", f"127.0.0.1:{port}", "counter_server.app:create_app()"])
    server = subprocess.Popen(command, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
            return server, token
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the counter server did not start")


def start_virtual_screen() -> tuple[subprocess.Popen, str]:
    """Xvfb at 1920×1080 on a free display; returns (process, ':N')."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        raise RuntimeError("Xvfb did not start")
    return xvfb, f":{number}"
