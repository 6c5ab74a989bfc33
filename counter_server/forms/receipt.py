"""Form 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả: the receipt-and-appointment slip, in two
copies (one kept with the processing control sheet, one for the applicant), on A4 or A5.

Laid out line by line as the 2018 template (Circular 01/2018/TT-VPCP, Mẫu số 01) that Circular
03/2025/TT-VPCP carried on; the 2025 annex's own text could not be read here, so a line it may have
added is not on the slip yet (docs: README, "Form 01")."""
import base64
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import qrcode
from flask import render_template

from ..services.dossiers import DossierView, ReceiptFacts

FONTS = Path(__file__).resolve().parents[2] / "assets" / "fonts"
PAPERS = ("a4", "a5")
COPIES = ("Liên 1: lưu cùng Phiếu kiểm soát quá trình giải quyết hồ sơ",
          "Liên 2: giao người nộp hồ sơ")
UNIT_WORDS = {"working_days": "ngày làm việc", "days": "ngày", "hours": "giờ làm việc"}


@dataclass(frozen=True)
class Slip:
    """Everything form 01 prints, in the words it prints them."""

    dossier: DossierView
    centre_name: str
    place: str
    processing_time: str
    collect_at: str
    lookup_url: str
    qr_png: str          # data: URI
    paper: str


def date_words(day) -> str:
    """"ngày 05 tháng 3 năm 2026", "ngày 13 tháng 02 năm 2026": as Decree 30/2020 (Appendix I) has
    documents write dates, a 0 before days under 10 and before months 1 and 2 only."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def clock_words(moment: datetime) -> str:
    """"15 giờ 30 phút, ngày 13 tháng 02 năm 2026", as the form writes times."""
    return f"{moment:%H} giờ {moment:%M} phút, {date_words(moment)}"


def qr_data_uri(text: str) -> str:
    image = qrcode.make(text, box_size=6, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def place_of(address: str) -> str:
    """The place before a form's date, from the centre's address: "Phường Hòa Bình", ngày …"""
    place = address.split(",")[-1].strip() if address else ""
    return place[:1].upper() + place[1:]


def slip(facts: ReceiptFacts, lookup_url: str, paper: str = "a4") -> Slip:
    """Form 01's content for a dossier (`lookup_url`: the status page, also in the QR code)."""
    allowed = facts.time_allowed
    time_words = ("trong ngày" + (f" (nhận sau {allowed.cutoff:%H:%M} thì ngày làm việc tiếp theo)" if allowed.cutoff else "")
                  if allowed and not allowed.amount else
                  f"{allowed.amount:g} {UNIT_WORDS.get(allowed.unit, allowed.unit)}" if allowed else "theo giấy hẹn")
    place = place_of(facts.centre_address)
    collect_at = facts.centre_name + (f", {facts.centre_address}" if facts.centre_address else "")
    return Slip(facts.dossier, facts.centre_name, place, time_words, collect_at, lookup_url, qr_data_uri(lookup_url),
                paper if paper in PAPERS else "a4")


def receipt_html(form: Slip, for_pdf: bool = False) -> str:
    return render_template("forms/receipt_01.html", form=form, copies=COPIES, clock_words=clock_words,
                           fonts=FONTS.as_uri() if for_pdf else None)


def receipt_pdf(form: Slip) -> bytes:
    from weasyprint import HTML   # loaded on the first PDF: Pango and its fonts stay out of other workers
    return HTML(string=receipt_html(form, for_pdf=True)).write_pdf()
