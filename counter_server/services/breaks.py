"""A counter's break (tạm nghỉ): the officer pauses the counter, which then calls nobody, and the
board says so; resuming puts it back to work. The event log carries both, so boards and consoles
update live."""
from dataclasses import dataclass
from datetime import datetime

from ..domain.errors import CounterBusy
from ..models import Counter, TicketEvent
from .context import QueueContext
from .counters import _current, _operated_counter

PAUSED, RESUMED = "paused", "resumed"


@dataclass(frozen=True)
class CounterState:
    """Whether a counter works or is on a break, and since when."""

    counter: int
    paused: bool
    paused_since: datetime | None


def pause_counter(ctx: QueueContext, centre_id: int, counter_id: int, staff_id: int | None) -> CounterState:
    """Put the counter on a break: refused while a citizen is called to it or being served."""
    def work(session):
        counter = _operated_counter(session, centre_id, counter_id, staff_id)
        if _current(session, counter) is not None:
            raise CounterBusy(counter=counter.number)
        row = session.get(Counter, counter.id)
        if row.paused_at is None:
            row.paused_at = ctx.clock()
            _record(session, row, PAUSED, row.paused_at, staff_id)
        return CounterState(row.number, True, row.paused_at)
    return ctx.write(work)


def resume_counter(ctx: QueueContext, centre_id: int, counter_id: int, staff_id: int | None) -> CounterState:
    """End the counter's break: it calls again."""
    def work(session):
        counter = _operated_counter(session, centre_id, counter_id, staff_id)
        row = session.get(Counter, counter.id)
        if row.paused_at is not None:
            row.paused_at = None
            _record(session, row, RESUMED, ctx.clock(), staff_id)
        return CounterState(row.number, False, None)
    return ctx.write(work)


def _record(session, counter: Counter, kind: str, at: datetime, staff_id: int | None) -> None:
    """The event log's line for a break starting or ending: the counter's number, nothing else."""
    session.add(TicketEvent(centre_id=counter.centre_id, ticket_id=None, kind=kind, at=at, counter_id=counter.id,
                            staff_id=staff_id, data={"counter": counter.number}))
