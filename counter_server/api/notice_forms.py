"""Forms 02–07 of Circular 03/2025/TT-VPCP as PDF: GET /api/v1/dossiers/<id>/forms/<02..06>.pdf
(the paper of a dossier's step, or its control sheet) and GET /api/v1/dossiers/book.pdf (the
tracking book). The centre's officers, managers and admins: they hold personal data."""
from apiflask import APIBlueprint
from flask import Response

from ..edge import queue
from ..forms.notices import FILE_NAMES, FORMS, notice, notice_pdf
from .auth import auth
from .dossier_book import book_filter
from .dossier_schemas import BookQuery
from .dossiers import ALL_STAFF

bp = APIBlueprint("notice_forms", __name__, url_prefix="/api/v1", tag="Forms")
FORM_PATH = "any(" + ", ".join(f'"{number}"' for number in FORMS) + ")"   # 02..06; anything else: 404
PDF = {"description": "The form", "content": {"application/pdf": {}}}


class BookPrintQuery(BookQuery):
    """The tracking book's filters; the PDF holds every dossier they pick."""

    class Meta:
        exclude = ("format", "limit", "offset")


def pdf_answer(content: bytes, file_name: str) -> Response:
    """The PDF shown in the browser (not saved by the proxy or the browser's cache)."""
    return Response(content, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{file_name}.pdf"', "Cache-Control": "no-store"})


@bp.get(f"/dossiers/<int:dossier_id>/forms/<{FORM_PATH}:form>.pdf")
@bp.auth_required(auth, roles=ALL_STAFF)
@bp.doc(summary="Forms 02–06 of a dossier as PDF (A4): 02 request to complete it, 03 refusal, 04 apology and "
                "extension, 05 notice to stop, 06 processing control sheet",
        description="02, 03 and 05 print the last move to “supplement_requested”, “refused” or “stopped”, with its "
                    "note; 04 the last extension (old and new due dates, the reason); 06 every line of the control "
                    "sheet. A dossier that never took the form's step: 404 no_such_form.",
        responses={200: PDF, 401: "not signed in", 403: "not the centre's staff or managers",
                   404: "no such dossier in this centre, no such form, or the dossier lacks the form's step"})
def form_pdf(dossier_id, form):
    paper = notice(queue(), auth.current_user.centre_id, dossier_id, form)
    return pdf_answer(notice_pdf(paper), f"mau-{form}-{FILE_NAMES[form]}-{paper.dossier.code}")


@bp.get("/dossiers/book.pdf")
@bp.auth_required(auth, roles=ALL_STAFF)
@bp.input(BookPrintQuery, location="query", arg_name="query")
@bp.doc(summary="Form 07, the tracking book, as PDF (landscape A4): every dossier the filters pick",
        description="The filters of GET /api/v1/dossiers: the days received (either end open), stage, field, "
                    "procedure, and what is due today, tomorrow or late.",
        responses={200: {"description": "The book", "content": {"application/pdf": {}}}, 401: "not signed in",
                   403: "not the centre's staff or managers", 422: "a filter is not valid"})
def book_pdf(query):
    from ..forms.book import book, book_pdf as pdf   # the report tables load with the first book
    return pdf_answer(pdf(book(queue(), auth.current_user.centre_id, book_filter(query))), "so-theo-doi-ho-so")
