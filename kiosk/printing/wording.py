"""How the ticket says things in Vietnamese, shared by the printed ticket and the screen."""
from __future__ import annotations

from datetime import datetime

TIME_FORMAT = "%d/%m/%Y %H:%M"


def people_waiting(count: int) -> str:
    """'3 người', or 'Không có ai' when nobody is ahead."""
    return "Không có ai" if count <= 0 else f"{count} người"


def expected_wait(minutes: int) -> str:
    """'khoảng 12 phút', 'khoảng 1 giờ 15 phút', or 'Sắp đến lượt' for no wait."""
    if minutes <= 0:
        return "Sắp đến lượt"
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"khoảng {rest} phút"
    return f"khoảng {hours} giờ {rest} phút" if rest else f"khoảng {hours} giờ"


def clock(moment: datetime) -> str:
    """dd/mm/yyyy hh:mm, the way times are written on Vietnamese public forms."""
    return moment.strftime(TIME_FORMAT)


def copies_needed(originals: int, copies: int) -> str:
    """'Bản chính: 1 · Bản sao: 2', leaving out what is not needed."""
    parts = []
    if originals:
        parts.append(f"Bản chính: {originals}")
    if copies:
        parts.append(f"Bản sao: {copies}")
    return " · ".join(parts) or "Xuất trình khi nộp"


def case_note(case: str) -> str:
    """A document's case in brackets, '(Trường hợp ủy quyền)', as the catalogue words it."""
    case = case.strip()
    return case if case.startswith("(") and case.endswith(")") else f"({case})"
