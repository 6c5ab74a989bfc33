"""Which screen comes next and what each one says: plain Python, no Kivy.

The screens call these methods on a tap and draw what they return; the tests walk the same
flow with no window.
"""
from dataclasses import dataclass, field, replace

from .catalogue_cache import Catalogue
from .field_icons import icon_for
from .i18n import text
from .printing.wording import expected_wait
from .take_number import Choice, Outcome

HOME, FIELDS, PROCEDURES, PRIORITY, TICKET = "home", "fields", "procedures", "priority", "ticket"
LOOKUP, DETAIL, SERVICE = "lookup", "detail", "service"
SCREENS = (HOME, FIELDS, PROCEDURES, PRIORITY, TICKET, LOOKUP, DETAIL, SERVICE)

# One colour per field, in display order; dark enough for white text (contrast ≥ 4.5:1).
FIELD_COLOURS = ("#1565C0", "#2E7D32", "#6A1B9A", "#AD1457", "#E65100", "#00695C", "#4E342E", "#283593")


@dataclass(frozen=True)
class FieldTile:
    """One field on the field-choice screen."""

    code: str
    name: str
    prefix: str
    colour: str
    waiting_line: str
    enabled: bool
    reason: str = ""
    icon: str | None = None     # a character of the icon font (kiosk/field_icons.py)


def field_tiles(fields: list[dict], language: str) -> list[FieldTile]:
    """The server's fields as tiles: closed or full ones greyed, with the reason in plain words."""
    tiles = []
    for index, item in enumerate(fields):
        reason = ""
        if not item.get("is_open", True):
            key = f"field.closed.{item.get('closed_reason') or 'field_closed'}"
            reason = text(key, language)
        tiles.append(FieldTile(
            code=item["code"], name=item["name_en"] if language == "en" and item.get("name_en") else item["name_vi"],
            prefix=item.get("prefix", ""), colour=FIELD_COLOURS[index % len(FIELD_COLOURS)],
            waiting_line=text("field.waiting", language, count=item.get("waiting", 0)),
            enabled=bool(item.get("is_open", True)), reason=reason, icon=icon_for(item["code"])))
    return tiles


def wait_line(minutes: int, language: str) -> str:
    """'Thời gian chờ dự kiến: khoảng 12 phút': the same figure and words as the printed ticket."""
    if minutes <= 0:
        return text("ticket.wait_none", language)
    if language == "vi":
        return text("ticket.wait", language, duration=expected_wait(minutes))
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} hour" + ("s" if hours > 1 else "")] if hours else []) + ([f"{rest} minute" + ("s" if rest > 1 else "")] if rest else [])
    return text("ticket.wait", language, duration="about " + " ".join(parts))


def document_line(document: dict, language: str) -> str:
    """'1 bản chính, 1 bản sao' for one required document."""
    parts = []
    if document.get("originals"):
        parts.append(text("detail.originals", language, count=document["originals"]))
    if document.get("copies"):
        parts.append(text("detail.copies", language, count=document["copies"]))
    return ", ".join(parts)


@dataclass(frozen=True)
class TicketView:
    """What the ticket screen shows after the tap."""

    number: str = ""
    field_name: str = ""
    ahead_line: str = ""
    wait_line: str = ""
    message: str = ""
    can_reprint: bool = False
    issued: bool = False
    printed: bool = False


def ticket_view(outcome: Outcome, choice: Choice, language: str) -> TicketView:
    """The ticket (if issued) large, how printing went, or why there is no ticket."""
    message = outcome.message_en if language == "en" else outcome.message_vi
    if outcome.ticket is None:
        return TicketView(message=message or text("ticket.refused", language))
    ticket = outcome.ticket
    ahead = (text("ticket.ahead", language, count=ticket.waiting_ahead) if ticket.waiting_ahead
             else text("ticket.ahead_none", language))
    return TicketView(number=ticket.number, field_name=choice.field_name, ahead_line=ahead,
                      wait_line=wait_line(ticket.estimated_wait_minutes, language), message=message,
                      can_reprint=outcome.can_reprint, issued=True,
                      printed=bool(outcome.printed and outcome.printed.printed))


