"""Wakes the server-sent-event streams of this process as soon as a change is committed.

Changes committed by other processes are picked up by the streams' periodic poll.
"""
import threading


class ChangeNotifier:
    """A generation counter with a condition: streams wait until it moves or a time-out passes."""

    def __init__(self):
        self._condition = threading.Condition()
        self.generation = 0
        self.closed = False
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

    def wait(self, seen: int, timeout: float) -> int:
        """Block until the generation differs from `seen` or `timeout` passes; the new generation."""
        with self._condition:
            self._condition.wait_for(lambda: self.generation != seen, timeout)
            return self.generation
