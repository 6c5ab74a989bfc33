"""GET /api/v1/announcements/call.wav: the spoken call the display board plays (public: a ticket
number and a counter number are all it says)."""
from apiflask import APIBlueprint, Schema, abort
from apiflask.fields import Integer, String
from apiflask.validators import Range, Regexp
from flask import current_app, send_file

from ..voice import NUMBER

bp = APIBlueprint("announcements", __name__, url_prefix="/api/v1", tag="Display board")


class CallQuery(Schema):
    number = String(required=True, validate=Regexp(NUMBER))
    counter = Integer(required=True, validate=Range(min=1, max=999))


@bp.get("/announcements/call.wav")
@bp.input(CallQuery, location="query", arg_name="query")
@bp.doc(summary="A chime, then the call said twice in Vietnamese (WAV); the chime alone where the "
                "server has no espeak-ng (header X-Voice: none)",
        responses={200: {"description": "audio/wav", "content": {"audio/wav": {}}}, 422: {}})
def call_wav(query):
    announcer = current_app.extensions["announcer"]
    try:
        announcement = announcer.call(query["number"], query["counter"])
    except (ValueError, OSError) as error:
        abort(422, str(error))
    response = send_file(announcement.path, mimetype="audio/wav", max_age=86400)
    response.headers["X-Voice"] = "vi" if announcement.spoken else "none"
    return response


@bp.get("/announcements/status")
@bp.doc(summary="Whether calls are spoken (espeak-ng present) and the words used")
def status():
    announcer = current_app.extensions["announcer"]
    return {"voice": announcer.has_voice, "template": announcer.template}
