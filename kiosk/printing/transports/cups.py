"""cups://QUEUE — a CUPS queue, by running `lp -d QUEUE -o raw` (Debian package cups-client)."""
from __future__ import annotations

import logging
import subprocess

from ..status import DEVICE_ABSENT, ERROR, NO_ANSWER, OFFLINE
from .base import Deadline, PrinterFault, Transport

log = logging.getLogger(__name__)
NO_CUPS = "the CUPS client is missing: install the cups-client package (Debian)"


class CupsQueue(Transport):
    """A printer behind the CUPS spooler: the queue's state is known, not the paper's or the cover's."""

    reports_status = False

    def __init__(self, queue: str, *, send_timeout: float = 15.0) -> None:
        self.queue = queue
        self.send_timeout = send_timeout

    def describe(self) -> str:
        """cups://queue."""
        return f"cups://{self.queue}"

    def open(self, deadline: Deadline) -> None:
        """Ask `lpstat -p QUEUE` whether the queue exists and is enabled."""
        answer = _run(["lpstat", "-p", self.queue], timeout=max(deadline.remaining(), 0.1))
        words = (answer.stdout + answer.stderr).lower()
        if answer.returncode != 0:
            if "invalid destination" in words or "does not exist" in words or "unknown" in words:
                raise PrinterFault(DEVICE_ABSENT, f"CUPS has no queue {self.queue!r}")
            raise PrinterFault(ERROR, f"lpstat failed: {answer.stderr.strip() or answer.returncode}")
        if "disabled" in words:
            raise PrinterFault(OFFLINE, f"CUPS queue {self.queue!r} is disabled: {answer.stdout.strip()}")

    def send(self, job: bytes, name: str) -> str:
        """Hand the raw bytes to `lp`, which spools them unchanged."""
        answer = _run(["lp", "-d", self.queue, "-o", "raw", "-t", name], timeout=self.send_timeout, job=job)
        if answer.returncode != 0:
            raise PrinterFault(ERROR, f"lp refused the job: {answer.stderr.strip() or answer.returncode}")
        log.info("spooled %s on %s: %s", name, self.queue, answer.stdout.strip())
        return answer.stdout.strip()


def _run(command: list[str], *, timeout: float, job: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        finished = subprocess.run(command, input=job, capture_output=True, timeout=timeout)
    except FileNotFoundError:
        raise PrinterFault(DEVICE_ABSENT, NO_CUPS) from None
    except subprocess.TimeoutExpired:
        raise PrinterFault(NO_ANSWER, f"`{command[0]}` did not finish within {timeout:.1f} s") from None
    return subprocess.CompletedProcess(
        finished.args,
        finished.returncode,
        finished.stdout.decode("utf-8", "replace"),
        finished.stderr.decode("utf-8", "replace"),
    )
