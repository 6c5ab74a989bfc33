"""The manager's report pages: figures with filters and charts (/reports), the wait-time log
(/reports/log), the printable daily report (/reports/daily) and the exports. Days are typed and
shown as dd/mm/yyyy; the page's own links carry them as yyyy-mm-dd, which is read as well.

The report modules (NumPy, Matplotlib, the workbook writer) are imported by the views that use
them, so that a worker serving only the queue never loads them (docs/benchmarks.md, memory)."""
from dataclasses import dataclass
from datetime import date, timedelta

from flask import Blueprint, Response, abort, g, render_template, request, url_for

from ..domain.errors import InvalidReportRange, NotFound
from ..edge import queue, spreadsheet_answer
from ..reports.filters import GROUPS, LOG_FILE_DAYS, ReportFilter, parse_day
from ..services.fields import target_wait_minutes
from ..services.reach import Scope, centres_in_reach, scope_asked
from ..signed_in import web_principal
from .pages import signed_in

bp = Blueprint("reports", __name__, url_prefix="/reports", template_folder="templates")
MANAGERS = ("manager", "admin")
FILTER_KEYS = ("from", "to", "field", "counter", "officer", "priority")
SATISFACTION_EXPORTS = {"satisfaction-counter": "counter", "satisfaction-officer": "officer"}


@dataclass(frozen=True)
class Heading:
    """What the national heading of forms/form_base.html prints above a document."""

    title: str
    centre_name: str
    place: str          # before the date: «Phường Hòa Bình, ngày …»
    day: date


def scope() -> Scope:
    """The centres the page covers: ?centre= a centre's code, or "all" (the province total over
    every centre the manager reaches); their own centre when the address names none. A centre out
    of reach: 404, as if it did not exist."""
    if "report_scope" not in g:
        g.reach = centres_in_reach(queue(), web_principal().id)
        try:
            g.report_scope = scope_asked(g.reach, request.args.get("centre") or None)
        except NotFound:
            abort(404)
    return g.report_scope


def centre_id() -> tuple[int, ...]:
    """The ids of the centres the page covers (one, or several for a province total)."""
    return scope().ids


def one_centre() -> int:
    """The one centre a page read one centre at a time shows (the wait log and its downloads)."""
    if scope().is_total:
        refuse("Trang này xem theo từng trung tâm: xin chọn một trung tâm.")
    return scope().ids[0]


def today() -> date:
    from ..reports.report import centre_today
    return centre_today(queue(), centre_id())


def read_filter(args) -> ReportFilter:
    """The filter in the page's address; the last 30 days by default. Bad input: 400 in words."""
    counter = args.get("counter") or None
    if counter is not None and not (counter.isascii() and counter.isdigit() and len(counter) <= 3):
        refuse("Số quầy phải là số (1–999).")
    try:
        return ReportFilter.asked(_day(args.get("from")), _day(args.get("to")), today(),
                                  field=args.get("field") or None, counter=int(counter) if counter else None,
                                  officer=args.get("officer") or None, priority=args.get("priority") or None)
    except InvalidReportRange as error:
        refuse(error.message)


def refuse(message: str):
    """Stop with the reason on a page (400), and a way back."""
    abort(Response(render_template("reports_refused.html", message=message), 400))


def _day(text):
    """A day from the address: typed as dd/mm/yyyy in the forms, yyyy-mm-dd in links; a bad one: 400 in words."""
    try:
        return parse_day(text)
    except InvalidReportRange as error:
        refuse(error.message)


def log_files(flt: ReportFilter) -> list[tuple[str, dict]]:
    """The log's downloads: the whole range, or a month per file when it is longer than that."""
    if flt.days <= LOG_FILE_DAYS:
        return [("", filter_args(flt))]
    return [(f"tháng {month.date_from:%m/%Y}", filter_args(month)) for month in flt.months()]


def filter_args(flt: ReportFilter) -> dict:
    args = {"centre": request.args.get("centre") or None, "from": flt.date_from.isoformat(),
            "to": flt.date_to.isoformat(), "field": flt.field, "counter": flt.counter, "officer": flt.officer,
            "priority": flt.priority}
    return {key: value for key, value in args.items() if value is not None}


@bp.get("/")
@signed_in(*MANAGERS)
def report_page():
    from ..reports.report import build
    from ..reports.tables import minutes, shown
    flt = read_filter(request.args)
    groups = GROUPS + ("centre",) if scope().is_total else GROUPS
    report = build(queue(), centre_id(), flt, groups, scope().name)
    return render_template("reports.html", report=report, flt=flt, args=filter_args(flt), shown=shown, minutes=minutes,
                           groups=groups, today=today(), log_files=log_files(flt), on_time=on_time_tables(flt))


def on_time_tables(flt: ReportFilter) -> dict:
    """The dossiers' on-time figures for the report's days (and field): the total, by field, by month."""
    from ..domain.dossier_lifecycle import ON_TIME_RULE
    from ..reports.on_time import on_time_by, on_time_table
    total, by = on_time_by(queue(), centre_id(), flt, "field", "month")
    return {"total": total, "field": on_time_table("field", by["field"]), "month": on_time_table("month", by["month"]),
            "rule": ON_TIME_RULE, "api": {**({"centre": scope().code} if request.args.get("centre") else {}),
                                          "from": flt.date_from.isoformat(), "to": flt.date_to.isoformat(),
                                          **({"field": flt.field} if flt.field else {})}}


