"""The tracking book (sổ theo dõi hồ sơ, form 07): the centre's dossiers with the columns of the
form, filtered by the day received, field, procedure, stage, and what is due today or late.
Staff, managers and admins of the centre read it; it holds personal data (name, address, phone)."""
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, select

from ..domain import dossier_lifecycle as lifecycle
from ..domain.calendar import day_start_utc, service_day
from ..domain.errors import QueueError
from ..models import Centre, Dossier, DossierStep, Field, Procedure
from .context import QueueContext

DUE_CHOICES = ("today", "tomorrow", "late")
PAGE = 50
FILE_DAYS = 31   # a downloaded book covers a month at most, as the wait log does: each file in well under a second


class BookFileTooLong(QueueError):
    code = "book_file_too_long"
    status = 422
    message = (f"Sổ theo dõi tải về từng tháng một: mỗi tệp tối đa {FILE_DAYS} ngày tiếp nhận (ghi cả từ ngày và "
               "đến ngày). Trang sổ theo dõi có sẵn đường tải cho từng tháng.")


@dataclass(frozen=True)
class BookFilter:
    """Which dossiers: received between two days (either end open), and optionally one stage,
    field, procedure, or those still open that are due today, due tomorrow or already late."""

    date_from: date | None = None
    date_to: date | None = None
    status: str | None = None
    field: str | None = None
    procedure: str | None = None
    due: str | None = None        # today | tomorrow | late


def check_file(flt: BookFilter) -> None:
    """A file of the book covers one month of receipts at most (what is due: open dossiers, any days)."""
    if flt.due:
        return
    if flt.date_from is None or flt.date_to is None or (flt.date_to - flt.date_from).days + 1 > FILE_DAYS:
        raise BookFileTooLong(from_=flt.date_from and flt.date_from.isoformat(),
                              to=flt.date_to and flt.date_to.isoformat())


def file_months(flt: BookFilter, today: date, most: int = 13) -> list[BookFilter]:
    """The book's files for a longer range: one per calendar month, the latest `most` of them
    (no start given: the year before the end)."""
    end = flt.date_to or today
    start = flt.date_from or end - timedelta(days=365)
    months, first = [], start
    while first <= end:
        following = (first.replace(day=1) + timedelta(days=32)).replace(day=1)
        months.append(replace(flt, date_from=first, date_to=min(following - timedelta(days=1), end)))
        first = following
    return months[-most:]


@dataclass(frozen=True)
class BookRow:
    id: int
    code: str
    procedure: str
    procedure_name: str
    field: str
    sets: int
    applicant_name: str
    organisation: str
    address: str
    phone: str
    unit: str
    status: str
    status_words: str
    received_at: datetime
    due_at: datetime
    first_due_at: datetime
    transferred_at: datetime | None     # handed to the unit that decides
    result_at: datetime | None          # the result (or the refusal, the stop) came back
    returned_at: datetime | None        # handed to the citizen
    collected_by: str                   # who took the result (the return's note)
    timing: str | None                  # early | on_time | late once finished; late while open past due
    notes: str


@dataclass(frozen=True)
class BookPage:
    total: int
    rows: list[BookRow]


def _first_step(to_status: str):
    return (select(func.min(DossierStep.at)).where(DossierStep.dossier_id == Dossier.id,
                                                   DossierStep.to_status == to_status)
            .correlate(Dossier).scalar_subquery())


def _return_note():
    return (select(DossierStep.note).where(DossierStep.dossier_id == Dossier.id,
                                           DossierStep.to_status == lifecycle.Stage.RETURNED)
            .correlate(Dossier).limit(1).scalar_subquery())


