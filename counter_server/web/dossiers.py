"""The officer's print page of form 01 (the browser prints it on A4 or A5; the same HTML makes the PDF)."""
import re

from flask import Blueprint, render_template, request

from ..api.dossiers import lookup_url, lookups_limited
from ..domain.dossiers import UnknownDossier
from ..edge import centre_id_for, queue
from ..forms.receipt import receipt_html, slip
from ..services.dossiers import look_up, receipt_facts
from ..signed_in import web_principal
from .pages import signed_in

bp = Blueprint("dossier_pages", __name__)


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
