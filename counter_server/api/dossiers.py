"""Dossiers received at the counter: POST /dossiers (staff), GET /dossiers/<id> (the centre's
staff, managers and admins: it holds the applicant's personal data)."""
from dataclasses import asdict

from apiflask import APIBlueprint
from flask import Response, current_app, request

from ..domain.dossiers import Applicant
from ..domain.id_card import read_card
from ..edge import centre_id_for, queue
from ..extensions import limiter
from ..forms.receipt import receipt_pdf, slip
from ..domain.dossier_lifecycle import say
from ..services.dossier_moves import Move, control_sheet, move_dossier
from ..services.dossiers import DossierView, Intake, get_dossier, look_up, receipt_facts, receive_dossier
from .auth import MANAGER_ROLES, STAFF_ROLES, auth, verify_token
from .dossier_schemas import ControlSheetOut, MoveIn, MovedOut
from .tickets import check_rate, public_base
from .schemas import (
    CardOut, DossierOut, DossierReceivedOut, DossierRequest, DossierStatusOut, LookupQuery, PaperQuery, ScanIn,
)

bp = APIBlueprint("dossiers", __name__, url_prefix="/api/v1", tag="Dossiers")
ALL_STAFF = sorted(set(STAFF_ROLES + MANAGER_ROLES))   # the centre's officers, managers and admins


def lookup_url(code: str) -> str:
    """The citizens' status page for a dossier (/ho-so), as the slip's QR code prints it."""
    return f"{public_base()}/ho-so?code={code}"


def _shaped(dossier: DossierView) -> dict:
    return {**asdict(dossier), "due_date": dossier.due_date, "applicant": asdict(dossier.applicant),
            "receipt_url": f"{request.host_url.rstrip('/')}/api/v1/dossiers/{dossier.id}/receipt.pdf",
            "lookup_url": lookup_url(dossier.code)}


@bp.post("/dossiers")
@bp.auth_required(auth, roles=STAFF_ROLES)
@bp.input(DossierRequest, arg_name="body")
@bp.output(DossierReceivedOut, status_code=201)
@bp.doc(summary="Receive a dossier: its code, its appointment from the working-day calendar, the checklist",
        responses=[401, 403, 404, 409, 422])
def receive(body):
    user = auth.current_user
    intake = Intake(procedure=body["procedure"], applicant=Applicant(**body["applicant"]),
                    ticket_id=body["ticket_id"], documents=body["documents"], sets=body["sets"], notes=body["notes"],
                    due_date=body["due_date"], due_reason=body["due_reason"])
    return _shaped(receive_dossier(queue(), user.centre_id, user.id, intake)), 201


@bp.get("/dossiers/<int:dossier_id>")
@bp.auth_required(auth, roles=ALL_STAFF)
@bp.output(DossierOut)
@bp.doc(summary="One dossier with its applicant (the centre's own staff, managers and admins)",
        responses=[401, 403, 404])
def dossier(dossier_id):
    return _shaped(get_dossier(queue(), auth.current_user.centre_id, dossier_id))


@bp.post("/dossiers/<int:dossier_id>/transitions")
@bp.auth_required(auth, roles=ALL_STAFF)
@bp.input(MoveIn, arg_name="body")
@bp.output(MovedOut, status_code=201)
@bp.doc(summary="Move a dossier on: hand it to a unit, ask for documents, mark its result ready or returned, "
                "refuse, withdraw, stop, or extend its due date (with a reason)",
        description="Checked against the lifecycle table: a move it does not allow is 409 wrong_move, saying "
                    "where the dossier may go from where it is; a missing reason, unit or working day is 422.",
        responses=[401, 403, 404, 409, 422])
def transition(dossier_id, body):
    user = auth.current_user
    status = move_dossier(queue(), user.centre_id, user.id, dossier_id, Move(**body))
    return {"id": dossier_id, "status": status, "status_words": say(status)}, 201


