"""The kiosk's screen flow and texts as plain Python: no Kivy window."""
from datetime import datetime, timezone

import pytest

from kiosk.catalogue_cache import Catalogue
from kiosk.client import IssuedTicket
from kiosk.flow import DETAIL, FIELDS, HOME, LOOKUP, PRIORITY, PROCEDURES, TICKET, Flow, ticket_view, wait_line
from kiosk.printing import PrintResult
from kiosk.take_number import Choice, Outcome

FIELDS_NOW = [
    {"code": "HT", "name_vi": "Hộ tịch", "name_en": "Civil status", "prefix": "A", "waiting": 3, "is_open": True,
     "closed_reason": None},
    {"code": "CT", "name_vi": "Chứng thực", "name_en": "Certification", "prefix": "B", "waiting": 0,
     "is_open": False, "closed_reason": "daily_cap_reached"},
    {"code": "DD", "name_vi": "Đất đai", "name_en": "Land", "prefix": "C", "waiting": 0, "is_open": False,
     "closed_reason": "outside_opening_hours"},
    {"code": "XD", "name_vi": "Xây dựng", "name_en": "Construction", "prefix": "D", "waiting": 1, "is_open": True,
     "closed_reason": None},
]
PROCEDURES_NOW = [
    {"code": "1.001193", "name": "Đăng ký khai sinh", "field": "HT", "field_name": "Hộ tịch"},
    {"code": "L.HT.02", "name": "Đăng ký kết hôn", "field": "HT", "field_name": "Hộ tịch"},
]
PRIORITIES_NOW = [{"code": "elderly", "name_vi": "Người cao tuổi", "name_en": "Elderly person"}]


def online_flow(priorities=PRIORITIES_NOW, language="vi") -> Flow:
    catalogue = Catalogue(datetime(2026, 11, 26, tzinfo=timezone.utc), FIELDS_NOW, priorities, PROCEDURES_NOW)
    return Flow(language=language, fields=FIELDS_NOW, catalogue=catalogue, online=True)


def test_a_full_or_closed_field_is_greyed_with_the_reason_in_plain_words():
    tiles = {tile.code: tile for tile in online_flow().tiles()}
    assert (tiles["HT"].enabled, tiles["HT"].waiting_line) == (True, "3 người đang chờ")
    assert (tiles["CT"].enabled, tiles["CT"].reason) == (False, "Đã hết số hôm nay")
    assert (tiles["DD"].enabled, tiles["DD"].reason) == (False, "Ngoài giờ tiếp nhận")


def test_tiles_speak_english_after_the_toggle():
    tiles = {tile.code: tile for tile in online_flow(language="en").tiles()}
    assert (tiles["HT"].name, tiles["HT"].waiting_line, tiles["CT"].reason) == (
        "Civil status", "3 waiting", "No more numbers today")


def test_taking_a_number_goes_field_then_procedure_then_priority_then_ticket():
    flow = online_flow()
    assert flow.take_number() == FIELDS
    assert flow.pick_field("HT") == PROCEDURES
    assert flow.pick_procedure("1.001193") == PRIORITY
    assert flow.pick_priority("elderly") == TICKET
    assert flow.choice == Choice(field="HT", field_name="Hộ tịch", procedure="1.001193",
                                 procedure_name="Đăng ký khai sinh", priority="elderly",
                                 priority_label="Người cao tuổi")


def test_the_procedure_can_be_skipped_and_no_priority_chosen():
    flow = online_flow()
    flow.take_number()
    flow.pick_field("HT")
    flow.pick_procedure(None)
    assert flow.pick_priority(None) == TICKET
    assert flow.choice == Choice(field="HT", field_name="Hộ tịch")


def test_a_field_without_procedures_goes_straight_to_the_priority_question():
    flow = online_flow()
    flow.take_number()
    assert flow.pick_field("XD") == PRIORITY


def test_without_priority_categories_the_question_is_not_asked():
    flow = online_flow(priorities=[])
    flow.take_number()
    flow.pick_field("XD")
    assert flow.screen == TICKET


def test_tapping_a_greyed_field_does_nothing():
    flow = online_flow()
    flow.take_number()
    assert flow.pick_field("CT") == FIELDS
    assert flow.choice is None


def test_no_number_can_be_taken_while_the_server_is_unreachable():
    flow = online_flow()
    flow.online, flow.fields = False, []
    assert flow.take_number() == HOME
    assert [tile.code for tile in flow.tiles()] == ['HT', 'CT', 'DD', 'XD']  # names from the kept copy
    flow.go(FIELDS)
    assert flow.pick_field("HT") == FIELDS


def test_back_retraces_steps_and_the_ticket_screen_goes_home():
    flow = online_flow()
    flow.take_number()
    flow.pick_field("HT")
    assert flow.back() == FIELDS
    assert flow.back() == HOME
    flow.take_number()
    flow.pick_field("XD")
    flow.pick_priority(None)
    assert flow.back() == HOME and flow.choice is None


