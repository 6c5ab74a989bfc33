"""What a citizen does at the kiosk, played in a real Kivy window (run as a subprocess by the GUI
tests: `python -m tests.kiosk.gui.scenarios NAME`). Settings come from KIOSK_* variables; what the
screen showed is written as JSON to $KIOSK_TEST_RESULT for the test to check."""
import json
import logging
import os
import sys
import time
from pathlib import Path

from kiosk.config import load_config

SCENARIOS = {}


def scenario(fn):
    SCENARIOS[fn.__name__] = fn
    return fn


def report(result: dict) -> None:
    Path(os.environ["KIOSK_TEST_RESULT"]).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")


def ready(pilot, app):
    pilot.started()
    pilot.wait_until(lambda: app.online and app.flow.catalogue is not None, "the server and the catalogue")


def ticket_shown(app):
    screen = app.screen("ticket")
    return not screen.busy and screen.view.message != ""


@scenario
def take_number(pilot, app):
    """Home → field → procedure → no priority (tapped twice, as an unsteady finger does) → ticket."""
    ready(pilot, app)
    pilot.tap("home", "take_number")
    pilot.tap_text("fields", "grid", "Lĩnh vực HT")
    pilot.tap_text("procedures", "listing", "Đăng ký khai sinh")
    pilot.ui(lambda: [pilot_press(app, "priority", "no_priority") for _ in range(2)])
    pilot.wait_until(lambda: ticket_shown(app), "the ticket")
    view = pilot.ui(lambda: app.screen("ticket").view)
    return {"number": view.number, "field": view.field_name, "message": view.message, "printed": view.printed,
            "number_on_screen": pilot.ui(lambda: app.screen("ticket").ids.number.text)}


def pilot_press(app, screen, widget_id):
    """A tap without waiting for a frame in between (for double taps)."""
    from kivy.tests.common import UnitTestTouch
    widget = app.screen(screen).ids[widget_id]
    touch = UnitTestTouch(*widget.to_window(*widget.center))
    touch.touch_down()
    touch.touch_up()


@scenario
def redraws(pilot, app):
    """The ticket screen redrawn and shown again, without a tap and after one: only the tap takes a number."""
    from kiosk.take_number import Choice
    ready(pilot, app)

    def redraw():
        app.screen("ticket").refresh()
        app.toggle_language()
        app.toggle_language()
        app.show("fields")
        app.show("ticket")
    seen = {}
    pilot.ui(lambda: (setattr(app.flow, "choice", Choice(field="CT", field_name="Lĩnh vực CT")),
                      app.flow.go("ticket"), redraw()))
    time.sleep(2)  # time for a ticket, were one taken
    seen["untapped"] = pilot.ui(lambda: (app.screen("ticket").busy, app.screen("ticket").view.number))
    pilot.ui(app.go_home)
    pilot.tap("home", "take_number")
    pilot.tap_text("fields", "grid", "Lĩnh vực CT")
    pilot.tap("priority", "no_priority")
    pilot.wait_until(lambda: ticket_shown(app), "the ticket")
    seen["tapped"] = pilot.ui(lambda: app.screen("ticket").view.number)
    time.sleep(2)  # past the tap guard's pause, so that it would not hide a second ticket
    pilot.ui(redraw)
    time.sleep(2)
    seen["redrawn"] = pilot.ui(lambda: (app.screen("ticket").busy, app.screen("ticket").view.number))
    return seen


