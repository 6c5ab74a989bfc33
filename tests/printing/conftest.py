"""Fixtures for the printing tests: sample data, profiles and fake printers."""
from __future__ import annotations


import pytest

from counter_server.seed import load_demo_with_catalogue

from kiosk.printing import printer_profile
from kiosk.printing.samples import sample_slip, sample_ticket

from .fake_epson import FakeNetworkPrinter, FakeSerialPrinter


@pytest.fixture
def ticket():
    """A full ticket: procedure, priority, people waiting."""
    return sample_ticket()


@pytest.fixture
def slip():
    """The birth registration requirements slip."""
    return sample_slip()


@pytest.fixture(params=[80, 58], ids=["80mm", "58mm"])
def profile(request):
    """Each paper width with its default printer model."""
    return printer_profile(request.param)


@pytest.fixture
def network_printer():
    """An Epson-like printer on 127.0.0.1 at a free port; set .state to change what it answers."""
    printer = FakeNetworkPrinter()
    yield printer
    printer.close()


@pytest.fixture
def serial_printer():
    """An Epson-like printer at the far end of a pseudo-terminal (a real tty path)."""
    printer = FakeSerialPrinter()
    yield printer
    printer.close()


@pytest.fixture(scope="session")
def demo_centre():
    """The shipped demo centre (assets/demo/centre.json) with the shipped catalogue's procedures."""
    return load_demo_with_catalogue()
