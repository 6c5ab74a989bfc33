"""Administration pages (admin role) with Flask-Admin: the centre and its opening hours, fields,
counters and the fields each serves, kiosks (new token, heartbeat, printer state), rating
tablets (pairing link), users; and the procedure catalogue (managers too, web/catalogue_admin.py).
Every list shows only the signed-in user's centre."""
from datetime import datetime

from flask import current_app, flash, make_response, redirect, request, url_for
from flask_admin import Admin, AdminIndexView, babel as admin_babel, expose
from flask_babel import Babel
from flask_admin.actions import action
from flask_admin.contrib.sqla import ModelView
from flask_admin.theme import Bootstrap4Theme
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from .. import security
from ..domain import printers
from ..domain.errors import QueueError, UnknownField, UnknownOfficer
from ..edge import queue, signed_in_centre_id
from ..services.admin import UserChange, create_kiosk, create_user, edit_user, renew_kiosk_tokens
from ..services.admin_tables import (
    TABLES, admin_session, catalogue_changed, field_ids, name_officers, officer_ids, serve_fields,
)
from ..services.centres import list_counters
from ..services.rating import pair_device
from ..signed_in import web_principal
from .catalogue_admin import CatalogueView
from .centres_admin import NewCentreView
from .pages import vn_time


def signed_in_as(*roles) -> bool:
    """Whether the web session's user (read again from the database) has one of `roles`."""
    user = web_principal()
    return user is not None and user.role in roles


SECRET_COLUMNS = ("password_hash", "token_hash", "secret_hash")


def shown_once(view, title: str, items: list[tuple[str, str]], back: str = ".index_view"):
    """A new token or pairing link on a page of its own, never stored in the server's pages or the
    session cookie (a flash message travels in the cookie) and never cached by the browser."""
    response = make_response(view.render("admin/shown_once.html", title=title, items=items,
                                         back=url_for(back)))
    response.headers["Cache-Control"] = "no-store"
    return response


def admin_signed_in() -> bool:
    return signed_in_as("admin")


def refuse():
    if web_principal() is None:
        return redirect(url_for("web.login", next=request.path))
    return "Không có quyền truy cập (chỉ quản trị viên).", 403


def local_time(view, value, name=None):
    """Times in the centre's zone, the Vietnamese way: 26/11/2026 09:05."""
    return vn_time(value)


class AdminView(ModelView):
    """A table the admins edit: admins only, times in the centre's zone, secrets never shown."""

    column_type_formatters = {**ModelView.column_type_formatters, datetime: local_time}
    column_details_exclude_list = SECRET_COLUMNS   # never shown, not even hashed
    form_base_class = FlaskForm  # Flask-WTF's CSRF token, the same one every page of the server uses
    can_view_details = True
    page_size = 50

    def is_accessible(self):
        return admin_signed_in()

    def inaccessible_callback(self, name, **kwargs):
        return refuse()


class CentreScoped(AdminView):
    """Rows of the admin's own centre only; new rows belong to it."""

    def centre_id(self) -> int:
        return signed_in_centre_id()

    def scope(self, query):
        return query.filter(self.model.centre_id == self.centre_id())

    def get_query(self):
        return self.scope(super().get_query())

    def get_count_query(self):
        return self.scope(super().get_count_query())

    def get_one(self, id):
        row = super().get_one(id)
        return row if row is not None and getattr(row, "centre_id", None) == self.centre_id() else None

    def on_model_change(self, form, model, is_created):
        if is_created:
            model.centre_id = self.centre_id()


class CentreView(CentreScoped):
    can_create = can_delete = False
    column_list = ("code", "name", "address", "timezone")
    form_columns = ("name", "address", "timezone", "opening_hours", "rating_levels")
    column_labels = {"code": "Mã", "name": "Tên trung tâm", "address": "Địa chỉ", "timezone": "Múi giờ",
                     "opening_hours": "Giờ tiếp nhận (JSON)", "rating_levels": "Mức đánh giá (JSON)"}

    def scope(self, query):
        return query.filter(self.model.id == self.centre_id())

    def get_one(self, id):
        row = ModelView.get_one(self, id)
        return row if row is not None and row.id == self.centre_id() else None


