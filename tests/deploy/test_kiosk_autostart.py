"""The kiosk PC's session script: no blanking, restart after a crash, stop when kiosk mode is left."""
import os
import subprocess
from pathlib import Path

from kiosk.config import load_config

DEPLOY = Path(__file__).parents[2] / "deploy" / "kiosk"


def run_session(tmp_path, exits: list[int]) -> tuple[list[str], str]:
    """Run kiosk-session.sh with a stand-in kiosk that exits with `exits`, one per start."""
    calls = tmp_path / "calls"
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    (fake_bin / "xset").write_text(f'#!/bin/sh\necho "xset $*" >> {calls}\n')
    codes = " ".join(str(code) for code in exits)
    (tmp_path / "kiosk").write_text(
        f'#!/bin/bash\ncodes=({codes})\nn=$(grep -c "^kiosk" {calls} 2>/dev/null || true)\n'
        f'echo "kiosk fullscreen=$KIOSK_FULLSCREEN" >> {calls}\nexit ${{codes[$n]}}\n')
    for script in (fake_bin / "xset", tmp_path / "kiosk"):
        script.chmod(0o755)
    env = {**os.environ, "PATH": f"{fake_bin}:{os.environ['PATH']}", "KIOSK_COMMAND": str(tmp_path / "kiosk"),
           "RESTART_PAUSE": "0", "KIOSK_LOG": str(tmp_path / "kiosk.log"), "HOME": str(tmp_path)}
    env.pop("KIOSK_FULLSCREEN", None)
    done = subprocess.run(["bash", str(DEPLOY / "kiosk-session.sh")], env=env, timeout=30)
    assert done.returncode == 0
    return calls.read_text().splitlines(), (tmp_path / "kiosk.log").read_text()


def test_the_session_turns_blanking_off_and_restarts_the_kiosk_after_crashes(tmp_path):
    calls, log = run_session(tmp_path, [1, 139, 0])
    assert calls[:3] == ["xset s off", "xset s noblank", "xset -dpms"]
    assert calls[3:] == ["kiosk fullscreen=1"] * 3
    assert "exit code 1" in log and "exit code 139" in log and "kiosk mode left" in log


def test_leaving_kiosk_mode_ends_the_session_without_a_restart(tmp_path):
    calls, log = run_session(tmp_path, [0])
    assert calls.count("kiosk fullscreen=1") == 1


def test_the_example_settings_file_is_valid():
    config = load_config(DEPLOY / "kiosk.toml.example", {})
    assert (config.fullscreen, config.language, config.printer) == (True, "vi", "usb://04b8:0202")
