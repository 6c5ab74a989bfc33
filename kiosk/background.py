"""Blocking work (network, printer) runs in a thread; its result comes back on the Kivy clock,
so the screen never freezes."""
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable

from kivy.clock import Clock

log = logging.getLogger(__name__)


class Background:
    """Two lanes: `network` for polling and heartbeats, `printer` for one ticket job at a time."""

    def __init__(self):
        self.network = ThreadPoolExecutor(max_workers=2, thread_name_prefix="kiosk-net")
        self.printer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-print")

    def run(self, lane: ThreadPoolExecutor, work: Callable, done: Callable | None = None,
            failed: Callable | None = None) -> Future:
        """Run `work()` on `lane`; call `done(result)` or `failed(error)` on the Kivy thread."""
        future = lane.submit(work)

        def finished(future: Future) -> None:
            error = future.exception()
            if error is not None:
                if failed is None:
                    log.error("background work failed", exc_info=error)
                    return
                Clock.schedule_once(lambda _dt: failed(error), 0)
            elif done is not None:
                Clock.schedule_once(lambda _dt: done(future.result()), 0)
        future.add_done_callback(finished)
        return future

    def shutdown(self) -> None:
        self.network.shutdown(wait=False, cancel_futures=True)
        self.printer.shutdown(wait=False, cancel_futures=True)