class FieldView(CentreScoped):
    column_list = ("display_order", "code", "name_vi", "ticket_prefix", "is_open", "daily_cap", "target_wait_minutes",
                   "for_results")
    form_columns = ("code", "name_vi", "name_en", "ticket_prefix", "is_open", "daily_cap", "target_wait_minutes",
                    "default_service_minutes", "display_order", "for_results")
    column_labels = {"code": "Mã", "name_vi": "Tên", "name_en": "Tên tiếng Anh", "ticket_prefix": "Chữ đầu số",
                     "is_open": "Đang tiếp nhận", "daily_cap": "Số tối đa/ngày", "display_order": "Thứ tự",
                     "target_wait_minutes": "Thời gian chờ mục tiêu (phút)",
                     "default_service_minutes": "Thời gian phục vụ ước tính (phút)",
                     "for_results": "Hàng chờ nhận kết quả"}
    column_descriptions = {"for_results": "Kiosk đưa hàng này ra màn hình đầu («Nhận kết quả»); các quầy phục vụ "
                                          "hàng này là quầy trả kết quả."}
    column_default_sort = "display_order"

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        catalogue_changed(self.session, model.centre_id)


def listed(text: str | None, upper: bool = False) -> list[str]:
    """"ht, CT" → ["HT", "CT"]: the codes or usernames typed in a counter's form, in order."""
    items = [item.strip() for item in (text or "").split(",") if item.strip()]
    return [item.upper() for item in items] if upper else items


def known_fields(form, field) -> None:
    """Every code typed names a field of the centre (checked with the form, so that the page says
    which one is wrong instead of failing to save)."""
    try:
        field_ids(queue(), signed_in_centre_id(), listed(field.data, upper=True))
    except UnknownField as error:
        raise ValidationError(error.message)


def known_officers(form, field) -> None:
    """Every username typed is a counter officer (staff or admin) of the centre."""
    try:
        officer_ids(queue(), signed_in_centre_id(), listed(field.data))
    except UnknownOfficer as error:
        raise ValidationError(error.message)


class CounterView(CentreScoped):
    column_list = ("number", "name", "is_open", "served", "named")
    form_columns = ("number", "name", "is_open", "fields_served", "officers_named")
    form_extra_fields = {
        "fields_served": StringField(
            "Lĩnh vực phục vụ (mã, theo thứ tự ưu tiên, cách nhau bởi dấu phẩy)",
            description="Ví dụ: HT, CT — quầy gọi số của các lĩnh vực này", validators=[known_fields]),
        "officers_named": StringField(
            "Cán bộ được phân công (tên đăng nhập, cách nhau bởi dấu phẩy)",
            description="Để trống: mọi cán bộ của trung tâm đều làm việc được tại quầy này. Có tên: chỉ những "
                        "cán bộ này gọi số, phục vụ và chuyển số tại quầy.", validators=[known_officers])}
    column_labels = {"number": "Số quầy", "name": "Tên quầy", "is_open": "Đang mở", "served": "Lĩnh vực phục vụ",
                     "named": "Cán bộ được phân công"}
    column_formatters = {
        "served": lambda view, context, model, name: ", ".join(s.field.code for s in model.served),
        "named": lambda view, context, model, name: ", ".join(o.user.username for o in model.officers) or "(mọi cán bộ)"}
    column_default_sort = "number"

    def on_form_prefill(self, form, id):
        counter = self.get_one(id)
        form.fields_served.data = ", ".join(s.field.code for s in counter.served)
        form.officers_named.data = ", ".join(o.user.username for o in counter.officers)

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        codes = listed(form.fields_served.data, upper=True)
        ids = field_ids(queue(), model.centre_id, codes)
        serve_fields(model, [ids[code] for code in codes])
        usernames = listed(form.officers_named.data)
        officers = officer_ids(queue(), model.centre_id, usernames)
        name_officers(model, [officers[name] for name in usernames])


class KioskView(CentreScoped):
    can_create = False
    column_list = ("name", "is_active", "last_heartbeat_at", "printer_state", "created_at")
    form_columns = ("name", "is_active")
    column_labels = {"name": "Tên ki-ốt", "is_active": "Đang dùng", "last_heartbeat_at": "Tín hiệu gần nhất",
                     "printer_state": "Máy in", "created_at": "Tạo lúc"}
    column_formatters = {"printer_state": lambda view, context, model, name: printers.in_words(model.printer_state)}

    @expose("/issue/", methods=("POST",))
    def issue(self):
        """A new kiosk and its token, shown once."""
        name = request.form.get("name", "").strip() or "Ki-ốt mới"
        _, token = create_kiosk(queue(), self.centre_id(), name)
        return shown_once(self, f"Đã tạo ki-ốt «{name}»", [("Mã của ki-ốt (nhập vào máy ki-ốt)", token)])

    @action("new_token", "Cấp mã mới", "Mã cũ sẽ không dùng được nữa. Tiếp tục?")
    def new_token(self, ids):
        kiosk_ids = [int(kiosk_id) for kiosk_id in ids if str(kiosk_id).isdigit()]
        renewed = renew_kiosk_tokens(queue(), self.centre_id(), kiosk_ids)
        return shown_once(self, "Mã mới của ki-ốt (mã cũ không dùng được nữa)",
                          [(f"Ki-ốt «{name}»", token) for name, token in renewed])

    list_template = "admin/kiosks.html"


