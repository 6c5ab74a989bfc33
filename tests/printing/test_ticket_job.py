"""A ticket job, built by python-escpos' Dummy printer and read back byte by byte."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image, ImageChops

from kiosk.printing import printer_profile, render_requirements, render_ticket, requirements_job, ticket_job

from .strict_escpos import names, parse, printed_picture

# The reference pictures are the ones in the docs, printed by the virtual printer
# (python -m kiosk.printing.samples docs/tickets). A reference may differ by this
# share of dots (a FreeType upgrade moves a few edge pixels); a layout change
# moves far more. Exact equality is checked against the in-process rendering.
REFERENCE_DIR = Path(__file__).resolve().parents[2] / "docs" / "tickets"
REFERENCE_TOLERANCE = 0.005
REDRAW = "layout changed: look at the new picture, then run python -m kiosk.printing.samples docs/tickets"


def reference(stem: str, width: int, height: int) -> Image.Image:
    """The top of a docs picture: the printed image, without the feed and cut below it."""
    return Image.open(REFERENCE_DIR / f"{stem}.png").crop((0, 0, width, height))


def differing_share(first: Image.Image, second: Image.Image) -> float:
    """The share of dots that differ between two 1-bit pictures of the same size."""
    assert first.size == second.size, f"{first.size} != {second.size}"
    difference = ImageChops.logical_xor(first.convert("1"), second.convert("1"))
    return difference.histogram()[255] / (first.width * first.height)


def test_a_ticket_job_starts_by_initialising_the_printer(ticket, profile):
    assert names(parse(ticket_job(ticket, profile)))[0] == "init"


def test_a_ticket_job_prints_one_raster_image_as_wide_as_the_paper(ticket, profile):
    rasters = [c for c in parse(ticket_job(ticket, profile)) if c.name == "raster"]
    assert len(rasters) == 1
    assert rasters[0].picture.width == profile.width_dots == {80: 576, 58: 384}[profile.paper_mm]


def test_the_image_is_centred_on_the_paper(ticket, profile):
    commands = parse(ticket_job(ticket, profile))
    assert ("align", (1,)) in [(c.name, c.args) for c in commands[: names(commands).index("raster")]]


def test_the_printed_image_is_exactly_the_rendered_ticket(ticket, profile):
    printed = printed_picture(parse(ticket_job(ticket, profile)))
    assert differing_share(printed, render_ticket(ticket, profile.width_dots)) == 0


@pytest.mark.parametrize("paper", [80, 58])
def test_the_printed_ticket_matches_its_reference_rendering(ticket, paper):
    printed = printed_picture(parse(ticket_job(ticket, printer_profile(paper))))
    expected = reference(f"ticket-{paper}mm", *printed.size)
    assert differing_share(printed, expected) <= REFERENCE_TOLERANCE, REDRAW


def test_the_qr_code_on_the_printed_ticket_opens_the_tracking_page(ticket, profile):
    printed = printed_picture(parse(ticket_job(ticket, profile)))
    codes = zxingcpp.read_barcodes(printed.convert("L"))
    assert [code.text for code in codes] == [ticket.track_url]


def test_an_80mm_ticket_is_cut_after_feeding_past_the_cutter(ticket):
    commands = parse(ticket_job(ticket, printer_profile(80)))
    assert names(commands)[-2:] == ["feed_lines", "cut"]


def test_a_58mm_printer_without_cutter_only_feeds_the_ticket_out(ticket):
    commands = parse(ticket_job(ticket, printer_profile(58)))
    assert "cut" not in names(commands)
    assert names(commands)[-1] == "feed_lines"


def test_a_full_80mm_ticket_is_under_50_kb(ticket):
    assert len(ticket_job(ticket, printer_profile(80))) < 50_000


def test_every_shipped_procedure_makes_an_80mm_ticket_under_50_kb(ticket, demo_centre):
    fields = {field["code"]: field["name_vi"] for field in demo_centre["fields"]}
    for procedure in demo_centre["procedures"]:
        named = replace(ticket, centre_name=demo_centre["centre"]["name"], field_name=fields[procedure["field"]],
                        procedure_name=procedure["name"])
        assert len(ticket_job(named, printer_profile(80))) < 50_000, procedure["name"]


def test_a_180_dpi_model_gets_a_picture_of_its_own_width(ticket):
    job = ticket_job(ticket, printer_profile(80, "TM-T88V"))
    assert printed_picture(parse(job)).width == 512


def test_the_requirements_slip_is_printed_the_same_way(slip):
    commands = parse(requirements_job(slip, printer_profile(80)))
    assert names(commands)[0] == "init" and names(commands)[-1] == "cut"
    printed = printed_picture(commands)
    assert differing_share(printed, render_requirements(slip, 576)) == 0
    expected = reference("requirements-80mm", *printed.size)
    assert differing_share(printed, expected) <= REFERENCE_TOLERANCE, REDRAW


def test_a_long_slip_is_sent_in_fragments_that_join_back_into_the_whole_picture(slip):
    long_slip = replace(slip, documents=slip.documents * 6)
    commands = parse(requirements_job(long_slip, printer_profile(58)))
    assert names(commands).count("raster") > 1
    assert differing_share(printed_picture(commands), render_requirements(long_slip, 384)) == 0
