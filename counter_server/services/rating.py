"""Rating tablets: pairing one to a counter, what it should ask now, and recording the answer."""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import security
from ..domain import rating as rules
from ..domain.errors import AlreadyRated, RatingNotOpen, UnknownCounter
from ..domain.tickets import Status
from ..models import Centre, Counter, Rating, RatingDevice, Ticket
from .context import QueueContext


@dataclass(frozen=True)
class PairedDevice:
    """A new tablet and its secret (shown once, as the link the tablet opens)."""

    id: int
    name: str
    counter: int
    secret: str


@dataclass(frozen=True)
class Question:
    """What the tablet asks now: rate ticket `number`, with these levels."""

    ticket_id: int
    number: str
    counter: int
    finished_at: datetime
    levels: list[dict]


def pair_device(ctx: QueueContext, centre_id: int, counter_id: int, name: str) -> PairedDevice:
    """Pair a new tablet to a counter."""
    secret = "rd_" + security.new_kiosk_token()[3:]

    def work(session):
        counter = session.get(Counter, counter_id)
        if counter is None or counter.centre_id != centre_id:
            raise UnknownCounter(counter_id=counter_id)
        device = RatingDevice(centre_id=centre_id, counter_id=counter.id, name=name,
                              secret_hash=security.hash_kiosk_token(secret), created_at=ctx.clock())
        session.add(device)
        session.flush()
        return PairedDevice(device.id, device.name, counter.number, secret)
    return ctx.write(work)


def device_for(ctx: QueueContext, secret: str) -> RatingDevice | None:
    """The active tablet holding `secret`, or None."""
    digest = security.hash_kiosk_token(secret)
    return ctx.read(lambda session: session.scalar(
        select(RatingDevice).where(RatingDevice.secret_hash == digest, RatingDevice.is_active.is_(True))))


def question(ctx: QueueContext, device: RatingDevice) -> Question | None:
    """The ticket just completed at the tablet's counter, if it is still open for rating."""
    def work(session):
        return _latest_completed(session, device, ctx.clock())
    return ctx.read(work)


def rate(ctx: QueueContext, device: RatingDevice, ticket_id: int, level: int) -> Rating:
    """Record the citizen's answer: once per ticket, only for the ticket just completed here."""
    def work(session):
        now = ctx.clock()
        asked = _latest_completed(session, device, now)
        if asked is None or asked.ticket_id != ticket_id:
            if session.scalar(select(Rating.id).where(Rating.ticket_id == ticket_id)):
                raise AlreadyRated()
            raise RatingNotOpen()
        rules.check_level(level, asked.levels)
        staff_id = session.scalar(select(Ticket.staff_id).where(Ticket.id == ticket_id))
        rating = Rating(ticket_id=ticket_id, centre_id=device.centre_id, counter_id=device.counter_id,
                        staff_id=staff_id, device_id=device.id, level=level, rated_at=now)
        session.add(rating)
        session.get(RatingDevice, device.id).last_seen_at = now
        session.flush()
        return rating
    try:
        return ctx.write(work)
    except IntegrityError:
        raise AlreadyRated() from None


def _latest_completed(session, device: RatingDevice, now: datetime) -> Question | None:
    row = session.execute(
        select(Ticket.id, Ticket.number, Ticket.finished_at, Counter.number)
        .join(Counter, Counter.id == Ticket.counter_id)
        .where(Ticket.counter_id == device.counter_id, Ticket.status == Status.COMPLETED.value)
        .order_by(Ticket.finished_at.desc()).limit(1)).first()
    if row is None:
        return None
    try:
        rules.check_open(row.finished_at, now)
    except RatingNotOpen:
        return None
    if session.scalar(select(Rating.id).where(Rating.ticket_id == row.id)):
        return None
    levels = rules.levels_for(session.scalar(select(Centre.rating_levels).where(Centre.id == device.centre_id)))
    return Question(row.id, row.number, row[3], row.finished_at, levels)
