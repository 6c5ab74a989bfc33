"""The catalogue as one table for office staff (CSV or Excel): a row per procedure, a column per
item of the national record. A list (ways, documents, legal basis, steps, levels) is one item
per line inside its cell, an item's parts separated by " | " in a fixed order, e.g. a document:

    Tờ khai đăng ký khai sinh | 1 | 0 | Mẫu tờ khai | Trường hợp …

Headers read "Tên thủ tục [name]": the label for people, the key in brackets for the importer.
Problems are told as "dòng 5, cột «Thành phần hồ sơ», mục 2, phần «số bản chính»: …"."""
import re
from datetime import date, datetime

from procedure_search import fold

from .record import CatalogueError, stop_if_too_many

COLUMNS = {
    "code": "Mã thủ tục", "name": "Tên thủ tục", "field": "Lĩnh vực", "levels": "Cấp thực hiện",
    "status": "Tình trạng", "effective_from": "Ngày hiệu lực", "last_verified": "Ngày kiểm tra lại",
    "ways": "Cách thức thực hiện", "documents": "Thành phần hồ sơ", "steps": "Trình tự thực hiện",
    "applicants": "Đối tượng thực hiện", "conditions": "Yêu cầu, điều kiện", "result": "Kết quả",
    "legal_basis": "Căn cứ pháp lý", "agency": "Cơ quan thực hiện", "decision_number": "Số quyết định công bố",
    "decision_date": "Ngày quyết định công bố", "source": "Nguồn", "ticketable": "Nhận tại quầy",
    "usage_rank": "Thứ tự mặc định", "public_note": "Lưu ý cho công dân", "internal_notes": "Ghi chú nội bộ",
}
REQUIRED = ("name", "field", "ways", "effective_from", "source")
PARTS = {   # list columns whose items have parts, in the order they are written
    "ways": {"channel": "kênh", "processing_time": "thời hạn giải quyết", "fees": "phí, lệ phí",
             "time_amount": "số ngày", "time_unit": "đơn vị thời gian",
             "cutoff": "nhận sau giờ này thì tính từ ngày làm việc tiếp theo",
             "fee_rule": "ai quy định phí", "fee_source": "văn bản quy định phí"},
    "documents": {"name": "tên giấy tờ", "originals": "số bản chính", "copies": "số bản sao",
                  "form": "mẫu đơn, tờ khai", "case": "trường hợp", "kind": "cách nộp"},
    "legal_basis": {"number": "số hiệu", "title": "trích yếu", "date": "ngày ban hành", "issuer": "cơ quan ban hành"},
}
LINES = ("levels", "steps")   # list columns whose items are plain text
DATES = ("effective_from", "last_verified", "decision_date")
WORDS = {   # values written in Vietnamese, read back in either language
    "channel": {"direct": "trực tiếp", "online": "trực tuyến", "post": "bưu chính"},
    "status": {"active": "đang áp dụng", "amended": "được sửa đổi", "replaced": "được thay thế",
               "abolished": "đã bãi bỏ"},
    "levels": {"commune": "cấp xã", "district": "cấp huyện", "province": "cấp tỉnh", "ministry": "cấp bộ"},
    "kind": {"submit_original": "nộp bản chính", "submit_copy": "nộp bản sao",
             "submit_certified_copy": "nộp bản sao có chứng thực", "show_only": "xuất trình"},
    "fee_rule": {"national": "văn bản trung ương", "exempt": "miễn theo luật", "province": "HĐND tỉnh",
                 "none": "không thu"},
    "ticketable": {"yes": "có", "no": "không"},
}
SEPARATOR = " | "
MESSAGES = {   # marshmallow's words, as office staff would say them
    "Missing data for required field.": "bắt buộc, đang để trống",
    "Field may not be null.": "bắt buộc, đang để trống",
    "Not a valid integer.": "phải là số nguyên",
    "Not a valid number.": "phải là số",
    "Not a valid date.": "ngày không hợp lệ (ghi theo dạng 31/12/2025)",
    "Shorter than minimum length 1.": "không được để trống",
}


def header(key: str) -> str:
    return f"{COLUMNS[key]} [{key}]"


def to_rows(records: list[dict]) -> list[list]:
    """The header and one row per record; dates stay dates (the file writer formats them)."""
    rows = [[header(key) for key in COLUMNS]]
    for record in records:
        rows.append([_cell(record, key) for key in COLUMNS])
    return rows


def from_rows(rows: list[list]) -> tuple[dict, callable]:
    """A catalogue document from a header and rows, and the `tell` for record.parse that names
    row and column."""
    rows = [list(row) for row in rows]
    if not rows:
        raise CatalogueError(["tệp trống: dòng 1 phải là tiêu đề cột (Tên thủ tục [name], …)"])
    keys = _header_keys(rows[0])
    procedures, numbers, problems = [], [], []
    for number, row in enumerate(rows[1:], start=2):
        stop_if_too_many(problems)
        if all(_blank(value) for value in row):
            continue
        cells = {key: row[position] if position < len(row) else None for position, key in keys.items()}
        raw = _record(cells, number, problems)
        procedures.append(raw)
        numbers.append(number)
    if problems:
        raise CatalogueError(problems)

    def tell(index: int, raw, path: str, message: str) -> str:
        return f"{locate(numbers[index], path)}: {plain_message(path, message)}"
    return {"procedures": procedures}, tell


def locate(row: int, path: str) -> str:
    """'dòng 5, cột «Thành phần hồ sơ», mục 2, phần «số bản chính»' for documents.1.originals."""
    return f"dòng {row}, cột {locate_column(path)}"


