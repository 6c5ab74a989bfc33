"""The dossier pages: the officer's print page of form 01 (the browser prints it on A4 or A5; the
same HTML makes the PDF), the tracking book (/dossiers) and a dossier with its control sheet and
its moves (/dossiers/<id>), and the citizens' status page (/ho-so)."""
import re

from flask import Blueprint, Response, abort, render_template, request

from ..api.dossiers import lookup_url, lookups_limited
from ..domain import dossier_lifecycle as lifecycle
from ..domain.dossiers import UnknownDossier
from ..domain.errors import InvalidReportRange
from ..edge import centre_id_for, queue
from ..forms.notices import forms_made
from ..forms.receipt import receipt_html, slip
from ..services.centres import centre_code
from ..services.dossier_book import (
    DUE_CHOICES, PAGE, BookFileTooLong, BookFilter, check_file, file_months, tracking_book,
)
from ..services.dossier_moves import control_sheet
from ..services.dossiers import get_dossier, look_up, receipt_facts
from ..services.fields import field_choices
from ..reports.filters import parse_day
from ..signed_in import web_principal
from .pages import signed_in

bp = Blueprint("dossier_pages", __name__)
OFFICERS = ("staff", "manager", "admin")
DUE_WORDS = {"today": "Đến hạn hôm nay", "tomorrow": "Đến hạn ngày mai", "late": "Đã quá hạn"}
BOOK_KEYS = ("from", "to", "status", "field", "procedure", "due")


def read_book_filter(args) -> BookFilter:
    """The book's filter from a page's address; a wrong value stops with 400 in words."""
    def day(name):
        try:
            return parse_day(args.get(name))     # 26/11/2026 as typed, or 2026-11-26 in links
        except InvalidReportRange as wrong:
            refuse(wrong.message)
    status, due = args.get("status") or None, args.get("due") or None
    if status is not None and status not in lifecycle.WORDS:
        refuse("Trạng thái không có trong danh sách.")
    if due is not None and due not in DUE_CHOICES:
        refuse("Hạn chỉ chọn: hôm nay, ngày mai, đã quá hạn.")
    start, end = day("from"), day("to")
    if start and end and end < start:
        refuse("Ngày bắt đầu sau ngày kết thúc.")
    return BookFilter(start, end, status, (args.get("field") or "")[:32] or None,
                      (args.get("procedure") or "").strip()[:40] or None, due)


def refuse(message: str):
    abort(Response(render_template("reports_refused.html", message=message), 400))


@bp.get("/dossiers")
@signed_in(*OFFICERS)
def book_page():
    """Sổ theo dõi hồ sơ: the centre's dossiers, 50 a page, with filters and the book's downloads."""
    flt = read_book_filter(request.args)
    page = max(1, request.args.get("page", 1, type=int))
    book = tracking_book(queue(), web_principal().centre_id, flt, PAGE, (page - 1) * PAGE)
    args = {key: request.args[key] for key in BOOK_KEYS if request.args.get(key)}
    # Days as typed (26/11/2026) go on in links as the API reads them (2026-11-26).
    args |= {key: day.isoformat() for key, day in (("from", flt.date_from), ("to", flt.date_to)) if day}
    return render_template("dossier_book.html", book=book, flt=flt, args=args, page=page, files=book_files(flt, args),
                           pages=max(1, -(-book.total // PAGE)), first=(page - 1) * PAGE + 1, stages=lifecycle.WORDS,
                           due_words=DUE_WORDS, fields=field_choices(queue(), web_principal().centre_id))


def book_files(flt: BookFilter, args: dict) -> list[tuple[str, dict]]:
    """The book's downloads: the filter as it is when one file holds it, else a file per month."""
    try:
        check_file(flt)
        return [("", args)]
    except BookFileTooLong:
        from ..reports.report import centre_today
        months = file_months(flt, centre_today(queue(), web_principal().centre_id))
        return [(f"tháng {month.date_from:%m/%Y}", args | {"from": month.date_from.isoformat(),
                                                          "to": month.date_to.isoformat()}) for month in months]


@bp.get("/dossiers/<int:dossier_id>")
@signed_in(*OFFICERS)
def dossier_page(dossier_id):
    """One dossier: who, what, when due, where it is, its control sheet, and the next moves."""
    user = web_principal()
    dossier = get_dossier(queue(), user.centre_id, dossier_id)
    lines = control_sheet(queue(), user.centre_id, dossier_id)
    stage = lifecycle.Stage(dossier.status)
    return render_template("dossier.html", dossier=dossier, lines=lines, stage=stage,
                           # the stage's own moves on, then staying (a hand-off or an extension) last
                           moves=[(to, lifecycle.say(to)) for to in sorted(lifecycle.MOVES[stage], key=lambda to: to == stage)],
                           needs_note=lifecycle.NEEDS_NOTE, timing_words=lifecycle.TIMING_WORDS,
                           forms=forms_made(lines), centre=centre_code(queue(), user.centre_id))


@bp.get("/dossiers/<int:dossier_id>/sheet")
@signed_in(*OFFICERS)
def sheet_part(dossier_id):
    """The control sheet's rows alone: the dossier page reloads them when the dossier moves."""
    user = web_principal()
    dossier = get_dossier(queue(), user.centre_id, dossier_id)
    lines = control_sheet(queue(), user.centre_id, dossier_id)
    return render_template("dossier_sheet.html", dossier=dossier, lines=lines,
                           timing_words=lifecycle.TIMING_WORDS, forms=forms_made(lines))


@bp.get("/dossiers/<int:dossier_id>/receipt")
@signed_in("staff", "manager", "admin")
def receipt(dossier_id):
    facts = receipt_facts(queue(), web_principal().centre_id, dossier_id)
    return receipt_html(slip(facts, lookup_url(facts.dossier.code), request.args.get("paper", "a4")))


@bp.get("/ho-so")
@lookups_limited
def lookup_page():
    """The citizens' status page (the slip's QR code opens it with the code filled in)."""
    code, last4 = request.args.get("code", "").strip()[:80], request.args.get("phone_last4", "").strip()
    status = problem = None
    if code and last4:
        if not re.fullmatch(r"[0-9]{4}", last4):
            problem = "Xin nhập đúng 4 số cuối của số điện thoại ghi trên giấy hẹn."
        else:
            try:
                status = look_up(queue(), centre_id_for(request.args.get("centre")), code, last4)
            except UnknownDossier:
                problem = "Không tìm thấy hồ sơ có mã và số điện thoại này. Xin xem lại mã hồ sơ trên giấy hẹn."
    return render_template("dossier_lookup.html", code=code, last4=last4, status=status, problem=problem), \
        404 if problem and status is None and last4 and re.fullmatch(r"[0-9]{4}", last4) else 200


@bp.errorhandler(429)
def too_many_lookups(_error):
    return render_template("dossier_lookup.html", code=request.args.get("code", "")[:80], last4="", status=None,
                           problem="Tra cứu quá nhiều lần. Xin đợi một phút rồi thử lại."), 429
