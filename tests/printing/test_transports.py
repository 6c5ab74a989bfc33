"""Each printer URL reaches a real thing: a file, a tty, a socket, a folder, a spooler command."""
from __future__ import annotations

import os
import stat
import textwrap

import pytest
from PIL import Image

from kiosk.printing import print_ticket, printer_profile, printer_status, ticket_job
from kiosk.printing.transports import transport_for
from kiosk.printing.transports.cups import CupsQueue
from kiosk.printing.transports.device_file import DeviceFile
from kiosk.printing.transports.network import NetworkPrinter
from kiosk.printing.transports.serial_port import SerialPrinter
from kiosk.printing.transports.usb import UsbPrinter
from kiosk.printing.transports.virtual import VirtualPrinter

from .strict_escpos import parse, printed_picture


def test_printer_urls_name_their_transport():
    network = transport_for("tcp://192.168.1.50")
    assert isinstance(network, NetworkPrinter) and (network.host, network.port) == ("192.168.1.50", 9100)
    assert transport_for("tcp://printer.local:9101").port == 9101
    usb = transport_for("usb://04b8:0202")
    assert isinstance(usb, UsbPrinter) and (usb.vendor_id, usb.product_id) == (0x04B8, 0x0202)
    serial = transport_for("serial:///dev/ttyUSB0?baud=19200")
    assert isinstance(serial, SerialPrinter) and (serial.device, serial.baud) == ("/dev/ttyUSB0", 19200)
    assert isinstance(transport_for("file:///dev/usb/lp0"), DeviceFile)
    assert transport_for("cups://TM-T20").queue == "TM-T20"
    virtual = transport_for("virtual:///tmp/tickets?status=paper_out")
    assert isinstance(virtual, VirtualPrinter) and virtual.state == "paper_out"
    assert str(transport_for("virtual://var/tickets").folder) == "var/tickets"


@pytest.mark.parametrize("url", ["", "lpt://1", "tcp://", "usb://04b8", "usb://zz:01", "serial:///dev/x?baud=fast"])
def test_a_bad_printer_url_is_refused_with_examples(url):
    with pytest.raises(ValueError, match="bad printer URL"):
        transport_for(url)


def test_a_bad_printer_url_gives_an_error_result_not_an_exception(ticket):
    result = print_ticket("lpt://1", ticket)
    assert (result.code, result.printed) == ("error", False)
    assert "examples" in result.detail


# file://


def test_a_device_file_receives_exactly_the_job_bytes(tmp_path, ticket):
    target = tmp_path / "lp0"
    result = print_ticket(f"file://{target}", ticket)
    assert (result.code, result.printed, result.status_checked) == ("ok", True, False)
    assert target.read_bytes() == ticket_job(ticket)


@pytest.mark.parametrize("path", ["/dev/usb/lp9", "/dev/no-such-printer", "/no/such/folder/lp0"])
def test_a_missing_device_file_means_no_printer_there(tmp_path, ticket, path):
    result = print_ticket(f"file://{path}", ticket)
    assert (result.code, result.printed) == ("device_absent", False)
    assert not os.path.exists(path)


def test_a_character_device_is_asked_its_status_before_printing(serial_printer, ticket):
    assert stat.S_ISCHR(os.stat(serial_printer.path).st_mode)
    serial_printer.brain.state = "paper_out"
    result = print_ticket(f"file://{serial_printer.path}", ticket)
    assert (result.code, result.printed, result.status_checked) == ("paper_out", False, True)
    assert serial_printer.brain.queries[:2] == [1, 2]
    assert serial_printer.received(1, timeout=0.3) == b""


def test_a_ready_character_device_gets_the_job(serial_printer, ticket):
    job = ticket_job(ticket)
    result = print_ticket(f"file://{serial_printer.path}", ticket)
    assert (result.code, result.printed) == ("ok", True)
    assert serial_printer.received(len(job)) == job


# serial://


def test_a_serial_printer_is_asked_its_status_then_sent_the_job(serial_printer, ticket):
    serial_printer.brain.state = "paper_near_end"
    job = ticket_job(ticket, printer_profile(58))
    result = print_ticket(f"serial://{serial_printer.path}?baud=115200", ticket, printer_profile(58))
    assert (result.code, result.printed) == ("paper_near_end", True)
    assert serial_printer.brain.queries == [1, 4]
    assert serial_printer.received(len(job)) == job


