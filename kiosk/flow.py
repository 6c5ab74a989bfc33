"""Which screen comes next and what each one says: plain Python, no Kivy.

The screens call these methods on a tap and draw what they return; the tests walk the same
flow with no window.
"""
from dataclasses import dataclass, field, replace

from .catalogue_cache import Catalogue
from .dossier_status import RESULT_READY, LookupAnswer, code_from_scan
from .field_icons import icon_for
from .i18n import text
from .printing.wording import document_kind, expected_wait, how_to_bring
from .take_number import Choice, Outcome

HOME, FIELDS, PROCEDURES, PRIORITY, TICKET = "home", "fields", "procedures", "priority", "ticket"
LOOKUP, DETAIL, SERVICE = "lookup", "detail", "service"
COLLECT, DOSSIER_STATUS = "collect", "dossier_status"   # «Nhận kết quả», «Tra cứu hồ sơ»
SCREENS = (HOME, FIELDS, PROCEDURES, PRIORITY, TICKET, LOOKUP, DETAIL, SERVICE, COLLECT, DOSSIER_STATUS)
# The steps of the dossier status screen: the slip's code, the phone's last four digits, the answer.
CODE_STEP, PHONE_STEP, ANSWER_STEP = "code", "phone", "answer"
CODE_KEYS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-."
MAX_CODE = 40

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
    counters: tuple[int, ...] = ()   # the open counters that call it


def field_tiles(fields: list[dict], language: str) -> list[FieldTile]:
    """The server's fields as tiles: closed or full ones greyed, with the reason in plain words.
    The queue for collecting results is no field to choose: the home screen offers it."""
    tiles = []
    for index, item in enumerate(item for item in fields if not item.get("for_results")):
        tiles.append(FieldTile(
            code=item["code"], name=field_name(item, language), prefix=item.get("prefix", ""),
            colour=FIELD_COLOURS[index % len(FIELD_COLOURS)],
            waiting_line=text("field.waiting", language, count=item.get("waiting", 0)),
            enabled=bool(item.get("is_open", True)), reason=closed_reason(item, language), icon=icon_for(item["code"]),
            counters=tuple(item.get("counters") or ())))
    return tiles


def field_name(item: dict, language: str) -> str:
    """The field's name in the kiosk's language (Vietnamese when it has no English name)."""
    return item["name_en"] if language == "en" and item.get("name_en") else item["name_vi"]


def closed_reason(item: dict, language: str) -> str:
    """Why a field takes no number now, in plain words ('' while it is open)."""
    if item.get("is_open", True):
        return ""
    return text(f"field.closed.{item.get('closed_reason') or 'field_closed'}", language)


@dataclass(frozen=True)
class HomeChoice:
    """A home button that depends on the centre: shown or not, usable or greyed with the reason."""

    shown: bool
    enabled: bool
    hint: str


def wait_line(minutes: int, language: str) -> str:
    """'Thời gian chờ dự kiến: khoảng 12 phút': the same figure and words as the printed ticket."""
    if minutes <= 0:
        return text("ticket.wait_none", language)
    if language == "vi":
        return text("ticket.wait", language, duration=expected_wait(minutes))
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} hour" + ("s" if hours > 1 else "")] if hours else []) + ([f"{rest} minute" + ("s" if rest > 1 else "")] if rest else [])
    return text("ticket.wait", language, duration="about " + " ".join(parts))


def at_desk(procedure: dict) -> bool:
    """The desk receives the procedure (a copy of the catalogue from before the flag: yes)."""
    return procedure.get("ticketable", True) is not False


def document_line(document: dict, language: str) -> str:
    """'Nộp 1 bản chính', 'Nộp 2 bản sao có chứng thực', 'Mang bản chính để xuất trình (không nộp)'."""
    return how_to_bring(document_kind(document), int(document.get("originals") or 0),
                        int(document.get("copies") or 0), language)


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
    dossier_line: str = ""
    counters_line: str = ""


