"""Printer states, what they mean for a citizen, and how to read them from DLE EOT answers."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

log = logging.getLogger(__name__)

OK = "ok"
PAPER_NEAR_END = "paper_near_end"
PAPER_OUT = "paper_out"
COVER_OPEN = "cover_open"
OFFLINE = "offline"
NO_ANSWER = "no_answer"
DEVICE_ABSENT = "device_absent"
ERROR = "error"

# What the printer's state is, in Vietnamese then English.
STATE_TEXT = {
    OK: ("Máy in sẵn sàng.", "The printer is ready."),
    PAPER_NEAR_END: ("Máy in sắp hết giấy.", "The paper roll is nearly used up."),
    PAPER_OUT: ("Máy in đã hết giấy.", "The printer is out of paper."),
    COVER_OPEN: ("Nắp máy in đang mở.", "The printer cover is open."),
    OFFLINE: ("Máy in đang tạm ngừng.", "The printer is offline."),
    NO_ANSWER: ("Máy in không phản hồi.", "The printer does not answer."),
    DEVICE_ABSENT: ("Không tìm thấy máy in.", "No printer was found there."),
    ERROR: ("Máy in đang bị lỗi.", "The printer has a fault."),
}
CAN_PRINT = {OK, PAPER_NEAR_END}

TICKET_PRINTED = ("Đã in xong. Mời ông/bà nhận phiếu.", "Printed. Please take your ticket.")
TICKET_KEPT = (
    "Số thứ tự của ông/bà vẫn được giữ và đang hiện trên màn hình. "
    "Xin báo cán bộ hoặc bấm «In lại».",
    "Your number is still valid and shown on the screen. "
    "Please tell a member of staff or press “Print again”.",
)


@dataclass(frozen=True)
class PrintResult:
    """The outcome of a print or a status check: a machine code and words for people."""

    code: str
    printed: bool
    message_vi: str
    message_en: str
    detail: str = ""
    status_checked: bool = True

    @property
    def ok(self) -> bool:
        """True when the paper came out (even if the roll is nearly used up)."""
        return self.printed

    @property
    def needs_staff(self) -> bool:
        """True when someone should look at the printer."""
        return self.code != OK


def status_result(code: str, detail: str = "", checked: bool = True) -> PrintResult:
    """The result of a status check: the printer's state in words."""
    vi, en = STATE_TEXT[code]
    return PrintResult(code, False, vi, en, detail, checked)


def print_result(
    code: str,
    detail: str = "",
    checked: bool = True,
    *,
    done: tuple[str, str] = TICKET_PRINTED,
    kept: tuple[str, str] = TICKET_KEPT,
) -> PrintResult:
    """The result of a print: what came out, or what went wrong and that nothing is lost."""
    if code in CAN_PRINT:
        return PrintResult(code, True, done[0], done[1], detail, checked)
    vi, en = STATE_TEXT[code]
    return PrintResult(code, False, f"{vi} {kept[0]}", f"{en} {kept[1]}", detail, checked)


# DLE EOT n, Epson's real-time status: one byte back, bits 1 and 4 always set.
ONLINE_STATUS, OFFLINE_CAUSE, PAPER_SENSOR = 1, 2, 4
OFFLINE_BIT = 0x08
COVER_OPEN_BIT, STOPPED_FOR_PAPER_BIT, ERROR_BIT = 0x04, 0x20, 0x40
PAPER_NEAR_END_BITS, PAPER_END_BITS = 0x0C, 0x60

Ask = Callable[[int], "int | None"]


def query(n: int) -> bytes:
    """The DLE EOT n real-time status request."""
    return bytes((0x10, 0x04, n))


def read_status(ask: Ask) -> str:
    """Ask the printer DLE EOT 1, 2 and 4 through `ask` (None = no answer) and name its state."""
    printer = ask(ONLINE_STATUS)
    if printer is None:
        return NO_ANSWER
    if printer & OFFLINE_BIT:
        cause = ask(OFFLINE_CAUSE)
        log.debug("printer offline, status %#04x cause %s", printer, cause)
        if cause is None:
            return OFFLINE
        if cause & COVER_OPEN_BIT:
            return COVER_OPEN
        if cause & STOPPED_FOR_PAPER_BIT:
            return PAPER_OUT
        return ERROR if cause & ERROR_BIT else OFFLINE
    paper = ask(PAPER_SENSOR)
    if paper is None:  # some printers only answer DLE EOT 1
        return OK
    if paper & PAPER_END_BITS:
        return PAPER_OUT
    return PAPER_NEAR_END if paper & PAPER_NEAR_END_BITS else OK
