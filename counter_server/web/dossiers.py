"""The officer's print page of form 01 (the browser prints it on A4 or A5; the same HTML makes the PDF)."""
from flask import Blueprint, request

from ..api.dossiers import lookup_url
from ..edge import queue
from ..forms.receipt import receipt_html, slip
from ..services.dossiers import receipt_facts
from ..signed_in import web_principal
from .pages import signed_in

bp = Blueprint("dossier_pages", __name__)


@bp.get("/dossiers/<int:dossier_id>/receipt")
@signed_in("staff", "manager", "admin")
def receipt(dossier_id):
    facts = receipt_facts(queue(), web_principal().centre_id, dossier_id)
    return receipt_html(slip(facts, lookup_url(facts.dossier.code), request.args.get("paper", "a4")))
