"""Form 07 of Circular 03/2025/TT-VPCP (Annex I), Sổ theo dõi hồ sơ: the tracking book printed on
landscape A4, the columns of reports/dossier_tables.py, the header row again on every page.

The layout follows the 2018 template (Circular 01/2018/TT-VPCP) as public one-stop software
reproduces it: the 2025 annex's own text was not at hand (as for form 01, forms/receipt.py)."""
from dataclasses import dataclass

from flask import render_template
from sqlalchemy import select

from ..domain.dossier_lifecycle import say
from ..domain.errors import QueueError
from ..models import Centre
from ..reports.dossier_tables import book_table
from ..reports.tables import Table, shown
from ..services.context import QueueContext
from ..services.dossier_book import BookFilter, tracking_book
from .notices import as_pdf
from .receipt import FONTS


PRINTED_MAX = 200   # rows a printed book takes at once: WeasyPrint lays out 100 rows in about 2 s


class TooManyToPrint(QueueError):
    code = "too_many_to_print"
    status = 422
    message = f"Mỗi lần in sổ tối đa {PRINTED_MAX} hồ sơ. Xin chọn khoảng ngày ngắn hơn hoặc lọc thêm."


@dataclass(frozen=True)
class Book:
    """The book's pages: the centre, what it covers, the table."""

    title = "SỔ THEO DÕI HỒ SƠ"

    centre_name: str
    period: str
    picked: str           # the other filters, in words ("" : every dossier of the period)
    table: Table


def period_words(flt: BookFilter) -> str:
    """"từ ngày 26/11/2026 đến ngày 30/11/2026"; an open end is left out."""
    ends = [f"{word} ngày {day:%d/%m/%Y}" for word, day in (("từ", flt.date_from), ("đến", flt.date_to)) if day]
    return " ".join(ends) or "tất cả các ngày"


def picked_words(flt: BookFilter) -> str:
    """The filters besides the days, in words: "trạng thái “Từ chối giải quyết”; lĩnh vực HT"."""
    due = {"today": "đến hạn hôm nay", "tomorrow": "đến hạn ngày mai", "late": "đã quá hạn"}
    parts = [f"trạng thái “{say(flt.status)}”" if flt.status else "", f"lĩnh vực {flt.field}" if flt.field else "",
             f"thủ tục {flt.procedure}" if flt.procedure else "", due.get(flt.due, "")]
    return "; ".join(part for part in parts if part)


def book(ctx: QueueContext, centre_id: int, flt: BookFilter) -> Book:
    """Every dossier of this centre the filter picks, numbered in the book's order; more than
    PRINTED_MAX: TooManyToPrint (the spreadsheet export takes any number)."""
    page = tracking_book(ctx, centre_id, flt, limit=PRINTED_MAX)
    if page.total > PRINTED_MAX:
        raise TooManyToPrint(f"Khoảng này có {page.total} hồ sơ; mỗi lần in sổ tối đa {PRINTED_MAX}. Xin chọn "
                             "khoảng ngày ngắn hơn hoặc lọc thêm (tải tệp Excel để có cả sổ).", total=page.total)
    rows = page.rows
    name = ctx.read(lambda session: session.scalar(select(Centre.name).where(Centre.id == centre_id)))
    return Book(name, period_words(flt), picked_words(flt), book_table(rows))


def book_html(form: Book, for_pdf: bool = False) -> str:
    """The book's page: the print page in the browser, or (`for_pdf`) the PDF's source with its fonts."""
    return render_template("forms/form_07.html", form=form, shown=shown, fonts=FONTS.as_uri() if for_pdf else None)


def book_pdf(form: Book) -> bytes:
    """The book as a landscape A4 PDF."""
    return as_pdf(book_html(form, for_pdf=True))
