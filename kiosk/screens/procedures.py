"""Procedure choice inside the chosen field: optional, with a clear 'skip'."""
from .base import KioskScreen
from kivy.factory import Factory


class ProceduresScreen(KioskScreen):
    name_ = "procedures"

    def refresh(self) -> None:
        listing = self.ids.listing
        listing.clear_widgets()
        if self.flow.choice is None:
            return
        for procedure in self.flow.procedures_of(self.flow.choice.field):
            button = Factory.ListButton(text=procedure["name"])
            button.bind(on_release=lambda _b, code=procedure["code"]: self.pick(code))
            listing.add_widget(button)
        self.ids.scroll.scroll_y = 1

    def pick(self, code: str | None) -> None:
        self.go(self.flow.pick_procedure(code))
