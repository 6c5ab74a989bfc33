"""virtual:///FOLDER — no hardware: each job is decoded from its bytes and saved as a PNG."""
from __future__ import annotations

import logging
from pathlib import Path

from ..decoder import DecodeError, decode
from ..status import (
    COVER_OPEN,
    DEVICE_ABSENT,
    ERROR,
    NO_ANSWER,
    OFFLINE,
    OK,
    PAPER_NEAR_END,
    PAPER_OUT,
)
from .base import Deadline, PrinterFault, Transport, job_file_name

log = logging.getLogger(__name__)

# What an Epson printer answers to DLE EOT 1, 2 and 4 in each state, so a
# virtual printer set to a fault goes through the same status reading as a real one.
EPSON_ANSWERS = {
    OK: {1: 0x12, 2: 0x12, 4: 0x12},
    PAPER_NEAR_END: {1: 0x12, 2: 0x12, 4: 0x1E},
    PAPER_OUT: {1: 0x1A, 2: 0x32, 4: 0x7E},
    COVER_OPEN: {1: 0x1A, 2: 0x16, 4: 0x12},
    OFFLINE: {1: 0x1A, 2: 0x12, 4: 0x12},
    ERROR: {1: 0x1A, 2: 0x52, 4: 0x12},
    NO_ANSWER: {},
}
STATES = sorted([*EPSON_ANSWERS, DEVICE_ABSENT])


class VirtualPrinter(Transport):
    """Writes each job as FOLDER/NAME.png; `?status=paper_out` and the like make it act a fault."""

    def __init__(self, folder: str, *, state: str = OK) -> None:
        if state not in STATES:
            raise ValueError(f"virtual printer status must be one of {STATES}, not {state!r}")
        self.folder = Path(folder)
        self.state = state
        self.last_picture: Path | None = None

    def describe(self) -> str:
        """virtual://folder."""
        return f"virtual://{self.folder}"

    def open(self, deadline: Deadline) -> None:
        """Make the folder if needed."""
        if self.state == DEVICE_ABSENT:
            raise PrinterFault(DEVICE_ABSENT, "virtual printer set to act absent")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise PrinterFault(DEVICE_ABSENT, f"cannot use folder {self.folder}: {error}") from None

    def ask(self, n: int, deadline: Deadline) -> int | None:
        """The Epson answer for the state it acts."""
        return EPSON_ANSWERS[self.state].get(n)

    def send(self, job: bytes, name: str) -> str:
        """Decode the bytes and save the paper they print as a PNG (never overwriting)."""
        try:
            picture = decode(job).picture()
        except DecodeError as error:
            raise PrinterFault(ERROR, f"virtual printer cannot read the job: {error}") from None
        stem = job_file_name(name)
        path = self.folder / f"{stem}.png"
        count = 1
        while path.exists():
            count += 1
            path = self.folder / f"{stem}-{count}.png"
        picture.save(path, optimize=True)
        self.last_picture = path
        log.info("virtual printer saved %s", path)
        return f"saved {path}"