@scenario
def search(pilot, app):
    """Type 'khai sinh' on the on-screen keyboard; then words with diacritics; then clear."""
    ready(pilot, app)
    pilot.tap("home", "look_up")
    pilot.type("khai sinh")
    typed = pilot.ui(lambda: app.screen("lookup").ids.search_text.text)
    without = pilot.ui(lambda: [b.text for b in reversed(app.screen("lookup").ids.results.children)])
    pilot.ui(lambda: (setattr(app.flow, "search", "Đăng ký khai sinh"), app.screen("lookup").refresh()))
    with_marks = pilot.ui(lambda: [b.text for b in reversed(app.screen("lookup").ids.results.children)])
    pilot.tap("lookup", "clear")
    everything = pilot.ui(lambda: len(app.screen("lookup").ids.results.children))
    pilot.tap_text("lookup", "results", "Đăng ký khai sinh")
    documents = pilot.ui(lambda: app.screen("detail").ids.documents.text)
    screen = pilot.ui(lambda: app.flow.screen)
    pilot.tap("detail", "print_slip")
    pilot.wait_until(lambda: not app.screen("detail").printing, "the documents list")
    slip_status = pilot.ui(lambda: app.screen("detail").status)
    pilot.tap("detail", "take_number")
    after_take = pilot.ui(lambda: (app.flow.screen, app.flow.choice.procedure))
    return {"typed": typed, "without_diacritics": without, "with_diacritics": with_marks, "after_clear": everything,
            "screen": screen, "documents": documents, "slip_status": slip_status, "after_take": after_take}


@scenario
def markup_in_names(pilot, app):
    """A procedure whose name holds Kivy's markup tags: shown as written, never styling the screen."""
    ready(pilot, app)
    pilot.tap("home", "look_up")
    pilot.tap("lookup", "clear")
    found = pilot.ui(lambda: [(b.text, b.markup) for b in app.screen("lookup").ids.results.children])
    pilot.tap_text("lookup", "results", found[0][0])
    detail = app.screen("detail").ids
    shown = pilot.ui(lambda: {key: (detail[key].text, detail[key].markup) for key in ("name", "fees", "code")})
    documents = pilot.ui(lambda: (detail.documents.text, detail.documents.markup))
    return {"results": found, "detail": shown, "documents": documents}


@scenario
def idle_return(pilot, app):
    """Type a few letters, then touch nothing: the kiosk goes home and forgets them."""
    ready(pilot, app)
    pilot.tap("root", "large_text")
    pilot.tap("root", "language")
    pilot.tap("home", "look_up")
    pilot.type("kha")
    typed = pilot.ui(lambda: app.screen("lookup").ids.search_text.text)
    before = pilot.ui(lambda: (app.theme.large_text, app.language))
    last_touch = time.monotonic()
    pilot.wait_until(lambda: app.flow.screen == "home", "the idle return", timeout=app.settings.idle_seconds + 10)
    idle_for = time.monotonic() - last_touch
    pilot.tap("home", "look_up")
    after = pilot.ui(lambda: (app.theme.large_text, app.language))
    return {"typed": typed, "idle_for": idle_for, "search_after": pilot.ui(lambda: app.flow.search),
            "before": before, "after": after,
            "box_after": pilot.ui(lambda: app.screen("lookup").ids.search_text.text)}


@scenario
def server_down(pilot, app):
    """The server is unreachable from the start; later it comes back (the test switches it on)."""
    pilot.wait_until(lambda: app.first_frame_at is not None, "the first frame")
    first_frame = time.monotonic()
    pilot.wait_until(lambda: app.checked and not app.online, "the offline banner", timeout=10)
    banner_after = time.monotonic() - first_frame
    seen = pilot.ui(lambda: {"banner": app.root.ids.banner_text.text,
                             "banner_height": app.root.ids.banner.height,
                             "take_number_disabled": app.screen("home").ids.take_number.disabled,
                             "collect_disabled": app.screen("home").ids.collect.disabled,
                             "check_status_disabled": app.screen("home").ids.check_status.disabled,
                             "note": app.screen("home").ids.offline_note.text})
    pilot.tap("home", "take_number")
    seen["screen_after_ticket_tap"] = pilot.ui(lambda: app.flow.screen)
    pilot.tap("home", "look_up")
    pilot.type("khai")
    seen["offline_results"] = pilot.ui(lambda: [b.text for b in app.screen("lookup").ids.results.children])
    seen["offline_count"] = pilot.ui(lambda: app.screen("lookup").ids.count.text)
    pilot.tap("root", "home")
    Path(os.environ["KIOSK_TEST_MARKER"]).write_text("banner seen")
    pilot.wait_until(lambda: app.online, "the server to come back", timeout=20)
    pilot.frames(3)
    seen.update(banner_after=banner_after,
                recovered=pilot.ui(lambda: {"banner_height": app.root.ids.banner.height,
                                            "take_number_disabled": app.screen("home").ids.take_number.disabled,
                                            "collect_disabled": app.screen("home").ids.collect.disabled}))
    return seen


