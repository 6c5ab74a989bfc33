"""What every way of reaching a printer offers, and the faults it reports."""
from __future__ import annotations

import re
import time


class PrinterFault(Exception):
    """A printer could not be reached or refused the job; code is a status code."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


class Deadline:
    """A time limit shared by every step of talking to a printer."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def remaining(self) -> float:
        """Seconds left, never below zero."""
        return max(0.0, self._end - time.monotonic())

    def expired(self) -> bool:
        """True once the time is up."""
        return self.remaining() <= 0


class Transport:
    """A printer reached one way: open it, ask for its status, send a job, close it."""

    reports_status = True

    def open(self, deadline: Deadline) -> None:
        """Reach the printer within the deadline, or raise PrinterFault."""

    def ask(self, n: int, deadline: Deadline) -> int | None:
        """Send DLE EOT n and return the status byte, or None if none came in time."""
        return None

    def send(self, job: bytes, name: str) -> str | None:
        """Deliver a whole print job, or raise PrinterFault; may return a note for the result."""
        raise NotImplementedError

    def close(self) -> None:
        """Let go of the printer; safe to call twice."""

    def describe(self) -> str:
        """Where the printer is, in words for logs."""
        return type(self).__name__


def job_file_name(name: str) -> str:
    """A job name made safe to use as a file name."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "job"
