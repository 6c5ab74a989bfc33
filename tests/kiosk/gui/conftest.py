"""GUI tests: a real Kivy window on a virtual X screen (Xvfb), driven in a subprocess against a
live counter server on a free port, with the virtual printer writing PNGs."""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.demo_server import start_virtual_screen

from ..conftest import KIOSK_TOKEN

REPO = Path(__file__).parents[3]


@pytest.fixture(scope="session")
def display():
    """A 1920×1080 virtual screen for the whole session."""
    xvfb, name = start_virtual_screen()
    yield name
    xvfb.terminate()
    xvfb.wait(10)


@pytest.fixture
def database_url(sqlite_url):
    """GUI tests run against SQLite only: both engines are tested below the kiosk."""
    return sqlite_url


class KioskRun:
    """Runs one scenario of tests/kiosk/gui/scenarios.py in a real window; returns what it saw."""

    def __init__(self, display: str, tmp_path: Path):
        self.display, self.tmp_path = display, tmp_path
        self.printed = tmp_path / "printed"
        self.marker = tmp_path / "marker"

    def start(self, name: str, server_url: str, printer: str | None = None, **settings) -> subprocess.Popen:
        env = {**os.environ, "DISPLAY": self.display, "KIOSK_SERVER_URL": server_url, "KIOSK_TOKEN": KIOSK_TOKEN,
               "KIOSK_PRINTER": printer or f"virtual://{self.printed}", "KIOSK_FULLSCREEN": "0",
               "KIOSK_CACHE_FILE": str(self.tmp_path / "catalogue.json"), "KIOSK_CENTRE_NAME": "Phường Thử",
               "KIOSK_TEST_RESULT": str(self.tmp_path / "result.json"), "KIOSK_TEST_MARKER": str(self.marker)}
        env.update({f"KIOSK_{key.upper()}": str(value) for key, value in settings.items()})
        self.log = open(self.tmp_path / "kiosk.log", "w")
        return subprocess.Popen([sys.executable, "-m", "tests.kiosk.gui.scenarios", name], cwd=REPO, env=env,
                                stdout=self.log, stderr=subprocess.STDOUT)

    def finish(self, process: subprocess.Popen, timeout: float = 120) -> dict:
        try:
            code = process.wait(timeout)
        finally:
            if process.poll() is None:
                process.kill()
            self.log.close()
        log = (self.tmp_path / "kiosk.log").read_text(errors="replace")
        assert code == 0, f"the kiosk scenario failed (exit {code}):\n{log[-6000:]}"
        return json.loads((self.tmp_path / "result.json").read_text(encoding="utf-8"))

    def __call__(self, name: str, server_url: str, **kwargs) -> dict:
        return self.finish(self.start(name, server_url, **kwargs))

    def wait_for_marker(self, process: subprocess.Popen, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not self.marker.exists():
            assert process.poll() is None, "the kiosk stopped before the marker"
            assert time.monotonic() < deadline, "the kiosk never reached the marker"
            time.sleep(0.1)

    def printed_pngs(self) -> list[Path]:
        return sorted(self.printed.glob("*.png")) if self.printed.exists() else []


@pytest.fixture
def kiosk(display, tmp_path):
    return KioskRun(display, tmp_path)