@scenario
def collect_result(pilot, app):
    """«Nhận kết quả»: the slip's QR code scanned (the status page's address), 'Lấy số', no priority;
    then again with no slip at hand: 'Lấy số, không cần mã'."""
    ready(pilot, app)
    code = os.environ["KIOSK_TEST_DOSSIER_CODE"]
    seen = {"fields": pilot.ui(lambda: [tile.code for tile in app.flow.tiles()])}
    pilot.tap("home", "collect")
    pilot.scan(f"{app.settings.server_url}/ho-so?code={code}")
    seen["box"] = pilot.ui(lambda: app.screen("collect").ids.code_box.text)
    pilot.tap("collect", "take")
    pilot.tap("priority", "no_priority")
    pilot.wait_until(lambda: ticket_shown(app), "the ticket")
    view = pilot.ui(lambda: app.screen("ticket").view)
    seen.update(number=view.number, field=view.field_name, dossier_line=view.dossier_line, printed=view.printed)
    pilot.tap("ticket", "done")
    time.sleep(1.6)  # past the tap guard's pause after a ticket
    pilot.tap("home", "collect")
    seen["box_after_home"] = pilot.ui(lambda: app.screen("collect").ids.code_box.text)
    pilot.tap("collect", "take_without_code")
    pilot.tap("priority", "no_priority")
    pilot.wait_until(lambda: ticket_shown(app) and app.screen("ticket").view.number != view.number, "a second ticket")
    second = pilot.ui(lambda: app.screen("ticket").view)
    seen.update(second_number=second.number, second_dossier_line=second.dossier_line)
    return seen


@scenario
def dossier_status(pilot, app):
    """«Tra cứu hồ sơ»: the code typed on the keys, the phone's last four digits, the answer; back,
    four wrong digits: not found."""
    ready(pilot, app)
    code = os.environ["KIOSK_TEST_DOSSIER_CODE"]
    pilot.tap("home", "check_status")
    for key in code:
        pilot.tap_key("dossier_status", "code_keys", key)
    typed = pilot.ui(lambda: app.screen("dossier_status").ids.code_box.text)
    pilot.tap("dossier_status", "next")
    for digit in "5678":
        pilot.tap_key("dossier_status", "digit_keys", digit)
    pilot.tap("dossier_status", "ask")
    pilot.wait_until(lambda: app.flow.status_step == "answer", "the answer")

    def answer():
        ids = app.screen("dossier_status").ids
        return {"headline": ids.headline.text, "explanation": ids.explanation.text,
                "facts": [[row.name, row.value] for row in reversed(ids.facts.children)],
                "collect_now": ids.collect_now.opacity == 1 and not ids.collect_now.disabled}
    seen = {"typed": typed, "found": pilot.ui(answer)}
    pilot.tap("root", "language")
    seen["found_en"] = pilot.ui(answer)["headline"]
    pilot.tap("root", "language")
    pilot.tap("root", "back")
    seen["back_to"] = pilot.ui(lambda: (app.flow.status_step, app.flow.phone_last4))
    for digit in "0000":
        pilot.tap_key("dossier_status", "digit_keys", digit)
    pilot.tap("dossier_status", "ask")
    pilot.wait_until(lambda: app.flow.status_step == "answer", "the second answer")
    seen["wrong_digits"] = pilot.ui(answer)
    pilot.tap("root", "home")
    seen["after_home"] = pilot.ui(lambda: (app.flow.dossier_code, app.flow.phone_last4))
    return seen


