"""One picture per field for the field-choice screen, from the Material Design Icons font
(cut down to these glyphs: assets/fonts/README.md). A field without one shows its ticket letter."""
from pathlib import Path

from .printing.fonts import FONT_DIR

ICON_FONT: Path = FONT_DIR / "MaterialDesignIcons-kiosk.ttf"

GLYPHS = {
    "account-child": "\U000F0A89",   # a parent and child: civil status (birth, marriage)
    "stamper": "\U000F0D39",         # a stamp: certification of copies and signatures
    "terrain": "\U000F0509",         # land
    "home-city": "\U000F0D15",       # buildings: construction permits
    "storefront": "\U000F07C7",      # a shop: household businesses
    "hand-heart": "\U000F10F1",      # social support
    "home-account": "\U000F0826",    # a person at home: residence registration
    "file-document": "\U000F0219",
    "account-group": "\U000F0849",
    "certificate": "\U000F0124",
    "crane": "\U000F0862",
    "baby-carriage": "\U000F068F",
}

# Field codes used by the demo centre and common in commune/ward centres.
FIELD_ICONS = {
    "HT": "account-child",
    "CT": "stamper",
    "DD": "terrain",
    "XD": "home-city",
    "HKD": "storefront",
    "LDXH": "hand-heart",
    "BTXH": "hand-heart",
    "NCC": "certificate",
    "CTRU": "home-account",
    "NCN": "baby-carriage",          # adoption
    "GN": "account-group",           # poor and near-poor households
}


def icon_for(field_code: str) -> str | None:
    """The field's icon character in the icon font, or None when it has none."""
    name = FIELD_ICONS.get(field_code)
    return GLYPHS[name] if name else None
