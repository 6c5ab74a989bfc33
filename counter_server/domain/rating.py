"""Satisfaction ratings (đánh giá mức độ hài lòng): which levels a tablet offers, and when a
rating is accepted. Plain Python."""
from datetime import datetime, timedelta

from .errors import RatingNotOpen, UnknownRatingLevel

# Three levels, as in one provincial centre (DOMAIN.md); a centre may set four of its own.
DEFAULT_LEVELS = (
    {"level": 3, "label": "Rất hài lòng"},
    {"level": 2, "label": "Hài lòng"},
    {"level": 1, "label": "Chưa hài lòng"},
)
# The tablet offers the rating for this long after the officer completes the ticket.
RATING_WINDOW = timedelta(minutes=5)


def levels_for(configured: list | None) -> list[dict]:
    """The centre's levels, best first, or the default three."""
    return [dict(item) for item in (configured or DEFAULT_LEVELS)]


def check_level(level: int, levels: list[dict]) -> int:
    """`level` if the centre offers it, else UnknownRatingLevel."""
    if level not in {item["level"] for item in levels}:
        raise UnknownRatingLevel(level=level)
    return level


def check_open(finished_at: datetime | None, now: datetime) -> None:
    """A rating is taken only within RATING_WINDOW of the ticket's completion."""
    if finished_at is None or now - finished_at > RATING_WINDOW:
        raise RatingNotOpen()