@bp.get("/dossiers/<int:dossier_id>/control-sheet")
@bp.auth_required(auth, roles=ALL_STAFF)
@bp.output(ControlSheetOut)
@bp.doc(summary="The processing control sheet (form 06): the hand-offs in order, the receipt first, each early, "
                "on time or late against the due date in force", responses=[401, 403, 404])
def sheet(dossier_id):
    return {"items": control_sheet(queue(), auth.current_user.centre_id, dossier_id)}


@bp.get("/dossiers/<int:dossier_id>/receipt.pdf")
@bp.auth_required(auth, roles=ALL_STAFF)
@bp.input(PaperQuery, location="query", arg_name="query")
@bp.doc(summary="Form 01, the receipt-and-appointment slip, in two copies (A4 or A5), as PDF",
        responses={200: {"description": "The slip", "content": {"application/pdf": {}}}, 401: "not signed in",
                   403: "not the centre's staff or managers", 404: "no such dossier in this centre", 422: "paper"})
def receipt(dossier_id, query):
    facts = receipt_facts(queue(), auth.current_user.centre_id, dossier_id)
    pdf = receipt_pdf(slip(facts, lookup_url(facts.dossier.code), query["paper"]))
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="giay-tiep-nhan-{facts.dossier.code}.pdf"',
        "Cache-Control": "no-store"})


def lookup_limit() -> str:
    return current_app.config["LOOKUP_RATE_LIMIT"]


def asking_kiosk():
    """The kiosk whose token a look-up carries (a kiosk in the hall asks for many citizens), or None."""
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer kt_"):
        return None
    principal = verify_token(header[len("Bearer "):])
    return principal if principal is not None and principal.kind == "kiosk" else None


# One allowance per address for the API and the /ho-so page together (guessing codes and suffixes);
# a kiosk has its own (COUNTER_SERVER_KIOSK_LOOKUP_RATE_LIMIT), checked in the view.
lookups_limited = limiter.shared_limit(lookup_limit, scope="dossier-lookup",
                                       exempt_when=lambda: "code" not in request.args or asking_kiosk() is not None)


@bp.get("/dossiers/lookup")
@lookups_limited
@bp.input(LookupQuery, location="query", arg_name="query")
@bp.output(DossierStatusOut)
@bp.doc(summary="A dossier's status for the citizen: its code and the last four digits of the phone on the slip",
        description="Public; nothing personal. A wrong phone suffix is answered exactly like an unknown code "
                    "(404); the code's letters may be in either case. Limited per address "
                    "(COUNTER_SERVER_LOOKUP_RATE_LIMIT, with the /ho-so page). A kiosk sending its token looks "
                    "up its own centre's dossiers, with its own allowance (COUNTER_SERVER_KIOSK_LOOKUP_RATE_LIMIT).",
        responses=[404, 422, 429])
def lookup(query):
    kiosk = asking_kiosk()
    if kiosk is not None:
        check_rate(current_app.config["KIOSK_LOOKUP_RATE_LIMIT"], "kiosk-lookup", kiosk.id,
                   "Tra cứu quá nhiều lần. Xin đợi một phút rồi thử lại.")
    centre_id = kiosk.centre_id if kiosk is not None else centre_id_for(query["centre"])
    return look_up(queue(), centre_id, query["code"].strip(), query["phone_last4"])


@bp.post("/id-card/read")
@bp.auth_required(auth, roles=STAFF_ROLES)
@bp.input(ScanIn, arg_name="body")
@bp.output(CardOut)
@bp.doc(summary="Read the QR text of the citizen's chip ID card (CCCD or căn cước) into the intake form's fields",
        description="Nothing is stored or logged. A text that is not a card's QR code: 422 unreadable_card, "
                    "saying what was wrong.", responses=[401, 403, 422])
def read_id_card(body):
    card = read_card(body["text"])
    return {**asdict(card), "extra": list(card.extra)}
