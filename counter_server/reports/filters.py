"""What a report covers: a range of service days (the centre's local days) and, optionally, one
field, counter, officer or kind of priority; and the days people type into its forms."""
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..domain.errors import InvalidReportRange

GROUPS = ("day", "hour", "field", "counter", "officer")
ON_TIME_GROUPS = ("field", "procedure", "officer", "month")   # the dossiers' on-time figures
LOG_FILE_DAYS = 31                 # the log downloads a month at most per file
MAX_DAYS = 367                     # a report covers at most a year (a leap year and a day)
DEFAULT_DAYS = 30                  # the range when none is given
PRIORITY_CHOICES = ("yes", "no")   # or a priority category's code
# 26/11/2026 as typed (also 26-11-2026, 26.11.2026, 6/1/2026 and 26112026, what a phone's number pad
# allows), or 2026-11-26 as the page's own links and older bookmarks write it.
TYPED_DAY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})|(\d{2})(\d{2})(\d{4})", re.ASCII)
ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)


@dataclass(frozen=True)
class ReportFilter:
    date_from: date
    date_to: date
    field: str | None = None      # field code
    counter: int | None = None    # counter number
    officer: str | None = None    # username
    priority: str | None = None   # "yes", "no" or a category code

    def __post_init__(self):
        if self.date_to < self.date_from:
            raise InvalidReportRange("Ngày bắt đầu sau ngày kết thúc.")
        if self.days > MAX_DAYS:
            raise InvalidReportRange("Mỗi báo cáo tối đa một năm.")

    @classmethod
    def asked(cls, start: date | None, end: date | None, today: date, **narrowing) -> "ReportFilter":
        """The range a person asked for, either end optional: it ends today and starts 30 days
        before its end unless they say otherwise. Backwards or over a year: InvalidReportRange."""
        end = end or today
        if start is None:
            try:
                start = end - timedelta(days=DEFAULT_DAYS - 1)
            except OverflowError:
                raise InvalidReportRange("Ngày kết thúc quá sớm.") from None
        return cls(start, end, **narrowing)

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    def only(self, **changes) -> "ReportFilter":
        return replace(self, **changes)

    def months(self) -> list["ReportFilter"]:
        """The range cut at calendar months (the log's files are a month each)."""
        parts, start = [], self.date_from
        while start <= self.date_to:
            following = (start.replace(day=1) + timedelta(days=32)).replace(day=1)
            end = min(following - timedelta(days=1), self.date_to)
            parts.append(replace(self, date_from=start, date_to=end))
            start = following
        return parts


def last_days(today: date, days: int = DEFAULT_DAYS) -> ReportFilter:
    """The default range: the last `days` service days up to today."""
    return ReportFilter(today - timedelta(days=days - 1), today)


def parse_day(text: str | None) -> date | None:
    """A day typed as dd/mm/yyyy (or given as yyyy-mm-dd); None when empty. Not a day: InvalidReportRange."""
    text = (text or "").strip()
    if not text:
        return None
    typed, iso = TYPED_DAY.fullmatch(text), ISO_DAY.fullmatch(text)
    try:
        if typed:
            day, month, year = (int(part) for part in typed.groups() if part is not None)
            return date(year, month, day)
        if iso:
            return date(*(int(part) for part in iso.groups()))
    except ValueError:
        pass
    raise InvalidReportRange(f"Ngày không hợp lệ: «{text[:20]}». Xin nhập ngày dạng ngày/tháng/năm, ví dụ 26/11/2026.")
