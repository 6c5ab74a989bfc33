"""The catalogue on the administration pages: managers and admins import a spreadsheet, see the
problems by row and column, export, edit one procedure and read who changed what."""
import io

from openpyxl import load_workbook
from sqlalchemy import select

from counter_server.catalogue.files import write_catalogue
from counter_server.models import Centre, Procedure
from tests.api.test_admin_pages import csrf_of
from tests.factories import make_user, shipped_catalogue



def manager(api, session, centre, role="manager"):
    make_user(session, centre.centre, username="lanhdao", role=role, password="mat-khau-5")
    session.commit()
    assert api.sign_in("lanhdao", "mat-khau-5").status_code == 302


def civil_status_and_certification() -> dict:
    """The shipped procedures of the two fields the test centre has (HT, CT)."""
    data = shipped_catalogue()
    return {"procedures": [p for p in data["procedures"] if p["field"] in ("HT", "CT")]}


def upload(client, content: bytes, name: str, **form):
    page = client.get("/admin/catalogue/").get_data(as_text=True)
    return client.post("/admin/catalogue/import/", data={"file": (io.BytesIO(content), name),
                                                         "csrf_token": csrf_of(page), **form},
                       content_type="multipart/form-data", follow_redirects=True)


def test_the_catalogue_pages_are_for_managers_and_admins(api, client, session, centre):
    assert client.get("/admin/catalogue/").status_code == 302   # to the sign-in page
    api.sign_in()
    assert client.get("/admin/catalogue/").status_code == 403   # counter staff
    client.get("/logout")
    manager(api, session, centre)
    page = client.get("/admin/catalogue/").get_data(as_text=True)
    assert "Danh mục thủ tục hành chính" in page and "Đăng ký khai sinh" in page
    assert client.get("/admin/admin_kiosks/").status_code == 403   # the rest stays the admin's
    assert "Danh mục thủ tục" in client.get("/admin/").get_data(as_text=True)


def test_a_manager_imports_an_excel_file_and_reads_what_changed(api, client, session, centre):
    manager(api, session, centre)
    catalogue = civil_status_and_certification()
    page = upload(client, write_catalogue(catalogue, "xlsx"), "danh-muc.xlsx").get_data(as_text=True)
    assert f"Đã nhập danh-muc.xlsx: thêm {len(catalogue['procedures']) - 1}, sửa 1, bãi bỏ 0" in page
    session.expire_all()
    assert session.scalar(select(Centre.catalogue_version).where(Centre.id == centre.centre.id)) == 1
    assert "lanhdao (nhập tệp danh-muc.xlsx)" in page   # the recent changes


def test_a_wrong_file_shows_each_problem_and_changes_nothing(api, client, session, centre):
    manager(api, session, centre)
    catalogue = civil_status_and_certification()
    catalogue["procedures"][1]["documents"][0]["copies"] = "hai"
    page = upload(client, write_catalogue(catalogue, "json"), "sai.json").get_data(as_text=True)
    assert "Chưa nhập tệp sai.json" in page and "danh mục giữ nguyên" in page
    assert "procedures[1]" in page and "documents.0.copies" in page
    session.expire_all()
    assert session.scalars(select(Procedure.code)).all() == ["1.001193"]


def test_a_table_with_an_unknown_field_is_refused_by_name(api, client, session, centre):
    manager(api, session, centre)
    catalogue = civil_status_and_certification()
    catalogue["procedures"][0]["field"] = "XD"
    page = upload(client, write_catalogue(catalogue, "csv"), "sai.csv").get_data(as_text=True)
    assert "field XD: not a field of this centre" in page
    session.expire_all()
    assert session.scalars(select(Procedure.code)).all() == ["1.001193"]


def test_the_catalogue_downloads_as_excel_csv_and_json(api, client, session, centre):
    manager(api, session, centre, role="admin")
    upload(client, write_catalogue(civil_status_and_certification(), "xlsx"), "danh-muc.xlsx")
    excel = client.get("/admin/catalogue/export.xlsx")
    assert excel.mimetype.endswith("spreadsheetml.sheet")
    assert "danh-muc-thu-tuc.xlsx" in excel.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(excel.data))["Thủ tục"]
    assert sheet["A1"].value == "Mã thủ tục [code]" and sheet.max_row == len(civil_status_and_certification()["procedures"]) + 1
    assert client.get("/admin/catalogue/export.csv").data.startswith(b"\xef\xbb\xbfM")
    assert len(client.get("/admin/catalogue/export.json").json["procedures"]) == sheet.max_row - 1
    assert client.get("/admin/catalogue/export.pdf").status_code == 404


