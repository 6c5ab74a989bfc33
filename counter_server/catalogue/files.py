"""Catalogue files: JSON in the national database's structure, and the same catalogue as a table
in CSV (UTF-8, opens in Excel) or an Excel workbook (.xlsx, with a sheet that explains the cells)."""
import csv
import io
import json
import zipfile
from datetime import date

from ..spreadsheet_cells import csv_cell, put, read_csv_text, read_workbook_text
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
    # Excel saves ";" between cells where the decimal mark is "," (Vietnamese settings). The heading's
    # separators outnumber a comma in a label («Yêu cầu, điều kiện»), which csv.Sniffer took for the
    # delimiter; and quotes are read as Excel and csv.writer write them ("" inside a quoted cell),
    # where the sniffer, guessing from a heading without quotes, read "" as two quotes.
    heading = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=max(",;\t", key=heading.count))
    return [[read_csv_text(cell) for cell in row] for row in reader]


def _csv_bytes(rows: list[list]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_cell(value, table.cell_text) for value in row])
    return out.getvalue().encode("utf-8-sig")   # the mark tells Excel the file is UTF-8


def _xlsx_rows(content: bytes, filename: str) -> list[list]:
    from openpyxl import load_workbook   # here, not at import: 20 MB a queue worker never needs
    from openpyxl.utils.exceptions import InvalidFileException
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        raise CatalogueError([f"{filename}: không đọc được tệp Excel (.xlsx)"]) from None
    sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    rows = [[read_workbook_text(value) if isinstance(value, str) else value for value in row]
            for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def _xlsx_bytes(rows: list[list]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    _fill(sheet, rows)
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


def _fill(sheet, rows: list[list]) -> None:
    """The rows into an empty sheet, every cell written by the one rule (spreadsheet_cells.put)."""
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            put(sheet.cell(row=number, column=column), value)


def _guide(sheet) -> None:
    """How to fill the table, for whoever edits it in Excel."""
    from openpyxl.styles import Font
    rows = [["Cột", "Cách ghi"],
            ["Mỗi dòng", "Một thủ tục. Mã thủ tục để trống thì hệ thống tự đặt mã địa phương."]]
    for key, parts in table.PARTS.items():
        rows.append([table.header(key), "Mỗi mục một dòng trong ô (Alt+Enter); các phần cách nhau bởi « | »: "
                     + " | ".join(parts.values())])
    for key in table.LINES:
        rows.append([table.header(key), "Mỗi mục một dòng trong ô (Alt+Enter)."])
    for key, words in table.WORDS.items():
        rows.append([key, "Ghi một trong: " + ", ".join(words.values())])
    rows.append(["Ngày", "Ghi theo dạng 31/12/2025."])
    rows.append(["Bắt buộc", ", ".join(table.header(key) for key in table.REQUIRED)])
    _fill(sheet, rows)
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 110
    for cell in sheet[1]:
        cell.font = Font(bold=True)
