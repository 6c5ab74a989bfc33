"""On-time return figures (tỷ lệ trả kết quả đúng hạn): the dossiers received in the report's days,
by field, procedure, receiving officer or month received — how many came back early, on time or
late, how many are still open past their date, and by how many days on average.

The rule (domain/dossier_lifecycle.ON_TIME_RULE, written on the page): a result counts when it is
ready, against the slip's first date; refused, withdrawn and stopped dossiers are not in the rate."""
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Date, Integer, and_, case, cast, func, select

from ..domain import dossier_lifecycle as lifecycle
from ..domain.calendar import day_start_utc
from ..models import Centre, Dossier, Field, Procedure, User
from ..services.context import QueueContext
from .filters import ON_TIME_GROUPS, ReportFilter
from .tables import Column, Table

GROUP_TITLES = {"field": "Lĩnh vực", "procedure": "Thủ tục", "officer": "Cán bộ tiếp nhận", "month": "Tháng",
                None: "Phạm vi"}


@dataclass
class OnTime:
    key: str | None
    label: str
    received: int = 0
    returned: int = 0          # a result came back (ready or handed over)
    early: int = 0
    on_time: int = 0
    late: int = 0
    open_late: int = 0         # still open, past the slip's date
    days_early: int = 0        # summed over the early ones
    days_late: int = 0         # summed over the late ones (a late result on its due day counts 1)

    @property
    def on_time_share(self) -> float | None:
        """Early and on time, of those with a result."""
        return (self.early + self.on_time) / self.returned if self.returned else None

    @property
    def mean_days_early(self) -> float | None:
        return self.days_early / self.early if self.early else None

    @property
    def mean_days_late(self) -> float | None:
        return self.days_late / self.late if self.late else None

    def add(self, other: "OnTime") -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


COUNTS = ("received", "returned", "early", "on_time", "late", "open_late", "days_early", "days_late")


class LocalDays:
    """The centre's local day and month of a stored (UTC) moment, in SQL: PostgreSQL knows the
    zones by name; on SQLite the zone's offset is added, which holds for zones without summer
    time (Vietnam's has had none since 1975; a zone with it is refused rather than miscounted)."""

    def __init__(self, dialect: str, zone: str, flt: ReportFilter):
        self.dialect, self.zone = dialect, zone
        if dialect != "postgresql":
            offsets = {ZoneInfo(zone).utcoffset(datetime.combine(day, time(12)))
                       for day in (flt.date_from, flt.date_to, flt.date_from.replace(month=1, day=1),
                                   flt.date_from.replace(month=7, day=1))}
            if len(offsets) != 1:
                raise ValueError(f"{zone} changes its offset: on-time figures need PostgreSQL there")
            self.offset = f"+{int(offsets.pop().total_seconds())} seconds"

    def day(self, column):
        if self.dialect == "postgresql":
            return cast(func.timezone(self.zone, column), Date)
        return func.date(column, self.offset)

    def days_between(self, later, earlier):
        """Whole local days from `earlier` to `later`."""
        if self.dialect == "postgresql":
            return self.day(later) - self.day(earlier)
        return cast(func.julianday(self.day(later)) - func.julianday(self.day(earlier)), Integer)

    def month(self, column):
        if self.dialect == "postgresql":
            return func.to_char(func.timezone(self.zone, column), "YYYY-MM")
        return func.strftime("%Y-%m", column, self.offset)


def on_time_figures(ctx: QueueContext, centres: int | Sequence[int], flt: ReportFilter, group: str | None
                    ) -> tuple[OnTime, list[OnTime]]:
    """The total over the filter's days, and one row per group (None: the total only), in order."""
    total, by = on_time_by(ctx, centres, flt, *([group] if group else []))
    return total, by.get(group, [])


def on_time_by(ctx: QueueContext, centres: int | Sequence[int], flt: ReportFilter, *groups: str
               ) -> tuple[OnTime, dict[str, list[OnTime]]]:
    """The total and, for each of `groups`, its rows: one reading per centre, counted in the
    database a row per combination of the groups (a year of a busy centre is some 70,000
    dossiers); several centres' rows add up by their key (a field's code, a month)."""
    total, rolled = OnTime(None, "Tổng cộng"), {group: {} for group in groups}
    for centre_id in ([centres] if isinstance(centres, int) else centres):
        for row in _counted(ctx, centre_id, flt, groups):
            names, (received, returned, early, late, open_late, days_early, days_late) = row[:-7], row[-7:]
            figures = OnTime(None, "", received, returned, early, returned - early - late, late, open_late,
                             days_early, days_late)
            total.add(figures)
            for group in groups:
                width = KEY_WIDTHS[group]
                key, label = _key(group, *names[:width])
                names = names[width:]
                rolled[group].setdefault(key, OnTime(key, label)).add(figures)
    return total, {group: [rows[key] for key in sorted(rows)] for group, rows in rolled.items()}


