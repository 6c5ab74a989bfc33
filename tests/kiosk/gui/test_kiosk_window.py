"""The kiosk in a real Kivy window under Xvfb, tapped like a citizen would, against a live server
and the virtual printer."""
import os
import subprocess
import sys

from PIL import Image
from sqlalchemy import func, select

from counter_server.models import Field, Kiosk, Procedure, Ticket
from kiosk.catalogue_cache import CatalogueCache
from kiosk.config import load_config
from kiosk.client import CounterServerClient

from tests.factories import make_field, make_procedure
from ..conftest import KIOSK_TOKEN, PHONE, DroppingProxy
from . import layout


def tickets(session) -> list[Ticket]:
    session.expire_all()
    return list(session.scalars(select(Ticket)))


def test_tapping_through_take_a_number_issues_one_ticket_and_prints_one_png(kiosk, live_server, session):
    seen = kiosk("take_number", live_server)
    issued = tickets(session)
    assert len(issued) == 1, "two taps, one ticket"
    assert seen["number"] == seen["number_on_screen"] == issued[0].number == "A001"
    assert (seen["field"], seen["printed"]) == ("Lĩnh vực HT", True)
    assert seen["message"].startswith("Đã in xong")
    assert len(kiosk.printed_pngs()) == 1


def test_only_a_tap_takes_a_number_and_redrawing_or_reentering_the_ticket_screen_takes_none(kiosk, live_server,
                                                                                            session):
    seen = kiosk("redraws", live_server)
    assert seen["untapped"] == [False, ""]  # a choice on the ticket screen, redrawn without a tap
    assert seen["tapped"] == "B001"
    assert seen["redrawn"] == [False, "B001"]
    assert [ticket.number for ticket in tickets(session)] == ["B001"]
    assert len(kiosk.printed_pngs()) == 1


def test_search_works_without_and_with_diacritics_and_opens_the_detail(kiosk, live_server, session):
    seen = kiosk("search", live_server)
    assert seen["typed"] == "khai sinh"
    assert seen["without_diacritics"] == ["Đăng ký khai sinh"]
    assert seen["with_diacritics"] == ["Đăng ký khai sinh"]
    assert seen["after_clear"] == 1  # the test centre has one procedure
    assert seen["screen"] == "detail"
    assert "1. Tờ khai đăng ký khai sinh — Nộp 1 bản chính" in seen["documents"]
    assert seen["slip_status"].startswith("Đã in xong")
    assert [png.name.split("-")[0] for png in kiosk.printed_pngs()] == ["requirements"]
    assert seen["after_take"] == ["priority", "1.001193"]  # "take a number for this procedure"
    assert tickets(session) == []  # looking something up issues nothing


def test_an_idle_kiosk_goes_home_and_forgets_the_typed_words(kiosk, live_server):
    seen = kiosk("idle_return", live_server, idle_seconds=10)
    assert seen["typed"] == "kha"
    assert 9.5 <= seen["idle_for"] < 20
    assert (seen["search_after"], seen["box_after"]) == ("", "")
    assert (seen["before"], seen["after"]) == ([True, "en"], [False, "vi"])  # the next person starts fresh


def test_collect_a_result_with_the_slips_qr_code_issues_a_ticket_in_the_results_queue_for_that_dossier(
        kiosk, live_server, results_queue, dossiers, session):
    made = dossiers(live_server, to="result_ready")
    seen = kiosk("collect_result", live_server, test_dossier_code=made["code"])
    assert seen["fields"] == ["CT", "HT"]   # the queue for results is on the home screen, not a field
    assert seen["box"] == made["code"]      # the scanned address became the code
    assert (seen["number"], seen["field"], seen["printed"]) == ("K001", "Nhận kết quả", True)
    assert seen["dossier_line"] == f"Hồ sơ: {made['code']}"
    issued = tickets(session)
    results = session.scalar(select(Field).where(Field.for_results.is_(True)))
    assert [(t.number, t.field_id, t.dossier_id) for t in issued] == [("K001", results.id, made["id"]),
                                                                    ("K002", results.id, None)]
    assert seen["box_after_home"] == ""     # the next citizen does not see the code
    assert (seen["second_number"], seen["second_dossier_line"]) == ("K002", "")
    assert len(kiosk.printed_pngs()) == 2


def test_dossier_status_shows_the_status_words_for_the_right_digits_and_not_found_for_wrong_ones(
        kiosk, live_server, results_queue, dossiers, session):
    made = dossiers(live_server, to="result_ready")
    seen = kiosk("dossier_status", live_server, test_dossier_code=made["code"])
    assert seen["typed"] == made["code"]
    found = seen["found"]
    assert found["headline"] == "Đã có kết quả, mời đến nhận"
    assert ["Thủ tục", "Đăng ký khai sinh"] in found["facts"] and ["Mã hồ sơ", made["code"]] in found["facts"]
    assert found["explanation"].startswith("Mời ông/bà mang giấy hẹn") and found["collect_now"]
    assert seen["found_en"] == "Result ready: please come and collect it"
    assert seen["back_to"] == ["phone", ""]
    wrong = seen["wrong_digits"]
    assert (wrong["headline"], wrong["facts"], wrong["collect_now"]) == ("Không tìm thấy hồ sơ", [], False)
    assert "Xin xem lại mã hồ sơ ghi trên giấy hẹn và 4 số cuối" in wrong["explanation"]
    assert seen["after_home"] == ["", ""]
    assert tickets(session) == []   # looking a dossier up issues nothing


