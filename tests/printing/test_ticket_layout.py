"""What the ticket picture looks like: sizes, margins, marks, quiet zone, local time."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
import zxingcpp

from kiosk.printing import render_ticket
from kiosk.printing.fonts import ticket_font
from kiosk.printing.ticket_layout import number_size
from kiosk.printing.wording import clock

BLACK = 0


def inked_rows(picture):
    """For each row, how many black dots it has."""
    width, height = picture.size
    pixels = picture.load()
    return [sum(1 for x in range(width) if pixels[x, y] == BLACK) for y in range(height)]


def test_the_ticket_is_pure_black_and_white(ticket, profile):
    picture = render_ticket(ticket, profile.width_dots)
    assert picture.mode == "1"
    grey_levels = [level for level, count in enumerate(picture.convert("L").histogram()) if count]
    assert grey_levels == [0, 255]


def runs(flags):
    """Lengths of the runs of consecutive true values, top to bottom."""
    lengths, current = [], 0
    for flag in [*flags, False]:
        if flag:
            current += 1
        elif current:
            lengths.append(current)
            current = 0
    return lengths


# 16 mm on 80 mm paper (it was 18 until step 12 added the counters and the "watch the board" line
# within the 50 KB budget), 13 mm on 58 mm: six times the height of any other line.
@pytest.mark.parametrize("paper_width, least_mm", [(576, 16), (384, 13)])
def test_the_ticket_number_is_drawn_very_large(ticket, paper_width, least_mm):
    picture = render_ticket(ticket, paper_width)
    # Text lines are at most ~40 dots of ink; the first taller block is the number.
    number_rows = next(length for length in runs(count > 0 for count in inked_rows(picture)) if length > 60)
    assert number_rows / 8 >= least_mm  # 8 dots per mm at 203 dpi


def test_a_long_ticket_number_shrinks_to_fit_the_paper():
    size = number_size("HT-10234", 544, 150)
    left, top, right, bottom = ticket_font(size, True).getbbox("HT-10234", anchor="ls")
    assert right - left <= 544


def test_long_names_wrap_inside_the_side_margins(ticket, profile):
    wordy = replace(
        ticket,
        centre_name="Trung tâm Phục vụ hành chính công tỉnh Thừa Thiên Huế, chi nhánh phường Phú Hội",
        procedure_name="Cấp bản sao trích lục hộ tịch, bản sao giấy khai sinh và xác nhận tình trạng hôn nhân "
        "cho công dân Việt Nam cư trú ở trong nước",
        footer="Quý khách vui lòng giữ phiếu cẩn thận " * 4,
    )
    picture = render_ticket(wordy, profile.width_dots)
    margin = 8
    pixels = picture.load()
    for y in range(picture.height):
        for x in list(range(margin)) + list(range(picture.width - margin, picture.width)):
            assert pixels[x, y] != BLACK, f"ink in the margin at {x},{y}"


def test_a_priority_ticket_carries_a_black_band_and_an_ordinary_one_does_not(ticket, profile):
    def solid_black_band(picture):  # rows black across 90% of the paper; a rule is only 2 rows
        return max(runs(count > 0.9 * picture.width for count in inked_rows(picture)))

    assert solid_black_band(render_ticket(ticket, profile.width_dots)) >= 8
    assert solid_black_band(render_ticket(replace(ticket, priority_label=None), profile.width_dots)) <= 2


def test_the_qr_code_has_a_quiet_zone_of_four_modules(ticket, profile):
    picture = render_ticket(ticket, profile.width_dots)
    (code,) = zxingcpp.read_barcodes(picture.convert("L"))
    corners = [code.position.top_left, code.position.top_right, code.position.bottom_left]
    left, top = min(p.x for p in corners), min(p.y for p in corners)
    right = max(p.x for p in corners)
    pixels = picture.load()
    finder = 0  # the top-left finder pattern's top edge is 7 modules of black
    while pixels[left + finder, top] == BLACK:
        finder += 1
    module = finder / 7
    assert module >= 3, "modules of at least 3 dots (0.375 mm)"
    quiet = round(4 * module)
    for y in range(top - quiet, top):
        assert all(pixels[x, y] != BLACK for x in range(left - quiet, right + quiet + 1))
    for x in range(left - quiet, left):
        assert all(pixels[x, y] != BLACK for y in range(top, top + (right - left)))


def test_the_issue_time_is_shown_in_the_centres_own_time_zone(ticket):
    assert clock(ticket.local_issued_at()) == "26/11/2026 09:15"  # 02:15 UTC
    assert clock(replace(ticket, time_zone="Europe/London").local_issued_at()) == "26/11/2026 02:15"


def test_a_ticket_without_a_time_zone_on_its_issue_time_is_refused(ticket):
    with pytest.raises(ValueError, match="timezone-aware"):
        replace(ticket, issued_at=datetime(2026, 11, 26, 9, 15))


def test_a_ticket_with_nobody_waiting_and_no_procedure_still_renders(ticket, profile):
    plain = replace(ticket, procedure_name=None, priority_label=None, waiting_ahead=0,
                    estimated_wait_minutes=0, footer="")
    assert render_ticket(plain, profile.width_dots).height < render_ticket(ticket, profile.width_dots).height


@pytest.mark.parametrize("paper_width, least_mm", [(576, 23), (384, 23)])
def test_the_qr_code_is_large_enough_for_an_old_phone_at_arms_length(ticket, paper_width, least_mm):
    (code,) = zxingcpp.read_barcodes(render_ticket(ticket, paper_width).convert("L"))
    left, right = code.position.top_left.x, code.position.top_right.x
    assert code.text == ticket.track_url
    assert (right - left) / 8 >= least_mm - 1   # the corners are the outer modules' centres: half a module in


def test_the_ticket_names_the_counters_that_serve_the_field_and_says_to_watch_the_board(ticket):
    from dataclasses import replace
    with_counters, without = render_ticket(ticket, 576), render_ticket(replace(ticket, counters=()), 576)
    assert ticket.counters == (1, 2)
    # The line sits beside the QR code: the ticket grows by less than a line of its own would add.
    assert with_counters.height - without.height < round(22 * 1.25)
    assert with_counters.tobytes() != without.tobytes()


def test_the_counters_line_reads_as_citizens_say_it():
    from kiosk.printing.ticket_layout import counters_line
    assert counters_line((1, 2)) == "Quầy phục vụ: 1, 2"
    assert counters_line((3,)) == "Quầy phục vụ: số 3"
