"""One procedure record as the national database structures it (DOMAIN.md), validated with
marshmallow: every error names the record and the field ("procedures[3].effective_from")."""
import hashlib
import re

from marshmallow import EXCLUDE, Schema, ValidationError, fields, post_load, pre_load, validate, validates_schema

from procedure_search import fold

from .review import FEE_RULES, KINDS, document_kind

STATUSES = ("active", "amended", "replaced", "abolished")
CHANNELS = ("direct", "online", "post")
NATIONAL_CODE = re.compile(r"^\d\.\d{6}$")
LOCAL_CODE = re.compile(r"^L\.[A-Z]+\.[0-9A-Za-z]+$")


class Way(Schema):
    channel = fields.String(required=True, validate=validate.OneOf(CHANNELS))
    processing_time = fields.String(required=True, validate=validate.Length(min=1, max=500))
    time_amount = fields.Float(allow_none=True, load_default=None)
    time_unit = fields.String(allow_none=True, load_default=None)
    fees = fields.String(required=True, validate=validate.Length(min=1, max=1000))
    # Who sets the fee: a national text (fee_source names the provision), the law's exemption
    # (fee_source too), the provincial council (the province table gives the amount), or nobody.
    fee_rule = fields.String(allow_none=True, load_default=None, validate=validate.OneOf(FEE_RULES))
    fee_source = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=500))
    # "15:00": received after it, counted as received on the next working day (same-day civil-status
    # and certification procedures: Decree 23/2015/NĐ-CP art. 7 for certification).
    cutoff = fields.String(allow_none=True, load_default=None,
                           validate=validate.Regexp(r"^([01]\d|2[0-3]):[0-5]\d$", error="giờ dạng HH:MM, ví dụ 15:00"))


class Document(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=500))
    # Handed in as an original, a copy or a certified copy, or only shown (xuất trình) and taken back.
    kind = fields.String(allow_none=True, load_default=None, validate=validate.OneOf(tuple(KINDS)))
    originals = fields.Integer(load_default=0, validate=validate.Range(min=0, max=20))
    copies = fields.Integer(load_default=0, validate=validate.Range(min=0, max=20))
    form = fields.String(allow_none=True, load_default=None)
    case = fields.String(allow_none=True, load_default=None)

    @post_load
    def kind_from_counts(self, data, **kwargs):
        """A file written before documents had kinds gets them from the counts."""
        return {**data, "kind": document_kind(data)}


class LegalBasis(Schema):
    number = fields.String(allow_none=True, load_default=None)
    title = fields.String(required=True, validate=validate.Length(min=1, max=500))
    date = fields.Date(allow_none=True, load_default=None)
    issuer = fields.String(allow_none=True, load_default=None)


class Decision(Schema):
    number = fields.String(allow_none=True, load_default=None)
    date = fields.Date(allow_none=True, load_default=None)


TEXTS = ("applicants", "conditions", "result", "agency", "public_note", "internal_notes")


class ProcedureRecord(Schema):
    """A procedure; `code` is the national code (e.g. 1.001193) or, lacking one, a local L.<field>.<key>."""

    class Meta:
        unknown = EXCLUDE

    code = fields.String(allow_none=True, load_default=None)
    name = fields.String(required=True, validate=validate.Length(min=1, max=300))
    field = fields.String(required=True, validate=validate.Length(min=1, max=32))
    levels = fields.List(fields.String(), load_default=list)
    ways = fields.List(fields.Nested(Way), required=True, validate=validate.Length(min=1))
    steps = fields.List(fields.String(), load_default=list)
    documents = fields.List(fields.Nested(Document), load_default=list)
    applicants = fields.String(load_default="")
    conditions = fields.String(allow_none=True, load_default="")
    result = fields.String(allow_none=True, load_default="")
    legal_basis = fields.List(fields.Nested(LegalBasis), load_default=list)
    agency = fields.String(allow_none=True, load_default="")
    decision = fields.Nested(Decision, allow_none=True, load_default=None)
    effective_from = fields.Date(required=True)
    last_verified = fields.Date(allow_none=True, load_default=None)
    status = fields.String(load_default="active", validate=validate.OneOf(STATUSES))
    source = fields.String(required=True, validate=validate.Length(min=1, max=1000))
    # False: the desk does not receive it (done at the citizen's home, or only at the province);
    # the kiosk shows it with public_note and gives no number for it.
    ticketable = fields.Boolean(load_default=True)
    # How commonly centres receive it within its field (1 first): the order for a centre with no
    # tickets of its own yet.
    usage_rank = fields.Integer(allow_none=True, load_default=None, validate=validate.Range(min=1, max=10000))
    public_note = fields.String(allow_none=True, load_default="", validate=validate.Length(max=1000))
    internal_notes = fields.String(allow_none=True, load_default="")   # admins only, never shown to citizens

    @pre_load
    def blank_is_empty(self, data, **kwargs):
        """A missing text and an empty one are the same thing: "" either way, whatever the file said.
        A file written before the split of notes: its "notes" were the compiler's, so internal."""
        if isinstance(data, dict):
            if "notes" in data and "internal_notes" not in data:
                data = {**data, "internal_notes": data["notes"]}
            data = {**data, **{key: "" for key in TEXTS if key in data and data[key] is None}}
        return data

    @post_load
    def no_empty_decision(self, data, **kwargs):
        decision = data.get("decision")
        if decision is not None and not any(decision.values()):
            data["decision"] = None
        return data

    @validates_schema
    def code_shape(self, data, **kwargs):
        code = data.get("code")
        if code is not None and not (NATIONAL_CODE.match(code) or LOCAL_CODE.match(code)):
            raise ValidationError("a national code looks like 1.001193; a local one like L.HT.ab12cd", "code")


