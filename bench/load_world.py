"""Two centres in one database for the load and crash benchmarks (step 13): the demo centre seeded
twice under two codes, each with its counters, one officer per counter, its own kiosk token and no
daily cap; and the production command (gunicorn, gthread) serving them in its own process group,
so that it can be killed with SIGKILL, master and workers together."""
from __future__ import annotations

import copy
import math
import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from counter_server.db import make_engine
from counter_server.models import Centre, Counter
from counter_server.seed import load_demo, seed_demo
from counter_server.services import QueueContext

GUNICORN = Path(sys.executable).parent / "gunicorn"
APP = "counter_server.app:create_app()"
PROCEDURE = "1.004873"   # a procedure of the shipped catalogue (HT): the dossiers the officers receive


@dataclass(frozen=True)
class SeededCentre:
    """What the clients of one centre need: its code, its kiosk's token, its counters (database
    ids) with the officer who works at each, and the fields its counters serve."""

    code: str
    kiosk_token: str
    counter_ids: list[int]
    officers: list[tuple[str, str]]   # (username, password), one per counter, in counter order
    fields: list[str]


def centre_data(demo: dict, index: int, counters: int) -> dict:
    """The demo's data as centre number `index` (0: the demo's own code): `counters` counters serving
    the demo counters' fields in turn, one officer each, usernames unique across centres, no daily cap."""
    data = copy.deepcopy(demo)
    suffix = f"-{index + 1}" if index else ""
    data["centre"]["code"] += suffix
    data["centre"]["name"] += f" (cơ sở {index + 1})" if index else ""
    for field in data["fields"]:
        field["daily_cap"] = None   # a cap would turn kiosks away mid-run (409), which is not what is measured
    shapes = demo["counters"]
    data["counters"] = [{"number": n, "name": f"Quầy {n}", "fields": shapes[(n - 1) % len(shapes)]["fields"]}
                        for n in range(1, counters + 1)]
    officers = [{"username": f"canbo{n}{suffix}", "full_name": f"Cán bộ quầy {n}", "role": "staff",
                 "password": f"canbo{n}-bench"} for n in range(1, counters + 1)]
    data["users"] = officers + [user | {"username": user["username"] + suffix}
                                for user in demo["users"] if user["role"] != "staff"]
    return data


def seed_centres(url: str, centres: int, counters: int) -> list[SeededCentre]:
    """`centres` centres with `counters` counters in all (shared out evenly), seeded into `url`."""
    engine = make_engine(url)
    ctx = QueueContext(sessionmaker(engine, expire_on_commit=False))
    demo, each = load_demo(), math.ceil(counters / centres)
    seeded = []
    for index in range(centres):
        data = centre_data(demo, index, each)
        report = seed_demo(ctx, data, always_open=True)
        with ctx.session_factory() as session:
            centre_id = session.scalar(select(Centre.id).where(Centre.code == report.centre_code))
            ids = list(session.scalars(select(Counter.id).where(Counter.centre_id == centre_id)
                                       .order_by(Counter.number)))
        officers = [(u["username"], u["password"]) for u in data["users"] if u["role"] == "staff"]
        fields = sorted({code for counter in data["counters"] for code in counter["fields"]})
        seeded.append(SeededCentre(report.centre_code, report.kiosk_token, ids, officers, fields))
    engine.dispose()
    return seeded


class Server:
    """gunicorn with `workers` gthread workers on 127.0.0.1:`port`, its output in `log`."""

    def __init__(self, url: str, port: int, workers: int, threads: int, workdir: Path, settings: dict | None = None):
        self.port, self.log, self.process = port, workdir / "server.log", None
        self.base = f"http://127.0.0.1:{port}"
        self.command = [str(GUNICORN), "-w", str(workers), "-k", "gthread", "--threads", str(threads),
                        "-b", f"127.0.0.1:{port}", APP]
        env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_SERVER_")}
        self.env = env | {"COUNTER_SERVER_DATABASE_URL": url, "COUNTER_SERVER_SECRET_KEY": "bench-load",
                          "COUNTER_SERVER_KIOSK_RATE_LIMIT": "100000000/minute",
                          "COUNTER_SERVER_LOGIN_RATE_LIMIT": "100000/minute",
                          "COUNTER_SERVER_SSE_MAX_PER_ADDRESS": "0",
                          "COUNTER_SERVER_AUDIO_DIR": str(workdir / "audio")} | (settings or {})
        self.workdir = workdir

    def start(self, seconds: float = 90) -> float:
        """Start the command and return once /api/v1/health answers: the seconds that took."""
        started = time.monotonic()
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(self.command, env=self.env, cwd=self.workdir, start_new_session=True,
                                            stdout=out, stderr=subprocess.STDOUT)
        while time.monotonic() - started < seconds:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server ended with code {self.process.returncode}: see {self.log}")
            try:
                urllib.request.urlopen(self.base + "/api/v1/health", timeout=1)
                return time.monotonic() - started
            except OSError:
                time.sleep(0.1)
        raise TimeoutError(f"{self.base} did not answer within {seconds} s")

    def kill(self) -> None:
        """SIGKILL to the master and every worker at once (the whole process group), as a power cut
        of the processes would; return once none of them is left."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self._wait_group_gone()

    def stop(self) -> None:
        """A graceful stop (SIGTERM to the group), SIGKILL after 30 s."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self._wait_group_gone()

    def _wait_group_gone(self, seconds: float = 10) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if not living_members(self.process.pid):
                return
            time.sleep(0.05)
        raise RuntimeError(f"processes of group {self.process.pid} outlived SIGKILL")


def living_members(group: int) -> list[int]:
    """The processes of process group `group` that still run (zombies waiting to be reaped do not)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found
