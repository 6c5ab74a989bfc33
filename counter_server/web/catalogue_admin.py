"""The catalogue on the administration pages, for managers and admins: every procedure with its
status, editing one (the columns of the Excel table), adding one, importing a JSON, CSV or Excel
file (all or nothing, with the problems by row and column), exporting, and the history."""
import io

from flask import abort, flash, redirect, request, send_file, url_for
from flask_admin import BaseView, expose

from ..catalogue import table
from ..catalogue.editing import form_values, save_procedure
from ..catalogue.files import FORMATS, MEDIA_TYPES, read_catalogue, write_catalogue
from ..catalogue.history import history
from ..catalogue.provinces import province_table
from ..catalogue.record import CatalogueError
from ..catalogue.review import problems as record_problems
from ..catalogue.transfer import export_catalogue, import_catalogue
from ..domain.errors import UnknownProcedure
from ..edge import queue, signed_in_centre_id
from ..signed_in import web_principal
from ..services.catalogue_pages import procedure_rows
from ..services.centres import centre_province
from ..services.fields import field_choices

EDITORS = ("manager", "admin")
STATUS_WORDS = table.WORDS["status"]
ACTION_WORDS = {"added": "thêm mới", "changed": "sửa", "retired": "bãi bỏ"}
VIA_WORDS = {"import": "nhập tệp", "edit": "sửa trên trang"}
AREAS = ("documents", "ways", "steps", "legal_basis", "levels", "applicants", "conditions", "result",
         "public_note", "internal_notes", "source")   # columns edited in a multi-line box


def not_ready(ctx, centre_id: int, codes: set[str]) -> dict[str, list[str]]:
    """{'code name': problems} for each procedure listed (in force) that citizens may not read yet."""
    report = {}
    for record in export_catalogue(ctx, centre_id)["procedures"]:
        if record["code"] in codes and record["status"] != "abolished":
            found = record_problems(record)
            if found:
                report[f"{record['code']} {record['name']}"] = found
    return report


class CatalogueView(BaseView):
    def is_accessible(self):
        from .admin import signed_in_as
        return signed_in_as(*EDITORS)

    def inaccessible_callback(self, name, **kwargs):
        from .admin import refuse
        return refuse()

    def actor(self) -> str:
        return web_principal().name

    @expose("/")
    def index(self, problems=None):
        centre_id, q, field = signed_in_centre_id(), request.args.get("q", ""), request.args.get("field", "")
        rows, fields = procedure_rows(queue(), centre_id, field, q), field_choices(queue(), centre_id)
        return self.render("admin/catalogue.html", rows=rows, fields=fields, q=q, field=field, problems=problems,
                           not_ready=not_ready(queue(), centre_id, {procedure.code for procedure, _ in rows}),
                           province=province_table(centre_province(queue(), centre_id)).name,
                           status_words=STATUS_WORDS, formats=FORMATS, changes=history(queue(), centre_id,
                                                                                         limit=15),
                           action_words=ACTION_WORDS, via_words=VIA_WORDS)

    @expose("/import/", methods=("POST",))
    def upload(self):
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            flash("Chưa chọn tệp danh mục.", "error")
            return redirect(url_for(".index"))
        try:
            data, tell = read_catalogue(upload.read(), upload.filename)
            report = import_catalogue(queue(), signed_in_centre_id(), data, tell=tell,
                                      retire_missing=not request.form.get("keep_missing"),
                                      actor=f"{self.actor()} (nhập tệp {upload.filename})")
        except CatalogueError as error:
            count = f"ít nhất {len(error.problems)} chỗ cần sửa (đã dừng đọc ở đó)" if error.more else \
                f"{len(error.problems)} chỗ cần sửa"
            flash(f"Chưa nhập tệp {upload.filename}: có {count}, danh mục giữ nguyên.", "error")
            return self.index(problems=error.problems)
        flash(f"Đã nhập {upload.filename}: thêm {len(report.added)}, sửa {len(report.changed)}, "
              f"bãi bỏ {len(report.retired)}, giữ nguyên {report.unchanged}.", "success")
        return redirect(url_for(".index"))

    @expose("/export.<kind>")
    def download(self, kind):
        if kind not in FORMATS:
            return "Không có định dạng này.", 404
        content = write_catalogue(export_catalogue(queue(), signed_in_centre_id()), kind)
        return send_file(io.BytesIO(content), mimetype=MEDIA_TYPES[kind], as_attachment=True,
                         download_name=f"danh-muc-thu-tuc.{kind}")

    @expose("/edit/<int:procedure_id>", methods=("GET", "POST"))
    def edit(self, procedure_id):
        return self._form(procedure_id)

    @expose("/new", methods=("GET", "POST"))
    def new(self):
        return self._form(None)

    @expose("/history/<code>")
    def changes(self, code):
        return self.render("admin/catalogue_history.html", code=code,
                           changes=history(queue(), signed_in_centre_id(), code=code),
                           action_words=ACTION_WORDS, via_words=VIA_WORDS)

    def _form(self, procedure_id):
        centre_id, problems = signed_in_centre_id(), []
        if request.method == "POST":
            values = {key: request.form.get(key, "") for key in table.COLUMNS}
            try:
                action, code = save_procedure(queue(), centre_id, values, self.actor(), procedure_id)
            except CatalogueError as error:
                problems = error.problems
            else:
                flash(f"Đã lưu thủ tục {code}." if action else f"Thủ tục {code} không có gì thay đổi.", "success")
                return redirect(url_for(".index"))
        elif procedure_id is not None:
            try:
                values = form_values(queue(), centre_id, procedure_id)
            except UnknownProcedure:
                abort(404)
        else:
            values = {key: "" for key in table.COLUMNS}
        fields = field_choices(queue(), centre_id)
        return self.render("admin/catalogue_edit.html", values=values, problems=problems, columns=table.COLUMNS,
                           parts=table.PARTS, areas=AREAS, procedure_id=procedure_id, words=table.WORDS,
                           fields=fields)