def _counted(ctx: QueueContext, centre_id: int, flt: ReportFilter, groups) -> list:
    """One centre's dossiers counted per combination of `groups`."""
    now = ctx.clock()

    def work(session):
        zone = session.scalar(select(Centre.timezone).where(Centre.id == centre_id))
        local = LocalDays(session.bind.dialect.name, zone, flt)
        first_due = func.coalesce(Dossier.first_due_at, Dossier.due_at)
        result = and_(Dossier.status.in_([stage.value for stage in lifecycle.HAS_RESULT]),
                      Dossier.finished_at.is_not(None))
        late = and_(result, Dossier.finished_at > first_due)
        early = and_(result, Dossier.finished_at <= first_due, local.day(Dossier.finished_at) < local.day(first_due))
        counted = lambda condition, value=1: func.coalesce(func.sum(case((condition, value), else_=0)), 0)
        at_least_one = func.greatest if local.dialect == "postgresql" else func.max
        keys = [key for group in groups for key in GROUP_KEYS[group](local)]
        query = (select(*keys, func.count(Dossier.id), counted(result), counted(early), counted(late),
                        counted(and_(Dossier.status.in_([stage.value for stage in lifecycle.OPEN]), first_due < now)),
                        counted(early, local.days_between(first_due, Dossier.finished_at)),
                        counted(late, at_least_one(1, local.days_between(Dossier.finished_at, first_due))))
                 .join(Procedure, Procedure.id == Dossier.procedure_id).join(Field, Field.id == Procedure.field_id)
                 .outerjoin(User, User.id == Dossier.received_by)
                 .where(Dossier.centre_id == centre_id,
                        Dossier.received_at >= day_start_utc(zone, flt.date_from),
                        Dossier.received_at < day_start_utc(zone, flt.date_to + timedelta(days=1))))
        if flt.field:
            query = query.where(Field.code == flt.field)
        if keys:
            query = query.group_by(*keys)
        return session.execute(query).all()
    return ctx.read(work)


GROUP_KEYS = {
    "field": lambda local: [Field.code, Field.name_vi],
    "procedure": lambda local: [Procedure.code, Procedure.name],
    "officer": lambda local: [User.username, User.full_name],
    "month": lambda local: [local.month(Dossier.received_at)],
}
KEY_WIDTHS = {"field": 2, "procedure": 2, "officer": 2, "month": 1}


def _key(group, *names) -> tuple[str | None, str]:
    if group == "field":
        return names[0], names[1]
    if group == "procedure":
        return names[0], f"{names[0]} {names[1]}"
    if group == "officer":
        return names[0] or "", (names[1] or names[0]) if names[0] else "(không ghi)"
    year, month = names[0].split("-")
    return names[0], f"{month}/{year}"


ON_TIME_COLUMNS = (
    Column("Đã tiếp nhận", "count"), Column("Đã có kết quả", "count"), Column("Trước hạn", "count"),
    Column("Đúng hạn", "count"), Column("Quá hạn", "count"), Column("Chưa xong, đã quá hạn", "count", "Chưa xong, quá hạn"),
    Column("Tỷ lệ trước và đúng hạn", "share", "Trước và đúng hạn"), Column("Sớm TB (ngày)", "days"),
    Column("Trễ TB (ngày)", "days"),
)
FILE_NAMES = {"field": "dung-han-theo-linh-vuc", "procedure": "dung-han-theo-thu-tuc",
              "officer": "dung-han-theo-can-bo", "month": "dung-han-theo-thang", None: "dung-han-tong-hop"}
TABLE_TITLES = {"field": "Đúng hạn theo lĩnh vực", "procedure": "Đúng hạn theo thủ tục",
                "officer": "Đúng hạn theo cán bộ", "month": "Đúng hạn theo tháng", None: "Đúng hạn tổng hợp"}


def on_time_table(group: str | None, rows: list[OnTime]) -> Table:
    """The figures as the page, the CSV and the workbook show them."""
    body = [(row.label, row.received, row.returned, row.early, row.on_time, row.late, row.open_late,
             row.on_time_share, row.mean_days_early, row.mean_days_late) for row in rows]
    return Table(FILE_NAMES[group], TABLE_TITLES[group], (Column(GROUP_TITLES[group]),) + ON_TIME_COLUMNS, body)


def as_json(row: OnTime) -> dict:
    return {"key": row.key, "label": row.label, "received": row.received, "returned": row.returned,
            "early": row.early, "on_time": row.on_time, "late": row.late, "open_late": row.open_late,
            "on_time_share": row.on_time_share, "mean_days_early": row.mean_days_early,
            "mean_days_late": row.mean_days_late}
