"""Which calls may be announced (thông báo gọi số): only those that happened today at the centre,
so that nobody can make the server speak (and keep on disk) numbers nobody called."""
from sqlalchemy import select

from ..domain.errors import NotFound
from ..models import Counter, Ticket, TicketEvent
from .board import CALL_KINDS, centre_today
from .context import QueueContext


class NotCalledToday(NotFound):
    """The ticket number was not called at that counter today."""

    code = "not_called_today"
    message = "Số thứ tự này chưa được gọi đến quầy này hôm nay."


def was_called_today(ctx: QueueContext, centre_id: int, number: str, counter_number: int) -> bool:
    """Whether ticket `number` was called (or called again) at counter `counter_number` of the
    centre on its current service day."""
    def work(session):
        _, day = centre_today(session, centre_id, ctx.clock())
        # The ticket by its unique (centre, day, number), then its call events: both indexed.
        called = (select(TicketEvent.id)
                  .join(Ticket, Ticket.id == TicketEvent.ticket_id)
                  .join(Counter, Counter.id == TicketEvent.counter_id)
                  .where(Ticket.centre_id == centre_id, Ticket.service_day == day, Ticket.number == number,
                         Counter.centre_id == centre_id, Counter.number == counter_number,
                         TicketEvent.kind.in_(CALL_KINDS))
                  .limit(1))
        return session.scalar(called) is not None
    return ctx.read(work)


def require_call_today(ctx: QueueContext, centre_id: int, number: str, counter_number: int) -> None:
    """Raise NotCalledToday unless `number` was called at `counter_number` today."""
    if not was_called_today(ctx, centre_id, number, counter_number):
        raise NotCalledToday(number=number, counter=counter_number)
