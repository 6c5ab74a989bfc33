"""The Vietnamese phrases on the ticket, and building a ticket from the server's JSON."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from kiosk.printing import ticket_from_server
from kiosk.printing.wording import case_note, copies_needed, expected_wait, people_waiting


@pytest.mark.parametrize("count, words", [(0, "Không có ai"), (1, "1 người"), (23, "23 người")])
def test_people_waiting_is_said_in_plain_words(count, words):
    assert people_waiting(count) == words


@pytest.mark.parametrize(
    "minutes, words",
    [(0, "Sắp đến lượt"), (12, "khoảng 12 phút"), (60, "khoảng 1 giờ"), (75, "khoảng 1 giờ 15 phút")],
)
def test_the_expected_wait_is_said_in_hours_and_minutes(minutes, words):
    assert expected_wait(minutes) == words


def test_copies_needed_leaves_out_what_is_not_needed():
    assert copies_needed(1, 2) == "Bản chính: 1 · Bản sao: 2"
    assert copies_needed(0, 1) == "Bản sao: 1"
    assert copies_needed(0, 0) == "Xuất trình khi nộp"


def test_a_case_is_put_in_brackets_once_in_the_catalogues_own_words():
    assert case_note("Trường hợp ủy quyền") == "(Trường hợp ủy quyền)"
    assert case_note(" Xuất trình, không nộp ") == "(Xuất trình, không nộp)"
    assert case_note("(Nếu có)") == "(Nếu có)"


def test_a_ticket_is_built_from_the_server_ticket_json():
    payload = {
        "id": 7,
        "number": "A012",
        "field": "HT",
        "status": "waiting",
        "issued_at": "2026-11-26T02:15:00+00:00",
        "waiting_ahead": 3,
        "estimated_wait_minutes": 12,
        "track_url": "http://127.0.0.1:5000/api/v1/tickets/track/abc",
    }
    ticket = ticket_from_server(payload, centre_name="UBND phường", field_name="Hộ tịch")
    assert ticket.number == "A012"
    assert ticket.issued_at == datetime(2026, 11, 26, 2, 15, tzinfo=timezone.utc)
    assert ticket.local_issued_at().hour == 9
    assert (ticket.waiting_ahead, ticket.estimated_wait_minutes) == (3, 12)
    assert ticket.track_url.endswith("/track/abc")
