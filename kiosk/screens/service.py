"""Service exit for technical staff: a hidden gesture (five taps on the centre's name) plus a PIN
opens the settings (server, token, printer, language, full screen) and a way out of kiosk mode."""
import hmac
import logging
from dataclasses import replace

from kivy.factory import Factory
from kivy.properties import BooleanProperty, StringProperty

from ..config import DEFAULT_FILE, ConfigError, save_config
from ..printing import STATE_TEXT
from .base import KioskScreen

log = logging.getLogger(__name__)


class ServiceScreen(KioskScreen):
    name_ = "service"
    unlocked = BooleanProperty(False)
    pin = StringProperty("")
    status = StringProperty("")
    fullscreen = BooleanProperty(True)

    def on_kv_post(self, base_widget) -> None:
        for key in "123456789":
            self._pin_key(key)
        self._pin_key("0")
        # Only one of the two views is in the window: a hidden widget must not catch a touch.
        # ids are weak references: keep the widgets alive while they are out of the window.
        self._body = self.ids.pin_view.parent
        self._pin = [self.ids.pin_view.__self__]
        self._form = [self.ids.form_view.__self__, self.ids.form_buttons.__self__]
        self.on_unlocked(self, False)

    def on_unlocked(self, _screen, unlocked: bool) -> None:
        body = getattr(self, "_body", None)
        if body is None:
            return
        shown, hidden = (self._form, self._pin) if unlocked else (self._pin, self._form)
        for widget in hidden:
            if widget.parent is body:
                body.remove_widget(widget)
        for widget in shown:
            if widget.parent is None:
                body.add_widget(widget, index=0)

    def _pin_key(self, digit: str) -> None:
        key = Factory.BigButton(text=digit, kind="plain", height=110)
        key.bind(on_release=lambda _b: self.press(digit))
        self.ids.pin_keys.add_widget(key)

    def refresh(self) -> None:
        self.unlocked, self.pin, self.status = False, "", ""

    def press(self, digit: str) -> None:
        if len(self.pin) < 12:
            self.pin += digit

    def unlock(self) -> None:
        if hmac.compare_digest(self.pin.encode(), self.app.settings.service_pin.encode()):
            self.unlocked, self.status = True, ""
            self._fill_form()
        else:
            self.pin, self.status = "", self.t("service.pin_wrong")

    def _fill_form(self) -> None:
        settings = self.app.settings
        self.ids.server_url.text, self.ids.token.text = settings.server_url, settings.token
        self.ids.printer.text, self.ids.language_field.text = settings.printer, settings.language
        self.fullscreen = settings.fullscreen
        online = self.t("service.online" if self.app.online else "service.offline")
        self.ids.state.text = self.t("service.status", server=online,
                                     printer=printer_in_words(self.app.printer_state, self.app.language))

    def save(self) -> None:
        try:
            settings = replace(self.app.settings, server_url=self.ids.server_url.text.strip(),
                               token=self.ids.token.text.strip(), printer=self.ids.printer.text.strip(),
                               language=self.ids.language_field.text.strip(),
                               fullscreen=self.fullscreen).check()
        except ConfigError as error:
            self.status = str(error)
            return
        path = self.app.config_path or DEFAULT_FILE
        try:
            save_config(settings, path)
        except OSError as error:
            self.status = str(error)
            return
        self.status = self.t("service.saved", path=path)

    def leave_kiosk_mode(self) -> None:
        log.warning("kiosk mode left from the service screen")
        self.app.stop()

    def cancel(self) -> None:
        self.app.go_home()


def printer_in_words(code: str | None, language: str) -> str:
    """'Máy in sẵn sàng.' rather than the code 'ok' the heartbeat sends ('' before the first check)."""
    if not code:
        return ""
    vi, en = STATE_TEXT.get(code, (f"Máy in báo «{code}».", f"The printer reports “{code}”."))
    return en if language == "en" else vi
