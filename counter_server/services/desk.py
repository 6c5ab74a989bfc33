"""What a counter officer sees at the desk (bàn làm việc của quầy): the ticket in front of them,
who waits in the fields the counter serves in calling order, the no-shows that may come back,
and today's counts. Read only."""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, select

from ..domain.errors import UnknownCounter
from ..domain.tickets import ACTIVE_AT_COUNTER, Status
from ..models import Counter, Field, PriorityCategory, Procedure, Ticket
from .board import centre_today
from .context import QueueContext
from .kiosk_faults import KioskFault, kiosk_faults
from .counters import TicketView, view_ticket
from .store import policy_order, served_field_ids


@dataclass(frozen=True)
class WaitingTicket:
    """One line of the counter's waiting list."""

    id: int
    number: str
    field: str
    field_name: str
    procedure_name: str | None
    priority_name: str | None
    status: str
    issued_at: datetime
    waited_minutes: int


@dataclass(frozen=True)
class Desk:
    """Everything the counter console shows."""

    counter_id: int
    counter_number: int
    counter_name: str
    is_open: bool
    paused_since: datetime | None
    fields: list[str]
    field_names: list[str]
    kiosk_faults: list[KioskFault]
    current: TicketView | None
    waiting: list[WaitingTicket]
    no_shows: list[WaitingTicket]
    served_today: int
    no_shows_today: int


def counter_desk(ctx: QueueContext, centre_id: int, counter_id: int, limit: int = 50) -> Desk:
    """The console's view of one counter now."""
    def work(session):
        counter = session.get(Counter, counter_id)
        if counter is None or counter.centre_id != centre_id:
            raise UnknownCounter(counter_id=counter_id)
        now = ctx.clock()
        _, day = centre_today(session, centre_id, now)
        fields = served_field_ids(session, counter.id)
        mine = or_(and_(Ticket.field_id.in_(fields), Ticket.target_counter_id.is_(None)),
                   Ticket.target_counter_id == counter.id)
        line = (select(Ticket.id, Ticket.number, Field.code, Field.name_vi, Procedure.name, PriorityCategory.name_vi,
                       Ticket.status, Ticket.issued_at)
                .join(Field, Field.id == Ticket.field_id)
                .outerjoin(Procedure, Procedure.id == Ticket.procedure_id)
                .outerjoin(PriorityCategory, PriorityCategory.id == Ticket.priority_id)
                .where(Ticket.centre_id == centre_id, Ticket.service_day == day))

        def listed(status, order):
            rows = session.execute(line.where(Ticket.status == status, mine).order_by(*order).limit(limit))
            return [WaitingTicket(*row, waited_minutes=max(0, int((now - row.issued_at).total_seconds() // 60)))
                    for row in rows]
        current = session.scalar(select(Ticket.id).where(
            Ticket.counter_id == counter.id, Ticket.status.in_([s.value for s in ACTIVE_AT_COUNTER]))
            .order_by(Ticket.called_at.desc()).limit(1))
        counts = dict(session.execute(
            select(Ticket.status, func.count()).where(Ticket.counter_id == counter.id, Ticket.service_day == day,
                                                     Ticket.status.in_([Status.COMPLETED.value, Status.NO_SHOW.value]))
            .group_by(Ticket.status)).all())
        return Desk(counter.id, counter.number, counter.name, counter.is_open, counter.paused_at,
                    [served.field.code for served in counter.served],
                    [served.field.name_vi for served in counter.served],
                    kiosk_faults(session, centre_id, now),
                    view_ticket(session, current) if current else None,
                    listed(Status.WAITING.value, policy_order(ctx.policy)),
                    listed(Status.NO_SHOW.value, [Ticket.called_at.desc()]),
                    counts.get(Status.COMPLETED.value, 0), counts.get(Status.NO_SHOW.value, 0))
    return ctx.read(work)
