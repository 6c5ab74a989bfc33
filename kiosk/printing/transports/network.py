"""tcp://HOST:PORT — a LAN printer on its raw port (9100), through python-escpos' Network."""
from __future__ import annotations

import logging
import socket

from escpos.printer import Network

from ..status import DEVICE_ABSENT, NO_ANSWER, query
from .base import Deadline, PrinterFault, Transport

log = logging.getLogger(__name__)
DEFAULT_PORT = 9100


class NetworkPrinter(Transport):
    """A printer listening on a TCP port."""

    def __init__(self, host: str, port: int = DEFAULT_PORT, *, status: bool = True, send_timeout: float = 15.0) -> None:
        self.host = host
        self.port = port
        self.reports_status = status
        self.send_timeout = send_timeout
        self._printer: Network | None = None

    def describe(self) -> str:
        """host:port."""
        return f"tcp://{self.host}:{self.port}"

    def open(self, deadline: Deadline) -> None:
        """Connect within the deadline; refused or unreachable means no printer there."""
        # Connected here rather than by Network.open(), which leaves the socket
        # of a failed attempt unclosed and hides why it failed.
        try:
            sock = socket.create_connection((self.host, self.port), timeout=max(deadline.remaining(), 0.05))
        except TimeoutError:
            raise PrinterFault(NO_ANSWER, f"{self.describe()} did not accept a connection in time") from None
        except OSError as error:
            raise PrinterFault(DEVICE_ABSENT, f"cannot connect to {self.describe()}: {error}") from None
        self._printer = Network(self.host, self.port)
        self._printer.device = sock

    def ask(self, n: int, deadline: Deadline) -> int | None:
        """One status byte, waiting no longer than the deadline."""
        if self._printer is None or deadline.expired():
            return None
        sock = self._printer.device
        sock.settimeout(deadline.remaining())
        try:
            sock.sendall(query(n))
            reply = sock.recv(1)
        except TimeoutError:
            return None
        except OSError as error:
            log.warning("status query to %s failed: %s", self.describe(), error)
            return None
        return reply[0] if reply else None

    def send(self, job: bytes, name: str) -> None:
        """Write the job to the socket; a printer that stops reading is 'no answer'."""
        assert self._printer is not None, "open() first"
        self._printer.device.settimeout(self.send_timeout)
        try:
            self._printer._raw(job)  # python-escpos' write primitive, for bytes built once
        except TimeoutError:
            raise PrinterFault(NO_ANSWER, f"{self.describe()} stopped taking data") from None
        except OSError as error:
            raise PrinterFault(DEVICE_ABSENT, f"connection to {self.describe()} lost: {error}") from None

    def close(self) -> None:
        """Close the connection (the printer then prints what it received)."""
        if self._printer is not None:
            self._printer.close()
            self._printer = None
