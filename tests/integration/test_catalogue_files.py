"""The catalogue as office staff handle it: CSV and Excel files that round-trip, problems named by
row and column, an import that changes nothing when a file is wrong, and a history of changes."""
import csv
import io

import pytest
from openpyxl import load_workbook

from counter_server.catalogue.editing import form_values, save_procedure
from counter_server.catalogue.files import read_catalogue, write_catalogue
from counter_server.catalogue.history import history
from counter_server.catalogue import table
from counter_server.catalogue.record import MAX_PROBLEMS, CatalogueError, parse
from counter_server.catalogue.transfer import export_catalogue, import_catalogue
from counter_server.models import Procedure
from tests.factories import shipped_catalogue as shipped


def import_file(ctx, centre_id, content: bytes, name: str, **kw):
    data, tell = read_catalogue(content, name)
    return import_catalogue(ctx, centre_id, data, tell=tell, **kw)


def rows_of(csv_bytes: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(csv_bytes.decode("utf-8-sig"), newline="")))


def csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8-sig")


@pytest.mark.parametrize("kind", ["csv", "xlsx", "json"])
def test_each_file_format_reads_back_to_the_same_catalogue(ctx, session, commune, kind):
    import_catalogue(ctx, commune.id, shipped())
    exported = export_catalogue(ctx, commune.id)
    content = write_catalogue(exported, kind)
    again = import_file(ctx, commune.id, content, f"danh-muc.{kind}")
    assert (again.added, again.changed, again.retired) == ([], [], [])
    assert export_catalogue(ctx, commune.id) == exported


def test_a_spreadsheet_import_into_an_empty_centre_builds_the_same_catalogue(ctx, session, commune):
    from tests.factories import make_commune
    import_catalogue(ctx, commune.id, shipped())
    exported = export_catalogue(ctx, commune.id)
    other = make_commune(session, "XA-KHAC")
    report = import_file(ctx, other.id, write_catalogue(exported, "xlsx"), "danh-muc.xlsx")
    assert len(report.added) == len(exported["procedures"])
    assert export_catalogue(ctx, other.id)["procedures"] == exported["procedures"]


def test_the_csv_is_utf8_with_vietnamese_headers_and_one_document_per_line(ctx, session, commune):
    import_catalogue(ctx, commune.id, shipped())
    content = write_catalogue(export_catalogue(ctx, commune.id), "csv")
    assert content.startswith(b"\xef\xbb\xbf")   # Excel opens it as UTF-8
    rows = rows_of(content)
    assert rows[0][:3] == ["Mã thủ tục [code]", "Tên thủ tục [name]", "Lĩnh vực [field]"]
    birth = next(row for row in rows if row[0] == "1.001193")
    documents = birth[rows[0].index("Thành phần hồ sơ [documents]")].split("\n")
    shipped_birth = next(record for record in shipped()["procedures"] if record["code"] == "1.001193")
    form = shipped_birth["documents"][0]
    assert documents[0] == f"{form['name']} | 1 | 0 | {form['form']} |  | nộp bản chính"
    assert len(documents) == len(shipped_birth["documents"])
    assert any(line.endswith("| xuất trình") for line in documents)   # papers only shown say so
    assert birth[rows[0].index("Ngày hiệu lực [effective_from]")] == "15/01/2026"
    assert birth[rows[0].index("Tình trạng [status]")] == "đang áp dụng"


def test_the_workbook_has_the_catalogue_sheet_and_a_guide(ctx, session, commune):
    import_catalogue(ctx, commune.id, shipped())
    book = load_workbook(io.BytesIO(write_catalogue(export_catalogue(ctx, commune.id), "xlsx")))
    assert book.sheetnames == ["Thủ tục", "Hướng dẫn"]
    assert book["Thủ tục"].max_row == len(shipped()["procedures"]) + 1
    assert "Trường hợp" not in book["Hướng dẫn"]["B1"].value
    assert any("số bản chính" in (row[1] or "") for row in book["Hướng dẫn"].iter_rows(values_only=True))


