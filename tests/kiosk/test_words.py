"""Every word the kiosk shows comes from the translation files, in both languages."""
import re
import string
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.config import KioskConfig, load_config, save_config
from kiosk.dossier_status import STATUSES
from kiosk.i18n import catalogue, now_line, text

KIOSK = Path(__file__).parents[2] / "kiosk"
PREFIXES = "app|home|banner|nav|toggle|fields?|procedures|priority|ticket|lookup|keyboard|detail|service|collect|dossier"
KEY = re.compile(rf"""['"]((?:{PREFIXES})\.[a-z_.]+)['"]""")


def keys_used_in_code() -> set[str]:
    files = list((KIOSK / "screens").glob("*.kv")) + list((KIOSK / "screens").glob("*.py")) + [
        KIOSK / "flow.py", KIOSK / "app.py", KIOSK / "dossier_status.py"]
    found = {key for path in files for key in KEY.findall(path.read_text(encoding="utf-8"))}
    return found | {f"field.closed.{reason}" for reason in ("field_closed", "outside_opening_hours",
                                                            "daily_cap_reached")} \
        | {f"dossier.{problem}{end}" for problem in ("not_found", "too_many", "unavailable")
           for end in ("", "_title")} \
        | {f"dossier.status.{status}" for status in STATUSES}


def placeholders(words: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(words) if name}


def test_vietnamese_and_english_have_the_same_keys_and_placeholders():
    vi, en = catalogue("vi"), catalogue("en")
    assert set(vi) == set(en)
    assert {key: placeholders(vi[key]) for key in vi} == {key: placeholders(en[key]) for key in en}


def test_every_key_the_screens_use_has_words():
    used = keys_used_in_code()
    assert len(used) > 40
    assert used - set(catalogue("vi")) == set()


def test_vietnamese_is_the_default_and_placeholders_are_filled():
    assert text("home.take_number") == "Lấy số thứ tự"
    assert text("home.take_number", "en") == "Take a number"
    assert text("ticket.ahead", count=2) == "Trước ông/bà còn 2 người"
    with pytest.raises(KeyError):
        text("home.no_such_words")


def test_the_header_date_is_written_the_vietnamese_way():
    moment = datetime(2026, 11, 26, 9, 5)
    assert now_line(moment) == "Thứ Năm, ngày 26/11/2026 · 09:05"
    assert now_line(moment, "en") == "Thursday, 26 November 2026 · 09:05"


def test_settings_saved_by_the_service_screen_load_back_unchanged(tmp_path):
    settings = KioskConfig(server_url="http://10.0.0.2:5000", token='kt_"quoted"\\', printer="tcp://p:9100",
                           language="en", fullscreen=False, centre_name="Phường Hòa Bình")
    save_config(settings, tmp_path / "kiosk.toml")
    assert load_config(tmp_path / "kiosk.toml", {}) == settings


def test_the_service_screen_says_the_printers_state_in_words_not_its_code():
    from kiosk.screens.service import printer_in_words
    assert printer_in_words("ok", "vi") == "Máy in sẵn sàng."
    assert printer_in_words("paper_out", "en") == "The printer is out of paper."
    assert printer_in_words("jammed", "vi") == "Máy in báo «jammed»."
    assert printer_in_words(None, "vi") == ""
