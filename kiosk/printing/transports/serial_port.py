"""serial:///dev/ttyUSB0?baud=19200 — a serial printer, through python-escpos' Serial (pyserial)."""
from __future__ import annotations

import logging

import serial
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import Serial

from ..status import DEVICE_ABSENT, NO_ANSWER, query
from .base import Deadline, PrinterFault, Transport

log = logging.getLogger(__name__)
DEFAULT_BAUD = 9600
FLOW_CONTROL = {"none": {}, "dsrdtr": {"dsrdtr": True}, "xonxoff": {"xonxoff": True}}


class SerialPrinter(Transport):
    """A printer on a serial line (RS-232 or a USB-serial adapter)."""

    def __init__(self, device: str, baud: int = DEFAULT_BAUD, *, flow: str = "none", status: bool = True) -> None:
        if flow not in FLOW_CONTROL:
            raise ValueError(f"flow must be one of {sorted(FLOW_CONTROL)}, not {flow!r}")
        self.device = device
        self.baud = baud
        self.flow = flow
        self.reports_status = status
        self._printer: Serial | None = None

    def describe(self) -> str:
        """serial://device?baud=N."""
        return f"serial://{self.device}?baud={self.baud}"

    def open(self, deadline: Deadline) -> None:
        """Open the port; a missing device means no printer is plugged in."""
        options = {"dsrdtr": False, **FLOW_CONTROL[self.flow]}
        printer = Serial(self.device, self.baud, timeout=max(deadline.remaining(), 0.05), **options)
        try:
            printer.open()
        except DeviceNotFoundError as error:
            raise PrinterFault(DEVICE_ABSENT, f"cannot open {self.device}: {error.__context__ or error}") from None
        printer.device.reset_input_buffer()
        self._printer = printer

    def ask(self, n: int, deadline: Deadline) -> int | None:
        """One status byte, waiting no longer than the deadline."""
        if self._printer is None or deadline.expired():
            return None
        port = self._printer.device
        port.timeout = deadline.remaining()
        try:
            port.write(query(n))
            reply = port.read(1)
        except OSError as error:  # pyserial's SerialException is one
            log.warning("status query to %s failed: %s", self.describe(), error)
            return None
        return reply[0] if reply else None

    def send(self, job: bytes, name: str) -> None:
        """Write the job; allow the time the baud rate needs (10 bits a byte) plus 5 s."""
        assert self._printer is not None, "open() first"
        port = self._printer.device
        port.write_timeout = len(job) * 10 / self.baud + 5
        try:
            self._printer._raw(job)  # python-escpos' write primitive, for bytes built once
            port.flush()
        except serial.SerialTimeoutException:
            raise PrinterFault(NO_ANSWER, f"{self.describe()} stopped taking data") from None
        except OSError as error:  # pyserial's SerialException is one; an unplugged adapter gives EIO
            raise PrinterFault(DEVICE_ABSENT, f"{self.describe()} went away: {error}") from None

    def close(self) -> None:
        """Close the port."""
        if self._printer is not None:
            self._printer.close()
            self._printer = None