@bp.get("/today")
@signed_in(*MANAGERS)
def live_today():
    """Today so far, by field (the page reloads this part every 30 seconds)."""
    from ..reports import figures
    from ..reports.report import choices
    from ..reports.tables import minutes, shown
    day = today()
    rows = figures.summary(queue(), centre_id(), ReportFilter(day, day), "field")
    names = choices(queue(), centre_id(), scope().name).field_names
    return render_template("reports_today.html", rows=rows, names=names, shown=shown, minutes=minutes, day=day)


@bp.get("/log")
@signed_in(*MANAGERS)
def log_page():
    from ..reports.log import events_of, log_table
    from ..reports.report import choices
    from ..reports.tables import minutes, shown
    flt = read_filter(request.args)
    page = max(1, request.args.get("page", 1, type=int))
    table, total, ids = log_table(queue(), one_centre(), flt, page=page)
    events = events_of(queue(), one_centre(), ids)
    return render_template("reports_log.html", table=table, rows=[(row, events[i]) for row, i in zip(table.rows, ids)],
                           total=total, page=page, pages=max(1, -(-total // 50)), flt=flt, args=filter_args(flt),
                           shown=shown, minutes=minutes, choices=choices(queue(), one_centre()), log_files=log_files(flt))


@bp.get("/daily")
@signed_in(*MANAGERS)
def daily():
    """One day on one A4 page laid out as an administrative document (Decree 30/2020), to print and sign."""
    from ..forms.receipt import place_of
    from ..reports.report import build
    from ..reports.tables import RATED, SATISFIED, joined, minutes, shown
    day = _day(request.args.get("day")) or today()
    flt = ReportFilter(day, day)
    report = build(queue(), centre_id(), flt, ("field", "counter", "officer"), scope().name)
    centre = report.choices
    form = Heading("BÁO CÁO", centre.centre, place_of(centre.address) or centre.centre, today())
    # each counter's and officer's row also says how satisfied people were
    tables = [report.tables["field"], *(joined(report.tables[group], report.satisfaction[group], (RATED, SATISFIED))
                                        for group in ("counter", "officer"))]
    return render_template("reports_daily.html", report=report, tables=tables, day=day, form=form,
                           args=filter_args(flt), shown=shown, minutes=minutes)


@bp.get("/export/<name>.<kind>")
@signed_in(*MANAGERS)
def export(name, kind):
    """One table (a grouping, "all", or the log) as CSV or XLSX; "workbook.xlsx": every summary."""
    from ..reports.log import log_table
    from ..reports.report import about, build, choices, satisfaction_export, summary_tables
    flt = read_filter(request.args)
    if kind not in ("csv", "xlsx"):
        abort(404)
    options = choices(queue(), centre_id(), scope().name)
    if name == "log":
        if flt.days > LOG_FILE_DAYS:
            refuse(f"Nhật ký chờ tải về từng tháng một (mỗi tệp tối đa {LOG_FILE_DAYS} ngày). "
                   "Trên trang báo cáo có sẵn đường tải cho từng tháng.")
        tables = [log_table(queue(), one_centre(), flt)[0]]
    elif name == "workbook" and kind == "xlsx":
        groups = GROUPS + ("centre",) if scope().is_total else GROUPS
        on_time, report = on_time_tables(flt), build(queue(), centre_id(), flt, groups, scope().name)
        tables = [*report.tables.values(), *report.satisfaction.values(), on_time["field"], on_time["month"]]
    elif name in GROUPS or name in ("all", "centre"):
        tables = summary_tables(queue(), centre_id(), flt, (name,), options)
    elif name in SATISFACTION_EXPORTS:
        tables = [satisfaction_export(queue(), centre_id(), flt, SATISFACTION_EXPORTS[name], options)]
    else:
        abort(404)
    stem = f"bao-cao-{tables[0].name if len(tables) == 1 else 'tong-hop'}-{flt.date_from}-{flt.date_to}"
    return spreadsheet_answer(kind, tables, about(options, flt), stem)


@bp.get("/chart/<name>.svg")
@signed_in(*MANAGERS)
def chart(name):
    from ..reports import charts, figures
    from ..reports.report import choices
    flt = read_filter(request.args)
    ctx, centre = queue(), centre_id()
    if name not in ("hours", "waits", "days", "satisfaction"):
        abort(404)
    facts = figures.load(ctx, centre, flt)
    if name == "hours":
        svg = charts.hours_chart(*figures.by_hour(facts))
    elif name == "waits":
        svg = charts.waits_chart(figures.waits_histogram(facts), target_wait_minutes(ctx, centre[0], flt.field))
    elif name == "days":
        svg = charts.days_chart(_every_day(flt, figures.grouped(facts, "day")))
    else:
        svg = charts.satisfaction_chart(figures.ratings(facts), choices(ctx, centre[0]).rating_labels)
    return Response(svg, mimetype="image/svg+xml", headers={"Cache-Control": "private, max-age=60"})


def _every_day(flt: ReportFilter, rows) -> list:
    by_day = {row.key: row for row in rows}
    days = [flt.date_from + timedelta(days=n) for n in range(flt.days)]
    return [(day, by_day[day].issued if day in by_day else 0, by_day[day].wait.median if day in by_day else None)
            for day in days]


def chart_url(name: str, args: dict) -> str:
    return url_for("reports.chart", name=name, **args)
