"""Who a counter calls next (quy tắc gọi số), written down once and kept replaceable.

The rule: among the tickets waiting today in the fields the counter serves (plus any ticket
transferred to this counter by name), priority tickets first, then the one that has waited
longest since it was issued. A transferred ticket keeps its original issue time, so it does not
lose its place. Ties break on the ticket id (issue order).

A policy is data: an ordered list of (ticket attribute, direction). The service layer turns it
into SQL ORDER BY; `sort_key` applies the same rule to plain objects for checks and tests.
"""
from dataclasses import dataclass
from math import ceil


@dataclass(frozen=True)
class QueuePolicy:
    """An ordering of waiting tickets; the first one is called next."""

    name: str
    order: tuple[tuple[str, str], ...]

    def sort_key(self, ticket) -> tuple:
        """A key that sorts tickets (objects or mappings) in calling order."""
        key = []
        for attribute, direction in self.order:
            value = ticket[attribute] if isinstance(ticket, dict) else getattr(ticket, attribute)
            if direction == "desc":
                value = _Reversed(value)
            key.append(value)
        return tuple(key)


class _Reversed:
    """Wraps a value so that sorting ascending orders it descending."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __lt__(self, other):
        return other.value < self.value

    def __eq__(self, other):
        return self.value == other.value


PRIORITY_THEN_LONGEST_WAIT = QueuePolicy(
    name="priority_then_longest_wait",
    order=(("is_priority", "desc"), ("issued_at", "asc"), ("id", "asc")),
)

DEFAULT_POLICY = PRIORITY_THEN_LONGEST_WAIT


def estimated_wait_minutes(
    people_ahead: int,
    completed_today: int,
    service_seconds_today: float,
    open_counters: int,
    default_service_minutes: float,
    min_samples: int = 3,
) -> int:
    """A simple estimate: people ahead × mean service time ÷ open counters, in whole minutes.

    The mean is today's observed service time in the field (call to completion) once at least
    `min_samples` tickets are done, otherwise the field's configured default. With no counter
    open we still divide by one, so the citizen sees a figure rather than nothing.
    """
    if people_ahead <= 0:
        return 0
    if completed_today >= min_samples:
        mean_minutes = service_seconds_today / completed_today / 60
    else:
        mean_minutes = default_service_minutes
    return ceil(people_ahead * mean_minutes / max(open_counters, 1))