def test_server_down_shows_a_banner_within_3_s_keeps_lookup_and_recovers(kiosk, live_server, results_queue, tmp_path):
    CatalogueCache(tmp_path / "catalogue.json").refresh(CounterServerClient(live_server, KIOSK_TOKEN))
    switch = DroppingProxy(int(live_server.rsplit(":", 1)[1]))
    switch.down = True
    try:
        process = kiosk.start("server_down", f"http://127.0.0.1:{switch.port}")
        kiosk.wait_for_marker(process)
        switch.down = False
        seen = kiosk.finish(process)
    finally:
        switch.close()
    assert seen["banner_after"] < 3.0
    assert seen["banner"].startswith("Mất kết nối với máy chủ")
    assert seen["banner_height"] > 0 and seen["take_number_disabled"] is True
    assert seen["collect_disabled"] is True and seen["check_status_disabled"] is True
    assert seen["note"].startswith("Tạm ngừng lấy số và tra cứu hồ sơ vì mất kết nối máy chủ")
    assert seen["screen_after_ticket_tap"] == "home"
    assert seen["offline_results"] == ["Đăng ký khai sinh"]
    assert "Đang dùng danh mục lưu trên máy" in seen["offline_count"]
    assert seen["recovered"] == {"banner_height": 0, "take_number_disabled": False, "collect_disabled": False}


def test_out_of_paper_keeps_the_ticket_on_screen_offers_a_reprint_and_tells_the_server(kiosk, live_server,
                                                                                        session, tmp_path):
    seen = kiosk("paper_out", live_server, printer=f"virtual://{tmp_path / 'printed'}?status=paper_out")
    assert len(tickets(session)) == 1 and seen["number"] == "B001"
    assert "hết giấy" in seen["message"]
    assert seen["can_reprint"] and seen["reprint_visible"]
    assert seen["countdown"] == 0  # no automatic return while the ticket exists only on screen
    assert kiosk.printed_pngs() == []
    session.expire_all()
    assert session.scalar(select(Kiosk.printer_state)) == "paper_out"
    assert session.scalar(select(func.count()).select_from(Ticket)) == 1


def test_the_service_exit_needs_five_taps_and_the_pin_then_saves_settings_and_leaves(kiosk, live_server, tmp_path):
    config_file = tmp_path / "kiosk.toml"
    seen = kiosk("service_exit", live_server, service_pin="2468", config=config_file)
    assert (seen["after_one_tap"], seen["after_five_taps"]) == ("home", "service")
    assert seen["wrong_pin"] == [False, "Sai mã PIN"]
    assert seen["unlocked"] and seen["form_server_url"] == live_server
    assert seen["pin_shown"] == "•  •  •  •"                      # a dot per digit typed, never the digits
    assert seen["token_kept"] and seen["token_masked_with"] == "•"   # the secret is drawn as dots
    assert "Máy in" in seen["state_line"] and ": ok" not in seen["state_line"]
    assert seen["saved"].startswith(f"Đã lưu vào {config_file}")
    saved = load_config(config_file, {})
    assert (saved.printer, saved.server_url, saved.token) == ("tcp://192.168.1.50:9100", live_server, KIOSK_TOKEN)
    assert saved.fullscreen is True


def test_large_text_is_1_5_times_normal_and_on_every_screen_texts_stay_in_view_apart_and_buttons_90_px(
        kiosk, live_server, results_queue, dossiers, session, centre):
    made = dossiers(live_server, to="result_ready")
    for prefix, (code, name) in zip("DEFGHIJL", LONG_FIELD_NAMES):   # ten fields, as the demo centre has
        make_field(session, centre.centre, code, prefix, name_vi=name)
    not_at_desk(session, centre)
    session.commit()
    seen = kiosk("both_text_sizes", live_server, test_dossier_code=made["code"], centre_name=LONG_CENTRE_NAME)
    screens = seen["screens"]
    assert sorted(screens) == sorted(f"{screen}/{size}" for screen in TOUR_SCREENS for size in ("normal", "large"))
    assert {label: (shown["screen"], shown["large_text"]) for label, shown in screens.items()} == {
        f"{screen}/{size}": (shown_on, size == "large") for screen, shown_on in TOUR_SCREENS.items()
        for size in ("normal", "large")}
    assert sum(len(shown["buttons"]) for shown in screens.values()) > 200
    assert all(len(shown["texts"]) >= 3 for shown in screens.values())
    assert seen["small"] == []
    problems = {label: layout.overlapping_texts(shown) + layout.texts_out_of_place(shown)
                + layout.texts_touching_buttons(shown) for label, shown in screens.items()}
    problems.update({screen: layout.not_large_enough(screens[f"{screen}/normal"], screens[f"{screen}/large"])
                     for screen in TOUR_SCREENS})
    assert {label: found for label, found in problems.items() if found} == {}
    # every field at once, none to scroll to: ten tiles to take a number, 'all' and ten to look up
    assert {label: (len(fields["shown"]), fields["hidden"]) for label, fields in seen["fields"].items()} == {
        "fields/normal": (10, []), "fields/large": (10, []), "lookup/normal": (11, []), "lookup/large": (11, [])}


