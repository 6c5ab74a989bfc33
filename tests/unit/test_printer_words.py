"""A kiosk printer's state as the officer who must fix it reads it."""
from counter_server.domain import printers


def test_a_printer_that_needs_someone_is_told_in_words_with_what_to_do():
    assert printers.in_words("paper_out") == "hết giấy — thay cuộn giấy mới"
    assert printers.in_words("cover_open") == "nắp máy in đang mở — đóng nắp lại"


def test_a_ready_printer_or_one_never_heard_of_needs_nobody():
    assert not printers.needs_staff("ok") and not printers.needs_staff(None)
    assert printers.needs_staff("paper_near_end") and printers.needs_staff("something_new")


def test_an_unknown_state_is_quoted_rather_than_hidden():
    assert printers.in_words("jammed") == "máy in báo «jammed»"
