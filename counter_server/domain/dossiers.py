"""A dossier (hồ sơ) received at the counter: its code, its applicant and the checklist of the
documents handed in. Plain rules; the service stores them (services/dossiers.py).

The code: `{agency}-{yymmdd}-{seq:04d}` by default. Circular 01/2018/TT-VPCP, art. 19, sets the
structure V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX: the unit's code under Circular 10/2016/TT-BTTTT, the
day of receipt, and a 4-digit sequence restarting each day (as quoted by seongay.com, "Mã tự tăng
của hồ sơ là gì"). Whether Circular 03/2025/TT-VPCP changed it could not be checked: its text is
in none of the sources at hand. Each centre therefore sets its own agency code
(centres.agency_code, e.g. 000.00.15.H12) and may change the format (centres.dossier_code_format)."""
import re
import string
from dataclasses import dataclass
from datetime import date

from .errors import NotFound, QueueError

DEFAULT_CODE_FORMAT = "{agency}-{yymmdd}-{seq:04d}"
CODE_FIELDS = {"agency", "yymmdd", "yyyymmdd", "seq"}
RECEIVED = "received"
ID_NUMBER = re.compile(r"^[0-9]{12}$")
PHONE = re.compile(r"^(?:\+84|0)[0-9]{9,10}$")
# The same rules as the API's schema states them (separators allowed, as people write numbers).
PHONE_AS_TYPED = r"^(?:\+84|0)(?:[ .\-]?[0-9]){9,10}$"
EMAIL = re.compile(r"^[^@ \t\r\n]+@[^@ \t\r\n]+\.[^@ \t\r\n]+$")
SPACES = re.compile(r"[ \t\r\n]+")


class InvalidDossier(QueueError):
    """Something in the intake form is wrong: `details` names each field and says why."""

    code = "invalid_dossier"
    status = 422
    message = "Thông tin hồ sơ chưa đúng, xin sửa các mục được chỉ ra."


class DossierRefused(QueueError):
    """The intake is well formed but cannot be taken as it is: the ticket is not the one being
    served today, or the appointment is earlier than the procedure allows, or later without a reason."""

    code = "dossier_refused"
    message = "Chưa tiếp nhận được hồ sơ, xin xem mục được chỉ ra."


class UnknownDossier(NotFound):
    code = "unknown_dossier"
    message = "Không tìm thấy hồ sơ."


def format_problem(fmt: str) -> str | None:
    """Why `fmt` cannot number dossiers, or None."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(fmt) if name is not None}
    except ValueError as error:
        return f"mẫu mã hồ sơ sai cú pháp: {error}"
    if not names <= CODE_FIELDS:
        return "mẫu mã hồ sơ chỉ dùng {agency}, {yymmdd}, {yyyymmdd}, {seq}"
    if "seq" not in names:
        return "mẫu mã hồ sơ phải có số thứ tự {seq}"
    return None


def dossier_code(fmt: str, agency: str, day: date, sequence: int) -> str:
    """The code of the day's `sequence`-th dossier: "000.00.01.H12-260213-0007"."""
    return fmt.format(agency=agency, yymmdd=day.strftime("%y%m%d"), yyyymmdd=day.strftime("%Y%m%d"), seq=sequence)


@dataclass(frozen=True)
class Applicant:
    """Who hands the dossier in (personal data: shown only to the centre's own staff)."""

    name: str
    id_number: str
    phone: str
    date_of_birth: date | None = None
    address: str = ""
    email: str = ""
    organisation: str = ""

    @property
    def phone_last4(self) -> str:
        return self.phone[-4:]


def check_applicant(applicant: Applicant) -> Applicant:
    """The applicant with spaces tidied, or InvalidDossier naming each wrong field in words."""
    tidy = Applicant(name=SPACES.sub(" ", applicant.name).strip(" "), id_number=applicant.id_number.strip(),
                     phone=re.sub(r"[\s.\-()]", "", applicant.phone), date_of_birth=applicant.date_of_birth,
                     address=applicant.address.strip(), email=applicant.email.strip(" \t\r\n"),
                     organisation=applicant.organisation.strip())
    problems = {}
    if not tidy.name:
        problems["applicant.name"] = "Chưa có họ tên."
    if not ID_NUMBER.match(tidy.id_number):
        problems["applicant.id_number"] = "Số định danh cá nhân (CCCD) gồm đúng 12 chữ số."
    if not PHONE.match(tidy.phone):
        problems["applicant.phone"] = "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84)."
    if tidy.email and not EMAIL.match(tidy.email):
        problems["applicant.email"] = "Địa chỉ thư điện tử chưa đúng."
    if problems:
        raise InvalidDossier(**problems)
    return tidy


def checklist(documents: list[dict], received: list[dict] | None) -> list[dict]:
    """The procedure's documents (catalogue) with what was handed in. `received` names documents
    with "received" true or false and, optionally, how many originals and copies came; a name
    the catalogue does not list is kept as an extra document. None: nothing ticked yet."""
    given = {item["name"]: item for item in received or []}
    items = [{"name": doc["name"], "kind": doc.get("kind"), "originals": doc.get("originals", 0),
              "copies": doc.get("copies", 0), "case": doc.get("case"),
              "received": bool(given.pop(doc["name"], {}).get("received", False))}
             for doc in documents]
    extra = [{"name": name, "originals": item.get("originals", 0), "copies": item.get("copies", 0), "case": None,
              "received": bool(item.get("received", True))} for name, item in given.items()]
    return items + extra
