"""Browser tests: the production server command (gunicorn) on a free port with the demo centre,
and Debian's Chromium driven by Playwright (never `playwright install`)."""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from sqlalchemy.orm import sessionmaker

from counter_server.db import make_engine
from counter_server.seed import seed_demo
from counter_server.services import QueueContext

GUNICORN = Path(sys.executable).parent / "gunicorn"
CHROMIUM = "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn serving the demo centre; can be stopped and started again on the same port."""

    def __init__(self, database_url: str, tmp_path: Path):
        self.port, self.process = free_port(), None
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = os.environ | {"COUNTER_SERVER_DATABASE_URL": database_url, "COUNTER_SERVER_SECRET_KEY": "browser",
                                 "COUNTER_SERVER_AUDIO_DIR": str(tmp_path / "audio"),
                                 "COUNTER_SERVER_KIOSK_RATE_LIMIT": "100000/minute"}

    def start(self) -> None:
        self.process = subprocess.Popen(
            [str(GUNICORN), "-w", "2", "-k", "gthread", "--threads", "16", "-b", f"127.0.0.1:{self.port}",
             "counter_server.app:create_app()"], env=self.env, start_new_session=True, stderr=subprocess.DEVNULL)
        for _ in range(150):
            try:
                urllib.request.urlopen(self.base + "/api/v1/health", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start")

    def stop(self) -> None:
        """Stop at once (SIGQUIT to gunicorn's master, which tells its workers), as a restart would:
        open event streams are cut."""
        # The master only: a worker that gets a second SIGQUIT while exiting can hang.
        self.process.send_signal(signal.SIGQUIT)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            # gunicorn waits its graceful timeout (30 s) for a worker stuck in exit; a restart would not.
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def post(self, path: str, token: str, body: dict | None = None, key: str | None = None) -> dict:
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        if key:
            headers["Idempotency-Key"] = key
        request = urllib.request.Request(self.base + path, data=json.dumps(body or {}).encode(), headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read() or b"{}")

    def take(self, token: str, field: str = "HT") -> dict:
        return self.post("/api/v1/tickets", token, {"field": field}, key=os.urandom(8).hex())

    def staff_token(self, username: str = "canbo1") -> str:
        request = urllib.request.Request(
            self.base + "/api/v1/auth/token", headers={"Content-Type": "application/json"},
            data=json.dumps({"username": username, "password": f"{username}-demo"}).encode())
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())["token"]


@pytest.fixture
def server(sqlite_url, tmp_path):
    engine = make_engine(sqlite_url)
    report = seed_demo(QueueContext(sessionmaker(engine, expire_on_commit=False)), always_open=True)
    engine.dispose()
    running = Server(sqlite_url, tmp_path)
    running.kiosk_token = report.kiosk_token
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM,
                                              args=["--autoplay-policy=no-user-gesture-required"])
        yield chromium
        chromium.close()


@pytest.fixture
def pages(browser):
    """New pages in one browser context (one set of cookies); all closed after the test."""
    context = browser.new_context()

    def new_page(width: int = 1366, height: int = 768):
        page = context.new_page()
        page.set_viewport_size({"width": width, "height": height})
        return page
    yield new_page
    context.close()


def sign_in(page, base: str, username: str = "canbo1") -> None:
    """A staff member signs in through the login form."""
    page.goto(base + "/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", f"{username}-demo")
    page.click("button[type=submit]")
