"""Wakes the server-sent-event streams of this process as soon as a change is committed.

Changes committed by other processes are picked up by the streams' periodic poll, or sooner on
PostgreSQL, where a listener (pg_wake.py) hears them and calls notify() here.
"""
import threading

# How long a stream waits before it reads the event log on its own, while a listener hears every
# other process's commits: only a writer that sends no NOTIFY (a command-line run) is left to it.
SAFETY_NET_SECONDS = 2.0


class ChangeNotifier:
    """A generation counter with a condition: streams wait until it moves or a time-out passes."""

    def __init__(self):
        self._condition = threading.Condition()
        self.generation = 0
        self.closed = False
        self.hears_other_processes = False   # set by pg_wake.WakeListener while it is listening
        # Streams must end when the process stops (a restart, gunicorn's quick shutdown): the
        # interpreter joins worker threads at exit, and a stream thread would hold it for minutes.
        # threading's own exit hook runs before that join (concurrent.futures uses the same one).
        register = getattr(threading, "_register_atexit", None)
        if register is not None:
            register(self.close)

    def close(self) -> None:
        """The process is stopping: wake every stream so that it ends."""
        with self._condition:
            self.closed = True
            self.generation += 1
            self._condition.notify_all()

    def notify(self) -> None:
        """Something was committed."""
        with self._condition:
            self.generation += 1
            self._condition.notify_all()

    def hearing(self, others: bool) -> None:
        """A listener starts or stops hearing other processes' commits; either way streams look now
        (what was committed while nobody listened) and wait as long as the new state allows."""
        with self._condition:
            self.hears_other_processes = others
            self.generation += 1
            self._condition.notify_all()

    def poll_seconds(self, poll: float) -> float:
        """How long a stream may wait before it reads the log itself: `poll`, or the longer safety
        net while other processes' commits wake it anyway."""
        return max(poll, SAFETY_NET_SECONDS) if self.hears_other_processes else poll

    def wait(self, seen: int, timeout: float) -> int:
        """Block until the generation differs from `seen` or `timeout` passes; the new generation."""
        with self._condition:
            self._condition.wait_for(lambda: self.generation != seen, timeout)
            return self.generation