def locate_column(path: str) -> str:
    """'«Thành phần hồ sơ», mục 2, phần «số bản chính»' for documents.1.originals."""
    parts = path.split(".")
    key = "decision_" + parts[1] if parts[0] == "decision" and len(parts) > 1 else parts[0]
    where = f"«{COLUMNS.get(key, key)}»"
    if len(parts) > 1 and parts[1].isdigit():
        where += f", mục {int(parts[1]) + 1}"
        if len(parts) > 2:
            where += f", phần «{PARTS.get(key, {}).get(parts[2], parts[2])}»"
    return where


def plain_message(path: str, message: str) -> str:
    """A validation message in the office's words; choices are listed as the table writes them."""
    last = path.split(".")[-1]
    if message.startswith("Must be one of") and last in WORDS:
        return "phải là một trong: " + ", ".join(WORDS[last].values())
    if message.endswith(" appears twice"):
        return "mã " + message.removesuffix(" appears twice") + " trùng với một dòng khác"
    return MESSAGES.get(message, message)


def cell_text(value) -> str:
    """A cell as a form shows it: dates as 31/12/2025, nothing as ""."""
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)


def _header_keys(titles: list) -> dict[int, str]:
    by_label = {fold(label): key for key, label in COLUMNS.items()}
    keys, problems = {}, []
    for position, title in enumerate(titles):
        if _blank(title):
            continue
        text = str(title).strip()
        bracket = re.search(r"\[(\w+)\]\s*$", text)
        key = bracket.group(1) if bracket else (text if text in COLUMNS else by_label.get(fold(text)))
        if key not in COLUMNS:
            problems.append(f"dòng 1, cột {position + 1} «{text}»: không phải cột của danh mục")
        elif key in keys.values():
            problems.append(f"dòng 1, cột {position + 1} «{text}»: cột này có hai lần")
        else:
            keys[position] = key
    missing = [header(key) for key in REQUIRED if key not in keys.values()]
    problems += [f"dòng 1: thiếu cột «{title}»" for title in missing]
    if problems:
        raise CatalogueError(problems)
    return keys


def _record(cells: dict, row: int, problems: list) -> dict:
    """The raw record of one row (validated later, with the schema)."""
    raw = {}
    for key, value in cells.items():
        if _blank(value):
            continue
        if key in DATES:
            value = _date(value)
        elif key in PARTS:
            value = [_item(key, line, row, number, problems) for number, line in enumerate(_lines(value), start=1)]
        elif key in LINES:
            value = [_read_word(key, line) for line in _lines(value)]
        elif key == "status":
            value = _read_word(key, _text(value))
        elif key == "ticketable":
            value = {"yes": True, "no": False}.get(_read_word(key, _text(value)), _text(value))
        elif key == "code" and isinstance(value, float):   # 1.001193 typed into Excel becomes a number
            value = f"{value:.6f}"
        else:
            value = _text(value)
        if key.startswith("decision_"):
            raw.setdefault("decision", {})[key.removeprefix("decision_")] = value
        else:
            raw[key] = value
    return raw


def _item(key: str, line: str, row: int, number: int, problems: list) -> dict:
    names = list(PARTS[key])
    values = [part.strip() for part in line.split("|")]
    if len(values) > len(names):
        problems.append(f"dòng {row}, cột «{COLUMNS[key]}», mục {number}: có {len(values)} phần, nhiều nhất "
                        f"{len(names)} ({SEPARATOR.join(PARTS[key].values())})")
    item = {}
    for name, value in zip(names, values):
        if value == "":
            continue
        item[name] = _read_word(name, value) if name in WORDS else (_date(value) if name == "date" else value)
    return item


def _cell(record: dict, key: str):
    if key.startswith("decision_"):
        value = (record.get("decision") or {}).get(key.removeprefix("decision_"))
    else:
        value = record.get(key)
    if key in DATES or value is None:
        return _as_date(value) if value else None
    if key in PARTS:
        return "\n".join(SEPARATOR.join(_part(record, key, name, item.get(name)) for name in PARTS[key]).rstrip(" |")
                         for item in value) or None
    if key in LINES:
        return "\n".join(_safe(record, key, WORDS.get(key, {}).get(line, line)) for line in value) or None
    if key == "status":
        return WORDS["status"].get(value, value)
    if key == "ticketable":
        return WORDS["ticketable"]["yes" if value else "no"]
    return value if value or value == 0 else None


def _part(record: dict, key: str, name: str, value) -> str:
    if value is None:
        return ""
    if name == "date":
        return _as_date(value).strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _safe(record, key, WORDS.get(name, {}).get(value, str(value)))


def _safe(record: dict, key: str, text: str) -> str:
    """A part as written in the table; one with a line break or a "|" would be read back wrong."""
    if "\n" in text or "|" in text:
        raise CatalogueError([f"{record.get('code')} ({record.get('name')}), {COLUMNS[key]}: «{text[:60]}» có "
                              "xuống dòng hoặc dấu |, không ghi được vào bảng; hãy xuất JSON"])
    return text


def _read_word(name: str, value: str) -> str:
    folded = fold(value)
    for key, label in WORDS.get(name, {}).items():
        if folded in (key, fold(label)):
            return key
    return value


def _date(value) -> str:
    """ISO text for the schema from a date cell, '31/12/2025' or '2025-12-31'; anything else as typed."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if match:
        day, month, year = (int(group) for group in match.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return text
    return text


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _lines(value) -> list[str]:
    return [line.strip() for line in _text(value).splitlines() if line.strip()]


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _blank(value) -> bool:
    return value is None or str(value).strip() == ""
