"""`kiosk --tour OUTDIR`: walk every screen against a running server and save one screenshot per
screen, in Vietnamese, plus Home in English and Home in large text with high contrast."""
import logging
from pathlib import Path

from .autopilot import Pilot

log = logging.getLogger(__name__)


def tour(app, out: Path) -> list[Path]:
    """Take a number, look a procedure up, open the service screen; a PNG at each step."""
    pilot, out, shots = Pilot(app), Path(out), []

    def shot(name):
        shots.append(pilot.screenshot(out / f"{name}.png"))
        log.info("tour: %s", shots[-1])

    pilot.started()
    pilot.wait_until(lambda: app.online and app.flow.catalogue is not None, "the server and the catalogue")
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
    pilot.tap("ticket", "done")
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
        shot("08-service-pin")
        for digit in app.settings.service_pin:
            pilot.tap_text("service", "pin_keys", digit)
        pilot.tap("service", "unlock")
        shot("09-service-settings")
        pilot.ui(app.go_home)
    pilot.tap("root", "language")
    shot("10-home-english")
    pilot.tap("root", "language")
    pilot.tap("root", "large_text")
    pilot.tap("root", "contrast")
    shot("11-home-large-text-high-contrast")
    pilot.ui(app.go_home)
    return shots
