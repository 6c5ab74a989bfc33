"""The slip's code as a scanner or a finger gives it, and the status look-up's answer in plain
words: plain Python, no window, no server (a hand-written fake client)."""
import pytest

from kiosk.client import Refused, ServerUnavailable
from kiosk.dossier_status import LookupAnswer, code_from_scan, dossier_view, look_up

FOUND = {"code": "PHUONG-DEMO-261126-0001", "procedure": "1.004873",
         "procedure_name": "Cấp Giấy xác nhận tình trạng hôn nhân", "status": "result_ready",
         "status_words": "Đã có kết quả, mời đến nhận", "received_date": "2026-11-26", "due_date": "2026-12-01",
         "collect_at": "Trung tâm Phục vụ hành chính công phường Hòa Bình"}


@pytest.mark.parametrize("scanned, code", [
    ("PHUONG-DEMO-261126-0001", "PHUONG-DEMO-261126-0001"),
    ("  000.00.15.H12-261126-0001\r\n", "000.00.15.H12-261126-0001"),
    ("https://dichvucong.hoabinh.gov.vn/ho-so?code=PHUONG-DEMO-261126-0001", "PHUONG-DEMO-261126-0001"),
    ("http://10.0.0.2:5000/ho-so?centre=PHUONG-DEMO&code=000.00.15.H12-261126-0001&x=1",
     "000.00.15.H12-261126-0001"),
    ("/ho-so?code=PHUONG%2DDEMO%2D261126%2D0001", "PHUONG-DEMO-261126-0001"),
    ("https://dichvucong.hoabinh.gov.vn/ho-so", ""),                         # the page, without a code
    ("https://dichvucong.hoabinh.gov.vn/t/abc123", ""),                      # a queue ticket's QR code
    ("001085012345||Nguyễn Văn An|02031985|Nam|Thôn 3, xã Tân Lập|01012021", ""),   # an identity card's
    ("PHUONG DEMO 0001", ""), ("", ""),
])
def test_the_code_comes_from_a_bare_code_or_the_slips_qr_address_and_nothing_else(scanned, code):
    assert code_from_scan(scanned) == code


def test_a_found_dossier_shows_the_status_large_then_what_the_status_page_shows():
    view = dossier_view(LookupAnswer(FOUND), "vi")
    assert (view.found, view.headline, view.result_ready) == (True, "Đã có kết quả, mời đến nhận", True)
    assert view.rows == (("Thủ tục", "Cấp Giấy xác nhận tình trạng hôn nhân"), ("Mã hồ sơ", FOUND["code"]),
                         ("Ngày tiếp nhận", "26/11/2026"), ("Ngày hẹn trả kết quả", "01/12/2026"),
                         ("Nơi nhận kết quả", "Trung tâm Phục vụ hành chính công phường Hòa Bình"))
    assert view.explanation == "Mời ông/bà mang giấy hẹn đến quầy để nhận kết quả."


@pytest.mark.parametrize("status, words", [
    ("received", "Received, being processed"), ("processing", "Being processed"),
    ("supplement_requested", "Waiting for missing documents"),
    ("result_ready", "Result ready: please come and collect it"),
    ("returned", "Result collected"), ("refused", "Refused"), ("withdrawn", "Withdrawn"),
    ("stopped", "Processing stopped")])
def test_in_english_the_status_code_is_worded_by_the_kiosk(status, words):
    view = dossier_view(LookupAnswer({**FOUND, "status": status, "status_words": "(Vietnamese)"}), "en")
    assert view.headline == words
    assert view.rows[2] == ("Received on", "26/11/2026")
    assert (view.explanation != "") == (status == "result_ready")


def test_vietnamese_shows_the_servers_words_for_a_status_the_kiosk_does_not_know():
    assert dossier_view(LookupAnswer({**FOUND, "status": "archived", "status_words": "Đã lưu trữ"}), "vi").headline \
        == dossier_view(LookupAnswer({**FOUND, "status": "archived", "status_words": "Đã lưu trữ"}), "en").headline \
        == "Đã lưu trữ"


class FakeServer:
    """Answers the look-up as the server would, or fails as told."""

    def __init__(self, error=None):
        self.error, self.asked = error, []

    def lookup_dossier(self, code, phone_last4):
        self.asked.append((code, phone_last4))
        if self.error:
            raise self.error
        return FOUND


def test_the_answer_or_the_problem_comes_back_without_raising():
    server = FakeServer()
    assert look_up(server, FOUND["code"], "5678") == LookupAnswer(FOUND)
    assert server.asked == [(FOUND["code"], "5678")]
    assert look_up(FakeServer(Refused(404, "unknown_dossier", "Không tìm thấy")), "X", "0000").problem == "not_found"
    assert look_up(FakeServer(Refused(429, "too_many_requests", "…")), "X", "0000").problem == "too_many"
    assert look_up(FakeServer(ServerUnavailable("GET")), "X", "0000").problem == "unavailable"
    odd = look_up(FakeServer(Refused(422, "validation_error", "Mã không hợp lệ")), "X", "0000")
    assert dossier_view(odd, "vi").explanation == "Mã không hợp lệ"


def test_not_found_offline_and_too_many_say_what_to_do_in_plain_words():
    not_found = dossier_view(LookupAnswer(problem="not_found"), "vi")
    assert (not_found.found, not_found.headline) == (False, "Không tìm thấy hồ sơ")
    assert "mã hồ sơ ghi trên giấy hẹn" in not_found.explanation and "4 số cuối" in not_found.explanation
    assert "cần kết nối với máy chủ" in dossier_view(LookupAnswer(problem="unavailable"), "vi").explanation
    assert "đợi một phút" in dossier_view(LookupAnswer(problem="too_many"), "vi").explanation
    assert dossier_view(LookupAnswer(problem="not_found"), "en").headline == "No dossier found"
