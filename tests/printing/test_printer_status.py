"""Status before printing, against a fake Epson printer on a real TCP socket."""
from __future__ import annotations

import time

import pytest

from kiosk.printing import STATE_TEXT, print_requirements, print_ticket, printer_status, ticket_job
from kiosk.printing.status import read_status

from .strict_escpos import names, parse

KIOSK_PATIENCE_SECONDS = 2.0


@pytest.mark.parametrize(
    "state, code",
    [("ready", "ok"), ("paper_near_end", "paper_near_end"), ("paper_out", "paper_out"), ("cover_open", "cover_open")],
)
def test_the_status_check_names_each_printer_state(network_printer, state, code):
    network_printer.state = state
    result = printer_status(network_printer.url)
    assert result.code == code
    assert result.message_vi == STATE_TEXT[code][0]
    assert not result.printed


def test_a_ready_printer_prints_the_ticket(network_printer, ticket):
    result = print_ticket(network_printer.url, ticket)
    assert (result.code, result.printed) == ("ok", True)
    assert network_printer.wait_for_job() == ticket_job(ticket)


def test_a_printer_with_paper_near_end_still_prints_and_says_so(network_printer, ticket):
    network_printer.state = "paper_near_end"
    result = print_ticket(network_printer.url, ticket)
    assert (result.code, result.printed, result.needs_staff) == ("paper_near_end", True, True)
    assert "raster" in names(parse(network_printer.wait_for_job()))


@pytest.mark.parametrize("state", ["paper_out", "cover_open"])
def test_a_printer_that_cannot_print_gets_no_job_and_the_citizen_keeps_the_number(network_printer, ticket, state):
    network_printer.state = state
    result = print_ticket(network_printer.url, ticket)
    assert (result.code, result.printed) == (state, False)
    assert "vẫn được giữ" in result.message_vi and "still valid" in result.message_en
    assert network_printer.wait_for_job(timeout=0.3) is None


def test_a_silent_printer_is_given_up_within_two_seconds(network_printer, ticket):
    network_printer.state = "silent"
    started = time.monotonic()
    result = print_ticket(network_printer.url, ticket)
    elapsed = time.monotonic() - started
    assert result.code == "no_answer" and not result.printed
    assert elapsed < KIOSK_PATIENCE_SECONDS
    assert network_printer.wait_for_job(timeout=0.3) is None


def test_a_silent_printer_status_check_also_returns_within_two_seconds(network_printer):
    network_printer.state = "silent"
    started = time.monotonic()
    assert printer_status(network_printer.url).code == "no_answer"
    assert time.monotonic() - started < KIOSK_PATIENCE_SECONDS


def test_a_printer_that_never_answers_status_can_be_printed_to_blind(network_printer, ticket):
    network_printer.state = "silent"
    result = print_ticket(network_printer.url + "?status=0", ticket)
    assert (result.code, result.printed, result.status_checked) == ("ok", True, False)
    assert network_printer.wait_for_job() == ticket_job(ticket)


def test_nobody_listening_at_the_address_means_no_printer_there(network_printer, ticket):
    url = network_printer.url
    network_printer.close()
    result = print_ticket(url, ticket)
    assert (result.code, result.printed) == ("device_absent", False)
    assert "Không tìm thấy máy in" in result.message_vi


def test_a_failed_requirements_slip_points_the_citizen_to_staff(network_printer, slip):
    network_printer.state = "paper_out"
    result = print_requirements(network_printer.url, slip)
    assert result.code == "paper_out"
    assert "hỏi cán bộ" in result.message_vi


@pytest.mark.parametrize(
    "answers, code",
    [
        ({1: 0x12, 2: 0x12, 4: 0x12}, "ok"),
        ({1: 0x12, 4: 0x1E}, "paper_near_end"),
        ({1: 0x12, 4: 0x72}, "paper_out"),
        ({1: 0x1A, 2: 0x16}, "cover_open"),
        ({1: 0x1A, 2: 0x32}, "paper_out"),
        ({1: 0x1A, 2: 0x52}, "error"),
        ({1: 0x1A, 2: 0x12}, "offline"),
        ({1: 0x1A}, "offline"),
        ({1: 0x12}, "ok"),
        ({}, "no_answer"),
    ],
)
def test_epson_status_bytes_are_read_into_a_state(answers, code):
    assert read_status(answers.get) == code


def test_every_state_has_words_in_vietnamese_and_english():
    for code, (vietnamese, english) in STATE_TEXT.items():
        assert vietnamese.endswith(".") and english.endswith("."), code
        assert vietnamese != english
