"""What a catalogue record must be before citizens read it: no body abolished in 2025 named in
text they see, no drafting remark, no fee amount without the provision that sets it, a legal
basis, an effective date and the date it was last checked, a kind for every document and a time
the appointment date can be counted from.

Plain Python on the record as the file holds it (no database, no marshmallow), so the test suite
can run it over the shipped catalogue and anyone can run it over a file:

    python counter_server/catalogue/review.py assets/catalogue/procedures.json
"""
import json
import re
import sys

# Bodies and papers that no longer exist (two-tier local government from 1/7/2025; the Ministry
# of Labour, Invalids and Social Affairs dissolved in March 2025; the identity card and the
# household book replaced). Matched case-insensitively, as words.
ABOLISHED = ("cấp huyện", "UBND huyện", "Ủy ban nhân dân huyện", "quận", "thị xã",
             "Lao động - Thương binh", "Lao động – Thương binh", "LĐTBXH", "LĐ-TBXH",
             "Tài nguyên và Môi trường", "Kế hoạch và Đầu tư", "Tài chính - Kế hoạch", "Tài chính – Kế hoạch",
             "CMND", "chứng minh nhân dân", "hộ khẩu", "sổ tạm trú", "Chi cục Thuế", "Công an huyện",
             "Phòng Tư pháp")
# What a draft says to its author, never to a citizen.
DRAFTING = ("cần xác minh", "chưa xác minh", "chưa xác định", "chưa tìm thấy", "chưa rõ", "đang cập nhật",
            "trong nguồn", "theo nguồn", "nguồn:", "http", "www.", "TODO", "nháp", "draft", "research", "?", "†", "tham khảo tỉnh")
KINDS = {"submit_original": "bản chính", "submit_copy": "bản sao", "submit_certified_copy": "bản sao có chứng thực",
         "show_only": "xuất trình"}
FEE_RULES = ("national", "exempt", "province", "none")
TIME_UNITS = ("ngày làm việc", "ngày", "giờ làm việc")
AMOUNT = re.compile(r"\d[\d.,]*\s*(đồng|đ\b|VNĐ|VND)", re.IGNORECASE)


def document_kind(document: dict) -> str:
    """A document's kind; for one written before documents had kinds, from its counts: an
    original counted is handed in, else a copy, else the paper is only shown."""
    return document.get("kind") or ("submit_original" if document.get("originals") else
                                    "submit_copy" if document.get("copies") else "show_only")


def citizen_texts(record: dict):
    """(where, text) for every text a citizen reads of the record: the kiosk, the listing, the
    requirements slip and the receipt show these, and nothing else of it."""
    for key in ("name", "applicants", "conditions", "result", "agency", "public_note"):
        yield key, record.get(key) or ""
    for index, way in enumerate(record.get("ways") or []):
        for key in ("processing_time", "fees"):
            yield f"ways[{index}].{key}", way.get(key) or ""
    for index, step in enumerate(record.get("steps") or []):
        yield f"steps[{index}]", step or ""
    for index, document in enumerate(record.get("documents") or []):
        for key in ("name", "case", "form"):
            yield f"documents[{index}].{key}", document.get(key) or ""


def _named(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE) is not None


def problems(record: dict) -> list[str]:
    """Everything wrong with one record, as 'where: what' in plain words; [] when it may ship."""
    found = []
    for where, text in citizen_texts(record):
        found += [f"{where}: names «{phrase}», abolished in 2025" for phrase in ABOLISHED if _named(text, phrase)]
        found += [f"{where}: drafting remark «{phrase}» in text citizens see" for phrase in DRAFTING
                  if (phrase in text if not phrase.isalpha() else _named(text, phrase))]
    laws = record.get("legal_basis") or []
    if not laws:
        found.append("legal_basis: none given")
    for index, law in enumerate(laws):
        found += [f"legal_basis[{index}].{key}: missing" for key in ("number", "title", "date", "issuer")
                  if not law.get(key)]
    found += [f"{key}: missing" for key in ("effective_from", "last_verified", "source") if not record.get(key)]
    if not isinstance(record.get("ticketable"), bool):
        found.append("ticketable: say true or false")
    elif not record["ticketable"] and not record.get("public_note"):
        found.append("public_note: a procedure the desk does not take must tell citizens where to go")
    found += _way_problems(record.get("ways") or [])
    found += _document_problems(record.get("documents") or [])
    return found


def _way_problems(ways: list[dict]) -> list[str]:
    found = [] if ways else ["ways: none given"]
    for index, way in enumerate(ways):
        where, rule = f"ways[{index}]", way.get("fee_rule")
        if way.get("time_amount") is None or way.get("time_unit") not in TIME_UNITS:
            found.append(f"{where}: time_amount and time_unit ({', '.join(TIME_UNITS)}) are needed for the appointment date")
        if rule not in FEE_RULES:
            found.append(f"{where}.fee_rule: one of {', '.join(FEE_RULES)}")
        if rule in ("national", "exempt") and not way.get("fee_source"):
            found.append(f"{where}.fee_source: the provision that sets or waives the fee is missing")
        if AMOUNT.search(way.get("fees") or "") and not (rule == "national" and way.get("fee_source")):
            found.append(f"{where}.fees: an amount without the national provision that sets it "
                         "(a council's amount belongs in the province table)")
    return found


def _document_problems(documents: list[dict]) -> list[str]:
    found = []
    for index, document in enumerate(documents):
        where, kind = f"documents[{index}]", document.get("kind")
        originals, copies = document.get("originals") or 0, document.get("copies") or 0
        if kind not in KINDS:
            found.append(f"{where}.kind: one of {', '.join(KINDS)}")
        elif kind == "submit_original" and (originals < 1 or copies):
            found.append(f"{where}: an original handed in counts originals ≥ 1 and no copies")
        elif kind in ("submit_copy", "submit_certified_copy") and (copies < 1 or originals):
            found.append(f"{where}: a copy handed in counts copies ≥ 1 and no originals")
        elif kind == "show_only" and (originals or copies):
            found.append(f"{where}: a paper only shown is not counted among those handed in")
    return found


def review(catalogue: dict) -> dict[str, list[str]]:
    """{'code or name': problems} for every record of a catalogue document that may not ship."""
    report = {}
    for index, record in enumerate(catalogue.get("procedures") or []):
        found = problems(record)
        if found:
            report[f"procedures[{index}] {record.get('code') or ''} {record.get('name') or ''}".strip()] = found
    return report


def main(paths: list[str]) -> int:
    failed = 0
    for path in paths:
        with open(path, encoding="utf-8") as file:
            catalogue = json.load(file)
        report = review(catalogue)
        for where, found in report.items():
            print(f"{path}: {where}")
            print("".join(f"  - {problem}\n" for problem in found), end="")
        count = len(catalogue.get("procedures") or [])
        print(f"{path}: {count} records, {count - len(report)} may ship, {len(report)} may not")
        failed += bool(report)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
