"""Use cases of the queue (issue, call next, transfer, ...), each one transaction.

Every function takes a `QueueContext` first: where the database is, what time it is, which
calling rule applies and whom to tell after a commit. No Flask in here.
"""
from .context import QueueContext
from .issuing import IssuedTicket, issue_ticket
from .counters import (
    call_next, call_ticket, complete, counter_overview, recall, skip, start, transfer,
)
from .tickets import cancel, expire_stale_tickets, requeue, track

__all__ = [
    "QueueContext", "IssuedTicket", "issue_ticket", "call_next", "call_ticket", "complete",
    "counter_overview", "recall", "skip", "start", "transfer", "cancel", "expire_stale_tickets",
    "requeue", "track",
]
