"""Procedure lookup: browse by field, or search with the on-screen keyboard (no accents needed).
Works from the kiosk's own copy of the catalogue, so it keeps working when the server is down."""
from zoneinfo import ZoneInfo

from kivy.clock import Clock
from kivy.factory import Factory
from kivy.metrics import dp

from ..i18n import now_line
from .base import KioskScreen

KEY_ROWS = ("abcdefg", "hijklmn", "opqrstu", "vwxyz")
MAX_RESULTS = 40


class LookupScreen(KioskScreen):
    name_ = "lookup"

    def on_kv_post(self, base_widget) -> None:
        keys = self.ids.letter_keys
        for row in KEY_ROWS:
            for letter in row:
                key = Factory.BigButton(text=letter.upper(), kind="plain", size_hint_y=1)
                key.bind(on_release=lambda _b, letter=letter: self.press(letter))
                keys.add_widget(key)

    _catalogue = None

    def refresh(self) -> None:
        self._catalogue = self.flow.catalogue
        self._draw_fields()
        self._draw_results()

    def live_update(self) -> None:
        if self.flow.catalogue is not self._catalogue:
            self.refresh()  # a newer copy of the catalogue arrived (the typed words stay)

    def press(self, key: str) -> None:
        """A key of the on-screen keyboard: a letter, 'space', 'backspace' or 'clear'."""
        if key == "clear":
            self.flow.search = ""
        else:
            self.flow.type_key(key)
        self._draw_results()

    def pick_field(self, code: str | None) -> None:
        self.flow.lookup_field = code
        self.refresh()

    def open(self, code: str) -> None:
        self.go(self.flow.open_procedure(code))

    def _draw_fields(self) -> None:
        chips = self.ids.chips
        chips.clear_widgets()
        choices = [(None, self.t("lookup.all_fields"))] + [(t.code, t.name) for t in self.flow.tiles()]
        for code, name in choices:
            chip = Factory.FieldChip(text=name, kind="primary" if code == self.flow.lookup_field else "plain")
            chip.many = len(choices) > 6   # a kv class: its own properties are set after it is made
            chip.bind(on_release=lambda _b, code=code: self.pick_field(code))
            chips.add_widget(chip)

    def _draw_results(self) -> None:
        self.ids.search_text.text = self.flow.search
        results = self.flow.lookup_results()
        listing = self.ids.results
        listing.clear_widgets()
        for procedure in results[:MAX_RESULTS]:
            button = Factory.ListButton(text=procedure["name"])
            button.bind(on_release=lambda _b, code=procedure["code"]: self.open(code))
            listing.add_widget(button)
        if self.flow.search or self.flow.lookup_field is not None:
            Clock.schedule_once(self._show_results, 0)   # once the page has its new height
        else:
            self.ids.scroll.scroll_y = 1
        count = self.t("lookup.count", count=len(results)) if results else self.t("lookup.none")
        catalogue = self.flow.catalogue
        if not self.app.online and catalogue is not None:
            count += " · " + self.t("lookup.offline_copy", time=now_line(catalogue.saved_at.astimezone(ZoneInfo(self.app.settings.time_zone)),
                                                                         self.app.language))
        self.ids.count.text = count

    def _show_results(self, _dt=None) -> None:
        """After a key or a field: the page from its top when the first result shows there too;
        otherwise (large text) from the count line, the results under it."""
        scroll, page, results = self.ids.scroll, self.ids.page, self.ids.results
        hidden = page.height - scroll.height   # how far the page can move
        if hidden <= 0 or not results.children or results.children[-1].y - page.y >= hidden:
            scroll.scroll_y = 1
        else:
            count_top = self.ids.count.top - page.y
            scroll.scroll_y = min(1.0, max(0.0, (count_top + dp(12) - scroll.height) / hidden))
