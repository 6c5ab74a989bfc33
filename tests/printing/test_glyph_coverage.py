"""Every letter the tickets print has a glyph in the ticket fonts: no boxes, no blanks."""
from __future__ import annotations

import unicodedata
from dataclasses import replace
from functools import lru_cache

import pytest
from fontTools.ttLib import TTFont

from kiosk.printing import render_ticket
from kiosk.printing.fonts import font_path, printable
from kiosk.printing.samples import SAMPLE_FOOTER
from kiosk.printing.service import SLIP_KEPT, SLIP_PRINTED
from kiosk.printing.status import STATE_TEXT, TICKET_KEPT, TICKET_PRINTED

VOWELS = "aăâeêioôơuưy"
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def vietnamese_letters() -> set[str]:
    """Every Vietnamese letter, lower and upper case, with every tone mark, plus Đ and đ."""
    letters = set("abcdefghijklmnopqrstuvwxyzđ" + VOWELS)
    letters |= {unicodedata.normalize("NFC", vowel + mark) for vowel in VOWELS for mark in TONE_MARKS}
    return letters | {letter.upper() for letter in letters}


@lru_cache(maxsize=2)
def covered(bold: bool) -> frozenset[int]:
    """The code points the regular or bold ticket font has glyphs for."""
    return frozenset(TTFont(font_path(bold)).getBestCmap())


def missing_glyphs(text: str) -> set[str]:
    """Characters of text (as printed, NFC) that either font lacks."""
    characters = {c for c in printable(text) if not c.isspace()}
    return {c for c in characters if ord(c) not in covered(False) or ord(c) not in covered(True)}


def test_the_built_in_list_has_all_134_toned_letters_and_d_bar():
    letters = vietnamese_letters()
    # 12 vowels x 5 tones, the 6 bare ă â ê ô ơ ư, and đ: 67 letters, twice for upper case.
    assert len([c for c in letters if not c.isascii()]) == 134
    assert {"Đ", "đ", "Ỹ", "ỵ", "Ặ", "ự"} <= letters


def test_the_ticket_fonts_cover_every_vietnamese_letter():
    assert missing_glyphs("".join(vietnamese_letters())) == set()


def test_every_field_and_procedure_name_in_the_shipped_data_has_its_glyphs(demo_centre):
    centre = demo_centre
    names = [field["name_vi"] for field in centre["fields"]]
    names += [procedure["name"] for procedure in centre["procedures"]]
    names += [priority["name_vi"] for priority in centre.get("priorities", [])]
    names.append(centre["centre"]["name"])
    assert len(names) > 20
    assert {name: missing_glyphs(name) for name in names if missing_glyphs(name)} == {}


def test_every_required_document_and_its_case_in_the_shipped_data_has_its_glyphs(demo_centre):
    documents = [document for procedure in demo_centre["procedures"] for document in procedure["documents"]]
    texts = [document["name"] for document in documents] + [document["case"] for document in documents
                                                             if document.get("case")]
    assert len(texts) > 20 and any(document.get("case") for document in documents)
    assert {text: missing_glyphs(text) for text in texts if missing_glyphs(text)} == {}


@pytest.mark.parametrize("width", [576, 384])
def test_every_procedure_in_the_shipped_data_renders_on_a_ticket(ticket, width, demo_centre):
    centre = demo_centre
    fields = {field["code"]: field["name_vi"] for field in centre["fields"]}
    for procedure in centre["procedures"]:
        named = replace(ticket, field_name=fields[procedure["field"]], procedure_name=procedure["name"])
        assert render_ticket(named, width).width == width


def test_the_words_the_printing_module_itself_prints_have_their_glyphs():
    phrases = [text for pair in STATE_TEXT.values() for text in pair]
    phrases += [*TICKET_KEPT, *TICKET_PRINTED, *SLIP_KEPT, *SLIP_PRINTED, SAMPLE_FOOTER]
    phrases += ["SỐ THỨ TỰ", "ƯU TIÊN:", "Lĩnh vực:", "Thủ tục:", "Quét mã QR để theo dõi số thứ tự", "Thời gian lấy số", "GIẤY TỜ CẦN CHUẨN BỊ",
                "Bản chính: 1 · Bản sao: 2", "…", "–", "—"]
    assert {phrase: missing_glyphs(phrase) for phrase in phrases if missing_glyphs(phrase)} == {}
