"""HTTP client from the kiosk to the counter server. Knows nothing of Kivy: the screens call it
from a worker thread and come back on the Kivy clock.

Taking a number is safe to repeat: every tap gets one Idempotency-Key, and a request lost to the
network is sent again with the same key, so the server answers with the ticket it already issued
instead of a second one.
"""
import logging
import time
import uuid
from dataclasses import dataclass, fields

import httpx

log = logging.getLogger(__name__)

UNREACHABLE_VI = "Không kết nối được máy chủ. Xin vui lòng chờ trong giây lát hoặc báo cán bộ."
UNREACHABLE_EN = "The queue server cannot be reached. Please wait a moment or ask a member of staff."


class ServerUnavailable(Exception):
    """The server did not answer (network down, time-out, server error) even after retrying."""

    message_vi, message_en = UNREACHABLE_VI, UNREACHABLE_EN


class Refused(Exception):
    """The server answered no (closed field, outside opening hours, ...), with its own words."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass(frozen=True)
class IssuedTicket:
    """The ticket as the server issued it (POST /api/v1/tickets)."""

    id: int
    number: str
    field: str
    procedure: str | None
    priority: str | None
    status: str
    issued_at: str
    waiting_ahead: int
    estimated_wait_minutes: int
    track_url: str
    dossier_code: str | None = None   # collecting a result: the dossier the server linked, if found
    repeated: bool = False

    @classmethod
    def from_json(cls, body: dict, repeated: bool = False) -> "IssuedTicket":
        """The ticket from the server's answer, keeping only the fields this kiosk knows: a newer
        server may add fields, and a kiosk updated later must still take numbers meanwhile."""
        known = {item.name for item in fields(cls)} - {"repeated"}
        return cls(**{name: value for name, value in body.items() if name in known}, repeated=repeated)


class CounterServerClient:
    """Calls the counter server's API with the kiosk's device token."""

    def __init__(self, base_url: str, token: str, timeout: float = 3.0, attempts: int = 3,
                 backoff: float = 0.3, transport: httpx.BaseTransport | None = None):
        self.attempts, self.backoff = attempts, backoff
        self.http = httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout, transport=transport,
                                 headers={"Authorization": f"Bearer {token}"})

    def close(self) -> None:
        self.http.close()

    def fields(self) -> list[dict]:
        """Fields with their waiting counts and open/closed state."""
        return self.fields_and_catalogue_version()[0]

    def fields_and_catalogue_version(self) -> tuple[list[dict], str]:
        """The fields, and the catalogue's version: when it changes, the kiosk's copy is stale."""
        response = self._send("GET", "/api/v1/fields", params={"limit": 500})
        return response.json()["items"], response.headers.get("X-Catalogue-Version", "")

    def priorities(self) -> list[dict]:
        """Priority categories, in display order."""
        return self._send("GET", "/api/v1/priorities", params={"limit": 500}).json()["items"]

    def procedures(self, q: str | None = None, field: str | None = None, limit: int = 50) -> list[dict]:
        """Procedures matching `q` (accent-insensitive) in `field`."""
        params = {key: value for key, value in {"q": q, "field": field, "limit": limit}.items() if value}
        return self._send("GET", "/api/v1/procedures", params=params).json()["items"]

    def all_procedures(self, page: int = 500) -> list[dict]:
        """The whole catalogue, page by page (for the kiosk's offline copy)."""
        found, offset = [], 0
        while True:
            body = self._send("GET", "/api/v1/procedures", params={"limit": page, "offset": offset}).json()
            found += body["items"]
            offset += page
            if offset >= body["total"]:
                return found

    def take_ticket(self, field: str, procedure: str | None = None, priority: str | None = None,
                    key: str | None = None, dossier_code: str | None = None) -> IssuedTicket:
        """One tap, one ticket: retried with the same Idempotency-Key when the network drops.
        `dossier_code` (collecting a result) names the dossier on the citizen's slip."""
        key = key or uuid.uuid4().hex
        body = {"field": field, "procedure": procedure, "priority": priority}
        if dossier_code:
            body["dossier_code"] = dossier_code
        response = self._send("POST", "/api/v1/tickets", headers={"Idempotency-Key": key}, json=body)
        return IssuedTicket.from_json(response.json(), repeated=response.status_code == 200)

    def lookup_dossier(self, code: str, phone_last4: str) -> dict:
        """A dossier's status (tra cứu hồ sơ) by its code and the phone's last four digits: the same
        answer as the /ho-so page. Unknown code or wrong digits: Refused 404; too many tries: 429."""
        return self._send("GET", "/api/v1/dossiers/lookup", params={"code": code, "phone_last4": phone_last4}).json()

    def heartbeat(self, printer_state: str) -> dict:
        """Tell the server the kiosk is alive and how its printer is."""
        return self._send("POST", "/api/v1/kiosks/heartbeat", json={"printer_state": printer_state}).json()

    def _send(self, method: str, path: str, **kwargs) -> httpx.Response:
        """Send with retries on network failures and 5xx; 4xx answers become Refused."""
        for attempt in range(1, self.attempts + 1):
            try:
                response = self.http.request(method, path, **kwargs)
            except httpx.TransportError as error:
                log.warning("%s %s failed (attempt %d): %s", method, path, attempt, type(error).__name__)
            else:
                if response.status_code < 500:
                    if response.status_code >= 400:
                        body = _json_or_empty(response)
                        raise Refused(response.status_code, body.get("error", "refused"),
                                      body.get("message", "Yêu cầu không được chấp nhận."))
                    return response
                log.warning("%s %s answered %d (attempt %d)", method, path, response.status_code, attempt)
            if attempt < self.attempts:
                time.sleep(self.backoff * attempt)
        raise ServerUnavailable(f"{method} {path}")


def _json_or_empty(response: httpx.Response) -> dict:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
