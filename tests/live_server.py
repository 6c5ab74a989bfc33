"""Real server processes for end-to-end tests: the README's commands, started in a folder of the
test's own and stopped with their whole process group."""
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent
GUNICORN = BIN / "gunicorn"
APP = "counter_server.app:create_app()"


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base: str, seconds: float = 60, process: subprocess.Popen | None = None, log: Path | None = None) -> None:
    """Return once GET /api/v1/health answers; fail after `seconds`, or as soon as `process` ends."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            said = log.read_text(errors="replace")[-3000:] if log else ""
            raise RuntimeError(f"the server process ended with code {process.returncode}:\n{said}")
        try:
            urllib.request.urlopen(base + "/api/v1/health", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{base} did not answer within {seconds} s")


@contextmanager
def running(command: list[str], env: dict, cwd: Path, port: int, log: Path):
    """Start `command` (a server on `port`), yield its base URL, stop it and its children."""
    with open(log, "wb") as out:
        process = subprocess.Popen(command, env=env, cwd=cwd, start_new_session=True,
                                   stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process=process, log=log)
        yield base
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    """End `process` and every process it started (it leads its own session)."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def gunicorn_command(port: int, workers: int = 1, threads: int = 16) -> list[str]:
    """The README's production command, on a port of the test's."""
    return [str(GUNICORN), "-w", str(workers), "-k", "gthread", "--threads", str(threads),
            "-b", f"127.0.0.1:{port}", APP]


def login(base: str, username: str, password: str) -> str:
    """A staff API token for `username`."""
    response = httpx.post(base + "/api/v1/auth/token", json={"username": username, "password": password})
    response.raise_for_status()
    return response.json()["token"]


def demo_tokens(base: str, kiosk_token: str) -> dict[str, str]:
    """A bearer token for every role of the demo centre, and a rating tablet paired to counter 1."""
    admin = login(base, "quantri", "quantri-demo")
    headers = {"Authorization": f"Bearer {admin}"}
    counters = httpx.get(base + "/api/v1/counters", headers=headers).json()["items"]
    counter = next(c["id"] for c in counters if c["number"] == 1)
    link = httpx.post(base + "/api/v1/rating-devices", headers=headers,
                      json={"counter": counter, "name": "Máy đánh giá thử"}).json()["link"]
    return {"kiosk": kiosk_token, "staff": login(base, "canbo1", "canbo1-demo"),
            "manager": login(base, "lanhdao", "lanhdao-demo"), "admin": admin,
            "rating": link.rsplit("/", 1)[1]}
