"""Kiosks that need a person now, as the counter console lists them: a printer out of paper, its
cover open, a kiosk that stopped reporting in opening hours. A change of printer state is written
to the event log, so every console hears of it at once."""
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from ..domain import calendar, printers
from ..models import Centre, Kiosk, TicketEvent

SILENT_AFTER = timedelta(minutes=2)     # four missed heartbeats (a kiosk reports every 30 s)
EVENT_KIND = "kiosk"


@dataclass(frozen=True)
class KioskFault:
    """One kiosk that needs a person, in words."""

    kiosk: str
    state: str
    message: str
    reported_at: datetime | None


def kiosk_faults(session, centre_id: int, now: datetime) -> list[KioskFault]:
    """The centre's active kiosks whose printer needs someone, or which went silent today while
    the centre is open, by name."""
    centre = session.get(Centre, centre_id)
    open_now = calendar.check_open(centre.opening_hours, centre.timezone, now).is_open
    faults = []
    for name, state, heard in session.execute(
            select(Kiosk.name, Kiosk.printer_state, Kiosk.last_heartbeat_at)
            .where(Kiosk.centre_id == centre_id, Kiosk.is_active.is_(True)).order_by(Kiosk.name)):
        if heard is None:
            continue                    # never switched on: nothing to report yet
        silent = (open_now and now - heard > SILENT_AFTER
                  and calendar.service_day(centre.timezone, heard) == calendar.service_day(centre.timezone, now))
        if silent:
            faults.append(KioskFault(name, printers.SILENT, printers.in_words(printers.SILENT), heard))
        elif printers.needs_staff(state):
            faults.append(KioskFault(name, state, printers.in_words(state), heard))
    return faults


def note_printer_change(session, kiosk: Kiosk, state: str, now: datetime) -> None:
    """Tell the consoles when a kiosk's printer changes state (no name or state goes to the public
    stream: consoles read the words from their desk)."""
    if kiosk.printer_state != state:
        session.add(TicketEvent(centre_id=kiosk.centre_id, ticket_id=None, kind=EVENT_KIND, at=now, data={}))