def _conditions(flt: BookFilter, centre_id: int, zone: str, now: datetime) -> list:
    where = [Dossier.centre_id == centre_id]
    if flt.date_from:
        where.append(Dossier.received_at >= day_start_utc(zone, flt.date_from))
    if flt.date_to:
        where.append(Dossier.received_at < day_start_utc(zone, flt.date_to + timedelta(days=1)))
    if flt.status:
        where.append(Dossier.status == flt.status)
    if flt.field:
        where.append(Field.code == flt.field)
    if flt.procedure:
        where.append(Procedure.code == flt.procedure)
    if flt.due:
        today = service_day(zone, now)
        where.append(Dossier.status.in_([stage.value for stage in lifecycle.OPEN]))
        if flt.due == "late":
            where.append(Dossier.due_at < now)
        else:
            day = today + timedelta(days=1 if flt.due == "tomorrow" else 0)
            where += [Dossier.due_at >= max(day_start_utc(zone, day), now) if flt.due == "today"
                      else Dossier.due_at >= day_start_utc(zone, day),
                      Dossier.due_at < day_start_utc(zone, day + timedelta(days=1))]
    return where


# The dossier's columns the book shows (never the documents list: JSON to decode for nothing).
BOOK_COLUMNS = (Dossier.id, Dossier.code, Dossier.sets, Dossier.applicant_name, Dossier.organisation, Dossier.address,
                Dossier.phone, Dossier.unit, Dossier.status, Dossier.received_at, Dossier.due_at, Dossier.first_due_at,
                Dossier.finished_at, Dossier.returned_at, Dossier.notes, Procedure.code, Procedure.name, Field.code)


def tracking_book(ctx: QueueContext, centre_id: int, flt: BookFilter, limit: int | None = PAGE,
                  offset: int = 0) -> BookPage:
    """The dossiers the filter picks, newest received first (what is due: the most pressing first), and
    how many there are in all.
    `limit` None: every one (the exports)."""
    now = ctx.clock()

    def work(session):
        zone = session.scalar(select(Centre.timezone).where(Centre.id == centre_id))
        where = and_(*_conditions(flt, centre_id, zone, now))
        joined = lambda query: query.join(Procedure, Procedure.id == Dossier.procedure_id) \
            .join(Field, Field.id == Procedure.field_id).where(where)
        total = session.scalar(joined(select(func.count(Dossier.id))))
        query = joined(select(*BOOK_COLUMNS, _first_step(lifecycle.Stage.PROCESSING), _return_note())) \
            .order_by(*((Dossier.due_at, Dossier.id) if flt.due else (Dossier.received_at.desc(), Dossier.id.desc()))) \
            .offset(offset)
        if limit is not None:
            query = query.limit(limit)
        tz = ZoneInfo(zone)
        local = lambda moment: moment and moment.astimezone(tz)
        rows = [_row(local, local(now), *row) for row in session.execute(query)]
        return BookPage(total, rows)
    return ctx.read(work)


def _row(local, now, id_, code, sets, name, organisation, address, phone, unit, status, received_at, due_at,
         first_due_at, finished_at, returned_at, notes, procedure, procedure_name, field, transferred_at,
         collected_by) -> BookRow:
    first_due, due, finished = local(first_due_at or due_at), local(due_at), local(finished_at)
    return BookRow(
        id_, code, procedure, procedure_name, field, sets, name, organisation, address, phone, unit, status,
        lifecycle.say(status), local(received_at), due, first_due, local(transferred_at), finished,
        local(returned_at), collected_by or "", judged(status, finished, first_due, due, now), notes)


def judged(status: str, finished_at: datetime | None, first_due_at: datetime, due_at: datetime,
           now: datetime) -> str | None:
    """Once the result came back: early / on time / late against the slip's date (an extension
    does not make a late result on time: lifecycle.ON_TIME_RULE). While open: late once past the
    date now promised."""
    if finished_at is not None and status in lifecycle.HAS_RESULT:
        return lifecycle.timing(finished_at, first_due_at).value
    if status in lifecycle.OPEN and now > due_at:
        return lifecycle.Timing.LATE.value
    return None
