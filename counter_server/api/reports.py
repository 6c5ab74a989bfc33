"""Report figures for provincial dashboards (manager role): the same figures as the report page,
grouped by day, hour, field, counter or officer, as JSON, CSV or Excel. The report modules
(NumPy, the workbook writer) are imported by the view, not by a worker that serves the queue."""
from __future__ import annotations

from typing import TYPE_CHECKING

from apiflask import APIBlueprint, Schema
from apiflask.fields import Date, Float, Integer, List, Nested, Raw, String
from apiflask.validators import Length, OneOf, Range
from ..edge import XLSX, queue, spreadsheet_answer
from ..reports.filters import GROUPS, ON_TIME_GROUPS, ReportFilter
from ..services.reach import Scope, centres_in_reach, scope_asked
from .auth import MANAGER_ROLES, auth
from .fields import Text

if TYPE_CHECKING:
    from ..reports.figures import Durations, GroupFigures

bp = APIBlueprint("reports_api", __name__, url_prefix="/api/v1", tag="Reports")


CENTRE_HELP = ("a centre's code, or `all` for the total of every centre the manager covers "
               "(default: their own centre); a centre they do not cover: 404")


class WaitsQuery(Schema):
    centre = Text(load_default=None, validate=Length(min=1, max=32), metadata={"description": CENTRE_HELP})
    from_ = Date(data_key="from", load_default=None, metadata={"description": "first service day (YYYY-MM-DD); default: 29 days before `to`"})
    to = Date(load_default=None, metadata={"description": "last service day (YYYY-MM-DD); default: today"})
    group = String(load_default="day", validate=OneOf(GROUPS + ("centre",)),
                   metadata={"description": "centre: a row per centre (with centre=all)"})
    format = String(load_default="json", validate=OneOf(("json", "csv", "xlsx")))
    field = Text(load_default=None, validate=Length(min=1, max=32))
    counter = Integer(load_default=None, validate=Range(min=1, max=999), metadata={"description": "counter number"})
    officer = Text(load_default=None, validate=Length(min=1, max=100), metadata={"description": "username"})
    priority = Text(load_default=None, validate=Length(min=1, max=32),
                      metadata={"description": "yes, no, or a priority category code"})


class DurationsOut(Schema):
    count = Integer()
    mean = Float(allow_none=True)
    median = Float(allow_none=True)
    p90 = Float(allow_none=True)
    max = Float(allow_none=True)


class FiguresOut(Schema):
    key = Raw(allow_none=True, metadata={"description": "the group: a day, an hour, a field code, a counter "
                                                        "number or a username; null for the total"})
    label = String()
    issued, served, no_show, expired = Integer(), Integer(), Integer(), Integer()
    cancelled, transferred, open, on_time, on_time_of = Integer(), Integer(), Integer(), Integer(), Integer()
    on_time_share = Float(allow_none=True)
    wait, walk, service = Nested(DurationsOut), Nested(DurationsOut), Nested(DurationsOut)


class FiguresItem(FiguresOut):
    """FiguresOut inside a list (APIFlask names a schema used twice in one response twice)."""


class WaitsOut(Schema):
    from_ = Date(data_key="from")
    to = Date()
    group = String()
    total = Nested(FiguresOut)
    items = List(Nested(FiguresItem))


@bp.get("/reports/waits")
@bp.auth_required(auth, roles=MANAGER_ROLES)
@bp.input(WaitsQuery, location="query", arg_name="query")
@bp.output(WaitsOut, description="The figures (JSON), or the same table as CSV or an Excel workbook")
@bp.doc(summary="Waiting, walk and service times, counts, on-time share, by day/hour/field/counter/officer",
        description="Seconds in JSON; minutes with Vietnamese headers in CSV and XLSX. Days are the centre's "
                    "service days (its own time zone); the median is the middle value, p90 the nearest rank. "
                    "Both ends of the range are optional (to: today; from: 29 days before `to`); a range "
                    "that runs backwards or covers more than a year is refused with 422.",
        responses={401: "not signed in", 403: "not a manager", 404: "a centre the manager does not cover",
                   422: "bad query or range"})
def waits(query):
    from ..reports.figures import grouped, load
    from ..reports.report import about, centre_today, choices, summary_tables
    scope = _scope(query)
    centre_id = scope.ids
    flt = ReportFilter.asked(query["from_"], query["to"], centre_today(queue(), centre_id),
                             field=query["field"], counter=query["counter"], officer=query["officer"],
                             priority=query["priority"])
    start, end = flt.date_from, flt.date_to
    group, kind = query["group"], query["format"]
    if kind != "json":
        options = choices(queue(), centre_id, scope.name)
        # the CSV holds the grouping's table; the workbook the total before it
        tables = summary_tables(queue(), centre_id, flt, (group,) if kind == "csv" else ("all", group), options)
        return spreadsheet_answer(kind, tables, about(options, flt), f"bao-cao-{tables[-1].name}-{start}-{end}")
    facts = load(queue(), centre_id, flt)    # one read of the tickets for both
    total, rows = grouped(facts, None)[0], grouped(facts, group)
    return {"from_": start, "to": end, "group": group,
            "total": _json(total), "items": [_json(row) for row in rows]}


