"""Start the kiosk window: Kivy is configured here, before its window exists, and imported only
here, so the rest of the kiosk package (and its tests) never needs a screen."""
import logging
import os
import sys
import threading
from pathlib import Path

from .config import KioskConfig

log = logging.getLogger(__name__)


def configure_kivy(config: KioskConfig) -> None:
    """Window size, full screen, no exit on Escape, no right-click touch dots."""
    if "kivy.core.window" in sys.modules:
        raise RuntimeError("Kivy's window was created before the kiosk configured it: import kiosk.app, "
                           "kiosk.autopilot or kivy.core.window only after configure_kivy()")
    os.environ.setdefault("KIVY_NO_ARGS", "1")  # our arguments are ours, not Kivy's
    os.environ.setdefault("KIVY_LOG_MODE", "PYTHON")  # one log, through the logging module
    from kivy.config import Config
    width, height = config.window_size.split("x")
    Config.set("graphics", "width", width)
    Config.set("graphics", "height", height)
    Config.set("graphics", "fullscreen", "auto" if config.fullscreen else "0")
    Config.set("graphics", "show_cursor", "0" if config.fullscreen else "1")
    Config.set("kivy", "exit_on_escape", "0")
    Config.set("input", "mouse", "mouse,disable_multitouch")


def make_app(config: KioskConfig, config_path: Path | None = None):
    """The KioskApp, with Kivy configured first."""
    configure_kivy(config)
    from .app import KioskApp
    return KioskApp(config, config_path)


def run_kiosk(config: KioskConfig, config_path: Path | None = None, script=None) -> int:
    """Run the window until it closes; `script(app)` (the tour, a test) runs in its own thread."""
    app = make_app(config, config_path)
    if script is not None:
        def drive():
            try:
                script(app)
            except BaseException:
                log.exception("kiosk script failed")
                app.script_failed = True
            finally:
                from kivy.clock import Clock
                Clock.schedule_once(lambda _dt: app.stop(), 0)
        app.script_failed = False
        threading.Thread(target=drive, name="kiosk-script", daemon=True).start()
    app.run()
    return 1 if getattr(app, "script_failed", False) else 0
