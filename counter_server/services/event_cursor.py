"""Reading the event log as it grows, without skipping a line.

An event's id is given when it is written, not when its transaction commits. On PostgreSQL two
transactions can commit out of order: a counter's action writes event N, a kiosk writes N+1 and
commits first. A reader that had gone past N+1 would never see N. So a stream's cursor notes
every id it skipped ("a hole": no committed event holds it yet, in any centre) and looks for it
again at each read, until it comes, or until every transaction that was running when the hole was
seen has ended (PostgreSQL's snapshot says so: the id was a rolled-back transaction's and stays
unused), or HOLE_SECONDS pass. SQLite writes one transaction at a time and gives a rolled-back
id again: no holes there."""
import time
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select

from ..models import TicketEvent
from .board import PublicEvent, public_event
from .context import QueueContext

HOLE_SECONDS = 30.0      # the last resort: far longer than any writing transaction takes
MAX_HOLE = 1000          # a jump wider than this is not an open transaction's (a sequence reset)


@dataclass
class Hole:
    """An id skipped: when it was first missed (monotonic), and on PostgreSQL the first transaction
    id not yet begun then (once the oldest running transaction is past it, whoever took the id ended)."""

    since: float
    running_below: int | None = None


@dataclass
class EventCursor:
    """Where one stream is in the log: the highest id read (every centre's), the holes below it,
    and whether the last read was cut at its limit (read again at once)."""

    last_id: int
    holes: dict[int, Hole] = field(default_factory=dict)
    more: bool = False


SNAPSHOT = select(func.pg_snapshot_xmin(func.pg_current_snapshot()), func.pg_snapshot_xmax(func.pg_current_snapshot()))


def next_events(ctx: QueueContext, centre_id: int, cursor: EventCursor, limit: int = 200,
                clock=time.monotonic) -> list[PublicEvent]:
    """The centre's events the cursor has not given yet, in id order (a late commit's after the
    ones read before it), and the cursor moved past them."""
    now = clock()

    def work(session):
        # In this order: the ids (a hole among them was taken by a transaction already begun), the
        # snapshot (so that transaction is below its xmax), then the rows (a transaction the
        # snapshot says has ended has its rows seen).
        ids = list(session.scalars(select(TicketEvent.id).where(TicketEvent.id > cursor.last_id)
                                   .order_by(TicketEvent.id).limit(limit)))
        snapshot = session.execute(SNAPSHOT).one() if session.bind.dialect.name == "postgresql" else None
        wanted = [TicketEvent.id.in_(ids)] + ([TicketEvent.id.in_(list(cursor.holes))] if cursor.holes else [])
        rows = session.scalars(select(TicketEvent).where(TicketEvent.centre_id == centre_id, or_(*wanted))
                               .order_by(TicketEvent.id)).all()
        return snapshot, ids, [public_event(row) for row in rows]
    snapshot, ids, events = ctx.read(work)
    oldest_running, not_begun = (int(snapshot[0]), int(snapshot[1])) if snapshot else (None, None)
    for event in events:
        cursor.holes.pop(event.id, None)
    cursor.holes = {hole: seen for hole, seen in cursor.holes.items()
                    if now - seen.since < HOLE_SECONDS
                    and not (seen.running_below is not None and oldest_running >= seen.running_below)}
    expected = cursor.last_id + 1
    for found in ids:
        if found - expected <= MAX_HOLE:
            for hole in range(expected, found):
                cursor.holes.setdefault(hole, Hole(now, not_begun))
        expected = found + 1
    if ids:
        cursor.last_id = ids[-1]
    cursor.more = len(ids) == limit
    return events


def resume_point(cursor: EventCursor, event: PublicEvent) -> int:
    """The id a client that has `event` (and all before it) resumes after: the event's own, or just
    below the oldest hole, so that an event committed late is not lost across a reconnection (the
    client then gets some events twice, and knows them by their id)."""
    return min(event.id, min(cursor.holes) - 1) if cursor.holes else event.id
