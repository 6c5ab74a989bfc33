"""Report tables as the page, the CSV and the Excel file show them: Vietnamese headers, each
column with its kind (count, minutes, share, date, time) so every output formats it right."""
from dataclasses import dataclass
from datetime import date, datetime

from .figures import GroupFigures, Satisfaction, satisfied_share

GROUP_TITLES = {"day": "Ngày", "hour": "Giờ lấy số", "field": "Lĩnh vực", "counter": "Quầy", "officer": "Cán bộ",
                "centre": "Trung tâm", None: "Phạm vi"}
TABLE_TITLES = {"day": "Theo ngày", "hour": "Theo giờ trong ngày", "field": "Theo lĩnh vực",
                "counter": "Theo quầy", "officer": "Theo cán bộ", "centre": "Theo trung tâm", None: "Tổng hợp"}


@dataclass(frozen=True)
class Column:
    title: str           # in the files (CSV, Excel), units and all
    kind: str = "text"   # text | count | minutes | share | date | time (of the day in the row) | moment (day and time) | days (a mean)
    short: str = ""      # on the page, one line; the table says its unit once
    more: bool = False   # on the page only behind «Hiện thêm cột»; always in the files

    @property
    def heading(self) -> str:
        """The column's header on the page."""
        return self.short or self.title


@dataclass(frozen=True)
class Table:
    name: str            # file name stem: "theo-ngay"
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple]

    @property
    def has_more(self) -> bool:
        """Whether the page hides some of its columns until asked."""
        return any(column.more for column in self.columns)


def minutes_column(title: str, more: bool = False) -> Column:
    """A duration in minutes: «Chờ trung vị (phút)» in the files, «Chờ trung vị» on the page."""
    return Column(f"{title} (phút)", "minutes", title, more)


# «Chờ ≤ mục tiêu», not «gọi đúng hạn»: called within the field's target wait, which managers
# would otherwise read as the on-time return of results (the dossiers' figures).
ON_TARGET_TITLE, ON_TARGET_SHORT = "Gọi trong thời gian chờ mục tiêu", "Chờ ≤ mục tiêu"
SUMMARY_COLUMNS = (
    Column("Số đã cấp", "count", "Đã cấp"), Column("Đã phục vụ", "count"), Column("Vắng mặt", "count"),
    Column("Hết ngày chưa gọi", "count", more=True), Column("Đã chuyển", "count", more=True),
    Column("Hủy", "count", more=True),
    minutes_column("Chờ TB", more=True), minutes_column("Chờ trung vị"), minutes_column("Chờ 90%"),
    minutes_column("Chờ lâu nhất", more=True), minutes_column("Di chuyển TB", more=True),
    minutes_column("Di chuyển trung vị", more=True), minutes_column("Phục vụ TB", more=True),
    minutes_column("Phục vụ trung vị"), minutes_column("Phục vụ 90%", more=True),
    minutes_column("Phục vụ lâu nhất", more=True), Column(ON_TARGET_TITLE, "share", ON_TARGET_SHORT),
)
FILE_NAMES = {"day": "theo-ngay", "hour": "theo-gio", "field": "theo-linh-vuc", "counter": "theo-quay",
              "officer": "theo-can-bo", "centre": "theo-trung-tam", None: "tong-hop"}


def summary_table(group: str | None, rows: list[GroupFigures], names: dict | None = None) -> Table:
    """One row per group; `names` turns keys (field codes) into what people call them."""
    names = names or {}
    body = [(names.get(row.key, row.label),) + summary_values(row) for row in rows]
    return Table(FILE_NAMES[group], TABLE_TITLES[group], (Column(GROUP_TITLES[group]),) + SUMMARY_COLUMNS, body)


SATISFACTION_FILES = {"counter": "hai-long-theo-quay", "officer": "hai-long-theo-can-bo"}
SATISFACTION_TITLES = {"counter": "Hài lòng theo quầy", "officer": "Hài lòng theo cán bộ"}
RATED, SATISFIED = "Lượt đánh giá", "Hài lòng trở lên"


def satisfaction_table(group: str, rows: list[Satisfaction], labels: dict[int, str]) -> Table:
    """Per counter or officer: served, rated, the share at each of the centre's levels (best
    first) and at the best two; the counts at each level behind «Hiện thêm cột»."""
    levels = sorted(labels, reverse=True)
    columns = (Column(GROUP_TITLES[group]), Column("Đã phục vụ", "count"), Column(RATED, "count"),
               *(Column(f"{labels[level]} (tỷ lệ)", "share", labels[level]) for level in levels),
               Column(SATISFIED, "share"),
               *(Column(f"{labels[level]} (lượt)", "count", more=True) for level in levels))
    body = [(row.label, row.served, row.rated, *(row.share(level) for level in levels),
             satisfied_share(row.ratings, levels), *(row.ratings.get(level, 0) for level in levels)) for row in rows]
    return Table(SATISFACTION_FILES[group], SATISFACTION_TITLES[group], columns, body)


def joined(table: Table, other: Table, titles: tuple[str, ...]) -> Table:
    """`table` with the columns `titles` of `other` added to its rows, matched by their first cell
    (the counter or officer); blank where `other` has no such row."""
    wanted = [index for index, column in enumerate(other.columns) if column.title in titles]
    by_label = {row[0]: row for row in other.rows}
    rows = [row + tuple(by_label[row[0]][index] if row[0] in by_label else None for index in wanted)
            for row in table.rows]
    return Table(table.name, table.title, table.columns + tuple(other.columns[index] for index in wanted), rows)


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
