"""On-time return figures (tỷ lệ trả kết quả đúng hạn): the dossiers received in the report's days,
by field, procedure, receiving officer or month received — how many came back early, on time or
late, how many are still open past their date, and by how many days on average.

The rule (domain/dossier_lifecycle.ON_TIME_RULE, written on the page): a result counts when it is
ready, against the slip's first date; refused, withdrawn and stopped dossiers are not in the rate."""
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select

from ..domain import dossier_lifecycle as lifecycle
from ..domain.calendar import day_start_utc, local_now
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
    days_early: list[int] = field(default_factory=list, repr=False)
    days_late: list[int] = field(default_factory=list, repr=False)

    @property
    def on_time_share(self) -> float | None:
        """Early and on time, of those with a result."""
        return (self.early + self.on_time) / self.returned if self.returned else None

    @property
    def mean_days_early(self) -> float | None:
        return sum(self.days_early) / len(self.days_early) if self.days_early else None

    @property
    def mean_days_late(self) -> float | None:
        return sum(self.days_late) / len(self.days_late) if self.days_late else None

    def count(self, status: str, received: datetime, first_due: datetime, finished: datetime | None,
              now: datetime) -> None:
        self.received += 1
        if status in lifecycle.HAS_RESULT and finished is not None:
            self.returned += 1
            judged = lifecycle.timing(finished, first_due)
            setattr(self, judged.value, getattr(self, judged.value) + 1)
            if judged == lifecycle.Timing.EARLY:
                self.days_early.append((first_due.date() - finished.date()).days)
            elif judged == lifecycle.Timing.LATE:
                self.days_late.append(max(1, (finished.date() - first_due.date()).days))
        elif status in lifecycle.OPEN and now > first_due:
            self.open_late += 1


def on_time_figures(ctx: QueueContext, centre_id: int, flt: ReportFilter, group: str | None
                    ) -> tuple[OnTime, list[OnTime]]:
    """The total over the filter's days, and one row per group (None: the total only), in order."""
    now = ctx.clock()

    def work(session):
        zone = session.scalar(select(Centre.timezone).where(Centre.id == centre_id))
        query = (select(Dossier.status, Dossier.received_at, func.coalesce(Dossier.first_due_at, Dossier.due_at),
                        Dossier.finished_at, Field.code, Field.name_vi, Procedure.code, Procedure.name,
                        User.username, User.full_name)
                 .join(Procedure, Procedure.id == Dossier.procedure_id).join(Field, Field.id == Procedure.field_id)
                 .outerjoin(User, User.id == Dossier.received_by)
                 .where(Dossier.centre_id == centre_id,
                        Dossier.received_at >= day_start_utc(zone, flt.date_from),
                        Dossier.received_at < day_start_utc(zone, flt.date_to + timedelta(days=1))))
        if flt.field:
            query = query.where(Field.code == flt.field)
        return zone, session.execute(query).all()
    zone, rows = ctx.read(work)
    local_now_ = local_now(zone, now)
    total, groups = OnTime(None, "Tổng cộng"), {}
    for status, received, first_due, finished, field_code, field_name, procedure, procedure_name, user, name in rows:
        received, first_due = local_now(zone, received), local_now(zone, first_due)
        finished = finished and local_now(zone, finished)
        total.count(status, received, first_due, finished, local_now_)
        if group:
            key, label = _key(group, received, field_code, field_name, procedure, procedure_name, user, name)
            row = groups.get(key) or groups.setdefault(key, OnTime(key, label))
            row.count(status, received, first_due, finished, local_now_)
    return total, [groups[key] for key in sorted(groups)]


def _key(group, received, field_code, field_name, procedure, procedure_name, user, name) -> tuple[str, str]:
    if group == "field":
        return field_code, field_name
    if group == "procedure":
        return procedure, f"{procedure} {procedure_name}"
    if group == "officer":
        return user or "", (name or user) if user else "(không ghi)"
    return f"{received:%Y-%m}", f"{received:%m/%Y}"


ON_TIME_COLUMNS = (
    Column("Đã tiếp nhận", "count"), Column("Đã có kết quả", "count"), Column("Trước hạn", "count"),
    Column("Đúng hạn", "count"), Column("Quá hạn", "count"), Column("Chưa xong, đã quá hạn", "count"),
    Column("Tỷ lệ trước và đúng hạn", "share"), Column("Sớm TB (ngày)", "days"),
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
