"""Tickets: issued by kiosks, cancelled or requeued by staff, listed for managers."""
import json
import time
from datetime import date
from functools import lru_cache

from apiflask import APIBlueprint
from flask import Response, current_app, request
from limits import parse as parse_limit
from werkzeug.sansio.utils import get_current_url

from ..edge import queue
from ..extensions import limiter
from ..services import cancel as cancel_ticket, issue_ticket, requeue as requeue_ticket
from ..services.dossiers import link_result_ticket
from ..services.ticket_log import ticket_log as read_ticket_log
from .auth import KIOSK_ROLES, MANAGER_ROLES, STAFF_ROLES, auth
from .errors import refuse
from .schemas import IssuedTicketOut, StatusOut, TicketList, TicketLogQuery, TicketRequest

bp = APIBlueprint("tickets", __name__, url_prefix="/api/v1", tag="Tickets")
IDEMPOTENCY_KEY_MAX = 100


TRACK_PATH = "/t/"  # the tracking page for phones; its data is GET /api/v1/tickets/track/<token>


def public_base() -> str:
    """The address citizens reach the server at (COUNTER_SERVER_PUBLIC_URL, else this request's
    host): the base of every link printed for them, in a ticket's or a slip's QR code."""
    return (current_app.config.get("PUBLIC_URL") or _host_url(request.scheme, request.host)).rstrip("/")


def track_url(token: str) -> str:
    """Where the ticket's QR code points: answers 200 from the moment the ticket exists."""
    return public_base() + TRACK_PATH + token


@lru_cache(maxsize=64)
def _host_url(scheme: str, host: str) -> str:
    """request.host_url, worked out once per host: on the kiosks' hot path it cost more than the
    statement that numbers the ticket."""
    return get_current_url(scheme, host)


@bp.post("/tickets")
@bp.auth_required(auth, roles=KIOSK_ROLES)
@bp.input(TicketRequest, arg_name="body")
@bp.output(IssuedTicketOut, status_code=201)
@bp.doc(summary="Issue a ticket (kiosks only); repeat with the same Idempotency-Key to get the same ticket",
        description="Header `Idempotency-Key` (optional, 1-100 characters): a key the kiosk makes per tap; "
                    "a request repeated with it the same service day returns the ticket already issued (200) "
                    "instead of a new one.",
        responses=[200, 401, 403, 404, 409, 422, 429])
def issue(body):
    kiosk = auth.current_user
    check_kiosk_rate(kiosk.id)
    key = request.headers.get("Idempotency-Key")
    if key is not None and not 0 < len(key) <= IDEMPOTENCY_KEY_MAX:
        raise refuse(422, "invalid_idempotency_key",
                     f"Idempotency-Key phải dài từ 1 đến {IDEMPOTENCY_KEY_MAX} ký tự.")
    ticket = issue_ticket(queue(), centre_id=kiosk.centre_id, field=body["field"],
                          procedure=body["procedure"], priority=body["priority"],
                          kiosk_id=kiosk.id, idempotency_key=key)
    # Serialised by hand: this is the kiosks' hot path (IssuedTicketOut documents the same shape).
    payload = {"id": ticket.id, "number": ticket.number, "field": ticket.field, "procedure": ticket.procedure,
               "priority": ticket.priority, "status": str(ticket.status), "issued_at": ticket.issued_at.isoformat(),
               "waiting_ahead": ticket.waiting_ahead, "estimated_wait_minutes": ticket.estimated_wait_minutes,
               "track_url": track_url(ticket.tracking_token), "dossier_code": None}
    if body.get("dossier_code"):   # collecting a result: off the hot path
        payload["dossier_code"] = link_result_ticket(queue(), kiosk.centre_id, ticket.id, body["dossier_code"])
    return Response(json.dumps(payload, ensure_ascii=False), 200 if ticket.replayed else 201,
                    mimetype="application/json")


def check_kiosk_rate(kiosk_id: int) -> None:
    """At most COUNTER_SERVER_KIOSK_RATE_LIMIT tickets per kiosk (Flask-Limiter's storage and strategy)."""
    check_rate(current_app.config["KIOSK_RATE_LIMIT"], "kiosk-issue", kiosk_id,
               "Thao tác quá nhanh, vui lòng thử lại sau ít phút.")


def check_rate(limit_text: str, scope: str, key, message: str) -> None:
    """One hit of `key` against `limit_text` ("30/minute") in `scope`; over it: 429 with Retry-After."""
    limit = _parse_limit(limit_text)
    if not limiter.limiter.hit(limit, scope, str(key)):
        reset = limiter.limiter.get_window_stats(limit, scope, str(key)).reset_time
        error = refuse(429, "rate_limited", message)
        error.headers = {"Retry-After": str(max(1, int(reset - time.time())))}
        raise error


@lru_cache(maxsize=8)
def _parse_limit(text: str):
    return parse_limit(text)


def document_idempotency_key(spec: dict) -> dict:
    """Add the Idempotency-Key header to the OpenAPI operation (the view reads it without webargs)."""
    operation = spec["paths"]["/api/v1/tickets"]["post"]
    operation.setdefault("parameters", []).append({
        "in": "header", "name": "Idempotency-Key", "required": False,
        "schema": {"type": "string", "minLength": 1, "maxLength": IDEMPOTENCY_KEY_MAX},
        "description": "A key the kiosk makes per tap; a request repeated with it the same service day "
                       "returns the ticket already issued (200) instead of a new one (201)."})
    return spec


@bp.post("/tickets/<int:ticket_id>/cancel")
@bp.auth_required(auth, roles=STAFF_ROLES)
@bp.output(StatusOut)
@bp.doc(summary="Cancel a ticket that has not been served", responses=[401, 403, 404, 409])
def cancel(ticket_id):
    user = auth.current_user
    return {"status": cancel_ticket(queue(), user.centre_id, ticket_id, user.id)}


@bp.post("/tickets/<int:ticket_id>/requeue")
@bp.auth_required(auth, roles=STAFF_ROLES)
@bp.output(StatusOut)
@bp.doc(summary="Put a no-show back in the queue, in its original place", responses=[401, 403, 404, 409])
def requeue(ticket_id):
    user = auth.current_user
    return {"status": requeue_ticket(queue(), user.centre_id, ticket_id, user.id)}


@bp.get("/tickets")
@bp.auth_required(auth, roles=MANAGER_ROLES)
@bp.input(TicketLogQuery, location="query", arg_name="query")
@bp.output(TicketList)
@bp.doc(summary="The day's tickets, in issue order (managers)", responses=[401, 403, 422])
def ticket_log(query):
    page, total = read_ticket_log(queue(), auth.current_user.centre_id, _service_day(query["day"]),
                                  query["status"], query["limit"], query["offset"])
    return {"items": page, "total": total}


def _service_day(day: date | str | None) -> date | None:
    """The `day` parameter as a date (the schema may hand it over as text or already parsed)."""
    if not day or isinstance(day, date):
        return day or None
    try:
        return date.fromisoformat(day)
    except ValueError:
        raise refuse(422, "invalid_day", "Ngày phải có dạng YYYY-MM-DD.")
