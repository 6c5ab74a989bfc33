"""The default configuration is a tested configuration: the server started exactly as the
README says, with no setting overridden, walks the main path. Every path it writes is resolved
at start-up, so nothing lands in (or is looked for in) the package folder."""
import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.e2e import walk
from tests.live_server import BIN, free_port, gunicorn_command, running, stop, wait_until_up

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "counter_server"


def plain_environment(**settings) -> dict:
    """This process's environment without any COUNTER_SERVER_ or KIOSK_ setting, plus `settings`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COUNTER_SERVER_", "KIOSK_"))}
    env.pop("DISPLAY", None)
    return env | settings


def walk_the_main_path(base: str, kiosk_token: str, officer=("canbo1", "canbo1-demo"),
                       manager=("lanhdao", "lanhdao-demo")) -> None:
    """Issue → call → the dossier received, followed and returned → the board hears the call and
    plays it → reports (with the on-time figures) → tracking page."""
    ticket = walk.issue(base, kiosk_token)
    walk.call_until(base, *officer, ticket["number"])
    walk.officer_receives_and_returns(base, *officer, ticket)
    assert walk.board_hears(base, ticket["number"])["counter"] == 1
    sound = walk.board_plays(base, ticket["number"], 1)
    assert sound.headers["X-Voice"] == "vi", "the call is the chime alone: espeak-ng missing?"
    reports = walk.manager_opens_reports(base, *manager)
    assert "Báo cáo" in reports and "Trả kết quả hồ sơ đúng hạn" in reports
    assert ticket["number"] in walk.citizen_tracks(ticket["track_url"])


@pytest.mark.slow
def test_the_readme_production_command_walks_the_main_path(database_url, tmp_path):
    env = plain_environment(COUNTER_SERVER_SECRET_KEY="e2e-production",
                            COUNTER_SERVER_DATABASE_URL=database_url)
    subprocess.run([str(BIN / "counter-server"), "init-db"], env=env, cwd=ROOT, check=True, capture_output=True)
    seeded = subprocess.run([str(BIN / "counter-server"), "seed-demo", "--always-open"], env=env, cwd=ROOT,
                            check=True, capture_output=True, text=True).stdout
    before = set(PACKAGE.rglob("*.wav"))
    port = free_port()
    command = gunicorn_command(port, workers=4, threads=16)   # -w 4 -k gthread --threads 16, from the root
    with running(command, env, ROOT, port, tmp_path / "server.log") as base:
        walk_the_main_path(base, seeded.strip().splitlines()[-1])
    assert set(PACKAGE.rglob("*.wav")) == before, "announcements written into the package folder"
    assert list((ROOT / "var" / "announcements").glob("call-*.wav"))


def wait_for(condition, seconds: float):
    """`condition()` once it is true, or None after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := condition():
            return found
        time.sleep(0.5)
    return None


@pytest.mark.slow
def test_make_demo_walks_the_main_path_and_speaks_the_call():
    """`make demo` from the project root, as the README says (its var/ is the demo's own)."""
    port = free_port()
    env = plain_environment(PORT=str(port), HOST="127.0.0.1")
    log = ROOT / "var" / f"demo-test-{port}.log"
    log.parent.mkdir(exist_ok=True)
    with open(log, "wb") as out:
        demo = subprocess.Popen(["make", "demo"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    printed = ROOT / "var" / "printed"
    before = set(printed.glob("*.png"))
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base, seconds=600, process=demo, log=log)   # a first demo seeds sixty days first
        kiosk_token = wait_for(lambda: next((line for line in log.read_text().splitlines()
                                             if line.startswith("kt_")), None), seconds=30)
        walk_the_main_path(base, kiosk_token)
        assert list((ROOT / "var" / "announcements").glob("call-*.wav"))
        # The kiosk window came up beside the server and printed its tour's ticket.
        assert wait_for(lambda: set(printed.glob("*.png")) - before, seconds=300), "the kiosk printed no ticket"
    finally:
        stop(demo)
    log.unlink()
