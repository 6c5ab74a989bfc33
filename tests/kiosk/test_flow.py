"""The kiosk's screen flow and texts as plain Python: no Kivy window."""
from dataclasses import replace
from datetime import datetime, timezone

import pytest

from kiosk.catalogue_cache import Catalogue
from kiosk.client import IssuedTicket
from kiosk.dossier_status import LookupAnswer
from kiosk.flow import (
    ANSWER_STEP, CODE_STEP, COLLECT, DETAIL, DOSSIER_STATUS, FIELDS, HOME, LOOKUP, PHONE_STEP, PRIORITY, PROCEDURES,
    TICKET, Flow, HomeChoice, ticket_view, wait_line,
)
from kiosk.printing import PrintResult
from kiosk.take_number import Choice, Outcome

FIELDS_NOW = [
    {"code": "HT", "name_vi": "Hộ tịch", "name_en": "Civil status", "prefix": "A", "waiting": 3, "is_open": True,
     "closed_reason": None, "counters": [1, 2]},
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
    assert (tiles["CT"].enabled, tiles["CT"].reason) == (False, "Đã hết số trong ngày")
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
                                 priority_label="Người cao tuổi", counters=(1, 2))


def test_the_procedure_can_be_skipped_and_no_priority_chosen():
    flow = online_flow()
    flow.take_number()
    flow.pick_field("HT")
    flow.pick_procedure(None)
    assert flow.pick_priority(None) == TICKET
    assert flow.choice == Choice(field="HT", field_name="Hộ tịch", counters=(1, 2))


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


def test_a_procedure_the_desk_does_not_take_opens_its_page_and_gives_no_number():
    mobile = {"code": "1.000593", "name": "Đăng ký kết hôn lưu động", "field": "HT", "field_name": "Hộ tịch",
              "ticketable": False, "public_note": "Cán bộ tư pháp đến tận nơi."}
    catalogue = Catalogue(datetime(2026, 11, 26, tzinfo=timezone.utc), FIELDS_NOW, PRIORITIES_NOW,
                          PROCEDURES_NOW + [mobile])
    flow = Flow(fields=FIELDS_NOW, catalogue=catalogue, online=True)
    flow.take_number()
    flow.pick_field("HT")
    assert flow.pick_procedure("1.000593") == DETAIL and flow.procedure["code"] == "1.000593"
    assert flow.take_number_for_procedure() == DETAIL   # stays: the button is off, and the page says why
    assert flow.choice.procedure is None


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


def test_the_ticket_screen_says_which_counters_serve_the_field_and_to_watch_the_board():
    printed = PrintResult("ok", True, "Đã in xong.", "Printed.")

    def line(counters, language="vi"):
        return ticket_view(Outcome(issued(), printed), Choice("HT", "Hộ tịch", counters=counters), language).counters_line
    assert line((1, 2)) == "Quầy phục vụ: 1, 2. Mời theo dõi màn hình và loa gọi số."
    assert line((3,)) == "Quầy số 3 phục vụ. Mời theo dõi màn hình và loa gọi số."
    assert line((3,), "en") == "Served at counter 3. Watch the screen and listen for your number."
    assert line(()) == "Mời theo dõi màn hình và loa gọi số."   # an older server names no counters


def test_out_of_paper_keeps_the_ticket_on_screen_with_a_reprint():
    paper_out = PrintResult("paper_out", False, "Máy in hết giấy.", "Out of paper.")
    outcome = Outcome(issued(0), paper_out, message_vi="Máy in hết giấy.", message_en="Out of paper.")
    view = ticket_view(outcome, Choice("HT", "Hộ tịch"), "en")
    assert (view.number, view.ahead_line, view.message) == ("A004", "You are next", "Out of paper.")
    assert (view.printed, view.can_reprint) == (False, True)


def test_a_refusal_shows_the_servers_words_and_no_number():
    outcome = Outcome(None, refusal_code="daily_cap_reached", message_vi="Đã hết số trong ngày")
    view = ticket_view(outcome, Choice("HT", "Hộ tịch"), "vi")
    assert (view.number, view.issued, view.message) == ("", False, "Đã hết số trong ngày")


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


RESULTS = {"code": "KQ", "name_vi": "Nhận kết quả", "name_en": "Collect a result", "prefix": "K", "waiting": 2,
           "is_open": True, "closed_reason": None, "for_results": True}
SLIP_CODE = "PHUONG-DEMO-261126-0001"


def collecting_flow(results=RESULTS, priorities=PRIORITIES_NOW, language="vi") -> Flow:
    fields = FIELDS_NOW + [results]
    catalogue = Catalogue(datetime(2026, 11, 26, tzinfo=timezone.utc), fields, priorities, PROCEDURES_NOW)
    return Flow(language=language, fields=fields, catalogue=catalogue, online=True)


def test_the_queue_for_results_is_offered_on_home_not_among_the_fields():
    flow = collecting_flow()
    assert [tile.code for tile in flow.tiles()] == ["HT", "CT", "DD", "XD"]
    assert [tile.colour for tile in flow.tiles()] == [tile.colour for tile in online_flow().tiles()]
    assert flow.collect_choice() == HomeChoice(True, True, "Đến lấy giấy tờ theo giấy hẹn")
    assert flow.collect() == COLLECT