def test_home_forgets_every_choice_and_typed_word():
    flow = online_flow()
    flow.look_up()
    for key in "khai":
        flow.type_key(key)
    flow.lookup_field = "HT"
    flow.open_procedure("1.001193")
    assert flow.home() == HOME
    assert (flow.search, flow.lookup_field, flow.procedure, flow.history) == ("", None, None, [])


def test_search_without_diacritics_finds_the_procedure_and_keys_edit_the_words():
    flow = online_flow()
    assert flow.look_up() == LOOKUP
    for key in ["k", "h", "a", "i", "space", "space", "s", "i", "n", "h", "x", "backspace"]:
        flow.type_key(key)
    assert flow.search == "khai sinh"
    assert [p["code"] for p in flow.lookup_results()] == ["1.001193"]
    flow.search = ""
    flow.lookup_field = "HT"
    assert len(flow.lookup_results()) == 2


def test_the_detail_page_takes_a_number_for_its_procedure():
    flow = online_flow()
    flow.look_up()
    assert flow.open_procedure("L.HT.02") == DETAIL
    assert flow.take_number_for_procedure() == PRIORITY
    assert (flow.choice.field, flow.choice.procedure, flow.choice.procedure_name) == ("HT", "L.HT.02",
                                                                                      "Đăng ký kết hôn")


def issued(waiting_ahead=3, minutes=17) -> IssuedTicket:
    return IssuedTicket(id=1, number="A004", field="HT", procedure=None, priority=None, status="waiting",
                        issued_at="2026-11-26T01:00:00+00:00", waiting_ahead=waiting_ahead,
                        estimated_wait_minutes=minutes, track_url="http://x/t/1")


def test_the_ticket_screen_shows_number_people_ahead_and_a_rounded_wait():
    printed = PrintResult("ok", True, "Đã in xong.", "Printed.")
    view = ticket_view(Outcome(issued(), printed, message_vi="Đã in xong."), Choice("HT", "Hộ tịch"), "vi")
    assert (view.number, view.field_name, view.ahead_line) == ("A004", "Hộ tịch", "Trước ông/bà còn 3 người")
    assert view.wait_line == "Thời gian chờ dự kiến: khoảng 17 phút"  # as printed on the ticket
    assert (view.printed, view.can_reprint) == (True, False)


def test_out_of_paper_keeps_the_ticket_on_screen_with_a_reprint():
    paper_out = PrintResult("paper_out", False, "Máy in hết giấy.", "Out of paper.")
    outcome = Outcome(issued(0), paper_out, message_vi="Máy in hết giấy.", message_en="Out of paper.")
    view = ticket_view(outcome, Choice("HT", "Hộ tịch"), "en")
    assert (view.number, view.ahead_line, view.message) == ("A004", "You are next", "Out of paper.")
    assert (view.printed, view.can_reprint) == (False, True)


def test_a_refusal_shows_the_servers_words_and_no_number():
    outcome = Outcome(None, refusal_code="daily_cap_reached", message_vi="Đã hết số hôm nay")
    view = ticket_view(outcome, Choice("HT", "Hộ tịch"), "vi")
    assert (view.number, view.issued, view.message) == ("", False, "Đã hết số hôm nay")


@pytest.mark.parametrize("minutes, language, words", [
    (0, "vi", "Sắp đến lượt ông/bà"), (12, "vi", "Thời gian chờ dự kiến: khoảng 12 phút"),
    (75, "vi", "Thời gian chờ dự kiến: khoảng 1 giờ 15 phút"), (12, "en", "Expected wait: about 12 minutes"),
    (120, "en", "Expected wait: about 2 hours"), (61, "en", "Expected wait: about 1 hour 1 minute")])
def test_the_wait_reads_like_the_printed_ticket(minutes, language, words):
    assert wait_line(minutes, language) == words


def test_known_fields_carry_an_icon_and_others_only_their_letter():
    tiles = {tile.code: tile for tile in online_flow().tiles()}
    assert tiles["HT"].icon == "\U000F0A89" and tiles["CT"].icon == "\U000F0D39"
    unknown = Flow(fields=[{"code": "ZZ", "name_vi": "Khác", "prefix": "Z", "is_open": True}]).tiles()[0]
    assert (unknown.icon, unknown.prefix) == (None, "Z")


def test_the_icon_font_has_every_icon_the_kiosk_names():
    from fontTools.ttLib import TTFont

    from kiosk.field_icons import FIELD_ICONS, GLYPHS, ICON_FONT
    cmap = TTFont(ICON_FONT).getBestCmap()
    assert {ord(GLYPHS[name]) for name in FIELD_ICONS.values()} <= set(cmap)
