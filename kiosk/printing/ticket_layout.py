"""Lays a queue ticket out as a 1-bit picture the width of the paper."""
from __future__ import annotations

from PIL import Image

from .canvas import Canvas
from .fonts import printable, ticket_font
from .qr import qr_picture
from .tickets import TicketData
from .wording import clock, expected_wait, people_waiting

WIDE = 500  # from this many dots (80 mm paper) the QR sits beside the waiting details
# The tracking QR code, quiet zone included, at most this many dots: a typical tracking address
# (45 modules with the zone) gets 5 dots a module, a code about 23 mm wide (it was 18.5 mm), on
# both papers. 6 dots (28 mm) would push a ticket with a three-line procedure name past 50 KB.
QR_DOTS = {True: 240, False: 230}
SCAN_HINT = "Quét mã QR để theo dõi số thứ tự"
WATCH_THE_BOARD = "Mời theo dõi màn hình và loa gọi số."


def counters_line(counters: tuple[int, ...]) -> str:
    """'Quầy phục vụ: 1, 2', or 'Quầy phục vụ: số 3' for one."""
    return "Quầy phục vụ: " + ("số " if len(counters) == 1 else "") + ", ".join(str(n) for n in counters)


def render_ticket(ticket: TicketData, width: int) -> Image.Image:
    """The ticket as a 1-bit picture exactly `width` dots wide (576 for 80 mm, 384 for 58 mm)."""
    wide = width >= WIDE
    canvas = Canvas(width, margin=16 if wide else 8)
    canvas.text(ticket.centre_name, 22, bold=True, max_lines=2)
    canvas.rule()
    canvas.text("SỐ THỨ TỰ", 22)
    canvas.gap(2)
    # 128 dots (16 mm) of ink on 80 mm paper, 120 on 58 mm: it was 144, and gave the 2 mm to the
    # line that says where to look and which counters serve the field.
    canvas.big_text(ticket.number, number_size(ticket.number, canvas.inner_width, 128 if wide else 120))
    canvas.gap(4)
    if ticket.priority_label:
        canvas.banner(f"ƯU TIÊN: {ticket.priority_label}", 24)
        canvas.gap(6)
    field_line = f"Lĩnh vực: {ticket.field_name}"
    canvas.text(field_line, fitting_size(field_line, canvas.inner_width, 30 if wide else 26), bold=True, max_lines=2)
    if ticket.procedure_name:
        # Two lines at most: a long national name («Liên thông điện tử: …») ends in "…"; the
        # counter sees it whole. Three lines pushed a ticket past 50 KB.
        canvas.text(f"Thủ tục: {ticket.procedure_name}", 24 if wide else 22, max_lines=2)
    if ticket.dossier_code:
        canvas.text(f"Mã hồ sơ: {ticket.dossier_code}", 24 if wide else 22, max_lines=2)
    canvas.rule()
    if wide:
        _details_beside_qr(canvas, ticket)
    else:
        _details_above_qr(canvas, ticket)
    canvas.gap(4)
    canvas.text(WATCH_THE_BOARD, 20, bold=True, max_lines=2)
    if ticket.footer:   # bold (it was thin 18-dot text): still legible when a worn head prints faint
        canvas.text(ticket.footer, 20, bold=True, max_lines=3)
    return canvas.finish()


def fitting_size(line: str, width: int, size: int, smallest_share: float = 0.87) -> int:
    """`size` if the bold line fits on one line, else a little smaller (a long national field name
    takes two lines either way; the smaller size keeps the ticket in its byte budget)."""
    if ticket_font(size, True).getlength(printable(line)) <= width:
        return size
    return round(size * smallest_share)


def number_size(number: str, width: int, ink_height: int) -> int:
    """The largest font size at which the number's ink fits in width by ink_height dots."""
    probe = 100
    left, top, right, bottom = ticket_font(probe, True).getbbox(printable(number), anchor="ls")
    by_height = probe * ink_height / max(1, bottom - top)
    by_width = probe * width / max(1, right - left)
    return int(min(by_height, by_width))


def _details(ticket: TicketData) -> list[tuple[str, str]]:
    return [
        ("Số người chờ trước ông/bà", people_waiting(ticket.waiting_ahead)),
        ("Thời gian chờ dự kiến", expected_wait(ticket.estimated_wait_minutes)),
        ("Thời gian lấy số", clock(ticket.local_issued_at())),
    ]


def _details_beside_qr(canvas: Canvas, ticket: TicketData) -> None:
    qr = qr_picture(ticket.track_url, QR_DOTS[True])
    column = canvas.inner_width - qr.width - 8
    top = canvas.y
    qr_left = canvas.width - canvas.margin - qr.width
    below_qr = canvas.image(qr, x=qr_left, y=top)
    # The counters go in the room the code leaves beside it: a line of their own would cost ~35
    # rows of the 50 KB budget, here the column outgrows the code by about 15.
    if ticket.counters:
        canvas.text(counters_line(ticket.counters), 22, bold=True, align="left", width=column, max_lines=1)
    for label, value in _details(ticket):
        canvas.text(label, 20, align="left", width=column)
        canvas.text(value, 26, bold=True, align="left", width=column)
        canvas.gap(2)
    # The hint under the details, beside the code it points to (the code is the taller).
    canvas.text(SCAN_HINT, 19, bold=True, align="left", width=column)
    canvas.y = max(canvas.y, below_qr - 8)   # the quiet zone is white already


def _details_above_qr(canvas: Canvas, ticket: TicketData) -> None:
    if ticket.counters:
        canvas.text(counters_line(ticket.counters), 24, bold=True)
        canvas.gap(2)
    for label, value in _details(ticket):
        canvas.text(f"{label}:", 22)
        canvas.text(value, 28, bold=True)
        canvas.gap(2)
    canvas.y = canvas.image(qr_picture(ticket.track_url, QR_DOTS[False]))
    canvas.text(SCAN_HINT, 20)
    canvas.gap(6)
