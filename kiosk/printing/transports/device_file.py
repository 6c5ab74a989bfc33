"""file:///dev/usb/lp0 — a printer device file (or any file), through python-escpos' File."""
from __future__ import annotations

import logging
import os
import select
import stat
from pathlib import Path

from escpos.exceptions import DeviceNotFoundError
from escpos.printer import File

from ..status import DEVICE_ABSENT, ERROR, query
from .base import Deadline, PrinterFault, Transport

log = logging.getLogger(__name__)


class DeviceFile(Transport):
    """A printer device such as /dev/usb/lp0; a plain file just receives the bytes."""

    def __init__(self, path: str, *, status: bool = True) -> None:
        self.path = Path(path)
        self._want_status = status
        self.reports_status = False
        self._fd: int | None = None

    def describe(self) -> str:
        """file://path."""
        return f"file://{self.path}"

    def open(self, deadline: Deadline) -> None:
        """Check the device is there; a character device is also opened to read its status."""
        try:
            mode = self.path.stat().st_mode
        except FileNotFoundError:
            # Never create files under /dev: a missing device means an unplugged printer.
            under_dev = self.path.is_absolute() and self.path.parts[1:2] == ("dev",)
            if under_dev or not self.path.parent.is_dir():
                raise PrinterFault(DEVICE_ABSENT, f"{self.path} does not exist") from None
            return
        except OSError as error:
            raise PrinterFault(ERROR, f"cannot look at {self.path}: {error}") from None
        if stat.S_ISCHR(mode) and self._want_status:
            try:
                self._fd = os.open(self.path, os.O_RDWR | os.O_NONBLOCK | os.O_NOCTTY)
            except OSError as error:
                raise _fault(self.path, error) from None
            self.reports_status = True
            _drain(self._fd)

    def ask(self, n: int, deadline: Deadline) -> int | None:
        """One status byte from the device, waiting no longer than the deadline."""
        if self._fd is None or deadline.expired():
            return None
        try:
            os.write(self._fd, query(n))
            readable, _, _ = select.select([self._fd], [], [], deadline.remaining())
            reply = os.read(self._fd, 1) if readable else b""
        except OSError as error:
            log.warning("status query to %s failed: %s", self.path, error)
            return None
        return reply[0] if reply else None

    def send(self, job: bytes, name: str) -> None:
        """Write the whole job to the file."""
        printer = File(str(self.path))
        try:
            printer.open()
            printer._raw(job)  # python-escpos' write primitive, for bytes built once
        except DeviceNotFoundError as error:
            raise _fault(self.path, error.__context__ or error) from None
        except OSError as error:
            raise _fault(self.path, error) from None
        finally:
            printer.close()

    def close(self) -> None:
        """Close the status handle."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _drain(fd: int) -> None:
    # Forget answers left over from an earlier query.
    try:
        while os.read(fd, 64):
            pass
    except (BlockingIOError, OSError):
        pass


def _fault(path: Path, error: BaseException) -> PrinterFault:
    missing = isinstance(error, OSError) and error.errno in (2, 6, 19)  # ENOENT, ENXIO, ENODEV
    return PrinterFault(DEVICE_ABSENT if missing else ERROR, f"cannot write to {path}: {error}")
