"""On-screen keys for what the citizen reads off the slip: the dossier code (letters in
alphabetical order, digits, '-' and '.') and the phone's last four digits (a big keypad); and the
box a 2D scanner, set up as a keyboard, types the slip's QR code into."""
from kivy.app import App
from kivy.clock import Clock
from kivy.factory import Factory
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.textinput import TextInput
from kivy.uix.widget import Widget


class CodeBox(TextInput):
    """The dossier code as typed or scanned (a scanner types the QR code's text, then Enter)."""


class KeyPad(BoxLayout):
    """A grid of keys and a row of editing keys below it; dispatches on_key(key) for each tap."""

    columns = 10
    grid: tuple[str, ...] = ()           # "" leaves a gap
    edit: tuple[tuple[str, str], ...] = ()  # (key, words key)
    key_class = "PadKey"

    __events__ = ("on_key",)

    def on_kv_post(self, base_widget) -> None:
        self.ids["keys"].cols = self.columns
        for key in self.grid:
            self.ids["keys"].add_widget(self._key(self.key_class, key, key) if key else Widget())
        for key, words in self.edit:
            self.ids["edit_keys"].add_widget(self._key("EditKey", key, "", words))
        if not self.edit:
            self.ids["edit_keys"].height = 0

    def _key(self, kind: str, key: str, label: str, words: str = ""):
        button = getattr(Factory, kind)(text=label)
        if words:
            app = App.get_running_app()
            button.text = app.t(words, app.language)
            app.bind(language=lambda _app, language: setattr(button, "text", app.t(words, language)))
        button.key = key
        button.bind(on_release=lambda _b: self.dispatch("on_key", key))
        return button

    def on_key(self, key: str) -> None:
        """A key was tapped (bound in kv)."""


class CodeKeys(KeyPad):
    """Digits, letters A–Z in alphabetical order (most citizens do not know a keyboard's order), '-' and '.'."""

    grid = tuple("1234567890ABCDEFGHIJKLMNOPQRSTUVWXYZ-.") + ("", "")
    edit = (("backspace", "keyboard.backspace"), ("clear", "keyboard.clear"))


class DigitKeys(KeyPad):
    """A telephone's keypad, large: 1–9, then 'clear', 0, 'delete one'."""

    columns = 3
    key_class = "DigitKey"
    grid = tuple("123456789")
    edit = ()

    def on_kv_post(self, base_widget) -> None:
        super().on_kv_post(base_widget)
        keys = self.ids["keys"]
        keys.add_widget(self._key("DigitEditKey", "clear", "", "keyboard.clear"))
        keys.add_widget(self._key("DigitKey", "0", "0"))
        keys.add_widget(self._key("DigitEditKey", "backspace", "", "keyboard.backspace_digit"))


class CodeEntry:
    """For a screen with a CodeBox (id code_box) and CodeKeys: keeps the box and the flow's code in
    step, whether a finger taps the keys or a scanner types the QR code's text and Enter."""

    has_code = BooleanProperty(False)
    problem = StringProperty("")
    _syncing = False

    def focus_code_box(self) -> None:
        """The box takes what the scanner types, wherever the finger last touched."""
        Clock.schedule_once(lambda _dt: setattr(self.ids.code_box, "focus", True), 0)

    def on_leave(self, *_args) -> None:
        self.ids.code_box.focus = False   # a scan on another screen must not land here

    def typed(self, text: str) -> None:
        """The box changed: a scanner typing, or a hardware keyboard."""
        if not self._syncing:
            self.flow.read_code(text)
            self.has_code = bool(self.flow.dossier_code)

    def scanned(self, text: str) -> None:
        """Enter (the scanner's last key): the code alone in the box, or why there is none."""
        self.flow.read_code(text)
        self.show_code()

    def press(self, key: str) -> None:
        """A key of the on-screen code keys."""
        self.flow.type_code(key)
        self.show_code()

    def show_code(self) -> None:
        """The box shows the flow's code (a scanned address becomes its code)."""
        box = self.ids.code_box
        if box.text != self.flow.dossier_code:
            self._syncing = True
            box.text = self.flow.dossier_code
            self._syncing = False
        box.cursor = (len(box.text), 0)
        self.has_code = bool(self.flow.dossier_code)
        self.problem = self.t("dossier.code_unreadable") if self.flow.code_unreadable else ""
