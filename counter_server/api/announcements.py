"""GET /api/v1/announcements/call.wav: the spoken call the display board plays (public: a ticket
number and a counter number are all it says). Only a call made today at that counter is spoken,
so that nobody can make the server run espeak-ng and fill its disk with calls that never were."""
import io

from apiflask import APIBlueprint, abort
from apiflask.fields import Integer, String
from apiflask.validators import Range, Regexp
from flask import current_app, send_file

from ..edge import centre_id_for, queue
from ..services.announcements import require_call_today
from ..voice import NUMBER
from .schemas import CentreQuery

bp = APIBlueprint("announcements", __name__, url_prefix="/api/v1", tag="Display board")


class CallQuery(CentreQuery):
    number = String(required=True, validate=Regexp(NUMBER))
    counter = Integer(required=True, validate=Range(min=1, max=999))


@bp.get("/announcements/call.wav")
@bp.input(CallQuery, location="query", arg_name="query")
@bp.doc(summary="A chime, then the call said twice in Vietnamese (WAV); the chime alone where the "
                "server has no espeak-ng (header X-Voice: none). Only for a number called at that "
                "counter today.",
        responses={200: {"description": "audio/wav", "content": {"audio/wav": {}}},
                   404: "no such centre, or the number was not called at that counter today", 422: {}})
def call_wav(query):
    require_call_today(queue(), centre_id_for(query["centre"]), query["number"], query["counter"])
    announcer = current_app.extensions["announcer"]
    try:
        announcement, audio = announcer.audio(query["number"], query["counter"])
    except (ValueError, OSError) as error:
        abort(422, str(error))
    response = send_file(io.BytesIO(audio), mimetype="audio/wav", download_name=announcement.path.name,
                         max_age=86400, etag=announcement.path.stem)
    response.headers["X-Voice"] = "vi" if announcement.spoken else "none"
    return response


@bp.get("/announcements/status")
@bp.doc(summary="Whether calls are spoken (espeak-ng present) and the words used")
def status():
    announcer = current_app.extensions["announcer"]
    return {"voice": announcer.has_voice, "template": announcer.template}
