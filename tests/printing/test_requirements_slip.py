"""A required document's case (trường hợp …) on the printed documents list, read back from the job bytes."""
from __future__ import annotations

from dataclasses import replace

import pytest
from PIL import Image, ImageChops

from kiosk.printing import RequiredDocument, printer_profile, requirements_job
from kiosk.printing.canvas import Canvas
from kiosk.printing.slip_layout import CASE_SLANT

from .strict_escpos import parse, printed_picture

POWER_OF_ATTORNEY = RequiredDocument("Văn bản ủy quyền", originals=1)
SHORT_CASE = "Trường hợp ủy quyền"
LONG_CASE = ("Trường hợp người đi đăng ký không phải là cha, mẹ và không có văn bản ủy quyền"
             " được chứng thực theo quy định của pháp luật")


def printed(slip, profile) -> Image.Image:
    """The paper a printer would give for the slip: its job bytes decoded, the feed and cut left off."""
    return printed_picture(parse(requirements_job(slip, profile)))


def with_documents(slip, *documents):
    """The slip listing these documents only."""
    return replace(slip, documents=documents)


def same(first: Image.Image, second: Image.Image) -> bool:
    """Whether two 1-bit pictures are dot for dot the same."""
    return first.size == second.size and ImageChops.logical_xor(first, second).getbbox() is None


def rows(picture: Image.Image, top: int, bottom: int) -> Image.Image:
    """The rows top..bottom of a picture, full width."""
    return picture.crop((0, top, picture.width, bottom))


def inserted_band(without: Image.Image, with_: Image.Image) -> tuple[int, Image.Image]:
    """Where the second picture is the first with a band of rows slid in, and that band."""
    height = with_.height - without.height
    assert height > 0, "the slip did not grow"
    for top in range(without.height + 1):
        if (same(rows(with_, 0, top), rows(without, 0, top))
                and same(rows(with_, top + height, with_.height), rows(without, top, without.height))):
            return top, rows(with_, top, top + height)
    raise AssertionError("the slip changed elsewhere than one inserted band")


def ink(picture: Image.Image) -> Image.Image:
    """The picture cut down to its black dots."""
    box = ImageChops.invert(picture.convert("L")).getbbox()
    assert box, "no ink"
    return picture.crop(box)


def left_edge(picture: Image.Image) -> int:
    """The column of the leftmost black dot."""
    return ImageChops.invert(picture.convert("L")).getbbox()[0]


def one_line(text: str, size: int, slant: float) -> Image.Image:
    """The text drawn on its own line by the slip's canvas, as the expected rendering."""
    canvas = Canvas(1000, margin=20, top=0)
    canvas.text(text, size, align="left", slant=slant)
    return canvas.finish()


@pytest.mark.parametrize("paper", [80, 58])
def test_a_documents_case_is_printed_as_its_own_leaning_line_under_the_name(slip, paper):
    profile = printer_profile(paper)
    without = printed(with_documents(slip, POWER_OF_ATTORNEY, *slip.documents), profile)
    with_case = printed(with_documents(slip, replace(POWER_OF_ATTORNEY, case=SHORT_CASE), *slip.documents),
                        profile)
    only_first = printed(with_documents(slip, POWER_OF_ATTORNEY), profile)

    top, band = inserted_band(without, with_case)
    first_document_ends = next(y for y in range(without.height)
                               if not same(rows(without, y, y + 1), rows(only_first, y, y + 1)))
    assert top <= first_document_ends  # within the first document, before the next one begins

    size = 22 if paper == 80 else 20
    assert same(ink(band), ink(one_line(f"({SHORT_CASE})", size, CASE_SLANT)))
    assert not same(ink(band), ink(one_line(f"({SHORT_CASE})", size, 0)))  # leaning, not upright


@pytest.mark.parametrize("paper", [80, 58])
def test_the_case_is_set_in_from_the_document_column(slip, paper):
    profile = printer_profile(paper)
    without = printed(with_documents(slip, POWER_OF_ATTORNEY), profile)
    with_case = printed(with_documents(slip, replace(POWER_OF_ATTORNEY, case=SHORT_CASE)), profile)
    top, band = inserted_band(without, with_case)
    copies_line = rows(with_case, top + band.height, top + band.height + round(22 * 1.25))  # "Bản chính: 1"
    assert left_edge(band) >= left_edge(copies_line) + 8


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_a_document_with_no_case_prints_no_case_line(slip, profile, blank):
    always = with_documents(slip, POWER_OF_ATTORNEY)
    assert same(printed(with_documents(slip, replace(POWER_OF_ATTORNEY, case=blank)), profile),
                printed(always, profile))
    assert printed(with_documents(slip, replace(POWER_OF_ATTORNEY, case=SHORT_CASE)), profile).height > \
        printed(always, profile).height


def test_a_long_case_wraps_onto_more_lines_inside_the_paper_margins(slip, profile):
    short = printed(with_documents(slip, replace(POWER_OF_ATTORNEY, case=SHORT_CASE)), profile)
    long = printed(with_documents(slip, replace(POWER_OF_ATTORNEY, case=LONG_CASE)), profile)
    assert long.height >= short.height + 2 * round(20 * 1.25)
    margin = 16 if profile.width_dots >= 500 else 8
    for strip in ((0, 0, margin, long.height), (long.width - margin, 0, long.width, long.height)):
        assert ImageChops.invert(long.crop(strip).convert("L")).getbbox() is None, f"ink in the margin {strip}"


def test_a_case_leans_without_greying_the_paper(slip, profile):
    picture = printed(with_documents(slip, replace(POWER_OF_ATTORNEY, case=LONG_CASE)), profile)
    assert picture.mode == "1"
    assert [level for level, count in enumerate(picture.convert("L").histogram()) if count] == [0, 255]
