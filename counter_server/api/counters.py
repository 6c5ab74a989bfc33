"""Counter actions for staff: call next, recall, no-show, start, complete, call a number, transfer."""
from apiflask import APIBlueprint
from flask import Response

from .. import services
from ..edge import queue
from ..services.breaks import pause_counter, resume_counter
from ..services.desk import counter_desk
from .auth import STAFF_ROLES, auth
from .public import paginate
from .schemas import CallRequest, CounterList, CounterStateOut, DeskOut, Page, TicketOut, TransferRequest

bp = APIBlueprint("counters", __name__, url_prefix="/api/v1", tag="Counters")
ERRORS = [401, 403, 404, 409, 422]


def _staff():
    return auth.current_user


@bp.get("/counters")
@bp.auth_required(auth, roles=STAFF_ROLES + ["manager"])
@bp.input(Page, location="query", arg_name="query")
@bp.output(CounterList)
@bp.doc(summary="Counters with the fields they serve and their current ticket", responses=[401, 403])
def counters(query):
    return paginate(services.counter_overview(queue(), _staff().centre_id), query)


@bp.get("/counters/<int:counter_id>/desk")
@bp.auth_required(auth, roles=STAFF_ROLES)
@bp.output(DeskOut)
@bp.doc(summary="The counter console's view: current ticket, waiting list in calling order, no-shows, "
                "today's counts", responses=[401, 403, 404])
def desk(counter_id):
    return counter_desk(queue(), _staff().centre_id, counter_id)


@bp.post("/counters/<int:counter_id>/next")
@bp.auth_required(auth, roles=STAFF_ROLES)
@bp.output(TicketOut, description="The ticket called; 204 when nobody waits")
@bp.doc(summary="Call the next citizen (priority first, then longest wait); closes the current ticket",
        responses=[204] + ERRORS)
def call_next(counter_id):
    user = _staff()
    ticket = services.call_next(queue(), user.centre_id, counter_id, user.id)
    return ticket if ticket is not None else Response(status=204)


def _counter_action(name: str, action, summary: str):
    """Register POST /counters/<id>/<name> running `action` on the counter's current ticket."""
    @bp.post(f"/counters/<int:counter_id>/{name}", endpoint=name)
    @bp.auth_required(auth, roles=STAFF_ROLES)
    @bp.output(TicketOut)
    @bp.doc(summary=summary, responses=ERRORS)
    def view(counter_id):
        user = _staff()
        return action(queue(), user.centre_id, counter_id, user.id)
    return view


_counter_action("recall", services.recall, "Announce the current ticket again")
_counter_action("skip", services.skip, "The called citizen did not come: no-show")
_counter_action("start", services.start, "Service starts")
_counter_action("complete", services.complete, "Service is over")


@bp.post("/counters/<int:counter_id>/call")
@bp.auth_required(auth, roles=STAFF_ROLES)
@bp.input(CallRequest, arg_name="body")
@bp.output(TicketOut)
@bp.doc(summary="Call a specific waiting or no-show ticket out of order", responses=ERRORS)
def call(counter_id, body):
    user = _staff()
    return services.call_ticket(queue(), user.centre_id, counter_id, body["ticket_id"], user.id)


@bp.post("/counters/<int:counter_id>/transfer")
@bp.auth_required(auth, roles=STAFF_ROLES)
@bp.input(TransferRequest, arg_name="body")
@bp.output(TicketOut)
@bp.doc(summary="Send the current ticket to another field or counter; it keeps its number and place",
        responses=ERRORS)
def transfer(counter_id, body):
    user = _staff()
    return services.transfer(queue(), user.centre_id, counter_id, field=body["field"],
                             counter=body["counter"], staff_id=user.id)


@bp.post("/counters/<int:counter_id>/pause")
@bp.auth_required(auth, roles=STAFF_ROLES)
@bp.output(CounterStateOut)
@bp.doc(summary="Put the counter on a break: it calls nobody (409 counter_paused) and the board says so; "
                "refused (409 counter_busy) while a citizen is called to it or being served",
        responses=[401, 403, 404, 409])
def pause(counter_id):
    user = _staff()
    return pause_counter(queue(), user.centre_id, counter_id, user.id)


@bp.post("/counters/<int:counter_id>/resume")
@bp.auth_required(auth, roles=STAFF_ROLES)
@bp.output(CounterStateOut)
@bp.doc(summary="End the counter's break: it calls again", responses=[401, 403, 404, 409])
def resume(counter_id):
    user = _staff()
    return resume_counter(queue(), user.centre_id, counter_id, user.id)