def test_office_staff_may_type_vietnamese_words_and_dates_in_a_short_table(ctx, session, commune):
    rows = [["Tên thủ tục", "Lĩnh vực", "Cách thức thực hiện", "Ngày hiệu lực", "Nguồn", "Tình trạng",
             "Thành phần hồ sơ"],
            ["Chứng thực chữ ký", "CT", "Trực tiếp | Trong ngày | 10.000 đồng/trường hợp", "10/04/2015",
             "Nghị định 23/2015/NĐ-CP", "Đang áp dụng", "Giấy tờ cần chứng thực chữ ký | 1 | 0"]]
    report = import_file(ctx, commune.id, csv_bytes(rows), "ngan.csv")
    assert len(report.added) == 1 and report.added[0].startswith("L.CT.")
    record = export_catalogue(ctx, commune.id)["procedures"][0]
    assert record["ways"][0]["channel"] == "direct" and record["effective_from"] == "2015-04-10"
    assert record["documents"] == [{"name": "Giấy tờ cần chứng thực chữ ký", "kind": "submit_original",
                                    "originals": 1, "copies": 0, "form": None, "case": None}]


def test_a_wrong_table_is_refused_naming_row_and_column_and_changes_nothing(ctx, session, commune):
    import_catalogue(ctx, commune.id, shipped())
    before = export_catalogue(ctx, commune.id)
    rows = rows_of(write_catalogue(before, "csv"))
    header = rows[0]
    rows[3][header.index("Thành phần hồ sơ [documents]")] = "Tờ khai | một | 0"
    rows[5][header.index("Ngày hiệu lực [effective_from]")] = "31/02/2020"
    rows[6][header.index("Cách thức thực hiện [ways]")] = "qua điện thoại | 1 ngày | miễn phí"
    rows[7][header.index("Tên thủ tục [name]")] = ""
    with pytest.raises(CatalogueError) as refused:
        import_file(ctx, commune.id, csv_bytes(rows), "sai.csv")
    assert refused.value.problems == [
        "dòng 4, cột «Thành phần hồ sơ», mục 1, phần «số bản chính»: phải là số nguyên",
        "dòng 6, cột «Ngày hiệu lực»: ngày không hợp lệ (ghi theo dạng 31/12/2025)",
        "dòng 7, cột «Cách thức thực hiện», mục 1, phần «kênh»: phải là một trong: trực tiếp, trực tuyến, bưu chính",
        "dòng 8, cột «Tên thủ tục»: bắt buộc, đang để trống",
    ]
    assert export_catalogue(ctx, commune.id) == before


def test_a_table_without_a_required_column_or_with_an_unknown_one_is_refused(commune):
    with pytest.raises(CatalogueError) as refused:
        read_catalogue(csv_bytes([["Tên thủ tục", "Lĩnh vực", "Giá vé"], ["X", "HT", "1"]]), "thieu.csv")
    assert refused.value.problems == [
        "dòng 1, cột 3 «Giá vé»: không phải cột của danh mục",
        "dòng 1: thiếu cột «Cách thức thực hiện [ways]»",
        "dòng 1: thiếu cột «Ngày hiệu lực [effective_from]»",
        "dòng 1: thiếu cột «Nguồn [source]»",
    ]


@pytest.mark.parametrize("content, name, problem", [
    (b"\xff\xfeT\x00", "a.csv", "a.csv: tệp CSV phải lưu ở dạng UTF-8 (trong Excel: «CSV UTF-8»)"),
    (b"not a workbook", "a.xlsx", "a.xlsx: không đọc được tệp Excel (.xlsx)"),
    (b"{", "a.json", "a.json: không phải JSON hợp lệ"),
    (b"", "a.pdf", "a.pdf: cần tệp .json, .csv hoặc .xlsx"),
])
def test_a_file_that_is_not_a_catalogue_is_refused_in_plain_words(content, name, problem):
    with pytest.raises(CatalogueError) as refused:
        read_catalogue(content, name)
    assert refused.value.problems[0].startswith(problem)


