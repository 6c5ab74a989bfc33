"""Benchmark (step 13): kill -9 under load. Two centres in one database, 16 kiosks and 8 officers
(half of them also receiving a dossier for each ticket they serve) and a display board, against
gunicorn with several workers. At a random moment SIGKILL goes to the master and every worker at
once; the same command starts again; the clients keep going (a kiosk sends a ticket again with the
same Idempotency-Key, an officer starts over with "call next", the board reconnects with
Last-Event-ID). After the rounds, with the server stopped: every ticket and dossier the API
acknowledged exists, no number was used twice, no ticket is at a counter without the event that put
it there, and the board resumed by itself after every restart.

Run: flock /tmp/bench.lock python -m bench.bench_crash --database postgres --rounds 10
Results: bench/results/crash-<database>.json and a summary on standard output; exit code 1 when an
invariant fails.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import create_engine, func, select

from bench import databases
from bench.bench_load import CENTRES, EXPECTED, stop_clients
from bench.load_checks import check_database, faults, missed_by
from bench.load_clients import Board, Tally, make_clients
from bench.load_world import Server, seed_centres
from counter_server.models import Centre, TicketEvent

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SETTLE_SECONDS = 3.0


def newest_event(url: str, centre: str) -> int:
    """The newest event id of the centre (read while no server runs: nothing moves)."""
    engine = create_engine(url)
    with engine.connect() as connection:
        newest = connection.scalar(select(func.max(TicketEvent.id)).join(Centre, Centre.id == TicketEvent.centre_id)
                                   .where(Centre.code == centre))
    engine.dispose()
    return newest or 0


def crash_rounds(server: Server, url: str, centre: str, rounds: int, up: tuple[float, float],
                 chance: random.Random) -> list[dict]:
    """Kill the running server at a random moment and start it again, `rounds` times."""
    done = []
    for number in range(1, rounds + 1):
        ran = chance.uniform(*up)
        time.sleep(ran)
        server.kill()
        killed = time.monotonic()
        events_before = newest_event(url, centre)
        done.append({"round": number, "killed_after_s": round(ran, 2), "killed_at": killed,
                     "events_before": events_before, "restart_s": round(server.start(), 2)})
    return done


def board_figures(board: Board, rounds: list[dict], ended: float, url: str, centre: str) -> dict:
    """Per round: whether the board opened a new stream after the restart and received events issued
    after it (ids above the newest at the kill) before the next kill; and the events it never received."""
    for this, after in zip(rounds, rounds[1:] + [{"killed_at": ended}]):
        window = (this["killed_at"], after["killed_at"])
        this["board_reopened"] = any(window[0] <= at < window[1] for at in board.opened)
        this["board_events_after_restart"] = sum(1 for event_id, at in board.events
                                                 if event_id > this["events_before"] and window[0] <= at < window[1])
    return {"board_streams_opened": len(board.opened), "board_reconnects": len(board.opened) - 1,
            "board_events": len(board.events),
            "rounds_board_resumed": sum(1 for r in rounds if r["board_reopened"] and r["board_events_after_restart"]),
            "board_missed_events": missed_by(board, url, centre)}


def run_crash(url: str, workdir: Path, rounds: int = 10, kiosks: int = 16, counters: int = 8, workers: int = 3,
              threads: int = 16, port: int = 5092, seed: int = 13, up: tuple[float, float] = (2.0, 6.0)) -> dict:
    """Seed two centres into `url` (migrated, empty), serve and load them, kill -9 and restart the
    server `rounds` times, then check the database and the board."""
    chance = random.Random(seed)
    centres = seed_centres(url, CENTRES, counters)
    server = Server(url, port, workers, threads, workdir, {"COUNTER_SERVER_SSE_KEEPALIVE_SECONDS": "1"})
    server.start()
    stop = threading.Event()
    board = Board(port, centres[0].code, stop)
    try:
        clients = make_clients(port, stop, centres, kiosks, counters, dossier_every=2, seed=seed)
        for client in [*clients, board]:
            client.start()
        done = crash_rounds(server, url, centres[0].code, rounds, up, chance)
        time.sleep(SETTLE_SECONDS)   # load after the last restart, for its board check
        stop_clients(clients, stop)
        ended = time.monotonic()
    finally:
        stop.set()
        server.stop()
        if board.is_alive():
            board.join(timeout=30)
    tally = Tally.of(clients)
    checked = check_database(url, tally)
    unexpected = {f"{kind} {status}": count for (kind, status), count in tally.statuses.items()
                  if isinstance(status, int) and status not in EXPECTED[kind]}
    cut_off = {f"{kind} {status}": count for (kind, status), count in tally.statuses.items()
               if not isinstance(status, int)}
    figures = board_figures(board, done, ended, url, centres[0].code)
    for this in done:
        del this["killed_at"]
    return {"engine": url.split(":", 1)[0].split("+", 1)[0], "rounds": len(done), "kiosks": kiosks,
            "counters": counters, "workers": workers, "seed": seed,
            "replayed_tickets": tally.statuses[("issue", 200)],
            "unexpected": unexpected, "connection_errors": cut_off, "database": checked,
            "faults": faults(checked), **figures, "each_round": done}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("postgres", "sqlite"), default="sqlite")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--kiosks", type=int, default=16)
    parser.add_argument("--counters", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--port", type=int, default=5092)
    args = parser.parse_args(argv)
    name = "counter_bench_crash"
    url = databases.fresh(args.database, name)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-crash-") as tmp:
            result = run_crash(url, Path(tmp), args.rounds, args.kiosks, args.counters, args.workers,
                               port=args.port, seed=args.seed)
            keep = RESULTS / f"crash-{args.database}-server.log"
            keep.parent.mkdir(parents=True, exist_ok=True)
            keep.write_bytes((Path(tmp) / "server.log").read_bytes())
    finally:
        if args.database == "postgres":
            databases.drop_postgres(name)
    (RESULTS / f"crash-{args.database}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(json.dumps(result, indent=2, ensure_ascii=False))
    resumed = result["rounds_board_resumed"] == result["rounds"]
    return 1 if result["faults"] or result["unexpected"] or not resumed else 0


if __name__ == "__main__":
    sys.exit(main())
