"""Report tables as files: CSV (UTF-8 with the mark Excel needs, numbers written the Vietnamese
way) and Excel workbooks (real numbers and dates with Vietnamese display formats, one sheet per
table and a sheet saying what the report covers). openpyxl's write-only mode keeps a long log
fast."""
import csv
import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .tables import Table, shown

NUMBER_FORMATS = {"count": "#,##0", "minutes": "0.0", "share": "0.0%", "date": "DD/MM/YYYY",
                  "time": "DD/MM/YYYY HH:MM:SS"}
WIDTHS = {"text": 24, "count": 12, "minutes": 14, "share": 12, "date": 12, "time": 20}


def to_csv(table: Table) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.title for column in table.columns])
    for row in table.rows:
        writer.writerow([shown(value, column.kind) for value, column in zip(row, table.columns)])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(tables: list[Table], about: list[tuple[str, str]]) -> bytes:
    """A workbook: «Thông tin» (what the report covers), then one sheet per table."""
    book = Workbook(write_only=True)
    info = book.create_sheet("Thông tin")
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 24, 60
    for label, value in about:
        info.append([_bold(info, label), value])
    for table in tables:
        sheet = book.create_sheet(table.title[:31])
        for index, column in enumerate(table.columns):
            sheet.column_dimensions[_letter(index)].width = max(WIDTHS[column.kind], min(len(column.title) + 2, 30))
        sheet.freeze_panes = "B2"
        sheet.append([_bold(sheet, column.title, wrap=True) for column in table.columns])
        formats = [NUMBER_FORMATS.get(column.kind) for column in table.columns]
        for row in table.rows:
            sheet.append([_cell(sheet, value, number_format) if number_format and value is not None else value
                          for value, number_format in zip(row, formats)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _bold(sheet, text, wrap=False):
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = Font(bold=True)
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _cell(sheet, value, number_format):
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def _letter(index: int) -> str:
    return get_column_letter(index + 1)