def test_a_serial_printer_that_is_not_plugged_in_is_reported_absent(ticket):
    result = printer_status("serial:///dev/ttyUSB97?baud=19200")
    assert result.code == "device_absent"
    assert "/dev/ttyUSB97" in result.detail


# usb://


def test_a_usb_printer_that_is_not_plugged_in_is_reported_absent(ticket):
    result = print_ticket("usb://04b8:0e15", ticket)
    assert (result.code, result.printed) == ("device_absent", False)
    assert "04b8:0e15" in result.detail or "libusb" in result.detail


# cups://


@pytest.fixture
def fake_cups(tmp_path, monkeypatch):
    """`lp` and `lpstat` scripts on PATH that act as CUPS with one queue, TM-T20, and keep what lp gets."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    spool = tmp_path / "spool"
    (bin_dir / "lpstat").write_text(textwrap.dedent("""\
        #!/bin/sh
        case "$2" in
          TM-T20) echo "printer TM-T20 is idle.  enabled since Thu 26 Nov 2026 09:00:00";;
          Paused) echo "printer Paused disabled since Thu 26 Nov 2026 09:00:00 -"; echo "	paper jam";;
          *) echo "lpstat: Invalid destination name in list \\"$2\\"." >&2; exit 1;;
        esac
        """))
    (bin_dir / "lp").write_text(textwrap.dedent(f"""\
        #!/bin/sh
        echo "$@" > {spool}.args
        cat > {spool}
        echo "request id is TM-T20-7 (1 file(s))"
        """))
    for script in bin_dir.iterdir():
        script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return spool


def test_a_cups_queue_gets_the_raw_job_through_lp(fake_cups, ticket):
    result = print_ticket("cups://TM-T20", ticket)
    assert (result.code, result.printed, result.status_checked) == ("ok", True, False)
    assert fake_cups.read_bytes() == ticket_job(ticket)
    assert fake_cups.with_suffix(".args").read_text().split()[:4] == ["-d", "TM-T20", "-o", "raw"]
    assert "request id" in result.detail


def test_an_unknown_cups_queue_means_no_printer_there(fake_cups, ticket):
    assert print_ticket("cups://Nope", ticket).code == "device_absent"


def test_a_disabled_cups_queue_is_offline(fake_cups, ticket):
    assert print_ticket("cups://Paused", ticket).code == "offline"


def test_without_the_cups_client_the_printer_is_reported_absent(tmp_path, monkeypatch, ticket):
    monkeypatch.setenv("PATH", str(tmp_path))
    result = print_ticket("cups://TM-T20", ticket)
    assert result.code == "device_absent" and "cups-client" in result.detail


def test_cups_queue_names_are_kept_as_written():
    assert CupsQueue("Kiosk_58").describe() == "cups://Kiosk_58"
    assert transport_for("cups://Kiosk_58").queue == "Kiosk_58"


# virtual://


def test_the_virtual_printer_saves_the_paper_decoded_from_the_bytes(tmp_path, ticket):
    result = print_ticket(f"virtual://{tmp_path}", ticket)
    assert result.printed
    (saved,) = tmp_path.glob("*.png")
    assert saved.name == "ticket-A012-20261126-091500.png"
    paper = Image.open(saved)
    expected = printed_picture(parse(ticket_job(ticket)))
    assert paper.width == expected.width
    top = paper.crop((0, 0, expected.width, expected.height)).convert("1")
    assert top.tobytes() == expected.tobytes()
    assert paper.height > expected.height + 6 * 30  # fed six lines past the cutter, then cut


def test_the_virtual_printer_never_overwrites_an_earlier_job(tmp_path, ticket):
    print_ticket(f"virtual://{tmp_path}", ticket)
    print_ticket(f"virtual://{tmp_path}", ticket)
    assert len(list(tmp_path.glob("*.png"))) == 2


@pytest.mark.parametrize("state", ["paper_out", "cover_open", "offline", "no_answer", "device_absent", "error"])
def test_the_virtual_printer_can_act_a_fault_for_the_demo(tmp_path, ticket, state):
    result = print_ticket(f"virtual://{tmp_path}?status={state}", ticket)
    assert (result.code, result.printed) == (state, False)
    assert not list(tmp_path.glob("*.png"))
