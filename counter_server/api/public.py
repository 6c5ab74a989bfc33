"""Public endpoints: what kiosks, display boards and phones read without logging in."""
from apiflask import APIBlueprint

from ..edge import centre_id_for, queue
from ..services import board, catalogue, track as track_ticket
from .schemas import (
    BoardOut, CentrePage, CentreQuery, FieldList, PriorityList, ProcedureList, ProcedureOut, ProcedureQuery,
    StatusOut, TrackOut,
)

bp = APIBlueprint("public", __name__, url_prefix="/api/v1", tag="Public")


def paginate(items: list, page: dict) -> dict:
    """The list contract: {"items": [...], "total": n}, one page of `limit` from `offset`."""
    offset = page["offset"]
    return {"items": items[offset:offset + page["limit"]], "total": len(items)}


@bp.get("/health")
@bp.output(StatusOut)
@bp.doc(summary="Liveness check (does no database work)")
def health():
    return {"status": "ok"}


@bp.get("/fields")
@bp.input(CentrePage, location="query", arg_name="query")
@bp.output(FieldList)
@bp.doc(summary="Fields with waiting counts and open/closed state (with the reason)")
def fields(query):
    centre_id = centre_id_for(query["centre"])
    version = catalogue.catalogue_version(queue(), centre_id)
    return paginate(board.list_fields(queue(), centre_id), query), 200, {"X-Catalogue-Version": str(version)}


@bp.get("/priorities")
@bp.input(CentrePage, location="query", arg_name="query")
@bp.output(PriorityList)
@bp.doc(summary="Priority categories (đối tượng ưu tiên)")
def priorities(query):
    return paginate(catalogue.list_priorities(queue(), centre_id_for(query["centre"])), query)


@bp.get("/procedures")
@bp.input(ProcedureQuery, location="query", arg_name="query")
@bp.output(ProcedureList)
@bp.doc(summary="Search procedures by code or words (accent-insensitive)")
def procedures(query):
    found = catalogue.find_procedures(queue(), centre_id_for(query["centre"]), query["q"], query["field"])
    return paginate(found, query)


@bp.get("/procedures/<code>")
@bp.input(CentreQuery, location="query", arg_name="query")
@bp.output(ProcedureOut)
@bp.doc(summary="One procedure by its national code", responses=[404])
def procedure(code, query):
    return catalogue.get_procedure(queue(), centre_id_for(query["centre"]), code)


@bp.get("/tickets/track/<token>")
@bp.output(TrackOut)
@bp.doc(summary="A ticket's public state by its tracking token (no personal data)", responses=[404])
def track(token):
    return track_ticket(queue(), token)


@bp.get("/display")
@bp.input(CentreQuery, location="query", arg_name="query")
@bp.output(BoardOut)
@bp.doc(summary="What a waiting-hall display board shows now")
def display(query):
    return board.display(queue(), centre_id_for(query["centre"]))
