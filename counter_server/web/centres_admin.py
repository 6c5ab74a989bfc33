"""«Thêm trung tâm»: a province administrator adds a centre from the administration pages, like a
centre that already works (its fields, counters, priority categories and procedures), with its own
administrator and first kiosk; the password and the kiosk's token are shown once."""
from flask import request
from flask_admin import BaseView, expose

from ..domain.errors import QueueError
from ..edge import queue
from ..services.new_centre import add_centre, spec_like
from ..services.reach import centres_in_reach, is_province_admin
from ..signed_in import web_principal


class NewCentreView(BaseView):
    def is_accessible(self):
        user = web_principal()
        return user is not None and user.role == "admin" and is_province_admin(queue(), user.id)

    def inaccessible_callback(self, name, **kwargs):
        from .admin import refuse
        if web_principal() is not None:
            return "Không có quyền truy cập (chỉ quản trị viên cấp tỉnh thêm được trung tâm).", 403
        return refuse()

    @expose("/", methods=("GET", "POST"))
    def index(self):
        centres = centres_in_reach(queue(), web_principal().id)
        values = {key: request.form.get(key, "").strip() for key in ("code", "name", "address", "like", "admin", "kiosk")}
        problem = None
        if request.method == "POST":
            try:
                return self._add(values)
            except QueueError as error:
                problem = error.message
        return self.render("admin/new_centre.html", centres=centres, values=values, problem=problem)

    def _add(self, values: dict):
        from .admin import shown_once
        code = values["code"].upper()
        about = {"code": code, "name": values["name"], "address": values["address"]}
        admin = values["admin"] or f"quantri-{code.lower()}"
        kiosk = values["kiosk"] or "Ki-ốt sảnh chính"
        like = values["like"] or centres_in_reach(queue(), web_principal().id)[0].code
        made = add_centre(queue(), spec_like(queue(), like, about, admin, kiosk), like=like)
        items = [(f"Mật khẩu của quản trị viên {username}", password) for username, _, password in made.users]
        items += [(f"Mã của ki-ốt «{name}» (dán vào phần cài đặt của ki-ốt)", token) for name, token in made.kiosks]
        return shown_once(self, f"Đã thêm {values['name']} ({code}): trang bảng gọi số /board?centre={code}", items,
                          back=".index")
