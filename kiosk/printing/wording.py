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


def how_to_bring(kind: str, originals: int, copies: int, language: str = "vi") -> str:
    """'Nộp 1 bản chính', 'Nộp 2 bản sao có chứng thực', or for a paper only shown 'Mang bản chính
    để xuất trình (không nộp)': the kiosk's screen and the printed slip say it alike."""
    from ..i18n import text
    return text(f"detail.kind.{kind}", language, count=originals if kind == "submit_original" else copies)


def document_kind(document: dict) -> str:
    """A document's kind as the server gives it; from the counts for a copy of the catalogue
    kept from before kinds existed."""
    return document.get("kind") or ("submit_original" if document.get("originals") else
                                    "submit_copy" if document.get("copies") else "show_only")


def case_note(case: str) -> str:
    """A document's case in brackets, '(Trường hợp ủy quyền)', as the catalogue words it."""
    case = case.strip()
    return case if case.startswith("(") and case.endswith(")") else f"({case})"
