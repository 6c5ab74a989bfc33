"""The kiosk's Kivy App: wires the flow, the screens, the server connection and the idle timer.
What the citizen sees lives in kiosk/screens; what happens next in kiosk/flow.py."""
import logging
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kivy.app import App
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.lang import Builder
from kivy.properties import BooleanProperty, ObjectProperty, StringProperty

from .background import Background
from .catalogue_cache import CatalogueCache
from .client import CounterServerClient
from .config import KioskConfig
from .flow import HOME, SERVICE, Flow
from .i18n import now_line, text
from .printing import printer_status
from .screens import SCREEN_CLASSES
from .take_number import NumberTaker
from .taps import TapGuard
from .theme import Theme

log = logging.getLogger(__name__)
KV_DIR = Path(__file__).parent / "screens"
POLL_SECONDS = 1.5          # server-down banner within 3 s: one poll period plus one poll time-out
POLL_TIMEOUT = 1.2
HEARTBEAT_SECONDS = 30
CATALOGUE_SECONDS = 300


class KioskApp(App):
    """One kiosk window."""

    theme = ObjectProperty()
    language = StringProperty("vi")
    online = BooleanProperty(False)
    checked = BooleanProperty(False)    # the server has answered or failed at least once
    clock_line = StringProperty("")
    centre_name = StringProperty("")
    printer_state = StringProperty("ok")

    def __init__(self, config: KioskConfig, config_path: Path | None = None, **kwargs):
        super().__init__(**kwargs)
        self.settings, self.config_path = config, config_path
        self.title = text("app.name")
        self.theme = Theme()
        self.language = config.language
        self.centre_name = config.centre_name
        self.flow = Flow(language=config.language)
        self.background = Background()
        self.client = CounterServerClient(config.server_url, config.token)
        self.poll_client = CounterServerClient(config.server_url, config.token, timeout=POLL_TIMEOUT, attempts=1)
        self.taker = NumberTaker(self.client, config.printer, config.centre_name, time_zone=config.time_zone)
        self.cache = CatalogueCache(Path(config.cache_file))
        self.guard = TapGuard()
        self.last_touch = time.monotonic()
        self.first_frame_at: float | None = None
        self._polling = False
        self._catalogue_at = 0.0

    # --- wiring -----------------------------------------------------------------------------
    def t(self, key: str, language: str, **values) -> str:
        """kv's way to the words: `app.t('home.take_number', app.language)` rebinds on the toggle."""
        return text(key, language, **values)

    def build(self):
        Builder.load_file(str(KV_DIR / "widgets.kv"))
        for screen_class in SCREEN_CLASSES:
            Builder.load_file(str(KV_DIR / f"{screen_class.name_}.kv"))
        root = Builder.load_file(str(KV_DIR / "root.kv"))
        for screen_class in SCREEN_CLASSES:
            root.ids.screens.add_widget(screen_class(name=screen_class.name_))
        return root

    def on_start(self):
        self.flow.catalogue = self.cache.load()
        Window.bind(on_touch_down=self._touched, on_flip=self._first_flip)
        self._tick_clock(0)
        Clock.schedule_interval(self._tick_clock, 15)
        Clock.schedule_interval(self.poll, POLL_SECONDS)
        Clock.schedule_interval(self.heartbeat, HEARTBEAT_SECONDS)
        Clock.schedule_interval(self._check_idle, 1)
        self.poll(0)
        self.show(HOME)

    def on_stop(self):
        self.background.shutdown()

    def screen(self, name: str):
        return self.root.ids.screens.get_screen(name)

    def show(self, name: str) -> None:
        """Make `name` the current screen and let it draw the flow's state."""
        self.root.ids.screens.current = name
        self.screen(name).refresh()

    # --- language, text size, contrast --------------------------------------------------------
    def toggle_language(self) -> None:
        self.language = self.flow.language = "en" if self.language == "vi" else "vi"
        self._tick_clock(0)
        self.screen(self.flow.screen).refresh()

    # --- the server -----------------------------------------------------------------------------
    def poll(self, _dt) -> None:
        """Ask the server for the fields (waiting counts, open/closed); its silence means offline."""
        if self._polling:
            return
        self._polling = True
        self.background.run(self.background.network, self.poll_client.fields_and_catalogue_version,
                            self._polled, self._poll_failed)

    def _polled(self, answer: tuple[list[dict], str]) -> None:
        fields, version = answer
        self._polling = False
        was_online, self.online, self.checked = self.online, True, True
        self.flow.fields, self.flow.online = fields, True
        catalogue = self.flow.catalogue
        stale = catalogue is None or catalogue.is_stale(version)
        if (stale or not was_online or time.monotonic() - self._catalogue_at > CATALOGUE_SECONDS) \
                and time.monotonic() - self._catalogue_at > 5:
            self._catalogue_at = time.monotonic()
            self.background.run(self.background.network, lambda: self.cache.refresh(self.client),
                                self._catalogue_loaded, lambda error: log.warning("catalogue: %s", error))
        self._refresh_live_screen()

    def _poll_failed(self, error: Exception) -> None:
        self._polling = False
        if self.online:
            log.warning("server unreachable: %s", error)
        self.online = self.flow.online = False
        self.checked = True
        self.flow.fields = []
        self._refresh_live_screen()

    def _catalogue_loaded(self, catalogue) -> None:
        self.flow.catalogue = catalogue
        self._refresh_live_screen()

    def _refresh_live_screen(self) -> None:
        """New server data: the current screen updates what it shows live, without a full redraw
        (a finger may be on a tile, or the page scrolled down)."""
        self.screen(self.flow.screen).live_update()

    def heartbeat(self, _dt=None, state: str | None = None) -> None:
        """Tell the server the kiosk is alive and how its printer is (staff see it). The status is
        read on the printer lane, so it never talks to the device in the middle of a ticket."""
        if state is None:
            self.background.run(self.background.printer, lambda: printer_status(self.settings.printer).code,
                                lambda code: self.heartbeat(state=code), lambda error: None)
            return
        self.printer_state = state
        self.background.run(self.background.network, lambda: self.client.heartbeat(state), None,
                            lambda error: log.info("heartbeat not delivered: %s", error))

    # --- idle and time ---------------------------------------------------------------------------
    def _touched(self, *_args) -> None:
        self.last_touch = time.monotonic()

    def _check_idle(self, _dt) -> None:
        """After idle_seconds with no touch, go home and forget what was typed (privacy)."""
        idle = time.monotonic() - self.last_touch
        if idle >= self.settings.idle_seconds and (self.flow.screen != HOME or self.flow.search):
            if self.flow.screen == "ticket" and self.screen("ticket").busy:
                return  # a ticket is being issued or printed: finish first
            self.go_home(next_citizen=True)

    def go_home(self, next_citizen: bool = False) -> None:
        """Home, forgetting choices and typed words; for the next citizen (idle, ticket taken)
        also back to the usual language, text size and contrast."""
        self.flow.home()
        if next_citizen:
            self.theme.reset()
            if self.language != self.settings.language:
                self.toggle_language()
        self.show(HOME)

    def _tick_clock(self, _dt) -> None:
        self.clock_line = now_line(datetime.now(ZoneInfo(self.settings.time_zone)), self.language)

    def _first_flip(self, *_args) -> None:
        if self.first_frame_at is None:
            self.first_frame_at = time.time()
            log.info("first frame drawn")

    # --- service exit ------------------------------------------------------------------------------
    def secret_tap(self) -> None:
        """Five quick taps on the centre's name open the service PIN pad (if a PIN is set)."""
        now = time.monotonic()
        taps = [t for t in getattr(self, "_secret_taps", []) if now - t < 4] + [now]
        self._secret_taps = taps
        if len(taps) >= 5 and self.settings.service_pin:
            self._secret_taps = []
            self.flow.go(SERVICE)
            self.show(SERVICE)
