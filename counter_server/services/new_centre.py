"""Adding a centre to the database: its fields, counters (and the fields each calls), priority
categories, opening hours, users and kiosks, from a description in the demo's format
(assets/demo/centre.json), or copied from a centre that already works ("like")."""
import secrets
from dataclasses import dataclass, field

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate
from sqlalchemy import select

from .. import security
from ..domain.calendar import ALWAYS_OPEN, STANDARD_HOURS
from ..domain.errors import QueueError
from ..models import Centre, Counter, CounterField, Field, Kiosk, PriorityCategory, Procedure, User
from .context import QueueContext

CODE = validate.Regexp(r"^[A-Z0-9][A-Z0-9-]{1,31}$", error="Mã trung tâm: chữ in hoa không dấu, số và dấu gạch (2–32 ký tự).")


class BadCentre(QueueError):
    """The description of a new centre cannot be used as it is."""

    code = "bad_centre"
    status = 422


class CentreSchema(Schema):
    class Meta:
        unknown = EXCLUDE
    code = fields.String(required=True, validate=CODE)
    name = fields.String(required=True, validate=validate.Length(min=3, max=200))
    level = fields.String(load_default="commune", validate=validate.OneOf(("commune", "province")))
    timezone = fields.String(load_default="Asia/Ho_Chi_Minh")
    address = fields.String(load_default="", validate=validate.Length(max=300))
    province = fields.String(load_default="", validate=validate.Length(max=40))


class FieldSchema(Schema):
    class Meta:
        unknown = EXCLUDE
    code = fields.String(required=True, validate=validate.Length(min=1, max=32))
    name_vi = fields.String(required=True)
    name_en = fields.String(load_default="")
    prefix = fields.String(required=True, validate=validate.Regexp(r"^[A-Z]$"))
    daily_cap = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=1))
    target_wait_minutes = fields.Integer(load_default=20, validate=validate.Range(min=1, max=600))
    default_service_minutes = fields.Integer(load_default=10, validate=validate.Range(min=1, max=600))
    for_results = fields.Boolean(load_default=False)


class CounterSchema(Schema):
    class Meta:
        unknown = EXCLUDE
    number = fields.Integer(required=True, validate=validate.Range(min=1, max=999))
    name = fields.String(required=True)
    fields_ = fields.List(fields.String(), data_key="fields", required=True)


class UserSchema(Schema):
    class Meta:
        unknown = EXCLUDE
    username = fields.String(required=True, validate=validate.Length(min=2, max=80))
    full_name = fields.String(load_default="")
    role = fields.String(required=True, validate=validate.OneOf(("staff", "manager", "admin")))
    password = fields.String(load_default=None, validate=validate.Length(min=8))
    whole_province = fields.Boolean(load_default=False)


class PrioritySchema(Schema):
    class Meta:
        unknown = EXCLUDE
    code = fields.String(required=True)
    name_vi = fields.String(required=True)
    name_en = fields.String(load_default="")


class SpecSchema(Schema):
    """A new centre as a file describes it (the demo's format)."""

    class Meta:
        unknown = EXCLUDE
    centre = fields.Nested(CentreSchema, required=True)
    fields_ = fields.List(fields.Nested(FieldSchema), data_key="fields", required=True,
                          validate=validate.Length(min=1))
    priorities = fields.List(fields.Nested(PrioritySchema), load_default=list)
    counters = fields.List(fields.Nested(CounterSchema), required=True, validate=validate.Length(min=1))
    users = fields.List(fields.Nested(UserSchema), load_default=list)
    kiosk = fields.String(load_default=None)
    kiosks = fields.List(fields.String(), load_default=list)
    catalogue = fields.String(load_default=None)


@dataclass
class NewCentre:
    """What adding a centre made, to tell the person who added it (passwords and tokens once)."""

    centre_id: int
    code: str
    users: list[tuple[str, str, str]] = field(default_factory=list)   # username, role, password
    kiosks: list[tuple[str, str]] = field(default_factory=list)       # name, token


def checked(data: dict) -> dict:
    """`data` read against SpecSchema, the counters' fields among the centre's own: BadCentre in words."""
    try:
        spec = SpecSchema().load(data)
    except ValidationError as error:
        raise BadCentre(f"Mô tả trung tâm chưa đúng: {error.messages}") from None
    codes = {item["code"] for item in spec["fields_"]}
    for counter in spec["counters"]:
        unknown = set(counter["fields_"]) - codes
        if unknown:
            raise BadCentre(f"Quầy {counter['number']} gọi lĩnh vực không có: {', '.join(sorted(unknown))}.")
    return spec


def add_centre(ctx: QueueContext, data: dict, always_open: bool = False, catalogue: dict | None = None,
               like: str | None = None) -> NewCentre:
    """Create the centre `data` describes (checked first), with the procedures of `catalogue` (the
    format of assets/catalogue/procedures.json) or copied from the centre `like`; a user without a
    password gets a new one, each kiosk a new token, both told once in the answer. A code or
    username taken: BadCentre."""
    made = _add(ctx, data, always_open, like)
    if catalogue:
        from ..catalogue.transfer import import_catalogue
        import_catalogue(ctx, made.centre_id, catalogue, actor=f"add-centre {made.code}")
    return made


