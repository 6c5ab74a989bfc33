"""The priority question ('Ưu tiên'): categories from the server, checked by staff at the counter."""
from kivy.factory import Factory

from .base import KioskScreen


class PriorityScreen(KioskScreen):
    name_ = "priority"

    _drawn = None

    def refresh(self) -> None:
        drawn = (self.app.language, tuple((c["code"], c["name_vi"], c["name_en"]) for c in self.flow.priorities()))
        if drawn == self._drawn:
            return  # the same buttons: keep them
        self._drawn = drawn
        grid = self.ids.grid
        grid.clear_widgets()
        for category in self.flow.priorities():
            label = category["name_en"] if self.app.language == "en" else category["name_vi"]
            button = Factory.BigButton(text=label, kind="plain", height=150)
            button.bind(on_release=lambda _b, code=category["code"]: self.pick(code))
            grid.add_widget(button)

    def pick(self, code: str | None) -> None:
        self.go(self.flow.pick_priority(code))
