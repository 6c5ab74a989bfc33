"""Satisfaction ratings: an admin pairs a tablet to a counter; the tablet (with its own secret)
asks for the ticket just completed there and posts the citizen's answer, once."""
from apiflask import APIBlueprint, HTTPTokenAuth, Schema
from apiflask.fields import Dict, Integer, List, String
from apiflask.validators import Length, Range
from flask import Response, url_for

from ..edge import queue
from ..services import rating
from .auth import ADMIN_ROLES, auth
from .fields import Id, Text

bp = APIBlueprint("rating", __name__, url_prefix="/api/v1", tag="Satisfaction ratings")
MAX_LEVEL = 9   # levels are the centre's data (three by default, four in some centres)
device_auth = HTTPTokenAuth(scheme="Bearer", security_scheme_name="RatingTabletAuth", description="A rating tablet's secret (rd_…), from its pairing link")


class PairingRequest(Schema):
    counter = Id(required=True, metadata={"description": "counter id"})
    name = Text(required=True, validate=Length(min=1, max=100))


class PairedDevice(Schema):
    id, name, counter, link = Integer(), String(), Integer(), String()


class Question(Schema):
    ticket_id, number, counter, levels = Integer(), String(), Integer(), List(Dict())


class RatingRequest(Schema):
    ticket_id = Id(required=True)
    level = Integer(required=True, validate=Range(min=1, max=MAX_LEVEL),
                    metadata={"description": "one of the levels the question offers"})


class RatingOut(Schema):
    ticket_id, level = Integer(), Integer()


@device_auth.verify_token
def verify_device(token: str):
    return rating.device_for(queue(), token) if token and token.startswith("rd_") else None


@bp.post("/rating-devices")
@bp.auth_required(auth, roles=ADMIN_ROLES)
@bp.input(PairingRequest, arg_name="body")
@bp.output(PairedDevice, status_code=201)
@bp.doc(summary="Pair a rating tablet to a counter; open the link once on the tablet (shown once)",
        responses=[401, 403, 404, 422])
def pair(body):
    device = rating.pair_device(queue(), auth.current_user.centre_id, body["counter"], body["name"])
    return {"id": device.id, "name": device.name, "counter": device.counter,
            "link": url_for("pages.rate", secret=device.secret, _external=True)}


@bp.get("/rating/question")
@bp.auth_required(device_auth)
@bp.output(Question, description="The ticket just completed at this tablet's counter; 204 when there is none")
@bp.doc(summary="What the tablet should ask now", responses=[204, 401])
def question():
    asked = rating.question(queue(), device_auth.current_user)
    if asked is None:
        return Response(status=204)
    return {"ticket_id": asked.ticket_id, "number": asked.number, "counter": asked.counter, "levels": asked.levels}


@bp.post("/ratings")
@bp.auth_required(device_auth)
@bp.input(RatingRequest, arg_name="body")
@bp.output(RatingOut, status_code=201)
@bp.doc(summary="The citizen's answer for the ticket just completed at this counter (once per ticket)",
        responses=[401, 409, 422])
def rate(body):
    recorded = rating.rate(queue(), device_auth.current_user, body["ticket_id"], body["level"])
    return {"ticket_id": recorded.ticket_id, "level": recorded.level}
