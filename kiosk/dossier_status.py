"""A dossier (hồ sơ) at the kiosk: the code read from the slip (typed, or its QR code scanned) and
the status look-up's answer in plain words. Plain Python: no Kivy."""
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qs, urlsplit

from .client import CounterServerClient, Refused, ServerUnavailable
from .i18n import text

CODE = re.compile(r"[A-Za-z0-9.\-]{1,80}")   # "PHUONG-DEMO-261126-0001", "000.00.15.H12-261126-0001"
RESULT_READY = "result_ready"
STATUSES = ("received", "processing", "supplement_requested", "result_ready", "returned", "refused", "withdrawn",
            "stopped")


def code_from_scan(scanned: str) -> str:
    """The dossier code in what a scanner or a finger typed: a bare code, or the slip's QR code
    (the status page's address, `…/ho-so?code=<code>`). "" when it holds no code (another QR code,
    an identity card's, a half-typed address)."""
    scanned = scanned.strip()
    if "?" in scanned or "://" in scanned:
        found = parse_qs(urlsplit(scanned).query).get("code", [""])[0].strip()
    else:
        found = scanned
    return found if CODE.fullmatch(found) else ""


@dataclass(frozen=True)
class DossierView:
    """What the status screen says after asking: the status large, then the facts; or why not."""

    found: bool
    headline: str
    rows: tuple[tuple[str, str], ...] = ()
    explanation: str = ""
    status: str = ""
    code: str = ""

    @property
    def result_ready(self) -> bool:
        return self.found and self.status == RESULT_READY


def status_words(answer: dict, language: str) -> str:
    """The server's Vietnamese words for the stage; in English the kiosk's own words for its code."""
    if language == "vi" and answer.get("status_words"):
        return answer["status_words"]
    if answer.get("status") in STATUSES:
        return text(f"dossier.status.{answer['status']}", language)
    return answer.get("status_words") or answer.get("status", "")


def day(iso: str | None) -> str:
    """'2026-12-01' → '01/12/2026', as on the slip."""
    return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


@dataclass(frozen=True)
class LookupAnswer:
    """The server's answer as it came: the dossier's status, or the problem ('not_found',
    'too_many', 'unavailable', 'refused' with the server's message). Worded when drawn, so that
    the language toggle changes it."""

    status: dict | None = None
    problem: str = ""
    message: str = ""


def dossier_view(answer: LookupAnswer, language: str) -> DossierView:
    """The answer in large plain words: what /ho-so shows, or why there is nothing to show."""
    if answer.status is not None:
        return found_view(answer.status, language)
    if answer.problem in ("not_found", "too_many", "unavailable"):
        return DossierView(False, text(f"dossier.{answer.problem}_title", language),
                           explanation=text(f"dossier.{answer.problem}", language))
    return DossierView(False, text("dossier.not_found_title", language), explanation=answer.message)


def found_view(status: dict, language: str) -> DossierView:
    """The status for a right code and phone suffix: the stage large, then the facts."""
    rows = (("dossier.procedure", status.get("procedure_name") or status.get("procedure", "")),
            ("dossier.code", status.get("code", "")),
            ("dossier.received", day(status.get("received_date"))),
            ("dossier.due", day(status.get("due_date"))),
            ("dossier.collect_at", status.get("collect_at", "")))
    ready = status.get("status") == RESULT_READY
    return DossierView(True, status_words(status, language),
                       tuple((text(key, language), value) for key, value in rows if value),
                       text("dossier.come_to_collect", language) if ready else "",
                       status.get("status", ""), status.get("code", ""))


def look_up(client: CounterServerClient, code: str, phone_last4: str) -> LookupAnswer:
    """Ask the server (from a worker thread); never raises for a refusal or a server that cannot
    be reached. An unknown code and a wrong phone suffix are both 'not_found', as the server says."""
    try:
        return LookupAnswer(client.lookup_dossier(code, phone_last4))
    except Refused as refused:
        problem = {404: "not_found", 429: "too_many"}.get(refused.status, "refused")
        return LookupAnswer(problem=problem, message=refused.message)
    except ServerUnavailable:
        return LookupAnswer(problem="unavailable")
