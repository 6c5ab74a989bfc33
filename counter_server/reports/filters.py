"""What a report covers: a range of service days (the centre's local days) and, optionally, one
field, counter, officer or kind of priority."""
from dataclasses import dataclass, replace
from datetime import date, timedelta

GROUPS = ("day", "hour", "field", "counter", "officer")
LOG_FILE_DAYS = 31                 # the log downloads a month at most per file
PRIORITY_CHOICES = ("yes", "no")   # or a priority category's code


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
            raise ValueError("the range ends before it starts")

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


def last_days(today: date, days: int = 30) -> ReportFilter:
    """The default range: the last `days` service days up to today."""
    return ReportFilter(today - timedelta(days=days - 1), today)