class RatingDeviceView(CentreScoped):
    can_create = False
    column_list = ("name", "counter_id", "is_active", "last_seen_at")
    form_columns = ("name", "is_active")
    column_labels = {"name": "Tên thiết bị", "counter_id": "Quầy", "is_active": "Đang dùng",
                     "last_seen_at": "Đánh giá gần nhất"}
    column_formatters = {"counter_id": lambda view, context, model, name: view.counter_number(model.counter_id)}
    list_template = "admin/rating_devices.html"

    @expose("/pair/", methods=("POST",))
    def pair(self):
        """Pair a tablet with a counter; the link (with its secret) is shown once."""
        device = pair_device(queue(), self.centre_id(), int(request.form["counter"]),
                             request.form.get("name", "").strip() or "Máy đánh giá")
        link = url_for("pages.rate", secret=device.secret, _external=True)
        return shown_once(self, f"Máy đánh giá của quầy {device.counter}",
                          [("Mở liên kết này một lần trên máy tính bảng của quầy", link)])

    def counter_number(self, counter_id: int) -> str:
        """'Quầy 1' for the device's counter (not the row id an admin cannot see anywhere else)."""
        found = next((c for c in list_counters(queue(), self.centre_id()) if c.id == counter_id), None)
        return f"Quầy {found.number}" if found else ""

    def render(self, template, **kwargs):
        kwargs.setdefault("counters", list_counters(queue(), self.centre_id()))
        return super().render(template, **kwargs)


def allowed_password(form, field) -> None:
    """A new password follows the rule the CLI follows (security.password_problem); empty keeps the old one."""
    problem = field.data and security.password_problem(field.data)
    if problem:
        raise ValidationError(problem)


class UserForm(FlaskForm):
    """Flask-WTF's form (CSRF token) that also keeps the account being edited, as Flask-Admin's own
    forms do: its "Đã tồn tại" check on the username compares with it, so saving an account
    without renaming it is not refused."""

    def __init__(self, *args, obj=None, **kwargs):
        self._obj = obj
        super().__init__(*args, obj=obj, **kwargs)


class UserView(CentreScoped):
    """Accounts: create, rename, disable or enable, reset the password, change the role. Saves go
    through services.admin, under the rules the CLI follows (password length, the last admin)."""

    can_delete = False  # disable instead: tickets and reports keep naming the officer
    form_base_class = UserForm
    column_list = ("username", "full_name", "role", "is_active")
    form_columns = ("username", "full_name", "role", "is_active", "new_password")
    form_extra_fields = {"new_password": PasswordField(
        "Mật khẩu mới (để trống nếu không đổi)", validators=[allowed_password],
        description=f"Ít nhất {security.MIN_PASSWORD_LENGTH} ký tự. Đổi mật khẩu sẽ đăng xuất tài khoản ở mọi nơi.")}
    form_overrides = {"role": SelectField}
    form_args = {"role": {"choices": [SelectChoice("staff", "Cán bộ quầy"), SelectChoice("manager", "Lãnh đạo"),
                                      SelectChoice("admin", "Quản trị")]}}
    column_labels = {"username": "Tên đăng nhập", "full_name": "Họ tên", "role": "Vai trò", "is_active": "Đang dùng"}

    def create_model(self, form):
        self.session.rollback()  # the service writes in its own transaction
        try:
            user_id = create_user(queue(), self.centre_id(), form.username.data, form.new_password.data or "",
                                  form.role.data, form.full_name.data or "", is_active=form.is_active.data)
        except QueueError as error:
            flash(error.message, "error")
            return False
        return self.get_one(str(user_id))

    def update_model(self, form, model):
        user_id = model.id
        self.session.rollback()
        change = UserChange(username=form.username.data, full_name=form.full_name.data or "",
                            role=form.role.data, is_active=form.is_active.data,
                            password=form.new_password.data or None)
        try:
            edit_user(queue(), self.centre_id(), user_id, change)
        except QueueError as error:
            flash(error.message, "error")
            return False
        return True


