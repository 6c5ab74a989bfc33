"""The Vietnamese phrases on the ticket, and building a ticket from the server's JSON."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from kiosk.printing import ticket_from_server
from kiosk.printing.wording import case_note, document_kind, expected_wait, how_to_bring, people_waiting


@pytest.mark.parametrize("count, words", [(0, "Không có ai"), (1, "1 người"), (23, "23 người")])
def test_people_waiting_is_said_in_plain_words(count, words):
    assert people_waiting(count) == words


@pytest.mark.parametrize(
    "minutes, words",
    [(0, "Sắp đến lượt"), (12, "khoảng 12 phút"), (60, "khoảng 1 giờ"), (75, "khoảng 1 giờ 15 phút")],
)
def test_the_expected_wait_is_said_in_hours_and_minutes(minutes, words):
    assert expected_wait(minutes) == words


def test_each_document_says_how_it_is_handed_in_or_that_it_is_only_shown():
    assert how_to_bring("submit_original", 1, 0) == "Nộp 1 bản chính"
    assert how_to_bring("submit_copy", 0, 2) == "Nộp 2 bản sao"
    assert how_to_bring("submit_certified_copy", 0, 1) == "Nộp 1 bản sao có chứng thực"
    assert how_to_bring("show_only", 0, 0) == "Mang bản chính để xuất trình (không nộp)"
    assert how_to_bring("show_only", 0, 0, "en") == "Bring the original to show (it is not kept)"


def test_a_catalogue_copy_from_before_kinds_reads_them_from_the_counts():
    assert [document_kind(d) for d in ({"originals": 1}, {"copies": 1}, {}, {"kind": "submit_certified_copy"})] == [
        "submit_original", "submit_copy", "show_only", "submit_certified_copy"]


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
