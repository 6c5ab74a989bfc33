"""Drive a running kiosk window from another thread: real touches through Kivy's input pipeline,
waits on what the screen shows, and screenshots. Used by the tour, the GUI tests and the benchmark."""
import os
import threading
import time
from pathlib import Path

from kivy.clock import Clock
from kivy.core.window import Window
from kivy.tests.common import UnitTestTouch
from kivy.uix.scrollview import ScrollView


SCROLL_RELEASE_DELAY = 0.35


def in_scroll_view(widget) -> bool:
    while widget is not None and widget.parent is not widget:
        if isinstance(widget, ScrollView):
            return True
        widget = widget.parent
    return False


class PilotError(AssertionError):
    """The screen did not get where the script expected."""


class Pilot:
    """Runs functions on the Kivy thread and waits for their result."""

    def __init__(self, app, timeout: float = 20.0):
        self.app, self.timeout = app, timeout

    def ui(self, fn, *args):
        """Call fn(*args) on the Kivy thread; return its result (or raise its error) here."""
        done, box = threading.Event(), {}

        def call(_dt):
            try:
                box["value"] = fn(*args)
            except BaseException as error:  # handed back to the script's thread
                box["error"] = error
            done.set()
        Clock.schedule_once(call, 0)
        if not done.wait(self.timeout):
            raise PilotError(f"the Kivy thread did not run {fn!r} within {self.timeout} s")
        if "error" in box:
            raise box["error"]
        return box.get("value")

    def wait_until(self, condition, what: str, timeout: float | None = None) -> None:
        """Poll condition() on the Kivy thread until it is true."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while not self.ui(condition):
            if time.monotonic() > deadline:
                screen = self.ui(lambda: self.app.root.ids.screens.current)
                raise PilotError(f"timed out waiting for {what} (the screen is {screen!r})")
            time.sleep(0.05)

    def started(self) -> None:
        """Wait for the first frame and the first answer (or silence) from the server."""
        self.wait_until(lambda: self.app.first_frame_at is not None and self.app.checked, "the first frame")

    def widget(self, screen: str, widget_id: str):
        if screen == "root":
            return self.app.root.ids[widget_id]
        return self.app.screen(screen).ids[widget_id]

    def tap(self, screen: str, widget_id: str) -> None:
        """A finger down and up on the middle of a widget."""
        self.tap_widget(lambda: self.widget(screen, widget_id))

    def tap_text(self, screen: str, container_id: str, text: str) -> None:
        """Tap the child of a container whose text is `text` (a tile's title, a list entry)."""
        def find():
            for child in self.widget(screen, container_id).children:
                if getattr(child, "text", None) == text or getattr(child, "title", None) == text:
                    return child
            raise PilotError(f"no {text!r} in {screen}.{container_id}")
        self.tap_widget(find)

    def tap_widget(self, find) -> None:
        def press():
            widget = find()
            x, y = widget.to_window(*widget.center)
            touch = UnitTestTouch(x, y)
            touch.touch_down()
            touch.touch_up()
            return in_scroll_view(widget)
        if self.ui(press):
            time.sleep(SCROLL_RELEASE_DELAY)  # a ScrollView hands the release to its child 0.2 s later
        self.frames(2)

    def type(self, words: str) -> None:
        """Type on the lookup screen's on-screen keyboard, letter by letter."""
        for letter in words:
            if letter == " ":
                self.tap("lookup", "space")
            else:
                self.tap_text("lookup", "letter_keys", letter.upper())

    def tap_key(self, screen: str, pad_id: str, key: str) -> None:
        """Tap one key of an on-screen keypad (kiosk/screens/keypads.py): 'A', '7', '-', 'backspace'."""
        def find():
            for widget in self.widget(screen, pad_id).walk(restrict=True):
                if getattr(widget, "key", None) == key:
                    return widget
            raise PilotError(f"no key {key!r} in {screen}.{pad_id}")
        self.tap_widget(find)

    def scan(self, text: str) -> None:
        """A 2D scanner set up as a keyboard: the QR code's text typed into the focused box, then Enter."""
        def keys():
            for letter in text:
                Window.dispatch("on_textinput", letter)
            Window.dispatch("on_key_down", 13, 40, None, [])
            Window.dispatch("on_key_up", 13, 40)
        self.ui(keys)
        self.frames(2)

    def frames(self, count: int = 2) -> None:
        """Let Kivy draw `count` frames."""
        for _ in range(count):
            done = threading.Event()
            Clock.schedule_once(lambda _dt: done.set(), 0)
            done.wait(self.timeout)
            time.sleep(0.02)

    def on_screen(self, name: str) -> bool:
        return self.ui(lambda: self.app.root.ids.screens.current) == name

    def screenshot(self, path: Path) -> Path:
        """Save what the window shows as a PNG at `path`."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.frames(3)
        saved = self.ui(lambda: Window.screenshot(name=str(path.with_name(path.stem + "%04d.png"))))
        os.replace(saved, path)
        return path
