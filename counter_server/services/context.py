"""What every use case needs besides its arguments."""
import threading
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Callable

from sqlalchemy.orm import sessionmaker

from ..db import run_in_transaction
from ..domain.queue_policy import DEFAULT_POLICY, QueuePolicy
from ..pg_wake import announce


def system_clock() -> datetime:
    """The real time, aware, in UTC."""
    return datetime.now(timezone.utc)


@dataclass
class QueueContext:
    """Database, clock, calling rule and a hook run after each committed change."""

    session_factory: sessionmaker
    clock: Callable[[], datetime] = system_clock
    policy: QueuePolicy = DEFAULT_POLICY
    after_commit: Callable[[], None] = lambda: None
    # centre id -> (its time zone, the service day whose leftovers were last expired), so that
    # the check on the hot path is a dictionary look-up.
    expired_through: dict[int, tuple[str, date]] = field(default_factory=dict)
    # One expiry at a time in this process (see expire_if_new_day).
    expiry_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def write(self, work):
        """Run `work(session)` in a writing transaction, then tell listeners: this process's after
        the commit, other processes' (PostgreSQL) by a NOTIFY that the transaction sends."""
        def work_and_announce(session):
            result = work(session)
            announce(session)
            return result
        result = run_in_transaction(self.session_factory, work_and_announce, write=True)
        self.after_commit()
        return result

    @property
    def engine(self):
        """The engine the sessions are bound to."""
        return self.session_factory.kw["bind"]

    def read(self, work):
        """Run `work(session)` in a read-only transaction."""
        return run_in_transaction(self.session_factory, work, write=False)
