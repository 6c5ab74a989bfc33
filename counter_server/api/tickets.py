"""Tickets: issued by kiosks, cancelled or requeued by staff, listed for managers."""
from datetime import date

from apiflask import APIBlueprint
from flask import current_app, url_for
from sqlalchemy import func, select

from ..domain import calendar
from ..extensions import bearer_key, limiter
from ..models import Centre, Ticket
from ..services import cancel as cancel_ticket, issue_ticket, requeue as requeue_ticket
from ..services.counters import view_ticket
from .auth import KIOSK_ROLES, MANAGER_ROLES, STAFF_ROLES, auth
from .errors import refuse
from .public import queue
from .schemas import IdempotencyHeader, IssuedTicketOut, StatusOut, TicketList, TicketLogQuery, TicketRequest

bp = APIBlueprint("tickets", __name__, url_prefix="/api/v1", tag="Tickets")
IDEMPOTENCY_KEY_MAX = 100


def track_url(token: str) -> str:
    """Where the ticket's QR code points: answers 200 from the moment the ticket exists."""
    base = current_app.config.get("PUBLIC_URL")
    path = url_for("public.track", token=token)
    return base.rstrip("/") + path if base else url_for("public.track", token=token, _external=True)


@bp.post("/tickets")
@limiter.limit(lambda: current_app.config["KIOSK_RATE_LIMIT"], key_func=bearer_key)
@bp.auth_required(auth, roles=KIOSK_ROLES)
@bp.input(IdempotencyHeader, location="headers", arg_name="headers")
@bp.input(TicketRequest, arg_name="body")
@bp.output(IssuedTicketOut, status_code=201)
@bp.doc(summary="Issue a ticket (kiosks only); repeat with the same Idempotency-Key to get the same ticket",
        responses=[401, 403, 404, 409, 422, 429])
def issue(headers, body):
    kiosk = auth.current_user
    key = headers["idempotency_key"]
    if key is not None and not 0 < len(key) <= IDEMPOTENCY_KEY_MAX:
        raise refuse(422, "invalid_idempotency_key",
                              f"Idempotency-Key phải dài từ 1 đến {IDEMPOTENCY_KEY_MAX} ký tự.")
    ticket = issue_ticket(queue(), centre_id=kiosk.centre_id, field=body["field"],
                          procedure=body["procedure"], priority=body["priority"],
                          kiosk_id=kiosk.id, idempotency_key=key)
    result = vars(ticket) | {"track_url": track_url(ticket.tracking_token)}
    return result, 200 if ticket.replayed else 201


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
    user = auth.current_user
    try:
        day = date.fromisoformat(query["day"]) if query["day"] else None
    except ValueError:
        raise refuse(422, "invalid_day", "Ngày phải có dạng YYYY-MM-DD.")

    def work(session):
        nonlocal day
        if day is None:
            timezone = session.scalar(select(Centre.timezone).where(Centre.id == user.centre_id))
            day = calendar.service_day(timezone, queue().clock())
        where = [Ticket.centre_id == user.centre_id, Ticket.service_day == day]
        if query["status"]:
            where.append(Ticket.status == query["status"])
        total = session.scalar(select(func.count()).select_from(Ticket).where(*where))
        ids = session.scalars(select(Ticket.id).where(*where).order_by(Ticket.issued_at, Ticket.id)
                              .limit(query["limit"]).offset(query["offset"]))
        return {"items": [view_ticket(session, ticket_id) for ticket_id in ids], "total": total}
    return queue().read(work)