def code_in_words(code: str | None) -> str:
    """A national code as it is (1.001193); a local one, which only tells records apart and looks like
    a hash to people (L.CT.24e4a4), as «thủ tục riêng của địa phương»."""
    return "thủ tục riêng của địa phương" if code and LOCAL_CODE.match(code) else (code or "")


def local_code(field: str, name: str) -> str:
    """A stable code for a procedure without a national one: the same name gives the same code."""
    return f"L.{field}.{hashlib.sha1(fold(name).encode()).hexdigest()[:6]}"


MAX_PROBLEMS = 100   # a file of junk is told its first hundred problems, not a page of 160,000


class CatalogueError(ValueError):
    """The file cannot be imported; `problems` lists each one as 'where: what' (at most
    MAX_PROBLEMS; `more` says reading stopped there)."""

    def __init__(self, problems: list[str], more: bool = False):
        self.problems, self.more = problems[:MAX_PROBLEMS], more or len(problems) > MAX_PROBLEMS
        super().__init__("; ".join(problems[:10]) + (f" (and {len(problems) - 10} more)" if len(problems) > 10 else "")
                         + (" (reading stopped there)" if self.more else ""))


def stop_if_too_many(problems: list[str]) -> None:
    """Give up reading a file once it has shown MAX_PROBLEMS problems: the rest costs time for nothing."""
    if len(problems) >= MAX_PROBLEMS:
        raise CatalogueError(problems, more=True)


def in_json(index: int, raw, path: str, message: str) -> str:
    """A problem as told of a JSON file: procedures[3] (Đăng ký khai sinh).ways.0.fees: message."""
    return f"procedures[{index}]{_where(raw)}.{path}: {message}"


def parse(data, tell=in_json) -> list[dict]:
    """The validated records of a catalogue document ({"procedures": [...]}), or CatalogueError
    whose problems are told by `tell(index, raw record, field path, message)`."""
    if not isinstance(data, dict) or not isinstance(data.get("procedures"), list):
        raise CatalogueError(["the file must be a JSON object with a list named \"procedures\""])
    problems, records, seen = [], [], set()
    for index, raw in enumerate(data["procedures"]):
        stop_if_too_many(problems)
        try:
            record = ProcedureRecord().load(raw)
        except ValidationError as error:
            problems += [tell(index, raw, path, message) for path, message in _flatten(error.messages)]
            continue
        record["code"] = record["code"] or local_code(record["field"], record["name"])
        records.append(record)
        key = (record["field"], record["code"])
        if key in seen:
            problems.append(tell(index, raw, "code", f"{record['code']} appears twice"))
        seen.add(key)
    if problems:
        raise CatalogueError(problems)
    return records


def _where(raw) -> str:
    return f" ({raw.get('name')})" if isinstance(raw, dict) and raw.get("name") else ""


def _flatten(messages, prefix=""):
    if isinstance(messages, dict):
        for key, value in messages.items():
            yield from _flatten(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(messages, list) and messages and all(isinstance(m, str) for m in messages):
        yield prefix, " ".join(messages)
    else:
        yield prefix, str(messages)
