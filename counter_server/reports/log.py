"""The wait-time log managers read: every ticket in the filter with its times, what became of it,
where and by whom it was served, its rating, and (on the page) its events."""
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from ..models import Centre, Counter, Field, PriorityCategory, Procedure, Rating, Ticket, TicketEvent, User
from ..services.context import QueueContext
from .facts import filter_ids, local_time, measures, narrowed, ticket_columns
from .filters import ReportFilter
from .tables import Column, Table, minutes_column

STATUS_WORDS = {"waiting": "đang chờ", "called": "đã gọi", "serving": "đang phục vụ", "completed": "đã phục vụ",
                "no_show": "vắng mặt", "cancelled": "đã hủy", "expired": "hết ngày chưa gọi"}
EVENT_WORDS = {"issued": "lấy số", "called": "gọi", "recalled": "gọi lại", "started": "bắt đầu",
               "completed": "xong", "no_show": "vắng mặt", "requeued": "xếp lại hàng", "transferred": "chuyển",
               "cancelled": "hủy", "expired": "hết ngày"}
LOG_COLUMNS = (
    Column("Ngày", "date"), Column("Số"), Column("Lĩnh vực"), Column("Thủ tục", more=True),
    Column("Ưu tiên", more=True), Column("Lấy số lúc", "time"), Column("Gọi lần đầu", "time"),
    Column("Bắt đầu", "time", more=True), Column("Kết thúc", "time"), minutes_column("Chờ"),
    minutes_column("Di chuyển", more=True), minutes_column("Phục vụ"), Column("Kết quả"),
    Column("Số lần vắng", "count", more=True), Column("Số lần chuyển", "count", more=True), Column("Quầy", "count"),
    Column("Cán bộ"), Column("Đánh giá", "count"),
)


def log_table(ctx: QueueContext, centre_id: int, flt: ReportFilter, page: int | None = None,
              per_page: int = 50) -> tuple[Table, int, list[int]]:
    """The log as a table (one page of it, or all of it when `page` is None), the number of tickets
    in the filter, and the ticket ids of the rows (for their events)."""
    def work(session):
        facts = _tickets(session, centre_id, flt)
        zone = session.scalar(select(Centre.timezone).where(Centre.id == centre_id))
        local = lambda moment, name: local_time(moment, zone, session.bind.dialect.name, flt.date_from).label(name)
        shown = [column for column in facts.c if column.name not in ("issued_at", "finished_at")]   # local below
        query = (select(*shown, Ticket.number, Procedure.name.label("procedure"),
                        PriorityCategory.name_vi.label("priority"), local(Ticket.issued_at, "issued"),
                        local(Ticket.first_called_at, "first_called"), local(Ticket.started_at, "started"),
                        local(Ticket.finished_at, "finished"), Rating.level)
                 .join(Ticket, Ticket.id == facts.c.ticket_id)
                 .outerjoin(Procedure, Procedure.id == Ticket.procedure_id)
                 .outerjoin(PriorityCategory, PriorityCategory.id == Ticket.priority_id)
                 .outerjoin(Rating, Rating.ticket_id == Ticket.id)
                 .order_by(facts.c.issued_at.desc(), facts.c.ticket_id.desc()))
        total = None
        if page is not None:
            total = session.scalar(select(func.count()).select_from(facts))
            query = query.offset((page - 1) * per_page).limit(per_page)
        minutes = lambda milliseconds: None if milliseconds is None else milliseconds / 60000
        rows, ids = [], []
        for row in session.connection().execute(query).all():   # Core rows: no ORM work per row
            ids.append(row.ticket_id)
            rows.append((row.day, row.number, row.field, row.procedure or "", row.priority or "",
                         row.issued, row.first_called, row.started,
                         row.finished if row.status in ("completed", "no_show", "cancelled") else None,
                         minutes(row.wait), minutes(row.walk), minutes(row.service), outcome(row.status, row.no_show_count),
                         row.no_show_count, row.transfer_count, row.counter, row.officer or "", row.level))
        return rows, len(rows) if total is None else total, ids
    rows, total, ids = ctx.read(work)
    return Table("nhat-ky-cho", "Nhật ký chờ", LOG_COLUMNS, rows), total, ids


def _tickets(session, centre_id: int, flt: ReportFilter):
    """The tickets in the filter with their field, counter, officer and durations (a subquery)."""
    t, counter, officer = Ticket, aliased(Counter), aliased(User)
    durations = measures(t, session.bind.dialect.name)
    query = (select(t.id.label("ticket_id"), t.service_day.label("day"), Field.code.label("field"),
                    counter.number.label("counter"),
                    func.coalesce(func.nullif(officer.full_name, ""), officer.username).label("officer"),
                    t.status, t.no_show_count, t.transfer_count, t.issued_at, t.finished_at,
                    *[value.label(name) for name, value in durations.items()])
             .join(Field, Field.id == t.field_id)
             .outerjoin(counter, counter.id == t.counter_id)
             .outerjoin(officer, officer.id == t.staff_id)
             .where(t.centre_id == centre_id, t.service_day >= flt.date_from, t.service_day <= flt.date_to))
    return narrowed(query, ticket_columns(), filter_ids(session, centre_id, flt)).subquery("facts")


def outcome(status: str, missed: int) -> str:
    if status == "expired" and missed:
        return "vắng mặt (hết ngày)"
    return STATUS_WORDS.get(status, status)


def events_of(ctx: QueueContext, centre_id: int, ticket_ids: list[int]) -> dict[int, list[str]]:
    """What happened to each ticket, in order: "09:10 gọi (quầy 1)"."""
    def work(session):
        zone = ZoneInfo(session.scalar(select(Centre.timezone).where(Centre.id == centre_id)))
        rows = session.execute(select(TicketEvent.ticket_id, TicketEvent.kind, TicketEvent.at, Counter.number)
                               .outerjoin(Counter, Counter.id == TicketEvent.counter_id)
                               .where(TicketEvent.centre_id == centre_id, TicketEvent.ticket_id.in_(ticket_ids))
                               .order_by(TicketEvent.id))
        events: dict[int, list[str]] = {ticket_id: [] for ticket_id in ticket_ids}
        for ticket_id, kind, at, counter in rows:
            where = f" (quầy {counter})" if counter else ""
            events[ticket_id].append(f"{at.astimezone(zone):%H:%M:%S} {EVENT_WORDS.get(kind, kind)}{where}")
        return events
    return ctx.read(work) if ticket_ids else {}
