"""A whole report as the page, the daily print-out and the workbook show it: the totals, a table
per grouping, satisfaction (in all and per counter and officer), and the names people know fields
and levels by."""
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ..domain import calendar
from ..domain import rating as rating_rules
from ..models import Centre, Counter, Field, PriorityCategory, User
from ..services.context import QueueContext
from .figures import GroupFigures, grouped, load, ratings, satisfaction, satisfied_share
from .filters import GROUPS, ReportFilter
from .tables import Table, satisfaction_table, summary_table

SATISFACTION_GROUPS = ("counter", "officer")


@dataclass(frozen=True)
class Choices:
    """What the filters offer: the centre's fields, counters, officers and priority categories; and
    the centre's name and address (the print-out's heading)."""

    centre: str
    address: str
    fields: list[tuple[str, str]]
    counters: list[int]
    officers: list[tuple[str, str]]
    priorities: list[tuple[str, str]]
    rating_labels: dict[int, str]

    @property
    def field_names(self) -> dict[str, str]:
        return dict(self.fields)


@dataclass(frozen=True)
class Report:
    filter: ReportFilter
    total: GroupFigures
    tables: dict[str, Table]         # by grouping, plus "all" for the total
    ratings: dict[int, int]
    choices: Choices
    satisfaction: dict[str, Table]   # per counter and per officer

    @property
    def rated(self) -> int:
        return sum(self.ratings.values())

    @property
    def satisfied_share(self) -> float | None:
        """Share of ratings at the best two levels (rất hài lòng, hài lòng)."""
        return satisfied_share(self.ratings, self.choices.rating_labels)


def centre_today(ctx: QueueContext, centres: int | Sequence[int]) -> date:
    """The centre's service day now (its own time zone; of several, the first one's)."""
    centre_id = centres if isinstance(centres, int) else centres[0]
    zone = ctx.read(lambda session: session.scalar(select(Centre.timezone).where(Centre.id == centre_id)))
    return calendar.service_day(zone, ctx.clock())


def choices(ctx: QueueContext, centres: int | Sequence[int], name: str = "") -> Choices:
    """What the filters offer for one centre, or for several at once under `name` (every field,
    counter number, officer and priority any of them has)."""
    if not isinstance(centres, int):
        if len(centres) == 1:
            return choices(ctx, centres[0])
        each = [choices(ctx, centre_id) for centre_id in centres]
        return Choices(name, "", _union(part.fields for part in each),
                       sorted({number for part in each for number in part.counters}),
                       sorted({officer for part in each for officer in part.officers}),
                       _union(part.priorities for part in each), each[0].rating_labels)
    centre_id = centres

    def work(session):
        centre = session.get(Centre, centre_id)
        return Choices(
            centre.name, centre.address,
            session.execute(select(Field.code, Field.name_vi).where(Field.centre_id == centre_id)
                            .order_by(Field.display_order, Field.code)).all(),
            list(session.scalars(select(Counter.number).where(Counter.centre_id == centre_id).order_by(Counter.number))),
            session.execute(select(User.username, User.full_name).where(User.centre_id == centre_id, User.role == "staff")
                            .order_by(User.username)).all(),
            session.execute(select(PriorityCategory.code, PriorityCategory.name_vi)
                            .where(PriorityCategory.centre_id == centre_id)
                            .order_by(PriorityCategory.display_order)).all(),
            {level["level"]: level["label"] for level in rating_rules.levels_for(centre.rating_levels)})
    return ctx.read(work)


def _union(lists) -> list:
    """(code, name) pairs of several centres, each code once, in the order first met."""
    seen = {}
    for pairs in lists:
        for code, name in pairs:
            seen.setdefault(code, name)
    return list(seen.items())


def build(ctx: QueueContext, centres: int | Sequence[int], flt: ReportFilter, groups=GROUPS, name: str = "") -> Report:
    """Every figure of the report from one read of the tickets' figures (figures.load)."""
    options = choices(ctx, centres, name)
    facts = load(ctx, centres, flt)
    figures = {group: grouped(facts, group) for group in (None, *groups)}
    rated = ratings(facts)
    tables = {"all": summary_table(None, figures[None])}
    for group in groups:
        tables[group] = summary_table(group, figures[group], options.field_names if group == "field" else None)
    satisfied = {group: satisfaction_table(group, satisfaction(facts, group), options.rating_labels)
                 for group in SATISFACTION_GROUPS}
    return Report(flt, figures[None][0], tables, rated, options, satisfied)


def summary_tables(ctx: QueueContext, centres: int | Sequence[int], flt: ReportFilter, names, options: Choices
                   ) -> list[Table]:
    """Just the tables asked for ("all" for the total, or groupings), from one pass: an export of
    one table computes nothing else."""
    facts = load(ctx, centres, flt)
    return [summary_table(None if name == "all" else name, grouped(facts, None if name == "all" else name),
                          options.field_names if name == "field" else None) for name in names]


def satisfaction_export(ctx: QueueContext, centres: int | Sequence[int], flt: ReportFilter, group: str,
                        options: Choices) -> Table:
    """One satisfaction table (per counter or per officer) alone, for its download."""
    return satisfaction_table(group, satisfaction(load(ctx, centres, flt), group), options.rating_labels)


def about(options: Choices, flt: ReportFilter) -> list[tuple[str, str]]:
    """What the report covers, in words (the workbook's first sheet, the print-out's heading)."""
    names = options.field_names
    lines = [("Đơn vị", options.centre),
             ("Từ ngày", flt.date_from.strftime("%d/%m/%Y")), ("Đến ngày", flt.date_to.strftime("%d/%m/%Y"))]
    if flt.field:
        lines.append(("Lĩnh vực", names.get(flt.field, flt.field)))
    if flt.counter is not None:
        lines.append(("Quầy", str(flt.counter)))
    if flt.officer:
        lines.append(("Cán bộ", flt.officer))
    if flt.priority:
        lines.append(("Ưu tiên", {"yes": "chỉ số ưu tiên", "no": "không ưu tiên"}.get(flt.priority, flt.priority)))
    lines.append(("Cách tính", "Chờ: lấy số → gọi lần đầu. Di chuyển: gọi → bắt đầu (khi cán bộ bấm Bắt đầu). "
                               "Phục vụ: bắt đầu → xong. Trung vị: giá trị giữa; 90%: 9/10 số người chờ không quá "
                               "mức này. Chờ ≤ mục tiêu: được gọi trong thời gian chờ mục tiêu của lĩnh vực "
                               "(không phải trả kết quả đúng hạn). Hài lòng trở lên: hai mức đánh giá cao nhất."))
    return lines

