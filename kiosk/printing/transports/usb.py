"""usb://VID:PID — a USB printer, through python-escpos' Usb (pyusb and libusb)."""
from __future__ import annotations

import logging

import usb.core
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import Usb

from ..status import DEVICE_ABSENT, NO_ANSWER, query
from .base import Deadline, PrinterFault, Transport

log = logging.getLogger(__name__)
NO_LIBUSB = "USB support is missing: install the libusb-1.0-0 package (Debian)"


class UsbPrinter(Transport):
    """A printer found on the USB bus by vendor and product id."""

    def __init__(
        self,
        vendor_id: int,
        product_id: int,
        *,
        in_ep: int = 0x82,
        out_ep: int = 0x01,
        status: bool = True,
        send_timeout: float = 15.0,
    ) -> None:
        self.vendor_id = vendor_id
        self.product_id = product_id
        self.in_ep = in_ep
        self.out_ep = out_ep
        self.reports_status = status
        self.send_timeout = send_timeout
        self._printer: Usb | None = None

    def describe(self) -> str:
        """usb://vvvv:pppp."""
        return f"usb://{self.vendor_id:04x}:{self.product_id:04x}"

    def open(self, deadline: Deadline) -> None:
        """Find and claim the device; not plugged in, or no libusb, means 'device absent'."""
        printer = Usb(
            self.vendor_id,
            self.product_id,
            timeout=int(self.send_timeout * 1000),
            in_ep=self.in_ep,
            out_ep=self.out_ep,
        )
        try:
            printer.open()
        except DeviceNotFoundError as error:
            raise PrinterFault(DEVICE_ABSENT, f"no USB printer {self.describe()}: {error}") from None
        except ValueError as error:  # pyusb's NoBackendError: libusb itself is not installed
            raise PrinterFault(DEVICE_ABSENT, f"{NO_LIBUSB} ({error})") from None
        self._printer = printer

    def ask(self, n: int, deadline: Deadline) -> int | None:
        """One status byte from the IN endpoint, waiting no longer than the deadline."""
        if self._printer is None or deadline.expired():
            return None
        device = self._printer.device
        milliseconds = max(1, int(deadline.remaining() * 1000))
        try:
            device.write(self.out_ep, query(n), milliseconds)
            reply = device.read(self.in_ep, 16, max(1, int(deadline.remaining() * 1000)))
        except usb.core.USBError as error:  # USBTimeoutError is one
            log.debug("USB status query to %s: %s", self.describe(), error)
            return None
        return reply[0] if len(reply) else None

    def send(self, job: bytes, name: str) -> None:
        """Write the job to the OUT endpoint."""
        assert self._printer is not None, "open() first"
        try:
            self._printer._raw(job)  # python-escpos' write primitive, for bytes built once
        except usb.core.USBTimeoutError:
            raise PrinterFault(NO_ANSWER, f"{self.describe()} stopped taking data") from None
        except usb.core.USBError as error:
            raise PrinterFault(DEVICE_ABSENT, f"{self.describe()} went away: {error}") from None

    def close(self) -> None:
        """Release the USB interface."""
        if self._printer is not None:
            self._printer.close()
            self._printer = None