@dataclass
class Flow:
    """Where the citizen is, what they chose so far, and what the kiosk knows of the server."""

    language: str = "vi"
    screen: str = HOME
    history: list[str] = field(default_factory=list)
    fields: list[dict] = field(default_factory=list)
    catalogue: Catalogue | None = None
    online: bool = False
    choice: Choice | None = None
    procedure: dict | None = None   # the one open on the detail page
    search: str = ""
    lookup_field: str | None = None

    # --- what the screens show -------------------------------------------------------------
    def tiles(self) -> list[FieldTile]:
        """Live fields when online, else the last copy (all greyed: no ticket can be taken)."""
        if self.fields:
            return field_tiles(self.fields, self.language)
        return field_tiles(self.catalogue.fields if self.catalogue else [], self.language)

    def procedures_of(self, field_code: str | None, query: str = "") -> list[dict]:
        """Procedures from the local copy (works offline), matching `query` without diacritics."""
        return self.catalogue.search(query, field_code) if self.catalogue else []

    def priorities(self) -> list[dict]:
        return self.catalogue.priorities if self.catalogue else []

    def can_take_number(self) -> bool:
        return self.online

    def lookup_results(self) -> list[dict]:
        return self.procedures_of(self.lookup_field, self.search)

    # --- taps -----------------------------------------------------------------------------
    def go(self, screen: str) -> str:
        if screen != self.screen:
            self.history.append(self.screen)
            self.screen = screen
        return self.screen

    def back(self) -> str:
        """One step back; the ticket screen always goes home (the ticket is taken)."""
        if self.screen == TICKET or not self.history:
            return self.home()
        self.screen = self.history.pop()
        return self.screen

    def home(self) -> str:
        """Home, forgetting every choice and typed word (privacy for the next citizen)."""
        self.screen, self.history, self.choice, self.procedure = HOME, [], None, None
        self.search, self.lookup_field = "", None
        return HOME

    def take_number(self) -> str:
        """'Lấy số thứ tự': the fields, if the server can be reached."""
        return self.go(FIELDS) if self.can_take_number() else self.screen

    def pick_field(self, code: str) -> str:
        """A field tile: greyed ones do nothing; then its procedures, else the priority question."""
        tile = next((t for t in self.tiles() if t.code == code), None)
        if tile is None or not tile.enabled or not self.can_take_number():
            return self.screen
        self.choice = Choice(field=tile.code, field_name=tile.name)
        return self.go(PROCEDURES if self.procedures_of(code) else self._after_procedure())

    def pick_procedure(self, code: str | None) -> str:
        """A procedure in the field, or None for 'skip'."""
        procedure = next((p for p in self.procedures_of(self.choice.field) if p["code"] == code), None)
        self.choice = replace(self.choice, procedure=procedure and procedure["code"],
                              procedure_name=procedure and procedure["name"])
        return self.go(self._after_procedure())

    def pick_priority(self, code: str | None) -> str:
        """A priority category, or None for 'no priority': then the ticket is taken."""
        category = next((p for p in self.priorities() if p["code"] == code), None)
        label = category and (category["name_en"] if self.language == "en" else category["name_vi"])
        self.choice = replace(self.choice, priority=category and category["code"], priority_label=label)
        return self.go(TICKET)

    def look_up(self) -> str:
        return self.go(LOOKUP)

    def open_procedure(self, code: str) -> str:
        self.procedure = next((p for p in self.procedures_of(None) if p["code"] == code), None)
        return self.go(DETAIL) if self.procedure else self.screen

    def take_number_for_procedure(self) -> str:
        """'Lấy số cho thủ tục này' on the detail page: the field and procedure are already known."""
        tile = next((t for t in self.tiles() if t.code == self.procedure["field"]), None)
        if tile is None or not tile.enabled or not self.can_take_number():
            return self.screen
        self.choice = Choice(field=tile.code, field_name=tile.name, procedure=self.procedure["code"],
                             procedure_name=self.procedure["name"])
        return self.go(self._after_procedure())

    def type_key(self, key: str) -> str:
        """The on-screen keyboard: a letter, 'space' or 'backspace'."""
        if key == "backspace":
            self.search = self.search[:-1]
        elif key == "space":
            self.search = self.search + " " if self.search and not self.search.endswith(" ") else self.search
        elif len(self.search) < 60:
            self.search += key
        return self.search

    def _after_procedure(self) -> str:
        return PRIORITY if self.priorities() else TICKET