TOUR_SCREENS = {"home": "home", "fields": "fields", "procedures": "procedures", "priority": "priority",
                "ticket": "ticket", "lookup": "lookup", "detail": "detail", "not_at_desk": "detail",
                "collect": "collect", "dossier_code": "dossier_status", "dossier_phone": "dossier_status",
                "dossier_answer": "dossier_status"}   # what the tour shows → the kiosk's screen
LONG_CENTRE_NAME = "Trung tâm Phục vụ hành chính công phường Hòa Bình, thành phố Hà Nội"   # two lines in large text


def not_at_desk(session, centre) -> Procedure:
    """A procedure the desk does not take (a mobile registration), with its public note."""
    mobile = make_procedure(session, centre.ht, "1.000593", "Đăng ký kết hôn lưu động")
    mobile.ticketable, mobile.details = False, {**mobile.details, "public_note": "Cán bộ tư pháp đến tận nơi."}
    return mobile


LONG_FIELD_NAMES = [("DD", "Đất đai"), ("XD", "Hoạt động xây dựng"),
                    ("HKD", "Thành lập và hoạt động của hộ kinh doanh"), ("BTXH", "Bảo trợ xã hội"),
                    ("CTRU", "Đăng ký, quản lý cư trú"), ("NCC", "Người có công"), ("NCN", "Nuôi con nuôi"),
                    ("GN", "Giảm nghèo")]


def test_the_tour_saves_one_screenshot_per_screen(kiosk, live_server, results_queue, dossiers, tmp_path, session,
                                                  centre):
    made = dossiers(live_server, to="result_ready")
    not_at_desk(session, centre)
    session.commit()
    out = tmp_path / "tour"
    env = {**os.environ, "DISPLAY": kiosk.display, "KIOSK_SERVER_URL": live_server, "KIOSK_TOKEN": KIOSK_TOKEN,
           "KIOSK_PRINTER": f"virtual://{tmp_path / 'printed'}", "KIOSK_FULLSCREEN": "0",
           "KIOSK_SERVICE_PIN": "2468", "KIOSK_CACHE_FILE": str(tmp_path / "catalogue.json"),
           "KIOSK_TOUR_DOSSIER_CODE": made["code"], "KIOSK_TOUR_DOSSIER_PHONE4": PHONE[-4:]}
    done = subprocess.run([sys.executable, "-m", "kiosk", "--config", str(tmp_path / "none.toml"), "--tour", str(out)],
                          env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    shots = sorted(path.name for path in out.glob("*.png"))
    assert shots == ["01-home.png", "02-fields.png", "03-procedures.png", "04-priority.png", "05-ticket.png",
                     "06-lookup.png", "07-detail.png", "08-service-pin.png", "09-service-settings.png",
                     "10-home-english.png", "11-home-large-text-high-contrast.png", "12-collect-result.png",
                     "13-dossier-status.png", "14-not-at-desk.png"]
    pictures = {name: Image.open(out / name).convert("RGB") for name in shots}
    assert {picture.size for picture in pictures.values()} == {(1920, 1080)}
    assert len({picture.tobytes() for picture in pictures.values()}) == len(shots)  # every screen differs
    assert len(kiosk.printed_pngs()) == 1  # the tour took one ticket


def test_names_holding_kivy_markup_are_shown_as_written(kiosk, live_server, session):
    procedure = session.scalar(select(Procedure))
    marked = "Đăng ký [b]khai sinh[/b] [color=ff0000]gấp[/color]"
    procedure.name = marked
    procedure.details = {**procedure.details, "documents": [{"name": "Tờ khai [size=90]to[/size]", "originals": 1,
                                                              "copies": 0}],
                         "ways": [{"channel": "direct", "processing_time": "Trong ngày", "fees": "[i]0[/i] đồng"}]}
    session.commit()
    seen = kiosk("markup_in_names", live_server)
    assert seen["results"] == [[marked, False]]
    assert seen["detail"]["name"] == [marked, False]
    assert "[i]0[/i] đồng" in seen["detail"]["fees"][0] and seen["detail"]["fees"][1] is False
    text, markup = seen["documents"]
    assert markup is True and "Tờ khai &bl;size=90&br;to&bl;/size&br;" in text, "escaped where markup is on"
