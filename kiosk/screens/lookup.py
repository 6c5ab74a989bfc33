"""Procedure lookup: browse by field, or search with the on-screen keyboard (no accents needed).
Works from the kiosk's own copy of the catalogue, so it keeps working when the server is down."""
from zoneinfo import ZoneInfo

from kivy.factory import Factory

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
                key = Factory.BigButton(text=letter.upper(), kind="plain", height=110)
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
        share = 0.24 if len(choices) > 6 else 0.32   # 4 or 3 a row; a long name wraps inside its chip
        for code, name in choices:
            chip = Factory.FieldChip(text=name, kind="primary" if code == self.flow.lookup_field else "plain",
                                     size_hint=(share, None))
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
        self.ids.scroll.scroll_y = 1
        count = self.t("lookup.count", count=len(results)) if results else self.t("lookup.none")
        catalogue = self.flow.catalogue
        if not self.app.online and catalogue is not None:
            count += " · " + self.t("lookup.offline_copy", time=now_line(catalogue.saved_at.astimezone(ZoneInfo(self.app.settings.time_zone)),
                                                                         self.app.language))
        self.ids.count.text = count
