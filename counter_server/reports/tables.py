"""Report tables as the page, the CSV and the Excel file show them: Vietnamese headers, each
column with its kind (count, minutes, share, date, time) so every output formats it right."""
from dataclasses import dataclass
from datetime import date, datetime

from .figures import GroupFigures

GROUP_TITLES = {"day": "Ngày", "hour": "Giờ lấy số", "field": "Lĩnh vực", "counter": "Quầy", "officer": "Cán bộ",
                None: "Phạm vi"}
TABLE_TITLES = {"day": "Theo ngày", "hour": "Theo giờ trong ngày", "field": "Theo lĩnh vực",
                "counter": "Theo quầy", "officer": "Theo cán bộ", None: "Tổng hợp"}


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = "text"   # text | count | minutes | share | date | time (of the day in the row) | moment (day and time) | days (a mean)


@dataclass(frozen=True)
class Table:
    name: str            # file name stem: "theo-ngay"
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple]


SUMMARY_COLUMNS = (
    Column("Số đã cấp", "count"), Column("Đã phục vụ", "count"), Column("Vắng mặt", "count"),
    Column("Hết ngày chưa gọi", "count"), Column("Đã chuyển", "count"), Column("Hủy", "count"),
    Column("Chờ TB (phút)", "minutes"), Column("Chờ trung vị (phút)", "minutes"),
    Column("Chờ 90% (phút)", "minutes"), Column("Chờ lâu nhất (phút)", "minutes"),
    Column("Di chuyển TB (phút)", "minutes"), Column("Di chuyển trung vị (phút)", "minutes"),
    Column("Phục vụ TB (phút)", "minutes"), Column("Phục vụ trung vị (phút)", "minutes"),
    Column("Phục vụ 90% (phút)", "minutes"), Column("Phục vụ lâu nhất (phút)", "minutes"),
    Column("Gọi đúng hạn", "share"),
)
FILE_NAMES = {"day": "theo-ngay", "hour": "theo-gio", "field": "theo-linh-vuc", "counter": "theo-quay",
              "officer": "theo-can-bo", None: "tong-hop"}


def summary_table(group: str | None, rows: list[GroupFigures], names: dict | None = None) -> Table:
    """One row per group; `names` turns keys (field codes) into what people call them."""
    names = names or {}
    body = [(names.get(row.key, row.label),) + summary_values(row) for row in rows]
    return Table(FILE_NAMES[group], TABLE_TITLES[group], (Column(GROUP_TITLES[group]),) + SUMMARY_COLUMNS, body)


def summary_values(row: GroupFigures) -> tuple:
    minutes = lambda seconds: None if seconds is None else seconds / 60
    return (row.issued, row.served, row.no_show, row.expired, row.transferred, row.cancelled,
            minutes(row.wait.mean), minutes(row.wait.median), minutes(row.wait.p90), minutes(row.wait.max),
            minutes(row.walk.mean), minutes(row.walk.median),
            minutes(row.service.mean), minutes(row.service.median), minutes(row.service.p90),
            minutes(row.service.max), row.on_time_share)


def minutes(seconds) -> str:
    """Seconds as the minutes the page shows: 600 → "10,0"; nothing → ""."""
    return shown(None if seconds is None else seconds / 60, "minutes")


def shown(value, kind: str) -> str:
    """A value as the page and the CSV write it, the Vietnamese way: 12,5 · 87,5% · 26/11/2026."""
    return "" if value is None else WRITE[kind](value)


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)


def _time(value) -> str:
    return value.strftime("%H:%M:%S") if isinstance(value, datetime) else str(value)   # the day has its column


def _moment(value) -> str:
    return value.strftime("%d/%m/%Y %H:%M") if isinstance(value, datetime) else str(value)


WRITE = {"count": lambda value: f"{value:,}".replace(",", "."),
         "minutes": lambda value: f"{value:.1f}".replace(".", ","),
         "days": lambda value: f"{value:.1f}".replace(".", ","),
         "share": lambda value: f"{value * 100:.1f}%".replace(".", ","),
         "date": _date, "time": _time, "moment": _moment, "text": str}
