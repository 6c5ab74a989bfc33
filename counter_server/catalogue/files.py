"""Catalogue files: JSON in the national database's structure, and the same catalogue as a table
in CSV (UTF-8, opens in Excel) or an Excel workbook (.xlsx, with a sheet that explains the cells)."""
import csv
import io
import json
import zipfile
from datetime import date

from . import table
from .record import CatalogueError, in_json

FORMATS = ("json", "csv", "xlsx")
MEDIA_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
SHEET = "Thủ tục"


def format_of(filename: str) -> str:
    """json, csv or xlsx from the file's name; CatalogueError for anything else."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix not in FORMATS:
        raise CatalogueError([f"{filename}: cần tệp .json, .csv hoặc .xlsx"])
    return suffix


def read_catalogue(content: bytes, filename: str) -> tuple[dict, callable]:
    """The catalogue document in a file, and how to tell its problems (row and column for a table)."""
    kind = format_of(filename)
    if kind == "json":
        try:
            return json.loads(content.decode("utf-8-sig")), in_json
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CatalogueError([f"{filename}: không phải JSON hợp lệ ({error})"]) from None
    rows = _csv_rows(content, filename) if kind == "csv" else _xlsx_rows(content, filename)
    return table.from_rows(rows)


def write_catalogue(data: dict, kind: str) -> bytes:
    """The catalogue document (export_catalogue's) as a file of the given format."""
    if kind == "json":
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    rows = table.to_rows(data["procedures"])
    return _csv_bytes(rows) if kind == "csv" else _xlsx_bytes(rows)


def _csv_rows(content: bytes, filename: str) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CatalogueError([f"{filename}: tệp CSV phải lưu ở dạng UTF-8 (trong Excel: «CSV UTF-8»)"]) from None
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text, newline=""), dialect))


def _csv_bytes(rows: list[list]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([table.cell_text(value) for value in row])
    return out.getvalue().encode("utf-8-sig")   # the mark tells Excel the file is UTF-8


def _xlsx_rows(content: bytes, filename: str) -> list[list]:
    from openpyxl import load_workbook   # here, not at import: 20 MB a queue worker never needs
    from openpyxl.utils.exceptions import InvalidFileException
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        raise CatalogueError([f"{filename}: không đọc được tệp Excel (.xlsx)"]) from None
    sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def _xlsx_bytes(rows: list[list]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    for row in rows:
        sheet.append(row)
    wrap = Alignment(wrap_text=True, vertical="top")
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = wrap
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = wrap
        width = 60 if cell.value.endswith(("[documents]", "[ways]", "[steps]", "[legal_basis]")) else 20
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "C2"
    _guide(book.create_sheet("Hướng dẫn"))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _guide(sheet) -> None:
    """How to fill the table, for whoever edits it in Excel."""
    from openpyxl.styles import Font
    sheet.append(["Cột", "Cách ghi"])
    sheet.append(["Mỗi dòng", "Một thủ tục. Mã thủ tục để trống thì hệ thống tự đặt mã địa phương."])
    for key, parts in table.PARTS.items():
        sheet.append([table.header(key), "Mỗi mục một dòng trong ô (Alt+Enter); các phần cách nhau bởi « | »: "
                      + " | ".join(parts.values())])
    for key in table.LINES:
        sheet.append([table.header(key), "Mỗi mục một dòng trong ô (Alt+Enter)."])
    for key, words in table.WORDS.items():
        sheet.append([key, "Ghi một trong: " + ", ".join(words.values())])
    sheet.append(["Ngày", "Ghi theo dạng 31/12/2025."])
    sheet.append(["Bắt buộc", ", ".join(table.header(key) for key in table.REQUIRED)])
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 110
    for cell in sheet[1]:
        cell.font = Font(bold=True)
