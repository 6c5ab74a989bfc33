"""The ticket: 'printing…', then the number large with the people ahead and the wait; a reprint
when the paper did not come out; home again after a few seconds."""
import logging
import time

from kivy.clock import Clock
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty

from ..flow import TicketView, ticket_view
from .base import KioskScreen

log = logging.getLogger(__name__)
HOME_AFTER_SECONDS = 10


class TicketScreen(KioskScreen):
    name_ = "ticket"
    busy = BooleanProperty(False)
    view = ObjectProperty(TicketView(), rebind=True)
    seconds_left = NumericProperty(0)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._choice = None
        self._outcome = None
        self._countdown = None
        self.tap_to_print_seconds: list[float] = []   # for the benchmark

    def refresh(self) -> None:
        """Redraw the outcome (language toggle, the screen shown again); never takes a number,
        since a redraw is no tap."""
        if self._outcome is not None:
            self.view = ticket_view(self._outcome, self._choice, self.app.language)

    def take(self, choice) -> None:
        """Take a number for `choice`: called once by the tap that completed it (KioskScreen.go)."""
        if choice is None or not self.app.guard.try_begin():
            return  # a repeat tap while a ticket is being taken: ignore it
        self._choice, self._outcome, self.busy = choice, None, True
        self.view = TicketView()
        self._stop_countdown()
        started = time.perf_counter()

        def done(outcome):
            self.tap_to_print_seconds.append(time.perf_counter() - started)
            self._show(outcome)
        self.app.background.run(self.app.background.printer, lambda: self.app.taker.take(choice), done, self._failed)

    def reprint(self) -> None:
        if self._outcome is None or not self._outcome.can_reprint or not self.app.guard.try_begin():
            return
        self.busy = True
        outcome, choice = self._outcome, self._choice
        self.app.background.run(self.app.background.printer, lambda: self.app.taker.reprint(outcome, choice),
                                self._show, self._failed)

    def _show(self, outcome) -> None:
        self.app.guard.end()
        self.busy, self._outcome = False, outcome
        self.view = ticket_view(outcome, self._choice, self.app.language)
        if outcome.printed is not None:
            self.app.heartbeat(state=outcome.printed.code)
        if self.view.printed:
            self.seconds_left = HOME_AFTER_SECONDS
            self._countdown = Clock.schedule_interval(self._tick, 1)

    def _failed(self, error) -> None:
        log.error("taking a number failed", exc_info=error)
        self.app.guard.end()
        self.busy = False
        self.view = TicketView(message=self.t("ticket.refused"))

    def _tick(self, _dt) -> None:
        self.seconds_left -= 1
        if self.seconds_left <= 0:
            self.done()

    def done(self) -> None:
        self._stop_countdown()
        self.app.go_home(next_citizen=True)

    def _stop_countdown(self) -> None:
        if self._countdown is not None:
            self._countdown.cancel()
            self._countdown = None
        self.seconds_left = 0

    def on_leave(self, *_args) -> None:
        self._stop_countdown()