@scenario
def paper_out(pilot, app):
    """Take a number while the printer has no paper."""
    ready(pilot, app)
    pilot.tap("home", "take_number")
    pilot.tap_text("fields", "grid", "Lĩnh vực CT")
    pilot.tap("priority", "no_priority")
    pilot.wait_until(lambda: ticket_shown(app), "the ticket")
    pilot.wait_until(lambda: app.printer_state == "paper_out", "the heartbeat")
    view = pilot.ui(lambda: app.screen("ticket").view)
    return {"number": view.number, "message": view.message, "can_reprint": view.can_reprint,
            "reprint_visible": pilot.ui(lambda: app.screen("ticket").ids.reprint.opacity == 1),
            "countdown": pilot.ui(lambda: app.screen("ticket").seconds_left)}


@scenario
def service_exit(pilot, app):
    """Five taps on the centre's name, a wrong PIN, the right PIN, save the settings, leave kiosk mode."""
    ready(pilot, app)
    pilot.tap("root", "centre_name")
    after_one_tap = pilot.ui(lambda: app.flow.screen)
    for _ in range(4):
        pilot.tap("root", "centre_name")
    seen = {"after_one_tap": after_one_tap, "after_five_taps": pilot.ui(lambda: app.flow.screen)}
    for digit in "0000":
        pilot.tap_text("service", "pin_keys", digit)
    pilot.tap("service", "unlock")
    seen["wrong_pin"] = pilot.ui(lambda: (app.screen("service").unlocked, app.screen("service").status))
    for digit in app.settings.service_pin:
        pilot.tap_text("service", "pin_keys", digit)
    seen["pin_shown"] = pilot.ui(lambda: app.screen("service").ids.pin_dots.text)
    pilot.tap("service", "unlock")
    seen["unlocked"] = pilot.ui(lambda: app.screen("service").unlocked)
    seen["form_server_url"] = pilot.ui(lambda: app.screen("service").ids.server_url.text)
    token = pilot.ui(lambda: app.screen("service").ids.token)
    seen["token_masked_with"] = pilot.ui(lambda: token.password_mask if token.password else None)
    seen["token_kept"] = pilot.ui(lambda: token.text == app.settings.token)
    seen["state_line"] = pilot.ui(lambda: app.screen("service").ids.state.text)
    pilot.ui(lambda: setattr(app.screen("service").ids.printer, "text", "tcp://192.168.1.50:9100"))
    pilot.tap("service", "fullscreen")  # the kiosk runs windowed here: switch full screen on
    pilot.tap("service", "save")
    seen["saved"] = pilot.ui(lambda: app.screen("service").status)
    report(seen)  # before leaving: the process ends with the window
    pilot.ui(lambda: pilot_press(app, "service", "exit"))
    time.sleep(30)  # never reached: leaving kiosk mode ends the process
    return {"left_kiosk_mode": False}


def fields_in_view(app, screen: str, container: str) -> dict:
    """The fields offered on a screen (the tiles to take a number, the lookup's choices), and those
    not wholly inside the window or their scrolling page (a user would have to scroll to find them)."""
    from .measure import view_of
    fields, hidden = list(reversed(app.screen(screen).ids[container].children)), []
    for field in fields:
        left, bottom = field.to_window(field.x, field.y)
        view_left, view_bottom, view_right, view_top = view_of(field)
        if (left < view_left or bottom < view_bottom or left + field.width > view_right
                or bottom + field.height > view_top):
            hidden.append(field_name(field))
    return {"shown": [field_name(field) for field in fields], "hidden": hidden}


def field_name(widget) -> str:
    return getattr(widget, "title", None) or widget.text


