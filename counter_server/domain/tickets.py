"""Ticket states and the moves allowed between them (trạng thái số thứ tự)."""
from enum import StrEnum

from .errors import InvalidTransition


class Status(StrEnum):
    """Where a ticket is in its day."""

    WAITING = "waiting"      # đang chờ
    CALLED = "called"        # đã gọi, công dân đang đến quầy
    SERVING = "serving"      # đang phục vụ
    COMPLETED = "completed"  # đã xong
    NO_SHOW = "no_show"      # gọi không có mặt (có thể xếp lại hàng)
    CANCELLED = "cancelled"  # đã hủy
    EXPIRED = "expired"      # hết ngày vẫn chưa được phục vụ


ACTIVE_AT_COUNTER = (Status.CALLED, Status.SERVING)
OPEN = (Status.WAITING, Status.CALLED, Status.SERVING, Status.NO_SHOW)

# action -> the states it may start from, and the state it leads to
TRANSITIONS: dict[str, tuple[tuple[Status, ...], Status]] = {
    "call": ((Status.WAITING, Status.NO_SHOW), Status.CALLED),
    "recall": ((Status.CALLED,), Status.CALLED),
    "start": ((Status.CALLED,), Status.SERVING),
    "complete": ((Status.CALLED, Status.SERVING), Status.COMPLETED),
    "skip": ((Status.CALLED,), Status.NO_SHOW),
    "requeue": ((Status.NO_SHOW,), Status.WAITING),
    "transfer": ((Status.WAITING, Status.CALLED, Status.SERVING, Status.NO_SHOW), Status.WAITING),
    "cancel": ((Status.WAITING, Status.CALLED, Status.NO_SHOW), Status.CANCELLED),
    "expire": (OPEN, Status.EXPIRED),
}


def next_status(action: str, current: str) -> Status:
    """The state a ticket in `current` reaches by `action`, or InvalidTransition."""
    allowed, target = TRANSITIONS[action]
    if Status(current) not in allowed:
        raise InvalidTransition(status=current, action=action)
    return target


def format_number(prefix: str, sequence: int, width: int = 3) -> str:
    """The printed ticket number: prefix plus zero-padded daily sequence (A001)."""
    return f"{prefix}{sequence:0{width}d}"


def spoken_number(number: str) -> str:
    """The number as it is announced, digits read one by one: 'A012' -> 'A 0 1 2'."""
    return " ".join(number)
