"""What every kiosk screen shares: the app, the flow, and a refresh() that redraws from the flow."""
from kivy.app import App
from kivy.core.text import Label as CoreLabel
from kivy.properties import BooleanProperty, ColorProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.button import Button
from kivy.uix.screenmanager import Screen

from ..flow import TICKET


class KioskScreen(Screen):
    """A screen that draws the flow's state in refresh()."""

    name_ = ""

    @property
    def app(self):
        return App.get_running_app()

    @property
    def flow(self):
        return self.app.flow

    def t(self, key: str, **values) -> str:
        return self.app.t(key, self.app.language, **values)

    def refresh(self) -> None:
        """Redraw from the flow (called when shown, on the language toggle, on new server data)."""

    def live_update(self) -> None:
        """New data from the server while this screen is shown; by default nothing changes."""

    def go(self, screen: str) -> None:
        """After a tap, show `screen`. A tap that lands on the ticket completed the citizen's choice:
        the number is taken here, by that tap, and never by a redraw of the ticket screen."""
        if screen == TICKET:
            self.app.screen(TICKET).take(self.flow.choice)
        self.app.show(screen)


def one_line_width(text: str, font_size: float, bold: bool = False) -> float:
    """How wide `text` is on one line (for a button as wide as its words: its texture cannot say,
    since the texture wraps to the button's width)."""
    return CoreLabel(font_size=font_size, bold=bold).get_extents(text)[0]


class BigButton(Button):
    """A large, flat, rounded button; `kind` is primary, secondary or plain."""

    kind = StringProperty("primary")


class Tile(ButtonBehavior, BoxLayout):
    """A field tile: colour, letter badge, name, and the waiting count or why it is closed."""

    code = StringProperty("")
    title = StringProperty("")
    badge = StringProperty("")
    icon = StringProperty("")
    line = StringProperty("")
    colour = ColorProperty("#1565C0")
    enabled = BooleanProperty(True)


class SecretHeading(ButtonBehavior, BoxLayout):
    """The centre's name and the time in the header; five quick taps open the service PIN pad."""
