"""One tap, one ticket: a guard that lets a single "take a number" run at a time and ignores the
repeats an impatient or unsteady finger makes meanwhile. Plain Python: no Kivy."""
import threading
import time
from typing import Callable


class TapGuard:
    """Admits one action at a time, and none within `cooldown` seconds after the last one ended."""

    def __init__(self, cooldown: float = 1.5, clock: Callable[[], float] = time.monotonic):
        self.cooldown, self.clock = cooldown, clock
        self._lock = threading.Lock()
        self._busy = False
        self._ended_at = float("-inf")

    def try_begin(self) -> bool:
        """True if this tap may start the action; False for a repeat to ignore."""
        with self._lock:
            if self._busy or self.clock() - self._ended_at < self.cooldown:
                return False
            self._busy = True
            return True

    def end(self) -> None:
        """The action finished (printed, failed or refused): later taps count again after the cooldown."""
        with self._lock:
            self._busy = False
            self._ended_at = self.clock()
