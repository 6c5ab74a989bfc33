"""Lays a procedure's requirements slip out as a 1-bit picture the width of the paper."""
from __future__ import annotations

from PIL import Image

from .canvas import Canvas
from .tickets import RequirementsSlip
from .wording import case_note, clock, how_to_bring

CASE_SLANT = 0.2  # the fonts have no italic: a document's case is sheared to lean like one


def render_requirements(slip: RequirementsSlip, width: int) -> Image.Image:
    """The documents list of a procedure as a 1-bit picture exactly `width` dots wide."""
    wide = width >= 500
    canvas = Canvas(width, margin=16 if wide else 8)
    canvas.text(slip.centre_name, 22, bold=True, max_lines=2)
    canvas.rule()
    canvas.text("GIẤY TỜ CẦN CHUẨN BỊ", 26 if wide else 24, bold=True)
    canvas.gap(4)
    canvas.text(slip.name, 30 if wide else 26, bold=True)
    canvas.text(f"Lĩnh vực: {slip.field_name} · Mã thủ tục: {slip.code}", 20)
    canvas.rule()
    hang = 34 if wide else 28  # item numbers hang in the margin, names line up
    indent = 16 if wide else 12
    for index, document in enumerate(slip.documents, start=1):
        top = canvas.y
        canvas.text(f"{index}.", 24, bold=True, align="left", width=hang)
        canvas.y = top
        column = canvas.inner_width - hang
        canvas.text(document.name, 24, align="left", x=canvas.margin + hang, width=column)
        if (document.case or "").strip():  # only needed in this case: set in, leaning, reads as a condition
            canvas.text(case_note(document.case), 22 if wide else 20, align="left", slant=CASE_SLANT,
                        x=canvas.margin + hang + indent, width=column - indent)
        canvas.text(how_to_bring(document.kind, document.originals, document.copies), 22, bold=True,
                    align="left", x=canvas.margin + hang, width=column)
        canvas.gap(8)
    canvas.rule()
    for label, value in (("Thời hạn giải quyết", slip.processing_time), ("Lệ phí", slip.fees)):
        if value:
            canvas.text(label, 20, align="left")
            canvas.text(value, 24, bold=True, align="left")
            canvas.gap(6)
    canvas.rule(dashed=True)
    canvas.text(f"In lúc {clock(slip.local_printed_at())}. Thông tin có thể thay đổi,"
                " xin hỏi lại cán bộ một cửa khi nộp hồ sơ.", 18)
    return canvas.finish()
