"""The kiosk's words, from gettext catalogues (kiosk/locales/<lang>.po, read with Babel).

Message ids are keys ("home.take_number"); Vietnamese is the default, English the second
language. A key missing from a catalogue shows the Vietnamese text, never the bare key.
"""
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from babel.dates import format_datetime
from babel.messages.pofile import read_po

LOCALES = Path(__file__).parent / "locales"
LANGUAGES = ("vi", "en")
DEFAULT = "vi"


@lru_cache(maxsize=None)
def catalogue(language: str) -> dict[str, str]:
    """key → text for one language."""
    with open(LOCALES / f"{language}.po", "rb") as handle:
        return {message.id: message.string for message in read_po(handle) if message.id and message.string}


def text(key: str, language: str = DEFAULT, **values) -> str:
    """The text for `key` in `language`, with {placeholders} filled in."""
    words = catalogue(language).get(key) or catalogue(DEFAULT).get(key)
    if words is None:
        raise KeyError(f"no text for {key!r}")
    return words.format(**values) if values else words


def now_line(moment: datetime, language: str = DEFAULT) -> str:
    """The header's date and time as an official writes it: 'Thứ Năm, ngày 26/11/2026 · 09:05'
    ('Thursday, 26 November 2026 · 09:05' in English)."""
    if language == "vi":
        return format_datetime(moment, "EEEE, 'ngày' dd/MM/y · HH:mm", locale="vi")
    return format_datetime(moment, "EEEE, d MMMM y · HH:mm", locale=language)


class Words:
    """A language that can change at run time (the VI/EN toggle)."""

    def __init__(self, language: str = DEFAULT):
        self.language = language

    def __call__(self, key: str, **values) -> str:
        return text(key, self.language, **values)

    def toggle(self) -> str:
        """Switch Vietnamese ↔ English; returns the new language."""
        self.language = "en" if self.language == "vi" else "vi"
        return self.language
