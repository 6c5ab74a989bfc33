"""The ticket font: Roboto as shipped with Kivy, which covers every Vietnamese letter."""
from __future__ import annotations

import os
import unicodedata
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FONT_DIR = Path(
    os.environ.get("KIOSK_FONT_DIR")
    or Path(__file__).resolve().parents[2] / "assets" / "fonts"
)
REGULAR = "Roboto-Regular.ttf"
BOLD = "Roboto-Bold.ttf"


def font_path(bold: bool = False) -> Path:
    """Path of the regular or bold ticket font file."""
    return FONT_DIR / (BOLD if bold else REGULAR)


@lru_cache(maxsize=64)
def ticket_font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """The ticket font at a size in printer dots, loaded once."""
    # BASIC layout: the same result whether or not libraqm is present,
    # and enough for Vietnamese once text is NFC (precomposed letters).
    return ImageFont.truetype(
        str(font_path(bold)), size, layout_engine=ImageFont.Layout.BASIC
    )


def printable(text: str) -> str:
    """Text in NFC form, so each Vietnamese letter is one precomposed glyph."""
    return unicodedata.normalize("NFC", text)
