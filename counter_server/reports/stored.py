"""Storing the figures of closed service days: once a day is over (and its leftovers expired),
its tickets can no longer change, so their figures are worked out once into ticket_figures and
every later report reads stored numbers. A report stores what it needs before it reads; the
nightly `counter-server close-days` does it ahead of the first report."""
from datetime import date, timedelta

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from ..domain.tickets import OPEN
from ..models import Centre, ReportDay, Ticket, TicketFigures
from ..services.context import QueueContext
from ..services.store import lock_centre
from ..services.tickets import expire_if_new_day
from .facts import COLUMNS, live_figures

def days_to_store(session, centre_id: int, first: date, last: date) -> list[date]:
    """The days first…last whose figures are not stored yet."""
    stored = set(session.scalars(select(ReportDay.day).where(
        ReportDay.centre_id == centre_id, ReportDay.day >= first, ReportDay.day <= last)))
    return [first + timedelta(days=n) for n in range((last - first).days + 1)
            if first + timedelta(days=n) not in stored]


def store_days(session, centre_id: int, zone: str, days: list[date]) -> int:
    """Store the figures of `days` (closed days) in one statement; days where a ticket is still
    open are left for later. Returns how many tickets were stored."""
    if not days:
        return 0
    lock_centre(session, centre_id)
    wanted = set(days_to_store(session, centre_id, min(days), max(days))) & set(days)   # not meanwhile
    still_open = set(session.scalars(select(Ticket.service_day).distinct().where(
        Ticket.centre_id == centre_id, Ticket.service_day.in_(wanted), Ticket.status.in_(list(OPEN)))))
    wanted -= still_open
    if not wanted:
        return 0
    figures = live_figures(centre_id, zone, session.bind.dialect.name, min(wanted), max(wanted))
    figures = figures.where(Ticket.service_day.in_(sorted(wanted)))
    store = insert(TicketFigures).from_select(COLUMNS, figures).execution_options(preserve_rowcount=True)
    stored = session.execute(store).rowcount
    session.execute(insert(ReportDay), [{"centre_id": centre_id, "day": day} for day in sorted(wanted)])
    return stored


def store_closed_days(ctx: QueueContext, centre_id: int, first: date, last: date, today: date) -> int:
    """Make sure the closed days of first…last are stored (a read when they are: the usual case)."""
    last = min(last, today - timedelta(days=1))
    if last < first:
        return 0
    if not ctx.read(lambda session: days_to_store(session, centre_id, first, last)):
        return 0
    expire_if_new_day(ctx, centre_id)
    zone = ctx.read(lambda session: session.scalar(select(Centre.timezone).where(Centre.id == centre_id)))
    try:
        return ctx.write(lambda session: store_days(session, centre_id, zone,
                                                    days_to_store(session, centre_id, first, last)))
    except IntegrityError:      # another server process stored the same days at the same moment
        return 0
