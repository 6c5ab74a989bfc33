"""The QR code on the citizen's chip ID card (CCCD) or the new căn cước card, as a 2D barcode
scanner set up as a keyboard types it into the intake form.

The chip CCCD's QR holds `|`-separated fields: 12-digit ID number | old 9-digit ID (may be
empty) | full name | date of birth ddmmyyyy | sex | permanent address | date of issue ddmmyyyy
(the contents as the press lists them, e.g. baobariavungtau.com.vn, 12/2022; the order as public
parsers read it). Some cards' strings leave the old ID out (six fields). The căn cước card issued
since 1/7/2024 (Circular 16/2024/TT-BCA) may hold more (a cancelled ID number, parents' names):
the first fields are read in the same order and any further ones are kept as they came. A
string that does not fit is refused in words, never half-filled."""
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from .errors import QueueError

ID_NUMBER = re.compile(r"^\d{12}$")
OLD_ID = re.compile(r"^(\d{9})?$")
SEXES = {"nam": "Nam", "nữ": "Nữ", "nu": "Nữ", "male": "Nam", "female": "Nữ"}


class UnreadableCard(QueueError):
    """The scanned text is not an ID card's QR code (or the scanner typed it wrongly)."""

    code = "unreadable_card"
    status = 422
    message = "Không đọc được mã QR trên thẻ căn cước: xin quét lại, hoặc nhập tay."


@dataclass(frozen=True)
class ScannedCard:
    id_number: str
    old_id_number: str
    name: str
    date_of_birth: date
    sex: str
    address: str
    issued_on: date | None
    extra: tuple[str, ...] = field(default=())


def read_card(text: str) -> ScannedCard:
    """The card's fields from the scanned text, or UnreadableCard saying what was wrong."""
    parts = [part.strip() for part in text.strip().split("|")]
    if len(parts) < 6 or not ID_NUMBER.match(parts[0]):
        raise UnreadableCard(reason="không phải mã QR của thẻ căn cước (thiếu số định danh 12 chữ số)")
    if not OLD_ID.match(parts[1]):   # six fields: no old ID number
        parts.insert(1, "")
    if len(parts) < 7:
        parts.append("")
    _, old_id, name, born, sex, address, issued, *extra = parts
    if not name:
        raise UnreadableCard(reason="thiếu họ tên")
    return ScannedCard(parts[0], old_id, name, _date(born, "ngày sinh"), SEXES.get(sex.lower(), sex), address,
                       _date(issued, "ngày cấp") if issued else None, tuple(extra))


def _date(text: str, what: str) -> date:
    for pattern in ("%d%m%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise UnreadableCard(reason=f"{what} «{text[:20]}» không phải ngày dạng ngàythángnăm")