def counters_line(counters: tuple[int, ...], language: str) -> str:
    """'Quầy phục vụ: 1, 2 — mời theo dõi màn hình và loa gọi số' ('' when the server named none)."""
    if not counters:
        return text("ticket.watch_board", language)
    key = "ticket.counters_one" if len(counters) == 1 else "ticket.counters"
    return text(key, language, counters=", ".join(str(number) for number in counters))


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
                      printed=bool(outcome.printed and outcome.printed.printed),
                      dossier_line=dossier_line(ticket.dossier_code, choice.dossier_code, language),
                      counters_line=counters_line(choice.counters, language))


def dossier_line(found: str | None, given: str | None, language: str) -> str:
    """Collecting a result: the dossier the counter will see, or that the code given was not found
    (the ticket stands: the officer looks the dossier up)."""
    if found:
        return text("ticket.dossier", language, code=found)
    return text("ticket.dossier_unknown", language, code=given) if given else ""


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
    dossier_code: str = ""          # read from the slip: typed, or its QR code scanned
    code_unreadable: bool = False   # something was scanned or typed that holds no dossier code
    phone_last4: str = ""
    status_step: str = CODE_STEP
    status_answer: LookupAnswer | None = None

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

    def results_field(self) -> dict | None:
        """The centre's queue for collecting results (for_results), live or from the kept copy."""
        fields = self.fields or (self.catalogue.fields if self.catalogue else [])
        return next((item for item in fields if item.get("for_results")), None)

    def collect_choice(self) -> HomeChoice:
        """«Nhận kết quả» on the home screen: hidden when the centre has no queue for results,
        greyed when it is closed or the server cannot be reached."""
        item = self.results_field()
        if item is None:
            return HomeChoice(False, False, "")
        reason = closed_reason(item, self.language) if self.fields else ""
        return HomeChoice(True, self.online and not reason, reason or text("home.collect_hint", self.language))

    def can_ask_status(self) -> bool:
        """The phone's four digits and a code are in: the look-up may be asked."""
        return bool(self.dossier_code) and len(self.phone_last4) == 4

    # --- taps -----------------------------------------------------------------------------
    def go(self, screen: str) -> str:
        if screen != self.screen:
            self.history.append(self.screen)
            self.screen = screen
        return self.screen

    def back(self) -> str:
        """One step back; the ticket screen always goes home (the ticket is taken); the dossier
        status screen steps back inside itself first."""
        if self.screen == DOSSIER_STATUS and self.status_step != CODE_STEP:
            self.status_step = PHONE_STEP if self.status_step == ANSWER_STEP else CODE_STEP
            self.phone_last4, self.status_answer = "", None
            return self.screen
        if self.screen == TICKET or not self.history:
            return self.home()
        self.screen = self.history.pop()
        return self.screen

    def home(self) -> str:
        """Home, forgetting every choice and typed word (privacy for the next citizen): the
        dossier code and the phone's digits too."""
        self.screen, self.history, self.choice, self.procedure = HOME, [], None, None
        self.search, self.lookup_field = "", None
        self._forget_dossier()
        return HOME

    def _forget_dossier(self) -> None:
        self.dossier_code, self.code_unreadable, self.phone_last4 = "", False, ""
        self.status_step, self.status_answer = CODE_STEP, None

    def take_number(self) -> str:
        """'Lấy số thứ tự': the fields, if the server can be reached."""
        return self.go(FIELDS) if self.can_take_number() else self.screen

    def pick_field(self, code: str) -> str:
        """A field tile: greyed ones do nothing; then its procedures, else the priority question."""
        tile = next((t for t in self.tiles() if t.code == code), None)
        if tile is None or not tile.enabled or not self.can_take_number():
            return self.screen
        self.choice = Choice(field=tile.code, field_name=tile.name, counters=tile.counters)
        return self.go(PROCEDURES if self.procedures_of(code) else self._after_procedure())

    def pick_procedure(self, code: str | None) -> str:
        """A procedure in the field, or None for 'skip'. One the desk does not take opens its page
        instead, which says where to go (there is no number for it)."""
        procedure = next((p for p in self.procedures_of(self.choice.field) if p["code"] == code), None)
        if procedure is not None and not at_desk(procedure):
            return self.open_procedure(procedure["code"])
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
        if (tile is None or not tile.enabled or not self.can_take_number()
                or not at_desk(self.procedure)):
            return self.screen
        self.choice = Choice(field=tile.code, field_name=tile.name, procedure=self.procedure["code"],
                             procedure_name=self.procedure["name"], counters=tile.counters)
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

    # --- collecting a result («Nhận kết quả») and the dossier's status («Tra cứu hồ sơ») ---------
    def collect(self) -> str:
        """«Nhận kết quả»: the slip's code (optional), if the centre has an open queue for results."""
        if not self.collect_choice().enabled:
            return self.screen
        self._forget_dossier()
        return self.go(COLLECT)

    def take_number_to_collect(self, with_code: bool = True) -> str:
        """'Lấy số' on the collect screen (with the code read, if any), or 'no code: take a number'.
        Then the priority question, as for any ticket."""
        item = self.results_field()
        if item is None or not self.collect_choice().enabled or (with_code and not self.dossier_code):
            return self.screen
        self.choice = Choice(field=item["code"], field_name=field_name(item, self.language),
                             dossier_code=self.dossier_code if with_code else None,
                             counters=tuple(item.get("counters") or ()))
        return self.go(self._after_procedure())

    def check_status(self) -> str:
        """«Tra cứu hồ sơ»: needs the server (the kiosk keeps no dossiers)."""
        if not self.online:
            return self.screen
        self._forget_dossier()
        return self.go(DOSSIER_STATUS)

    def read_code(self, typed: str) -> str:
        """What the scanner (as a keyboard) or a finger put in the code box: a bare code, or the
        slip's QR code (the status page's address) whose `code` is taken."""
        self.dossier_code = code_from_scan(typed)
        self.code_unreadable = bool(typed.strip()) and not self.dossier_code
        return self.dossier_code

    def type_code(self, key: str) -> str:
        """The code keyboard: a letter, a digit, '-', '.', 'backspace' or 'clear'."""
        if key == "clear":
            code = ""
        elif key == "backspace":
            code = self.dossier_code[:-1]
        elif key in CODE_KEYS and len(self.dossier_code) < MAX_CODE:
            code = self.dossier_code + key
        else:
            code = self.dossier_code
        self.dossier_code, self.code_unreadable = code, False
        return code

    def code_entered(self) -> str:
        """'Tiếp tục' after the code: the phone's last four digits next."""
        if self.screen == DOSSIER_STATUS and self.dossier_code:
            self.status_step, self.phone_last4, self.status_answer = PHONE_STEP, "", None
        return self.screen

    def type_digit(self, key: str) -> str:
        """The big numeric keypad: a digit, 'backspace' or 'clear'; four digits at most."""
        if key == "clear":
            self.phone_last4 = ""
        elif key == "backspace":
            self.phone_last4 = self.phone_last4[:-1]
        elif len(key) == 1 and key in "0123456789" and len(self.phone_last4) < 4:
            self.phone_last4 += key
        return self.phone_last4

    def answered(self, answer: LookupAnswer) -> str:
        """The server answered (or could not be reached): the answer step shows it."""
        if self.screen == DOSSIER_STATUS:
            self.status_step, self.status_answer = ANSWER_STEP, answer
        return self.screen

    def look_up_another(self, keep_code: bool = False) -> str:
        """Back to the code step: a new look-up, or the same code again after 'not found'."""
        code = self.dossier_code if keep_code else ""
        self._forget_dossier()
        self.dossier_code = code
        return self.screen

    def collect_found_dossier(self) -> str:
        """'Lấy số nhận kết quả' under a dossier whose result is ready: its code is known already."""
        answer = self.status_answer
        if answer is None or answer.status is None or answer.status.get("status") != RESULT_READY:
            return self.screen
        self.dossier_code = answer.status.get("code") or self.dossier_code
        return self.take_number_to_collect()

    def _after_procedure(self) -> str:
        return PRIORITY if self.priorities() else TICKET