def test_a_manager_edits_a_fee_and_the_history_says_who_and_what(api, client, session, centre):
    manager(api, session, centre)
    upload(client, write_catalogue(civil_status_and_certification(), "xlsx"), "danh-muc.xlsx")
    session.expire_all()
    copies = session.scalar(select(Procedure).where(Procedure.code == "2.000635"))   # copies of extracts
    form = client.get(f"/admin/catalogue/edit/{copies.id}").get_data(as_text=True)
    assert "8.000 đồng/bản" in form
    fields = {key: value for key, value in _form_values(form).items()}
    fields["ways"] = fields["ways"].replace("8.000 đồng/bản", "10.000 đồng/bản")
    saved = client.post(f"/admin/catalogue/edit/{copies.id}", data={**fields, "csrf_token": csrf_of(form)},
                        follow_redirects=True).get_data(as_text=True)
    assert "Đã lưu thủ tục 2.000635." in saved
    history = client.get("/admin/catalogue/history/2.000635").get_data(as_text=True)
    assert history.index("lanhdao") < history.index("nhập tệp danh-muc.xlsx")   # newest first
    assert "Cách thức thực hiện" in history and "10.000 đồng/bản" in history and "8.000 đồng/bản" in history


def test_an_edit_with_a_mistake_keeps_what_was_typed_and_names_the_column(api, client, session, centre):
    manager(api, session, centre)
    form = client.get(f"/admin/catalogue/edit/{centre.birth.id}").get_data(as_text=True)
    fields = _form_values(form)
    fields["effective_from"] = "30/02/2016"
    page = client.post(f"/admin/catalogue/edit/{centre.birth.id}", data={**fields, "csrf_token": csrf_of(form)})
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Chưa lưu." in text
    assert "«Ngày hiệu lực»: ngày không hợp lệ" in text and 'value="30/02/2016"' in text


def test_another_centres_procedure_cannot_be_opened(api, client, session, centre):
    from tests.factories import make_centre, make_field, make_procedure
    other = make_centre(session, code="KHAC")
    foreign = make_procedure(session, make_field(session, other, "HT", "A"))
    session.commit()
    manager(api, session, centre)
    assert client.get(f"/admin/catalogue/edit/{foreign.id}").status_code == 404


def _form_values(page: str) -> dict:
    """The named inputs and text areas of the edit form, as a browser would send them."""
    import html
    import re
    values = {name: html.unescape(value) for name, value in re.findall(r'<input id="\w+" name="(\w+)"[^>]*value="([^"]*)"', page)}
    values.update({name: html.unescape(text) for name, text in
                   re.findall(r'<textarea id="\w+" name="(\w+)"[^>]*>(.*?)</textarea>', page, re.S)})
    for name, options in re.findall(r'<select id="\w+" name="(\w+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option (?:value="([^"]*)" )?selected>([^<]*)</option>', options)
        values[name] = html.unescape(chosen.group(1) or chosen.group(2))
    return values


def test_the_catalogue_page_names_each_procedure_not_ready_for_citizens_and_why(api, client, session, centre):
    manager(api, session, centre)
    page = client.get("/admin/catalogue/").get_data(as_text=True)
    assert "1 thủ tục chưa đạt yêu cầu công khai" in page   # the test centre's birth registration
    assert "legal_basis[0].number: missing" in page and "documents[0].kind: one of" in page
    upload(client, write_catalogue(civil_status_and_certification(), "xlsx"), "danh-muc.xlsx")
    assert "chưa đạt yêu cầu công khai" not in client.get("/admin/catalogue/").get_data(as_text=True)
    copies = session.scalar(select(Procedure).where(Procedure.code == "2.000635"))
    form = client.get(f"/admin/catalogue/edit/{copies.id}").get_data(as_text=True)
    assert "Ghi chú nội bộ" in form and "Chỉ cán bộ quản trị xem" in form
