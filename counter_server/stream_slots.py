"""How many live event streams this worker process holds open, in all and per client address.

Each open stream holds one of the worker's threads (gunicorn's gthread) for up to
SSE_MAX_SECONDS. Without a bound, a few dozen idle streams from anyone on the hall network took
every thread and the kiosks' ticket requests timed out (issue 14, point 4). With one, a worker
always keeps threads for ordinary requests, and one address cannot take every stream."""
import threading
from collections import Counter
from collections.abc import Callable

TOO_MANY_FROM_ADDRESS = "too_many_streams"
SERVER_BUSY = "streams_full"


class StreamsRefused(Exception):
    """No slot for this stream: `reason` is TOO_MANY_FROM_ADDRESS or SERVER_BUSY."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class StreamSlots:
    """At most `total` open streams in this process, at most `per_address` from one address
    (0: no per-address bound, for centres whose screens all reach the server through one NAT
    address)."""

    def __init__(self, total: int, per_address: int):
        self.total, self.per_address = total, per_address
        self._open: Counter[str] = Counter()
        self._lock = threading.Lock()

    def hold(self, address: str) -> Callable[[], None]:
        """Hold a slot for a stream from `address` (or raise StreamsRefused); the function returned
        gives it back, once however often it is called."""
        with self._lock:
            if self.per_address and self._open[address] >= self.per_address:
                raise StreamsRefused(TOO_MANY_FROM_ADDRESS)
            if self.total <= sum(self._open.values()):
                raise StreamsRefused(SERVER_BUSY)
            self._open[address] += 1
        still_held = [True]

        def give_back() -> None:
            with self._lock:
                if not still_held:
                    return
                still_held.clear()
                self._open[address] -= 1
                if self._open[address] <= 0:
                    del self._open[address]
        return give_back

    def holding(self) -> int:
        with self._lock:
            return sum(self._open.values())
