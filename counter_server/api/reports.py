"""Report figures for provincial dashboards (manager role): the same figures as the report page,
grouped by day, hour, field, counter or officer, as JSON, CSV or Excel."""
from datetime import timedelta

from apiflask import APIBlueprint, Schema, abort
from apiflask.fields import Date, Integer, String
from apiflask.validators import Length, OneOf
from flask import Response
from marshmallow import ValidationError, validates_schema

from ..reports.export import to_csv, to_xlsx
from ..reports.figures import Durations, GroupFigures, grouped, load
from ..reports.filters import GROUPS, ReportFilter
from ..reports.report import about, centre_today, choices, summary_tables
from .auth import MANAGER_ROLES, auth
from .public import queue

bp = APIBlueprint("reports_api", __name__, url_prefix="/api/v1", tag="Reports")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class WaitsQuery(Schema):
    from_ = Date(data_key="from", load_default=None, metadata={"description": "first service day (YYYY-MM-DD); default: 29 days before `to`"})
    to = Date(load_default=None, metadata={"description": "last service day (YYYY-MM-DD); default: today"})
    group = String(load_default="day", validate=OneOf(GROUPS))
    format = String(load_default="json", validate=OneOf(("json", "csv", "xlsx")))
    field = String(load_default=None, validate=Length(min=1, max=32))
    counter = Integer(load_default=None, metadata={"description": "counter number"})
    officer = String(load_default=None, validate=Length(min=1, max=100), metadata={"description": "username"})
    priority = String(load_default=None, validate=Length(min=1, max=32),
                      metadata={"description": "yes, no, or a priority category code"})

    @validates_schema
    def a_range(self, data, **kwargs):
        start, end = data.get("from_"), data.get("to")
        if start and end and start > end:
            raise ValidationError("the range ends before it starts", "from")
        if start and end and (end - start).days > 366:
            raise ValidationError("at most one year per request", "from")


@bp.get("/reports/waits")
@bp.auth_required(auth, roles=MANAGER_ROLES)
@bp.input(WaitsQuery, location="query", arg_name="query")
@bp.doc(summary="Waiting, walk and service times, counts, on-time share, by day/hour/field/counter/officer",
        description="Seconds in JSON; minutes with Vietnamese headers in CSV and XLSX. Days are the centre's "
                    "service days (its own time zone); the median is the middle value, p90 the nearest rank.",
        responses={200: "the figures", 401: "not signed in", 403: "not a manager", 422: "bad query"})
def waits(query):
    centre_id = auth.current_user.centre_id
    end = query["to"] or centre_today(queue(), centre_id)
    start = query["from_"] or end - timedelta(days=29)
    if start > end:
        abort(422, "the range ends before it starts")
    flt = ReportFilter(start, end, query["field"], query["counter"], query["officer"], query["priority"])
    group, kind = query["group"], query["format"]
    if kind != "json":
        options = choices(queue(), centre_id)
        if kind == "csv":
            table, = summary_tables(queue(), centre_id, flt, (group,), options)
            content, mimetype = to_csv(table), "text/csv; charset=utf-8"
        else:
            total, table = summary_tables(queue(), centre_id, flt, ("all", group), options)
            content, mimetype = to_xlsx([total, table], about(options, flt)), XLSX
        stem = f"bao-cao-{table.name}-{start}-{end}"
        return Response(content, mimetype=mimetype,
                        headers={"Content-Disposition": f'attachment; filename="{stem}.{kind}"'})
    facts = load(queue(), centre_id, flt)    # one read of the tickets for both
    total, rows = grouped(facts, None)[0], grouped(facts, group)
    return {"from": start.isoformat(), "to": end.isoformat(), "group": group,
            "total": _json(total), "items": [_json(row) for row in rows]}


def _json(row: GroupFigures) -> dict:
    key = row.key.isoformat() if hasattr(row.key, "isoformat") else row.key
    return {"key": key, "label": row.label, "issued": row.issued, "served": row.served, "no_show": row.no_show,
            "expired": row.expired, "cancelled": row.cancelled, "transferred": row.transferred, "open": row.open,
            "on_time": row.on_time, "on_time_of": row.on_time_of, "on_time_share": row.on_time_share,
            "wait": _durations(row.wait), "walk": _durations(row.walk), "service": _durations(row.service)}


def _durations(values: Durations) -> dict:
    return {"count": values.count, "mean": values.mean, "median": values.median, "p90": values.p90,
            "max": values.max}
