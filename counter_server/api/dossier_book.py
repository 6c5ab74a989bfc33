"""The tracking book over the API (form 07): GET /api/v1/dossiers with filters, as JSON a page at
a time, or every dossier the filter picks as CSV or an Excel workbook."""
from dataclasses import asdict

from apiflask import APIBlueprint
from ..edge import queue, spreadsheet_answer
from ..services.dossier_book import BookFilter, check_file, tracking_book
from .auth import auth
from .dossier_schemas import BookOut, BookQuery
from .dossiers import ALL_STAFF

bp = APIBlueprint("dossier_book", __name__, url_prefix="/api/v1", tag="Tracking book")


def book_filter(query: dict) -> BookFilter:
    return BookFilter(query["from_"], query["to"], query["status"], query["field"], query["procedure"], query["due"])


@bp.get("/dossiers")
@bp.auth_required(auth, roles=ALL_STAFF)
@bp.input(BookQuery, location="query", arg_name="query")
@bp.output(BookOut, description="A page of the book (JSON), or every dossier the filter picks as CSV or XLSX")
@bp.doc(summary="The tracking book (form 07): the centre's dossiers, newest received first, with the form's columns",
        description="Filters: the days received (either end open), stage, field, procedure, and `due` "
                    "(still open and due today, due tomorrow, or already late). Times are the centre's own. "
                    "A CSV or Excel file covers one month of receipts at most (`from` and `to` at most 31 days "
                    "apart; with `due`, any days): a longer one is 422 book_file_too_long. "
                    "It holds personal data: the centre's officers, managers and admins only.",
        responses=[401, 403, 422])
def book(query):
    flt = book_filter(query)
    if query["format"] == "json":
        page = tracking_book(queue(), auth.current_user.centre_id, flt, query["limit"], query["offset"])
        return {"total": page.total, "limit": query["limit"], "offset": query["offset"],
                "items": [asdict(row) for row in page.rows]}
    check_file(flt)
    from ..reports.dossier_tables import book_table
    table = book_table(tracking_book(queue(), auth.current_user.centre_id, flt, limit=None).rows)
    return spreadsheet_answer(query["format"], [table], book_about(flt), "so-theo-doi-ho-so", private=True)


def book_about(flt: BookFilter) -> list[tuple[str, str]]:
    """The workbook's first sheet: what the book covers."""
    days = "–".join(f"{day:%d/%m/%Y}" if day else "…" for day in (flt.date_from, flt.date_to))
    return [("Sổ", "Sổ theo dõi hồ sơ (mẫu 07)"), ("Ngày tiếp nhận", days),
            *[(label, value) for label, value in (("Trạng thái", flt.status), ("Lĩnh vực", flt.field),
                                                  ("Thủ tục", flt.procedure), ("Hạn", flt.due)) if value]]