def _add(ctx: QueueContext, data: dict, always_open: bool, like: str | None) -> NewCentre:
    spec = checked(data)
    passwords = {user["username"]: user["password"] or new_password() for user in spec["users"]}
    names = spec["kiosks"] or ([spec["kiosk"]] if spec["kiosk"] else [])
    tokens = {name: security.new_kiosk_token() for name in names}

    def work(session) -> NewCentre:
        if session.scalar(select(Centre.id).where(Centre.code == spec["centre"]["code"])) is not None:
            raise BadCentre(f"Đã có trung tâm mã {spec['centre']['code']}.")
        taken = set(session.scalars(select(User.username).where(User.username.in_(passwords))))
        if taken:
            raise BadCentre(f"Tên đăng nhập đã có người dùng: {', '.join(sorted(taken))}.")
        centre = create_centre(session, spec, passwords)
        centre.opening_hours = ALWAYS_OPEN if always_open else STANDARD_HOURS
        centre.province = spec["centre"]["province"]
        session.add_all(Kiosk(centre_id=centre.id, name=name, token_hash=security.hash_kiosk_token(token),
                              is_active=True, created_at=ctx.clock()) for name, token in tokens.items())
        if like:
            copy_procedures(session, session.scalar(select(Centre.id).where(Centre.code == like)), centre.id)
        return NewCentre(centre.id, centre.code, [(u["username"], u["role"], passwords[u["username"]])
                                                  for u in spec["users"]], list(tokens.items()))
    return ctx.write(work)


def new_password() -> str:
    """Twelve letters and digits, easy to read out and type (nothing a shell or a form trips on)."""
    alphabet = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679"
    return "".join(secrets.choice(alphabet) for _ in range(12))


def create_centre(session, spec: dict, passwords: dict[str, str]) -> Centre:
    """The centre, its fields, priority categories, counters and users (a checked spec)."""
    about = spec["centre"]
    centre = Centre(code=about["code"], name=about["name"], level=about["level"], timezone=about["timezone"],
                    address=about["address"], opening_hours={})
    session.add(centre)
    session.flush()
    made = {item["code"]: new_field(centre.id, order, item) for order, item in enumerate(spec["fields_"])}
    session.add_all(made.values())
    session.flush()
    session.add_all(PriorityCategory(centre_id=centre.id, code=p["code"], name_vi=p["name_vi"], name_en=p["name_en"],
                                     display_order=order) for order, p in enumerate(spec["priorities"]))
    for item in spec["counters"]:
        counter = Counter(centre_id=centre.id, number=item["number"], name=item["name"], is_open=True)
        counter.served = [CounterField(field_id=made[code].id, position=position)
                          for position, code in enumerate(item["fields_"])]
        session.add(counter)
    session.add_all(new_user(centre.id, user, passwords[user["username"]]) for user in spec["users"])
    session.flush()
    return centre


def copy_procedures(session, from_centre: int, to_centre: int) -> None:
    """The procedures of `from_centre`'s fields, copied as they are into the fields of `to_centre`
    that have the same codes (the history of changes stays with the first centre)."""
    fields = {code: field_id for code, field_id in
              session.execute(select(Field.code, Field.id).where(Field.centre_id == to_centre))}
    columns = [column.key for column in Procedure.__table__.columns if column.key not in ("id", "field_id")]
    for procedure, code in session.execute(select(Procedure, Field.code).join(Field)
                                           .where(Field.centre_id == from_centre)):
        if code in fields:
            session.add(Procedure(field_id=fields[code], **{key: getattr(procedure, key) for key in columns}))


def new_field(centre_id: int, order: int, item: dict) -> Field:
    """A field (lĩnh vực) from its checked description."""
    return Field(centre_id=centre_id, code=item["code"], name_vi=item["name_vi"], name_en=item["name_en"],
                 ticket_prefix=item["prefix"], daily_cap=item["daily_cap"],
                 target_wait_minutes=item["target_wait_minutes"],
                 default_service_minutes=item["default_service_minutes"], is_open=True, display_order=order,
                 for_results=item["for_results"])


def new_user(centre_id: int, user: dict, password: str) -> User:
    """An account of the centre from its checked description."""
    return User(centre_id=centre_id, username=user["username"], full_name=user["full_name"], role=user["role"],
                password_hash=security.hash_password(password), is_active=True,
                whole_province=user["whole_province"])


def spec_like(ctx: QueueContext, like_code: str, centre: dict, admin: str, kiosk: str) -> dict:
    """A new centre's description copied from the centre `like_code`: its fields, priority
    categories and counters; `centre` gives the new one's code, name and address; `admin` names
    its administrator, `kiosk` its first kiosk."""
    def work(session) -> dict:
        model = session.scalar(select(Centre).where(Centre.code == like_code))
        if model is None:
            raise BadCentre(f"Không có trung tâm mã {like_code} để sao chép.")
        field_rows = session.scalars(select(Field).where(Field.centre_id == model.id).order_by(Field.display_order))
        codes = {}
        described = []
        for row in field_rows:
            codes[row.id] = row.code
            described.append({"code": row.code, "name_vi": row.name_vi, "name_en": row.name_en,
                              "prefix": row.ticket_prefix, "daily_cap": row.daily_cap,
                              "target_wait_minutes": row.target_wait_minutes,
                              "default_service_minutes": row.default_service_minutes, "for_results": row.for_results})
        counters = [{"number": c.number, "name": c.name,
                     "fields": [codes[s.field_id] for s in sorted(c.served, key=lambda s: s.position)]}
                    for c in session.scalars(select(Counter).where(Counter.centre_id == model.id).order_by(Counter.number))]
        priorities = [{"code": p.code, "name_vi": p.name_vi, "name_en": p.name_en}
                      for p in session.scalars(select(PriorityCategory).where(PriorityCategory.centre_id == model.id)
                                               .order_by(PriorityCategory.display_order))]
        return {"centre": {"level": model.level, "timezone": model.timezone, "province": model.province} | centre,
                "fields": described, "priorities": priorities, "counters": counters,
                "users": [{"username": admin, "full_name": "", "role": "admin"}], "kiosks": [kiosk]}
    return ctx.read(work)
