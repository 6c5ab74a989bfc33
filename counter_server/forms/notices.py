"""Forms 02–06 of Circular 03/2025/TT-VPCP (Annex I), each printed from a step of the dossier's
control sheet: 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ; 03 Phiếu từ chối tiếp nhận giải quyết
hồ sơ; 04 Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết; 05 Thông báo dừng giải quyết
hồ sơ; 06 Phiếu kiểm soát quá trình giải quyết hồ sơ.

The layout follows the 2018 templates (Circular 01/2018/TT-VPCP) as public one-stop software
reproduces them: the 2025 annex's own text was not at hand (as for form 01, forms/receipt.py)."""
from dataclasses import dataclass
from datetime import date

from flask import render_template

from ..domain.dossier_lifecycle import TIMING_WORDS, Stage
from ..domain.errors import NotFound
from ..services.dossier_moves import SheetLine, control_sheet
from ..services.dossiers import DossierView, receipt_facts
from ..services.context import QueueContext
from .receipt import FONTS, clock_words, place_of

TITLES = {
    "02": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    "03": "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    "04": "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
    "05": "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
    "06": "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
}
FORMS = tuple(TITLES)
FILE_NAMES = {"02": "phieu-yeu-cau-bo-sung", "03": "phieu-tu-choi", "04": "van-ban-xin-loi",
              "05": "thong-bao-dung-giai-quyet", "06": "phieu-kiem-soat"}
STEP_OF = {"02": Stage.SUPPLEMENT_REQUESTED, "03": Stage.REFUSED, "05": Stage.STOPPED}
SHORT_TITLES = {"02": "Phiếu yêu cầu bổ sung (mẫu 02)", "03": "Phiếu từ chối (mẫu 03)",
                "04": "Văn bản xin lỗi, gia hạn (mẫu 04)", "05": "Thông báo dừng giải quyết (mẫu 05)"}


def forms_made(lines: list[SheetLine]) -> list[tuple[str, str]]:
    """(number, short title) of forms 02–05 this dossier has paper for: once their move is made
    (04: once it was extended). Forms 01 and 06 it always has."""
    made = {number for number, stage in STEP_OF.items() if any(line.to_status == stage for line in lines)}
    made |= {"04"} if any(line.extended_to for line in lines) else set()
    return [(number, SHORT_TITLES[number]) for number in sorted(made)]


class NoSuchForm(NotFound):
    """The dossier never took the step the form is made for (no refusal: no form 03)."""

    code = "no_such_form"
    message = "Hồ sơ này chưa có bước cần lập mẫu này."


@dataclass(frozen=True)
class Notice:
    """Everything one of forms 02–06 prints: the dossier, the centre, and the step it is about."""

    number: str
    title: str
    dossier: DossierView
    centre_name: str
    place: str
    step: SheetLine | None      # the step the form records (None for form 06: it prints every line)
    lines: list[SheetLine]

    @property
    def day(self) -> date:
        """The day the form is made: the day of its step (form 06: the day the dossier came in)."""
        return (self.step.at if self.step else self.dossier.received_at).date()


def the_step(number: str, lines: list[SheetLine]) -> SheetLine | None:
    """The line a form prints: the last move to its stage (04: the last extension)."""
    if number == "06":
        return None
    picked = [line for line in lines if (line.extended_to is not None if number == "04"
                                         else line.to_status == STEP_OF[number])]
    if not picked:
        raise NoSuchForm(form=f"Mẫu {number}: {TITLES[number].capitalize()}")
    return picked[-1]


def notice(ctx: QueueContext, centre_id: int, dossier_id: int, number: str) -> Notice:
    """Form `number` ("02".."06") for a dossier of this centre; NoSuchForm without its step."""
    facts = receipt_facts(ctx, centre_id, dossier_id)
    lines = control_sheet(ctx, centre_id, dossier_id)
    return Notice(number, TITLES[number], facts.dossier, facts.centre_name, place_of(facts.centre_address),
                  the_step(number, lines), lines)


def givers(line: SheetLine) -> tuple[str, str]:
    """Who signs a control-sheet line as giver and as receiver: the officer who wrote it gives,
    except at the receipt, where the officer receives from the applicant."""
    officer = line.by or ""
    return ("", officer) if line.from_status is None else (officer, "")


def notice_html(form: Notice, for_pdf: bool = False) -> str:
    """The form's page: the print page in the browser, or (`for_pdf`) the PDF's source with its fonts."""
    return render_template(f"forms/form_{form.number}.html", form=form, clock_words=clock_words, givers=givers,
                           timing_words=lambda timing: TIMING_WORDS.get(timing, ""),
                           fonts=FONTS.as_uri() if for_pdf else None)


def as_pdf(html: str) -> bytes:
    """The HTML as PDF, the fonts in assets/fonts embedded (as form 01's)."""
    from weasyprint import HTML   # loaded on the first PDF: Pango and its fonts stay out of other workers
    return HTML(string=html).write_pdf()


def notice_pdf(form: Notice) -> bytes:
    """The form as an A4 PDF."""
    return as_pdf(notice_html(form, for_pdf=True))
