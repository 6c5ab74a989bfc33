"""`kiosk --tour OUTDIR`: walk every screen against a running server and save one screenshot per
screen, in Vietnamese, plus Home in English and Home in large text with high contrast.

The dossier status screen is shown with an answer: for a real dossier set
KIOSK_TOUR_DOSSIER_CODE (its code, as on the slip) and KIOSK_TOUR_DOSSIER_PHONE4 (the last four
digits of the applicant's phone); without them the tour asks for a made-up code and shows the
"not found" answer. The collect screen ("Nhận kết quả") is shown with the same code scanned from
the slip's QR code, if the centre has a queue for results. With KIOSK_TOUR_LARGE_TEXT=1 every
screen is shown in large text (to look for text that no longer fits)."""
import logging
import os
from pathlib import Path

from procedure_search import fold

from .autopilot import Pilot

log = logging.getLogger(__name__)
EXAMPLE_CODE, EXAMPLE_PHONE4 = "000.00.15.H12-261126-0001", "0000"   # no dossier has them: "not found"


def tour(app, out: Path) -> list[Path]:
    """Take a number, look a procedure up, open the service screen; a PNG at each step."""
    pilot, out, shots = Pilot(app), Path(out), []

    def shot(name):
        shots.append(pilot.screenshot(out / f"{name}.png"))
        log.info("tour: %s", shots[-1])

    pilot.started()
    pilot.wait_until(lambda: app.online and app.flow.catalogue is not None, "the server and the catalogue")
    large = os.environ.get("KIOSK_TOUR_LARGE_TEXT") == "1"
    if large:
        pilot.tap("root", "large_text")
    shot("01-home")
    pilot.tap("home", "take_number")
    shot("02-fields")
    def field_to_show():  # an open field with procedures, to show the procedure screen too
        tiles = [t for t in app.flow.tiles() if t.enabled]
        return next((t.name for t in tiles if app.flow.procedures_of(t.code)), tiles[0].name)
    pilot.tap_text("fields", "grid", pilot.ui(field_to_show))
    if pilot.on_screen("procedures"):
        shot("03-procedures")
        pilot.tap("procedures", "skip")
    shot("04-priority")
    pilot.tap("priority", "no_priority")
    pilot.wait_until(lambda: not app.screen("ticket").busy and app.screen("ticket").view.message != "",
                     "the ticket")
    shot("05-ticket")
    pilot.tap("ticket", "done")   # the next citizen: back to normal text
    if large:
        pilot.tap("root", "large_text")
    pilot.tap("home", "look_up")
    pilot.type("khai sinh")
    shot("06-lookup")
    name = pilot.ui(lambda: app.flow.lookup_results()[0]["name"])
    pilot.tap_text("lookup", "results", name)
    shot("07-detail")
    pilot.tap("root", "home")
    for _ in range(5):
        pilot.tap("root", "centre_name")
    if pilot.on_screen("service"):
        pin = app.settings.service_pin
        for digit in pin[:2]:
            pilot.tap_text("service", "pin_keys", digit)
        shot("08-service-pin")          # two digits typed: two dots, never the digits
        for digit in pin[2:]:
            pilot.tap_text("service", "pin_keys", digit)
        pilot.tap("service", "unlock")
        shot("09-service-settings")
        pilot.ui(app.go_home)
    pilot.tap("root", "language")
    shot("10-home-english")
    pilot.tap("root", "language")
    if not large:
        pilot.tap("root", "large_text")
    pilot.tap("root", "contrast")
    shot("11-home-large-text-high-contrast")
    pilot.tap("root", "contrast")
    if not large:
        pilot.tap("root", "large_text")
    dossier_screens(pilot, app, shot)
    not_at_desk_screen(pilot, app, shot)
    pilot.ui(app.go_home)
    return shots


def not_at_desk_screen(pilot, app, shot) -> None:
    """A procedure the desk does not take (a mobile registration), looked up: its page says where
    to go, and there is no number for it. Skipped when the catalogue has none."""
    procedure = pilot.ui(lambda: next((p for p in app.flow.procedures_of(None) if p.get("ticketable") is False), None))
    if procedure is None:
        return
    pilot.ui(app.go_home)
    pilot.tap("home", "look_up")
    pilot.type(" ".join(word for word in fold(procedure["name"]).split() if word.isalpha()))
    pilot.tap_text("lookup", "results", procedure["name"])
    shot("14-not-at-desk")


def dossier_screens(pilot, app, shot) -> None:
    """«Nhận kết quả» with the slip's QR code scanned; «Tra cứu hồ sơ» typed on the keys, answered."""
    code = os.environ.get("KIOSK_TOUR_DOSSIER_CODE") or EXAMPLE_CODE
    phone4 = os.environ.get("KIOSK_TOUR_DOSSIER_PHONE4") or EXAMPLE_PHONE4
    pilot.ui(app.go_home)
    if pilot.ui(lambda: app.flow.collect_choice().enabled):
        pilot.tap("home", "collect")
        pilot.scan(f"{app.settings.server_url.rstrip('/')}/ho-so?code={code}")   # what the slip's QR code holds
        shot("12-collect-result")
        pilot.tap("root", "home")
    pilot.tap("home", "check_status")
    for key in code:   # codes are upper-case letters, digits, "-" and "."
        pilot.tap_key("dossier_status", "code_keys", key)
    pilot.tap("dossier_status", "next")
    for digit in phone4:
        pilot.tap_key("dossier_status", "digit_keys", digit)
    pilot.tap("dossier_status", "ask")
    pilot.wait_until(lambda: app.flow.status_step == "answer", "the dossier's status")
    shot("13-dossier-status")
