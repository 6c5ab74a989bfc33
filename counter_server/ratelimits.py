"""Where the rate limits of one worker are counted: `limits`' memory storage, swept by the caller.

The memory storage of `limits` expires its entries from a timer thread that it starts again 10 ms
after the last one ended: under a steady stream of kiosk taps that is a new thread every few
tickets, and on a one-core server its start-up was a tenth of the cost of issuing a ticket
(docs/benchmarks.md, "Issue ÷ trivial"). Here the request that notices a second has passed
sweeps instead; reads already skip an expired window by themselves, so nothing is counted longer.

    COUNTER_SERVER_RATELIMIT_STORAGE_URI=swept-memory://   (the default)
"""
import threading
import time

from limits.storage import MemoryStorage

SWEEP_SECONDS = 1.0


class SweptMemoryStorage(MemoryStorage):
    """MemoryStorage without its timer thread; expired entries are dropped at most once a second."""

    STORAGE_SCHEME = ["swept-memory"]   # registered with `limits` by its metaclass

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.timer.cancel()   # the one the parent started; no other is started
        self.timer.join()
        self._swept_at = time.monotonic()
        self._sweeping = threading.Lock()

    def _MemoryStorage__schedule_expiry(self) -> None:
        """Replaces the parent's private hook (name-mangled there), which starts the timer thread."""
        now = time.monotonic()
        if now - self._swept_at < SWEEP_SECONDS or not self._sweeping.acquire(blocking=False):
            return
        try:
            self._swept_at = now
            self._MemoryStorage__expire_events()
        finally:
            self._sweeping.release()