def tap_result(pilot, app, name: str) -> None:
    """Scroll the lookup's page to a result and tap it (in large text the fields fill the window)."""
    def scroll():
        screen = app.screen("lookup")
        screen.ids.scroll.scroll_to(next(b for b in screen.ids.results.children if b.text == name), animate=False)
    pilot.ui(scroll)
    pilot.frames(2)
    pilot.tap_text("lookup", "results", name)


@scenario
def both_text_sizes(pilot, app):
    """The tour's screens in normal, then in large text: every button's size, every text's box and
    font size (tests/kiosk/gui/measure.py), and the fields in view."""
    from .measure import on_screen
    ready(pilot, app)
    small, seen, fields = [], {}, {}

    def measure(label):
        def collect():
            from kivy.uix.behaviors import ButtonBehavior
            for widget in app.root.walk(restrict=True):
                if (isinstance(widget, ButtonBehavior) and not widget.disabled and widget.opacity > 0
                        and widget.get_root_window() is not None and (widget.width < 90 or widget.height < 90)):
                    small.append([label, type(widget).__name__, getattr(widget, "text", ""),
                                  round(widget.width), round(widget.height)])
            seen[label] = {**on_screen(app), "large_text": app.theme.large_text,
                           "screen": app.root.ids.screens.current}
        pilot.frames(3)
        pilot.ui(collect)

    for tag in ("normal", "large"):
        if tag == "large":
            pilot.tap("root", "large_text")
        measure(f"home/{tag}")
        pilot.tap("home", "take_number")
        measure(f"fields/{tag}")
        fields[f"fields/{tag}"] = pilot.ui(lambda: fields_in_view(app, "fields", "grid"))
        pilot.tap_text("fields", "grid", "Lĩnh vực HT")
        measure(f"procedures/{tag}")
        pilot.tap("procedures", "skip")
        measure(f"priority/{tag}")
        pilot.tap("priority", "no_priority")
        pilot.wait_until(lambda: ticket_shown(app), "the ticket")
        measure(f"ticket/{tag}")
        pilot.tap("ticket", "done")   # the next citizen: normal text again
        if tag == "large":
            pilot.tap("root", "large_text")
        pilot.tap("home", "look_up")
        measure(f"lookup/{tag}")
        fields[f"lookup/{tag}"] = pilot.ui(lambda: fields_in_view(app, "lookup", "chips"))
        tap_result(pilot, app, "Đăng ký khai sinh")
        measure(f"detail/{tag}")
        pilot.tap("root", "back")
        tap_result(pilot, app, "Đăng ký kết hôn lưu động")
        measure(f"not_at_desk/{tag}")
        pilot.tap("root", "home")
        pilot.tap("home", "collect")
        measure(f"collect/{tag}")
        pilot.tap("root", "home")
        pilot.tap("home", "check_status")
        for key in os.environ["KIOSK_TEST_DOSSIER_CODE"]:
            pilot.tap_key("dossier_status", "code_keys", key)
        measure(f"dossier_code/{tag}")
        pilot.tap("dossier_status", "next")
        for digit in "5678":
            pilot.tap_key("dossier_status", "digit_keys", digit)
        measure(f"dossier_phone/{tag}")
        pilot.tap("dossier_status", "ask")
        pilot.wait_until(lambda: app.flow.status_step == "answer", "the answer")
        measure(f"dossier_answer/{tag}")
        pilot.tap("root", "home")
    return {"small": small, "screens": seen, "fields": fields}


def main(name: str) -> int:
    from kiosk.launch import run_kiosk

    def script(app):
        from kiosk.autopilot import Pilot  # imports Kivy's window: only after run_kiosk configured it
        report(SCENARIOS[name](Pilot(app), app))
    config_path = Path(os.environ["KIOSK_CONFIG"]) if os.environ.get("KIOSK_CONFIG") else None
    return run_kiosk(load_config(config_path), config_path, script)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    sys.exit(main(sys.argv[1]))
