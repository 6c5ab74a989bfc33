"""Reading the event log as it grows, without skipping a line.

An event's id is given when it is written, not when its transaction commits. On PostgreSQL two
transactions can commit out of order: a counter's action writes event N, a kiosk writes N+1 and
commits first. A reader that had gone past N+1 would never see N. So a stream's cursor notes
every id it skipped ("a hole": no committed event holds it yet, in any centre) and looks for it
again at each read, until it comes or HOLE_SECONDS pass (a rolled-back transaction leaves its id
unused for good). SQLite writes one transaction at a time: no holes there but rolled-back ones."""
import time
from dataclasses import dataclass, field

from sqlalchemy import or_, select

from ..models import TicketEvent
from .board import PublicEvent, public_event
from .context import QueueContext

HOLE_SECONDS = 30.0      # far longer than any writing transaction takes
MAX_HOLE = 1000          # a jump wider than this is not an open transaction's (a sequence reset)


@dataclass
class EventCursor:
    """Where one stream is in the log: the highest id read (every centre's), the holes below it,
    and whether the last read was cut at its limit (read again at once)."""

    last_id: int
    holes: dict[int, float] = field(default_factory=dict)   # id → when first missed (monotonic)
    more: bool = False


def next_events(ctx: QueueContext, centre_id: int, cursor: EventCursor, limit: int = 200,
                clock=time.monotonic) -> list[PublicEvent]:
    """The centre's events the cursor has not given yet, in id order (a late commit's after the
    ones read before it), and the cursor moved past them."""
    now = clock()
    cursor.holes = {hole: since for hole, since in cursor.holes.items() if now - since < HOLE_SECONDS}

    def work(session):
        ids = list(session.scalars(select(TicketEvent.id).where(TicketEvent.id > cursor.last_id)
                                   .order_by(TicketEvent.id).limit(limit)))
        wanted = [TicketEvent.id.in_(ids)] + ([TicketEvent.id.in_(list(cursor.holes))] if cursor.holes else [])
        rows = session.scalars(select(TicketEvent).where(TicketEvent.centre_id == centre_id, or_(*wanted))
                               .order_by(TicketEvent.id)).all()
        return ids, [public_event(row) for row in rows]
    ids, events = ctx.read(work)
    expected = cursor.last_id + 1
    for found in ids:
        if found - expected <= MAX_HOLE:
            cursor.holes.update((hole, now) for hole in range(expected, found) if hole not in cursor.holes)
        expected = found + 1
    for event in events:
        cursor.holes.pop(event.id, None)
    if ids:
        cursor.last_id = ids[-1]
    cursor.more = len(ids) == limit
    return events
