"""What a province sets itself: the fees its People's Council (HĐND) fixes, per procedure and
channel. The national record only says "set by the province" (fee_rule "province"); a centre
names its province, and its table (assets/catalogue/provinces/<key>.json) fills in the amount
citizens read. Where nobody has read the amount in the resolution yet, the row has none and
citizens read the national record's words followed by the table's `ask` ("; mức thu cụ thể xin
hỏi cán bộ tại quầy"): an amount is never invented.

Table shape:
    {"province": "phu-tho", "name": "Tỉnh Phú Thọ", "current_to": "2026-12-01", "ask": "; …",
     "fees": [{"procedures": ["1.004873"], "channel": "*", "fees": "… đồng/…" | null,
               "resolution": "Nghị quyết số …", "effective_from": "…", "effective_to": null,
               "source": "…", "internal_notes": "…"}]}
"""
import json
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

PROVINCES = Path(__file__).resolve().parents[2] / "assets" / "catalogue" / "provinces"


@dataclass(frozen=True)
class ProvinceTable:
    key: str = ""
    name: str = ""
    current_to: str = ""
    ask: str = ""
    rows: tuple = field(default=())

    def fee(self, code: str, way: dict, on: date) -> str:
        """The words for a province-set fee of procedure `code` by one of its ways, on `on`."""
        for row in self.rows:
            if (code in row["procedures"] and row.get("channel", "*") in ("*", way.get("channel")) and row.get("fees")
                    and _in_force(row, on)):
                return row["fees"]
        return f"{way.get('fees') or ''}{self.ask}"

    def local_ways(self, code: str, ways: list[dict], on: date) -> list[dict]:
        """The record's ways with every province-set fee in this province's words."""
        return [{**way, "fees": self.fee(code, way, on)} if way.get("fee_rule") == "province" else way
                for way in ways or ()]


NATIONAL_ONLY = ProvinceTable()


def available() -> dict[str, str]:
    """{key: name} of the province tables shipped."""
    return {path.stem: province_table(path.stem).name for path in sorted(PROVINCES.glob("*.json"))}


@lru_cache(maxsize=16)
def province_table(key: str | None) -> ProvinceTable:
    """The table of province `key` ("" or None, or one not shipped: the national words only)."""
    if not key:
        return NATIONAL_ONLY
    path = PROVINCES / f"{key}.json"
    if not path.is_file():
        return NATIONAL_ONLY
    data = json.loads(path.read_text(encoding="utf-8"))
    return ProvinceTable(key, data["name"], data.get("current_to", ""), data.get("ask", ""), tuple(data.get("fees") or ()))


def _in_force(row: dict, on: date) -> bool:
    start, end = row.get("effective_from"), row.get("effective_to")
    return (not start or date.fromisoformat(start) <= on) and (not end or on <= date.fromisoformat(end))
