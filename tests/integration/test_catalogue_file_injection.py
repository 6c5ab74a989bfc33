"""A catalogue whose text looks like spreadsheet formulas (imported from a careless or hostile file)
is exported as text Excel and LibreOffice show and never run, and its CSV and Excel files still read
back to the same catalogue — quotes, commas, tabs and line breaks included."""
import csv
import io
import subprocess

import pytest
from openpyxl import load_workbook

from counter_server.catalogue.files import read_catalogue, write_catalogue
from counter_server.catalogue.transfer import export_catalogue, import_catalogue
from counter_server.spreadsheet_cells import FORMULA_STARTS
from tests.factories import shipped_catalogue

HYPERLINK = '=HYPERLINK("http://x","y")'
COMMAND = "=cmd|' /C calc'!A0"


def hostile_catalogue() -> dict:
    """The shipped catalogue with formula-like text at the start of cells, and the characters CSV
    has to quote (", comma, tab, carriage return, line feed) inside them."""
    data = shipped_catalogue()
    first, second, third = data["procedures"][:3]
    first.update(name=HYPERLINK, applicants="-", conditions="+1", result=COMMAND, agency="@SUM(A1)",
                 internal_notes="'=1+1 là ghi chú bắt đầu bằng dấu nháy")
    first["documents"][0]["name"] = "@SUM(A1) tờ khai"
    first["ways"][0]["fees"] = '-\t8.000 đồng, "lệ phí" =1+1'
    second.update(name='Tờ khai "mẫu", bản chính\nDòng hai', applicants="cột\tcó tab",
                  conditions="dòng một\r\ndòng hai\rdòng ba", result="-1+2")
    third["steps"][0] = "=1+1 bước đầu"
    return data


def written(ctx, commune, kind: str) -> tuple[dict, bytes]:
    import_catalogue(ctx, commune.id, hostile_catalogue())
    exported = export_catalogue(ctx, commune.id)
    return exported, write_catalogue(exported, kind)


def reads_back_unchanged(ctx, commune, exported: dict, content: bytes, name: str) -> None:
    data, tell = read_catalogue(content, name)
    report = import_catalogue(ctx, commune.id, data, tell=tell)
    assert (report.added, report.changed, report.retired) == ([], [], [])
    assert export_catalogue(ctx, commune.id) == exported


def test_the_hostile_text_is_really_in_the_catalogue(ctx, session, commune):
    import_catalogue(ctx, commune.id, hostile_catalogue())
    names = {record["name"] for record in export_catalogue(ctx, commune.id)["procedures"]}
    assert HYPERLINK in names and 'Tờ khai "mẫu", bản chính\nDòng hai' in names


def test_no_csv_cell_starts_a_formula_and_the_csv_reads_back_unchanged(ctx, session, commune):
    exported, content = written(ctx, commune, "csv")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)] == []
    header, hyperlink = rows[0], next(row for row in rows if HYPERLINK in row[1])
    cell = dict(zip(header, hyperlink))
    assert cell["Tên thủ tục [name]"] == "'" + HYPERLINK
    assert cell["Kết quả [result]"] == "'" + COMMAND
    assert cell["Đối tượng thực hiện [applicants]"] == "'-"
    assert cell["Ghi chú nội bộ [internal_notes]"] == "''=1+1 là ghi chú bắt đầu bằng dấu nháy"   # one quote more, one off on import
    reads_back_unchanged(ctx, commune, exported, content, "danh-muc.csv")


def test_no_workbook_cell_is_a_formula_and_the_workbook_reads_back_unchanged(ctx, session, commune):
    exported, content = written(ctx, commune, "xlsx")
    book = load_workbook(io.BytesIO(content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    texts = {cell.value: cell for cell in cells if isinstance(cell.value, str)}
    for text in (HYPERLINK, COMMAND, "-", "+1", "@SUM(A1)", "-1+2"):
        assert texts[text].data_type == "s" and texts[text].quotePrefix, text
    reads_back_unchanged(ctx, commune, exported, content, "danh-muc.xlsx")


def test_a_semicolon_csv_with_quotes_from_excel_imports(ctx, session, commune):
    """Excel with Vietnamese settings saves ";" between cells and "" for a quote inside one."""
    exported, content = written(ctx, commune, "csv")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    reads_back_unchanged(ctx, commune, exported, out.getvalue().encode("utf-8-sig"), "danh-muc.csv")


def test_a_cell_starting_with_a_tab_or_carriage_return_is_neutralised_too(ctx, session, commune):
    data = hostile_catalogue()
    data["procedures"][3]["applicants"] = "\t=1+1"
    data["procedures"][4]["applicants"] = "\r=1+1"
    import_catalogue(ctx, commune.id, data)
    exported = export_catalogue(ctx, commune.id)
    rows = list(csv.reader(io.StringIO(write_catalogue(exported, "csv").decode("utf-8-sig"), newline="")))
    assert {"'\t=1+1", "'\r=1+1"} <= {cell for row in rows for cell in row}
    book = load_workbook(io.BytesIO(write_catalogue(exported, "xlsx")))
    tab = next(cell for row in book["Thủ tục"].iter_rows() for cell in row if cell.value == "\t=1+1")
    assert tab.data_type == "s" and tab.quotePrefix


def shown_by_libreoffice(content: bytes, name: str, tmp_path) -> list[list[str]]:
    """The catalogue sheet as LibreOffice Calc shows it, formulas evaluated on opening."""
    source = tmp_path / name
    source.write_bytes(content)
    opening = []
    if name.endswith(".csv"):   # the filter's last option: evaluate formulas, as Calc's dialog offers
        opening = ["--infilter=CSV:44,34,76,1,,0,false,false,false,false,false,false,true"]
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", *opening,
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false",
                    "--outdir", str(tmp_path / "out"), str(source)], check=True, capture_output=True, timeout=120)
    shown = (tmp_path / "out" / name).with_suffix(".csv")
    return list(csv.reader(io.StringIO(shown.read_text(encoding="utf-8-sig"), newline="")))


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_libreoffice_shows_the_text_and_runs_no_formula(kind, tmp_path):
    exported = {"procedures": hostile_catalogue()["procedures"][:3]}
    rows = shown_by_libreoffice(write_catalogue(exported, kind), f"danh-muc.{kind}", tmp_path)
    names = [row[1] for row in rows[1:]]
    # A CSV shows the quote that keeps the text from running; a workbook shows the text alone.
    assert names[0] == ("'" if kind == "csv" else "") + HYPERLINK
    assert "y" not in names
