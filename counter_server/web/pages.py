"""The pages people look at: the waiting-hall board and a ticket's tracking page (public), the
counter console (staff). Each page is HTML plus a small script that talks to /api/v1."""
from functools import wraps
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from .. import services
from ..catalogue.record import code_in_words
from ..domain.errors import NotFound
from ..forms.receipt import date_words
from ..edge import centre_id_for, queue, signed_in_centre_id
from ..services import board, catalogue, rating
from ..services.centres import centre_name, counter_name
from ..services.desk import counter_desk
from ..signed_in import web_principal

bp = Blueprint("pages", __name__, template_folder="templates", static_folder="static",
               static_url_path="/pages/static")
STAFF_PAGES = ("staff", "admin")


bp.add_app_template_filter(catalogue.how_to_bring, "how_to_bring")
bp.add_app_template_filter(code_in_words, "code_in_words")
bp.add_app_template_filter(date_words, "date_words")


@bp.app_context_processor
def page_header():
    """`header_name()`: the centre's own name for a page's header: the signed-in user's centre, else
    the default one (a page with no centre yet says what the place is)."""
    def header_name() -> str:
        try:
            principal = web_principal()
            return centre_name(queue(), principal.centre_id if principal else centre_id_for(None))
        except NotFound:
            return "Bộ phận một cửa"
    return {"header_name": header_name}


@bp.app_template_filter("vn_date")
def vn_date(value) -> str:
    """2016-01-01 (or a date) → 01/01/2016, the way Vietnamese public documents write dates."""
    if not value:
        return ""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    year, month, day = text[:10].split("-")
    return f"{day}/{month}/{year}"


@bp.app_template_filter("vn_time")
def vn_time(value) -> str:
    """A moment in the centre's time zone, the Vietnamese way: 26/11/2026 09:05."""
    return value.astimezone(ZoneInfo(current_app.config["TIMEZONE"])).strftime("%d/%m/%Y %H:%M") if value else ""


def signed_in(*roles):
    """The page needs a signed-in user with one of `roles`: others go to /login, wrong roles get 403."""
    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            user = web_principal()
            if user is None:
                return redirect(url_for("web.login", next=request.path))
            if user.role not in roles:
                return render_template("forbidden.html"), 403
            return view(*args, **kwargs)
        return guarded
    return decorate


@bp.get("/board")
def display_board():
    """The waiting-hall TV: counters, latest calls (with voice), waiting counts, clock."""
    centre_id = centre_id_for(request.args.get("centre"))
    return render_template("board.html", board=board.display(queue(), centre_id),
                           fields=board.list_fields(queue(), centre_id),
                           voice=current_app.extensions["announcer"].has_voice)


@bp.get("/t/<token>")
def track(token):
    """A ticket's page for the citizen's phone (the QR on the ticket); no personal data."""
    try:
        ticket = services.track(queue(), token)
    except NotFound:
        return render_template("track_missing.html"), 404
    return render_template("track.html", ticket=ticket, token=token)


@bp.get("/t/<token>/state")
def track_state(token):
    """The sentence part of the tracking page, fetched again by the page every few seconds."""
    try:
        ticket = services.track(queue(), token)
    except NotFound:
        return "", 404
    return render_template("track_state.html", ticket=ticket)


@bp.get("/rate/<secret>")
def rate(secret):
    """The rating tablet's page, opened once from its pairing link and left open."""
    device = rating.device_for(queue(), secret)
    if device is None:
        return render_template("rate_unpaired.html"), 404
    counter = counter_name(queue(), device.counter_id)
    return render_template("rate.html", secret=secret, counter=counter)


@bp.get("/console")
@signed_in(*STAFF_PAGES)
def console_pick():
    """Choose the counter to work at."""
    centre_id = signed_in_centre_id()
    counters = services.counter_overview(queue(), centre_id)
    field_names = {field.code: field.name_vi for field in board.list_fields(queue(), centre_id)}
    return render_template("console_pick.html", counters=counters, field_names=field_names,
                           user=web_principal().name)


@bp.get("/console/<int:counter_id>")
@signed_in(*STAFF_PAGES)
def console(counter_id):
    """The counter console: current ticket, actions with keyboard shortcuts, waiting list."""
    centre_id = signed_in_centre_id()
    try:
        desk = counter_desk(queue(), centre_id, counter_id)
    except NotFound:
        abort(404)
    others = [c for c in services.counter_overview(queue(), centre_id) if c.id != counter_id]
    fields = board.list_fields(queue(), centre_id)
    procedures = {p.code: {"name": p.name, "field": p.field, "time": p.processing_time,
                           "documents": [d["name"] for d in p.documents]}
                  for p in catalogue.find_procedures(queue(), centre_id) if p.field in desk.fields and p.code}
    return render_template("console.html", desk=desk, others=others, fields=fields, procedures=procedures,
                           field_names={field.code: field.name_vi for field in fields}, user=web_principal().name)


@bp.get("/thu-tuc")
def listing():
    """The public listing (niêm yết thủ tục hành chính): fields, then procedures, with search."""
    centre_id = centre_id_for(request.args.get("centre"))
    query, field = request.args.get("q", "").strip(), request.args.get("field") or None
    fields = board.list_fields(queue(), centre_id)
    found = catalogue.find_procedures(queue(), centre_id, query or None, field)
    return render_template("listing.html", fields=fields, procedures=found, query=query, field=field,
                           centre=board.display(queue(), centre_id).centre)


@bp.get("/thu-tuc/<code>")
def listing_detail(code):
    """One procedure in full, printable."""
    centre_id = centre_id_for(request.args.get("centre"))
    try:
        procedure = catalogue.get_procedure(queue(), centre_id, code)
    except NotFound:
        return render_template("track_missing.html"), 404
    return render_template("listing_detail.html", procedure=procedure, record=catalogue.public_record(
        queue(), centre_id, code))
