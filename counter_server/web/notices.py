"""The officer's print pages of forms 02–07 (the browser prints them; the same HTML makes the PDFs
of api/notice_forms.py)."""
from flask import Blueprint, request

from ..api.notice_forms import FORM_PATH
from ..edge import queue
from ..forms.notices import notice, notice_html
from ..signed_in import web_principal
from .dossiers import read_book_filter, refuse
from .pages import signed_in

bp = Blueprint("notice_pages", __name__)
OFFICERS = ("staff", "manager", "admin")


@bp.get(f"/dossiers/<int:dossier_id>/forms/<{FORM_PATH}:form>")
@signed_in(*OFFICERS)
def form_page(dossier_id, form):
    """Form 02–06 of a dossier of the officer's centre, to print."""
    return notice_html(notice(queue(), web_principal().centre_id, dossier_id, form))


@bp.get("/dossiers/book/print")
@signed_in(*OFFICERS)
def book_page():
    """Form 07, the tracking book, with the API book's filters in the address."""
    from ..forms.book import TooManyToPrint, book, book_html
    try:
        return book_html(book(queue(), web_principal().centre_id, read_book_filter(request.args)))
    except TooManyToPrint as error:
        refuse(error.message)