class OnTimeQuery(Schema):
    centre = Text(load_default=None, validate=Length(min=1, max=32), metadata={"description": CENTRE_HELP})
    from_ = Date(data_key="from", load_default=None, metadata={"description": "received on or after this day; "
                                                                              "default: 29 days before `to`"})
    to = Date(load_default=None, metadata={"description": "received on or before this day; default: today"})
    group = String(load_default="field", validate=OneOf(ON_TIME_GROUPS))
    format = String(load_default="json", validate=OneOf(("json", "csv", "xlsx")))
    field = Text(load_default=None, validate=Length(min=1, max=32))


class OnTimeOut(Schema):
    key = String(allow_none=True, metadata={"description": "field or procedure code, username, YYYY-MM; null: total"})
    label = String()
    received, returned, early, on_time, late, open_late = Integer(), Integer(), Integer(), Integer(), Integer(), Integer()
    on_time_share = Float(allow_none=True)
    mean_days_early = Float(allow_none=True)
    mean_days_late = Float(allow_none=True)


class OnTimeItem(OnTimeOut):
    """OnTimeOut inside a list."""


class OnTimeReportOut(Schema):
    from_ = Date(data_key="from")
    to = Date()
    group = String()
    rule = String()
    total = Nested(OnTimeOut)
    items = List(Nested(OnTimeItem))


@bp.get("/reports/dossiers")
@bp.auth_required(auth, roles=MANAGER_ROLES)
@bp.input(OnTimeQuery, location="query", arg_name="query")
@bp.output(OnTimeReportOut, description="The figures (JSON), or the same table as CSV or an Excel workbook")
@bp.doc(summary="On-time return of dossiers received in the days asked: by field, procedure, receiving officer or "
                "month — received, returned early / on time / late, still open and late, mean days early or late",
        description="The counting rule is in `rule` (Vietnamese) and on the report page. A range that runs "
                    "backwards or covers more than a year is refused with 422.",
        responses={401: "not signed in", 403: "not a manager", 404: "a centre the manager does not cover",
                   422: "bad query or range"})
def dossier_figures(query):
    from ..domain.dossier_lifecycle import ON_TIME_RULE
    from ..reports.on_time import as_json, on_time_figures, on_time_table
    from ..reports.report import centre_today
    centre_id = _scope(query).ids
    flt = ReportFilter.asked(query["from_"], query["to"], centre_today(queue(), centre_id), field=query["field"])
    total, rows = on_time_figures(queue(), centre_id, flt, query["group"])
    if query["format"] == "json":
        return {"from_": flt.date_from, "to": flt.date_to, "group": query["group"], "rule": ON_TIME_RULE,
                "total": as_json(total), "items": [as_json(row) for row in rows]}
    table = on_time_table(query["group"], rows)
    # the CSV holds the grouping's table; the workbook the total before it
    tables = [table] if query["format"] == "csv" else [on_time_table(None, [total]), table]
    about = [("Báo cáo", "Trả kết quả đúng hạn"),
             ("Hồ sơ tiếp nhận", f"{flt.date_from:%d/%m/%Y}–{flt.date_to:%d/%m/%Y}"), ("Cách tính", ON_TIME_RULE)]
    return spreadsheet_answer(query["format"], tables, about, f"{table.name}-{flt.date_from}-{flt.date_to}")


def _scope(query) -> Scope:
    """The centres the query asks for, among those the caller covers (services/reach.py)."""
    return scope_asked(centres_in_reach(queue(), auth.current_user.id), query["centre"])


def _json(row: GroupFigures) -> dict:
    key = row.key.isoformat() if hasattr(row.key, "isoformat") else row.key
    return {"key": key, "label": row.label, "issued": row.issued, "served": row.served, "no_show": row.no_show,
            "expired": row.expired, "cancelled": row.cancelled, "transferred": row.transferred, "open": row.open,
            "on_time": row.on_time, "on_time_of": row.on_time_of, "on_time_share": row.on_time_share,
            "wait": _durations(row.wait), "walk": _durations(row.walk), "service": _durations(row.service)}


def _durations(values: Durations) -> dict:
    return {"count": values.count, "mean": values.mean, "median": values.median, "p90": values.p90,
            "max": values.max}


FILE_ANSWERS = ("/api/v1/reports/waits", "/api/v1/dossiers", "/api/v1/reports/dossiers")


def document_formats(spec: dict) -> dict:
    """The CSV and Excel answers of the exports in the OpenAPI document, beside the JSON."""
    for path in FILE_ANSWERS:
        if path in spec["paths"]:
            content = spec["paths"][path]["get"]["responses"]["200"]["content"]
            for mimetype in ("text/csv", XLSX):
                content[mimetype] = {"schema": {"type": "string", "format": "binary"}}
    return spec
