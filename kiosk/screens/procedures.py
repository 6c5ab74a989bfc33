"""Procedure choice inside the chosen field: optional, with a clear 'skip'."""
from kivy.factory import Factory

from .base import KioskScreen


class ProceduresScreen(KioskScreen):
    name_ = "procedures"

    _drawn = None

    def refresh(self) -> None:
        if self.flow.choice is None:
            return
        procedures = self.flow.procedures_of(self.flow.choice.field)
        self.ids.scroll.scroll_y = 1
        drawn = tuple((p["code"], p["name"]) for p in procedures)
        if drawn == self._drawn:
            return  # the same field again: keep the buttons
        self._drawn = drawn
        listing = self.ids.listing
        listing.clear_widgets()
        for procedure in procedures:
            button = Factory.ListButton(text=procedure["name"])
            button.bind(on_release=lambda _b, code=procedure["code"]: self.pick(code))
            listing.add_widget(button)

    def pick(self, code: str | None) -> None:
        self.go(self.flow.pick_procedure(code))
