"""Proof: the real kiosk app against a counter server that restarts every 30 seconds.

The kiosk window (Kivy, under Xvfb, the virtual printer writing a PNG per ticket) takes numbers
one after another for --seconds, as a stream of citizens would, while the server (gunicorn, the demo
centres on SQLite or PostgreSQL) is stopped and started again every --every seconds, by turns with
SIGTERM (a restart) and SIGKILL (a crash). Afterwards:
- the kiosk process is still running (it quit only when told to, exit code 0);
- no double ticket: every ticket in the database is one tap's (one Idempotency-Key, one number;
  no two tickets share a number);
- no ticket printed that the server does not know: every printed ticket's number is in the database,
  and each was printed once.

Run: python -m bench.bench_kiosk_soak [--seconds 300] [--every 30] [--database sqlite|postgres]
Results: bench/results/kiosk_soak.json and the figures printed. Needs Xvfb.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.demo_server import BIN, start_virtual_screen

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
PRINTED_NAME = re.compile(r"ticket-([A-Z]\d{3,})-")


# --- the child: the kiosk app, taking numbers until the time is up ---------------------------------
def child(seconds: float, out: Path) -> int:
    """Take numbers for `seconds`; write what each tap ended with."""
    from kiosk.config import load_config
    from kiosk.launch import run_kiosk

    def soak(app):
        from kiosk.autopilot import Pilot, PilotError
        pilot = Pilot(app, timeout=60)
        pilot.started()
        app.guard.cooldown = 0       # the pause between citizens is not what is tested here
        screen, taps, lost, deadline = app.screen("ticket"), [], [], time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                pilot.wait_until(lambda: app.flow.catalogue is not None, "a catalogue", timeout=60)
                pilot.tap("home", "take_number")
                pilot.tap_text("fields", "grid", "Chứng thực")
                pilot.tap("procedures", "skip")
                before = pilot.ui(lambda: screen.view)     # the last citizen's ticket, still drawn
                pilot.tap("priority", "no_priority")
                # the tap began a new ticket (a tap lost in a screen's change is tried again, not counted)
                pilot.wait_until(lambda: screen.view is not before, "the tap to begin a ticket", timeout=10)
                pilot.wait_until(lambda: not screen.busy and (screen.view.number or screen.view.message),
                                 "the ticket or a message", timeout=90)
                view = pilot.ui(lambda: screen.view)
                taps.append({"number": view.number or None, "printed": bool(view.printed),
                             "message": view.message, "at": time.time()})
            except PilotError as error:          # a screen that did not come: note it, start again
                lost.append({"error": str(error), "online": pilot.ui(lambda: app.online), "at": time.time()})
            pilot.ui(app.go_home)
            time.sleep(0.5)
        out.write_text(json.dumps({"taps": taps, "lost": lost, "online_at_end": pilot.ui(lambda: app.online)}))
    return run_kiosk(load_config(None), None, soak)


# --- the parent: the server and its restarts, the kiosk, the checks -------------------------------
class RestartingServer:
    """The demo served by gunicorn, stopped and started again every `every` seconds."""

    def __init__(self, env: dict, port: int, workdir: Path, every: float):
        self.env, self.port, self.workdir, self.every = env, port, workdir, every
        self.command = [str(BIN / "gunicorn"), "-w", "2", "-k", "gthread", "--threads", "8",
                        "-b", f"127.0.0.1:{port}", "counter_server.app:create_app()"]
        self.restarts, self.kills, self.down_seconds = 0, 0, []
        self._stop = threading.Event()
        self.log = open(self.workdir / "server.log", "ab")   # every run's output, closed by stop()
        self.process = self._start()

    def _start(self) -> subprocess.Popen:
        return subprocess.Popen(self.command, env=self.env, cwd=self.workdir, start_new_session=True,
                                stdout=self.log, stderr=subprocess.STDOUT)

    def _up(self) -> bool:
        import urllib.request
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/v1/health", timeout=1)
            return True
        except OSError:
            return False

    def wait_up(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while not self._up():
            if time.monotonic() > deadline:
                raise RuntimeError((self.workdir / "server.log").read_text(errors="replace")[-3000:])
            time.sleep(0.1)

    def run(self) -> None:
        """Every `every` seconds: stop the server (SIGTERM and SIGKILL by turns), start it again."""
        while not self._stop.wait(self.every):
            hard = self.restarts % 2 == 1
            down = time.monotonic()
            os.killpg(self.process.pid, signal.SIGKILL if hard else signal.SIGTERM)
            self.process.wait()
            self.kills += hard
            self.process = self._start()
            self.wait_up()
            self.down_seconds.append(time.monotonic() - down)
            self.restarts += 1

    def start_restarting(self) -> None:
        """Restart the server every `every` seconds from now on, in a thread of its own."""
        self._restarter = threading.Thread(target=self.run, daemon=True)
        self._restarter.start()

    def stop(self) -> None:
        """No more restarts (one under way finishes first), then the server stops."""
        self._stop.set()
        if getattr(self, "_restarter", None) is not None:
            self._restarter.join(120)
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(30)
        self.log.close()


def database_url(kind: str, workdir: Path) -> tuple[str, callable]:
    """A fresh database for the run, and how to drop it afterwards."""
    if kind == "sqlite":
        return f"sqlite:///{workdir / 'soak.sqlite3'}", lambda: None
    from bench.databases import drop_postgres, throwaway_postgres
    url = throwaway_postgres("kiosk_soak")
    if url is None:
        raise RuntimeError("no PostgreSQL reachable")
    return url, lambda: drop_postgres("kiosk_soak")


def tickets_in(url: str) -> list[tuple[str, str]]:
    """(number, idempotency key) of every ticket in the database."""
    from sqlalchemy import create_engine, text
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT number, idempotency_key FROM tickets")).all()
    engine.dispose()
    return [(number, key) for number, key in rows]


def soak(seconds: float, every: float, kind: str, port: int) -> dict:
    """One soak run; the figures and the checks' findings."""
    with tempfile.TemporaryDirectory(prefix="bench-kiosk-soak-") as tmp:
        workdir = Path(tmp)
        url, drop = database_url(kind, workdir)
        env = {**os.environ, "COUNTER_SERVER_DATABASE_URL": url, "COUNTER_SERVER_SECRET_KEY": "soak",
               "COUNTER_SERVER_AUDIO_DIR": str(workdir / "audio")}
        cli = str(BIN / "counter-server")
        subprocess.run([cli, "init-db"], env=env, check=True, capture_output=True)
        seeded = subprocess.run([cli, "seed-demo", "--always-open"], env=env, check=True, capture_output=True, text=True)
        server = RestartingServer(env, port, workdir, every)
        server.wait_up()
        xvfb, display = start_virtual_screen()
        printed, out = workdir / "printed", workdir / "taps.json"
        kiosk_env = {**os.environ, "DISPLAY": display, "KIOSK_SERVER_URL": f"http://127.0.0.1:{port}",
                     "KIOSK_TOKEN": seeded.stdout.strip().splitlines()[-1], "KIOSK_PRINTER": f"virtual://{printed}",
                     "KIOSK_FULLSCREEN": "0", "KIOSK_CACHE_FILE": str(workdir / "catalogue.json"),
                     "KIOSK_CONFIG": str(workdir / "none.toml")}
        started = time.monotonic()
        try:
            with open(workdir / "kiosk.log", "w") as log:
                kiosk = subprocess.Popen([sys.executable, "-m", "bench.bench_kiosk_soak", "--child",
                                          "--seconds", str(seconds), "--out", str(out)],
                                         env=kiosk_env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
                server.start_restarting()
                code = kiosk.wait(seconds + 600)
        finally:
            server.stop()
            xvfb.terminate()
            xvfb.wait(10)
        kiosk_log = (workdir / "kiosk.log").read_text(errors="replace")
        tickets = tickets_in(url)
        drop()
        if code != 0 or not out.exists():
            return {"kiosk_exit_code": code, "kiosk_log": kiosk_log[-4000:]}
        seen = json.loads(out.read_text())
        taps = seen["taps"]
        return verdict(taps, tickets, sorted(p.name for p in printed.glob("*.png")) if printed.exists() else [],
                       {"kiosk_exit_code": code, "seconds": round(time.monotonic() - started), "restarts": server.restarts,
                        "of_which_sigkill": server.kills, "pilot_taps_lost": len(seen["lost"]),
                        "pilot_lost_examples": seen["lost"][:3],
                        "server_down_s_median": sorted(server.down_seconds)[len(server.down_seconds) // 2]
                        if server.down_seconds else None})


def verdict(taps: list[dict], tickets: list[tuple[str, str]], printed_files: list[str], run: dict) -> dict:
    """The figures and what the checks found (each list empty when all is well)."""
    numbers = [number for number, _ in tickets]
    printed = [PRINTED_NAME.match(name).group(1) for name in printed_files if PRINTED_NAME.match(name)]
    shown = [tap["number"] for tap in taps if tap["number"]]
    return run | {
        "taps": len(taps), "tickets_shown": len(shown), "tickets_printed": len(printed),
        "tickets_in_database": len(tickets),
        "taps_refused_while_down": sum(1 for tap in taps if not tap["number"]),
        "what_those_taps_showed": sorted({tap["message"] for tap in taps if not tap["number"]}),
        "numbers_reused": sorted({n for n in numbers if numbers.count(n) > 1}),
        "keys_reused": sorted({k for _, k in tickets if k and [key for _, key in tickets].count(k) > 1}),
        "printed_unknown_to_server": sorted(set(printed) - set(numbers)),
        "printed_twice": sorted({n for n in printed if printed.count(n) > 1}),
        "shown_unknown_to_server": sorted(set(shown) - set(numbers)),
        "shown_for_two_taps": sorted({n for n in shown if shown.count(n) > 1}),
        "more_tickets_than_taps": max(0, len(tickets) - len(taps)),
        # a tap the server answered while the kiosk had given up waiting: a number nobody holds
        # (it expires at the day's end), never a second ticket for a tap that got one
        "issued_but_not_shown": len(tickets) - len(shown),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--every", type=float, default=30)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--port", type=int, default=5073)
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    if args.child:
        logging.basicConfig(level=logging.WARNING)
        return child(args.seconds, args.out)
    result = soak(args.seconds, args.every, args.database, args.port)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"kiosk_soak_{args.database}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
