"""The managers' ticket log: one service day's tickets in issue order, a page at a time."""
from datetime import date

from sqlalchemy import func, select

from ..domain import calendar
from ..models import Centre, Ticket
from .context import QueueContext
from .counters import TICKET_VIEWS, TicketView
from .store import core


def ticket_log(ctx: QueueContext, centre_id: int, day: date | None = None, status: str | None = None,
               limit: int = 50, offset: int = 0) -> tuple[list[TicketView], int]:
    """A page of the day's tickets (today in the centre's zone if `day` is None) and how many there are."""
    def work(session):
        service_day = day
        if service_day is None:
            zone = session.scalar(select(Centre.timezone).where(Centre.id == centre_id))
            service_day = calendar.service_day(zone, ctx.clock())
        where = [Ticket.centre_id == centre_id, Ticket.service_day == service_day]
        if status:
            where.append(Ticket.status == status)
        total = session.scalar(select(func.count()).select_from(Ticket).where(*where))
        rows = core(session).execute(TICKET_VIEWS.where(*where).order_by(Ticket.issued_at, Ticket.id)
                                     .limit(limit).offset(offset))
        return [TicketView(*row) for row in rows], total
    return ctx.read(work)