def test_without_a_queue_for_results_home_has_no_collect_button():
    flow = online_flow()
    assert flow.collect_choice().shown is False
    assert flow.collect() == HOME


def test_a_closed_queue_for_results_is_greyed_with_the_reason_and_offline_greyed_too():
    closed = collecting_flow({**RESULTS, "is_open": False, "closed_reason": "outside_opening_hours"})
    assert closed.collect_choice() == HomeChoice(True, False, "Ngoài giờ tiếp nhận")
    assert closed.collect() == HOME
    offline = collecting_flow()
    offline.online, offline.fields = False, []
    assert offline.collect_choice() == HomeChoice(True, False, "Đến lấy giấy tờ theo giấy hẹn")  # known from the copy


def test_collecting_with_a_scanned_slip_takes_a_number_in_the_results_queue_naming_the_dossier():
    flow = collecting_flow()
    flow.collect()
    assert flow.take_number_to_collect() == COLLECT   # no code yet: 'Lấy số' waits for one
    assert flow.read_code(f"https://dichvu.example.vn/ho-so?code={SLIP_CODE}") == SLIP_CODE
    assert flow.take_number_to_collect() == PRIORITY
    assert flow.pick_priority(None) == TICKET
    assert flow.choice == Choice(field="KQ", field_name="Nhận kết quả", dossier_code=SLIP_CODE)


def test_collecting_without_a_code_still_takes_a_number_and_without_priorities_at_once():
    flow = collecting_flow(priorities=[], language="en")
    flow.collect()
    flow.read_code("not a code|at all")
    assert flow.code_unreadable
    assert flow.take_number_to_collect(with_code=False) == TICKET
    assert flow.choice == Choice(field="KQ", field_name="Collect a result", dossier_code=None)


def test_the_code_keys_type_letters_digits_dash_and_dot_and_edit():
    flow = collecting_flow()
    flow.collect()
    for key in ["0", "0", "0", ".", "H", "1", "2", "-", "Z", "backspace", "?", "space"]:
        flow.type_code(key)
    assert flow.dossier_code == "000.H12-"
    assert flow.type_code("clear") == ""


def test_the_status_look_up_asks_the_code_then_four_digits_then_shows_the_answer():
    flow = collecting_flow()
    assert flow.check_status() == DOSSIER_STATUS and flow.status_step == CODE_STEP
    flow.code_entered()
    assert flow.status_step == CODE_STEP  # nothing typed yet
    flow.read_code(SLIP_CODE)
    flow.code_entered()
    assert flow.status_step == PHONE_STEP and not flow.can_ask_status()
    for key in "56789":
        flow.type_digit(key)
    assert flow.phone_last4 == "5678" and flow.can_ask_status()
    answer = LookupAnswer({"code": SLIP_CODE, "status": "result_ready"})
    flow.answered(answer)
    assert (flow.status_step, flow.status_answer) == (ANSWER_STEP, answer)


def test_back_steps_inside_the_status_look_up_and_home_forgets_the_code_and_digits():
    flow = collecting_flow()
    flow.check_status()
    flow.read_code(SLIP_CODE)
    flow.code_entered()
    flow.type_digit("5")
    flow.answered(LookupAnswer(problem="not_found"))
    assert flow.back() == DOSSIER_STATUS and (flow.status_step, flow.phone_last4) == (PHONE_STEP, "")
    assert flow.back() == DOSSIER_STATUS and flow.status_step == CODE_STEP and flow.dossier_code == SLIP_CODE
    assert flow.back() == HOME
    flow.check_status()
    flow.read_code(SLIP_CODE)
    flow.code_entered()
    flow.type_digit("5")
    assert flow.home() == HOME
    assert (flow.dossier_code, flow.phone_last4, flow.status_answer, flow.status_step) == ("", "", None, CODE_STEP)


def test_a_ready_result_can_be_collected_from_the_answer_with_its_code():
    flow = collecting_flow(priorities=[])
    flow.check_status()
    flow.read_code(SLIP_CODE.lower())
    flow.code_entered()
    flow.answered(LookupAnswer({"code": SLIP_CODE, "status": "result_ready"}))
    assert flow.collect_found_dossier() == TICKET
    assert flow.choice == Choice(field="KQ", field_name="Nhận kết quả", dossier_code=SLIP_CODE)


def test_the_status_look_up_needs_the_server():
    flow = collecting_flow()
    flow.online = False
    assert flow.check_status() == HOME


def test_a_collecting_ticket_says_which_dossier_the_counter_will_see_or_that_none_was_found():
    printed = PrintResult("ok", True, "Đã in xong.", "Printed.")
    choice = Choice("KQ", "Nhận kết quả", dossier_code=SLIP_CODE.lower())
    found = replace(issued(), number="K001", dossier_code=SLIP_CODE)
    assert ticket_view(Outcome(found, printed), choice, "vi").dossier_line == f"Hồ sơ: {SLIP_CODE}"
    unknown = ticket_view(Outcome(replace(found, dossier_code=None), printed), choice, "vi")
    assert unknown.dossier_line.startswith(f"Chưa tìm thấy hồ sơ mã {SLIP_CODE.lower()}")
    assert ticket_view(Outcome(issued(), printed), Choice("HT", "Hộ tịch"), "vi").dossier_line == ""
