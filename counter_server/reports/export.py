"""Report tables as files: CSV (UTF-8 with the mark Excel needs, numbers written the Vietnamese
way) and Excel workbooks (real numbers and dates with Vietnamese display formats, one sheet per
table and a sheet saying what the report covers), written with XlsxWriter: a month's log of a
busy centre took openpyxl 4.6 s."""
import csv
import io

import xlsxwriter

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
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    bold = book.add_format({"bold": True})
    heading = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#EEF2F6"})
    formats = {kind: book.add_format({"num_format": number_format}) for kind, number_format in NUMBER_FORMATS.items()}
    info = book.add_worksheet("Thông tin")
    info.set_column(0, 0, 24)
    info.set_column(1, 1, 80)
    for row, (label, value) in enumerate(about):
        info.write_string(row, 0, label, bold)
        info.write_string(row, 1, value)
    for table in tables:
        sheet = book.add_worksheet(table.title[:31])
        for index, column in enumerate(table.columns):
            sheet.set_column(index, index, max(WIDTHS[column.kind], min(len(column.title) + 2, 30)))
        sheet.freeze_panes(1, 1)
        for index, column in enumerate(table.columns):
            sheet.write_string(0, index, column.title, heading)
        writers = [_writer(sheet, column.kind, formats.get(column.kind)) for column in table.columns]
        for number, row in enumerate(table.rows, start=1):
            for index, value in enumerate(row):
                if value is not None and value != "":
                    writers[index](number, index, value)
    book.close()
    return out.getvalue()


def _writer(sheet, kind: str, cell_format):
    """How to write one column's values: numbers and dates as such, with their display format."""
    if kind in ("date", "time"):
        return lambda row, column, value: sheet.write_datetime(row, column, value, cell_format)
    if kind in ("count", "minutes", "share"):
        return lambda row, column, value: sheet.write_number(row, column, value, cell_format)
    return lambda row, column, value: sheet.write_string(row, column, str(value))
