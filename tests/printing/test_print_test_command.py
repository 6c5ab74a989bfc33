"""`kiosk print-test`: what an installer sees and the exit code a script gets."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest
import zxingcpp
from PIL import Image

from kiosk.__main__ import main


def test_print_test_prints_a_sample_ticket_with_a_qr_code_to_the_virtual_printer(tmp_path, capsys):
    assert main(["print-test", "--printer", f"virtual://{tmp_path}", "--paper", "58"]) == 0
    out = capsys.readouterr().out
    assert "Status: ok" in out and "Printed the sample ticket" in out
    (saved,) = tmp_path.glob("print-test-58mm.png")
    paper = Image.open(saved)
    assert paper.width == 384
    assert [code.text for code in zxingcpp.read_barcodes(paper.convert("L"))][0].startswith("http")


def test_print_test_on_a_real_socket_sends_the_job(network_printer, capsys):
    assert main(["print-test", "--printer", network_printer.url]) == 0
    assert network_printer.wait_for_job().startswith(b"\x1b@")
    assert "576 dots, with cutter" in capsys.readouterr().out


def test_print_test_warns_when_the_paper_is_nearly_used_up(network_printer, capsys):
    network_printer.state = "paper_near_end"
    assert main(["print-test", "--printer", network_printer.url]) == 0
    assert "nearly used up" in capsys.readouterr().out


@pytest.mark.parametrize(
    "state, code, words",
    [("paper_out", 5, "is out of paper"), ("cover_open", 6, "cover is open"), ("silent", 4, "does not answer")],
)
def test_print_test_exits_non_zero_with_the_reason_in_plain_words(network_printer, capsys, state, code, words):
    network_printer.state = state
    started = time.monotonic()
    assert main(["print-test", "--printer", network_printer.url]) == code
    assert f"Cannot print: The printer {words}" in capsys.readouterr().out
    assert time.monotonic() - started < 5  # status twice, each bounded


def test_print_test_says_when_no_device_is_there(capsys):
    assert main(["print-test", "--printer", "serial:///dev/ttyUSB97"]) == 3
    out = capsys.readouterr().out
    assert "Cannot print: No printer was found there." in out
    assert "/dev/ttyUSB97" in out


def test_print_test_refuses_an_unknown_printer_model(tmp_path, capsys):
    assert main(["print-test", "--printer", f"virtual://{tmp_path}", "--model", "No-Such-Model"]) == 2
    assert "unknown printer model" in capsys.readouterr().out


def test_the_kiosk_command_runs_as_a_module():
    finished = subprocess.run(
        [sys.executable, "-m", "kiosk", "print-test", "--help"], capture_output=True, text=True, timeout=60
    )
    assert finished.returncode == 0
    assert "--printer URL" in finished.stdout and "--paper {58,80}" in finished.stdout