def test_imports_and_edits_are_written_in_the_history(ctx, session, commune):
    import_catalogue(ctx, commune.id, shipped(), actor="nhập tệp danh-muc.json (quantri)")
    birth = session.query(Procedure).filter_by(code="2.000635").one()   # copies of civil-status extracts
    values = form_values(ctx, commune.id, birth.id)
    assert values["effective_from"] == "15/01/2026"
    values["ways"] = values["ways"].replace("8.000 đồng/bản", "10.000 đồng/bản")
    values["last_verified"] = "30/11/2026"
    assert save_procedure(ctx, commune.id, values, actor="lanhdao", procedure_id=birth.id) == ("changed", "2.000635")
    assert save_procedure(ctx, commune.id, values, actor="lanhdao", procedure_id=birth.id) == (None, "2.000635")

    newest, *older = history(ctx, commune.id, code="2.000635")
    assert (newest.by, newest.via, newest.action) == ("lanhdao", "edit", "changed")
    assert list(newest.items) == ["ways"]
    before, after = newest.items["ways"]
    assert "8.000 đồng/bản" in before[0]["fees"] and "10.000 đồng/bản" in after[0]["fees"]
    assert [(c.by, c.action) for c in older] == [("nhập tệp danh-muc.json (quantri)", "added")]


def test_retiring_by_import_is_written_in_the_history(ctx, session, commune):
    import_catalogue(ctx, commune.id, shipped())
    smaller = shipped()
    gone = smaller["procedures"].pop(0)
    import_catalogue(ctx, commune.id, smaller, actor="quantri")
    newest = history(ctx, commune.id, code=gone["code"])[0]
    assert (newest.action, newest.by, newest.items) == ("retired", "quantri", {"status": ["active", "abolished"]})


def test_an_edit_with_a_wrong_value_names_the_column_and_saves_nothing(ctx, session, commune):
    import_catalogue(ctx, commune.id, shipped())
    birth = session.query(Procedure).filter_by(code="1.001193").one()
    values = form_values(ctx, commune.id, birth.id)
    values["documents"] = "Tờ khai | 1 | hai"
    values["source"] = ""
    with pytest.raises(CatalogueError) as refused:
        save_procedure(ctx, commune.id, values, actor="lanhdao", procedure_id=birth.id)
    assert refused.value.problems == ["«Thành phần hồ sơ», mục 1, phần «số bản sao»: phải là số nguyên",
                                      "«Nguồn»: bắt buộc, đang để trống"]
    assert len(history(ctx, commune.id, code="1.001193")) == 1   # only the import


def test_a_new_procedure_can_be_added_from_the_form(ctx, session, commune):
    values = {"name": "Xác nhận thông tin cư trú", "field": "CTRU", "ways": "trực tiếp | 1 ngày làm việc | Miễn phí",
              "effective_from": "01/07/2023", "source": "Luật Cư trú 2020"}
    action, code = save_procedure(ctx, commune.id, values, actor="lanhdao")
    assert action == "added" and code.startswith("L.CTRU.")
    with pytest.raises(CatalogueError, match="đã có thủ tục mã"):
        save_procedure(ctx, commune.id, values, actor="lanhdao")


def test_a_file_of_junk_is_told_its_first_hundred_problems_and_read_no_further():
    keys = ("field", "code", "name", "ways", "documents", "effective_from", "source")
    rows = "\n".join(f"x{n}" + "," * (len(keys) - 1) for n in range(50_000))
    heading = ",".join(table.COLUMNS[key] for key in keys)
    data, tell = read_catalogue(f"{heading}\n{rows}\n".encode(), "rac.csv")
    with pytest.raises(CatalogueError) as refused:
        parse(data, tell)
    assert len(refused.value.problems) == MAX_PROBLEMS and refused.value.more
    assert refused.value.problems[0].startswith("dòng 2, cột «Tên thủ tục»")
