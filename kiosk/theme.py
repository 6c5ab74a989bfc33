"""Colours and text size the kv files bind to, so that 'high contrast' and 'large text' change
every screen at once."""
from kivy.event import EventDispatcher
from kivy.properties import BooleanProperty, ColorProperty, DictProperty, NumericProperty
from kivy.utils import get_color_from_hex as hex_colour

NORMAL = {"bg": "#F3F5F8", "text": "#1A1A1A", "muted": "#4A4F57", "header": "#9E1B1B", "header_text": "#FFFFFF",
          "primary": "#0D47A1", "primary_text": "#FFFFFF", "secondary": "#00695C", "button": "#DDE3EA",
          "button_text": "#102A43", "banner": "#B00020", "banner_text": "#FFFFFF", "disabled": "#B8BEC6",
          "disabled_text": "#30343A", "card": "#FFFFFF",
          "collect": "#6A1B9A", "dossier": "#37474F"}
HIGH_CONTRAST = {"bg": "#000000", "text": "#FFFFFF", "muted": "#FFFFFF", "header": "#000000",
                 "header_text": "#FFFF00", "primary": "#FFFF00", "primary_text": "#000000", "secondary": "#00FFFF",
                 "button": "#FFFFFF", "button_text": "#000000", "banner": "#FF0000", "banner_text": "#FFFFFF",
                 "disabled": "#3A3A3A", "disabled_text": "#FFFFFF", "card": "#111111",
                 "collect": "#FF99FF", "dossier": "#99FF99"}
LARGE_TEXT_SCALE = 1.5   # every text and button label at least half as large again (step 12)


class Theme(EventDispatcher):
    """The current colours and text scale; kv rules read app.theme.<name>."""

    bg = ColorProperty()
    text = ColorProperty()
    muted = ColorProperty()
    header = ColorProperty()
    header_text = ColorProperty()
    primary = ColorProperty()
    primary_text = ColorProperty()
    secondary = ColorProperty()
    button = ColorProperty()
    button_text = ColorProperty()
    banner = ColorProperty()
    banner_text = ColorProperty()
    disabled = ColorProperty()
    disabled_text = ColorProperty()
    card = ColorProperty()
    collect = ColorProperty()   # «Nhận kết quả»
    dossier = ColorProperty()   # «Tra cứu hồ sơ»
    fills = DictProperty()      # a big button's colour by its kind (primary, secondary, plain, collect, dossier)
    scale = NumericProperty(1.0)
    high_contrast = BooleanProperty(False)
    large_text = BooleanProperty(False)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._apply(NORMAL)

    def toggle_contrast(self) -> None:
        self.high_contrast = not self.high_contrast
        self._apply(HIGH_CONTRAST if self.high_contrast else NORMAL)

    def toggle_large_text(self) -> None:
        self.large_text = not self.large_text
        self.scale = LARGE_TEXT_SCALE if self.large_text else 1.0

    def reset(self) -> None:
        """Back to normal colours and size (the next citizen starts fresh)."""
        if self.high_contrast:
            self.toggle_contrast()
        if self.large_text:
            self.toggle_large_text()

    def _apply(self, palette: dict) -> None:
        for name, value in palette.items():
            setattr(self, name, hex_colour(value))
        self.fills = {"primary": self.primary, "secondary": self.secondary, "plain": self.button,
                      "collect": self.collect, "dossier": self.dossier}