class HomeView(AdminIndexView):
    """The admin's first page: what needs attention (voice, kiosks). Managers see it too, with
    the one menu entry they may use (the catalogue)."""

    def is_accessible(self):
        return signed_in_as("admin", "manager")

    def inaccessible_callback(self, name, **kwargs):
        return refuse()

    @expose("/")
    def index(self):
        announcer = current_app.extensions["announcer"]
        return self.render("admin/home.html", voice=announcer.has_voice, role=web_principal().role)


DAY_KINDS = [("off", "Ngày nghỉ"), ("work", "Ngày làm việc (làm bù)")]
WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def day_in_words(view, context, model, name) -> str:
    """"Thứ Bảy 10/01/2026": the weekday matters in a list of swaps and make-up days."""
    return f"{WEEKDAY_NAMES[model.day.weekday()]} {model.day:%d/%m/%Y}"


class CalendarDayView(AdminView):
    """The government's yearly decisions (national, one table for every centre): extra days off and
    Saturdays worked. The Labour Code's holidays need no row: they are computed."""

    column_list = ("day", "kind", "reason", "source")
    form_columns = ("day", "kind", "reason", "source")
    column_labels = {"day": "Ngày", "kind": "Loại", "reason": "Lý do", "source": "Căn cứ (văn bản, đường dẫn)"}
    column_choices = {"kind": DAY_KINDS}
    column_formatters = {"day": day_in_words}
    form_overrides = {"kind": SelectField}
    form_args = {"kind": {"choices": [SelectChoice(value, words) for value, words in DAY_KINDS], "label": "Loại"}}
    column_default_sort = ("day", True)
    column_searchable_list = ("reason",)
    list_template = "admin/calendar_days.html"

    def render(self, template, **kwargs):
        kwargs.setdefault("now_year", datetime.now().year)
        return super().render(template, **kwargs)


# Flask-Admin's own Vietnamese catalogue, where its words read oddly to an official.
BETTER_WORDS = {"With selected": "Thao tác với các dòng đã chọn"}


def _with_better_words(gettext):
    """Flask-Admin's gettext, with BETTER_WORDS first."""
    def translate(string, **variables):
        return BETTER_WORDS[string] if string in BETTER_WORDS and not variables else gettext(string, **variables)
    translate.better_words = True
    return translate


def init_admin(app, engine) -> Admin:
    """Mount the administration pages at /admin, in Vietnamese (Flask-Admin's own catalogue, with
    BETTER_WORDS where it reads oddly)."""
    Babel(app, locale_selector=lambda: "vi", timezone_selector=lambda: app.config["TIMEZONE"])
    if not getattr(admin_babel.gettext, "better_words", False):   # views read it at each render
        admin_babel.gettext = _with_better_words(admin_babel.gettext)
    db = admin_session(engine)
    app.teardown_appcontext(lambda _error: db.remove())
    admin = Admin(app, name="Quản trị một cửa", url="/admin", theme=Bootstrap4Theme(),
                  index_view=HomeView(name="Tổng quan", url="/admin", endpoint="site_admin"))
    admin.add_view(CentreView(TABLES.Centre, db, name="Trung tâm", endpoint="admin_centre"))
    admin.add_view(FieldView(TABLES.Field, db, name="Lĩnh vực", endpoint="admin_fields"))
    admin.add_view(CounterView(TABLES.Counter, db, name="Quầy", endpoint="admin_counters"))
    admin.add_view(KioskView(TABLES.Kiosk, db, name="Ki-ốt", endpoint="admin_kiosks"))
    admin.add_view(RatingDeviceView(TABLES.RatingDevice, db, name="Máy đánh giá", endpoint="admin_rating"))
    admin.add_view(UserView(TABLES.User, db, name="Tài khoản", endpoint="admin_users"))
    admin.add_view(CalendarDayView(TABLES.CalendarDay, db, name="Lịch nghỉ, làm bù", endpoint="admin_calendar"))
    admin.add_view(CatalogueView(name="Thủ tục", url="/admin/catalogue", endpoint="admin_catalogue"))
    admin.add_view(NewCentreView(name="Thêm trung tâm", url="/admin/centres", endpoint="admin_new_centre"))
    app.extensions["admin_session"] = db
    return admin
