"""GET /api/v1/events: the ticket event log as server-sent events, resumable with Last-Event-ID."""
import json
import time

from apiflask import APIBlueprint
from flask import Response, current_app, request, stream_with_context

from ..edge import centre_id_for, queue
from ..services import board
from ..services.event_cursor import EventCursor, next_events, resume_point
from ..stream_slots import SERVER_BUSY, TOO_MANY_FROM_ADDRESS, StreamsRefused
from .errors import refuse
from .fields import MAX_ID
from .schemas import EventsQuery

bp = APIBlueprint("events", __name__, url_prefix="/api/v1", tag="Live events")
REFUSALS = {
    TOO_MANY_FROM_ADDRESS: (429, "Máy này đã mở quá nhiều trang theo dõi trực tiếp; xin đóng bớt "
                                 "(bảng hiển thị, màn hình quầy)."),
    SERVER_BUSY: (503, "Máy chủ đang phục vụ đủ số trang theo dõi trực tiếp; trang sẽ tự kết nối lại."),
}
RETRY_AFTER_SECONDS = 5
PAGE = 200   # events read at a time; a full page is followed by the next at once
HOLE_GRACE = 5.0   # seconds a stream outlives its lifetime while an id it skipped may yet commit


def sse(event, resume_id: int | None = None) -> str:
    """One event in text/event-stream framing: where to resume after it (the event's id, or less
    while an earlier id may yet be committed: event_cursor.resume_point), its kind as the event
    type, JSON data with the event's own id."""
    data = {"id": event.id, "kind": event.kind, "at": event.at.isoformat(), **event.data}
    resume = event.id if resume_id is None else resume_id
    return f"id: {resume}\nevent: {event.kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


@bp.get("/events")
@bp.input(EventsQuery, location="query", arg_name="query")
@bp.doc(summary="Live ticket events (text/event-stream): issued, called, recalled, started, completed, "
                "no_show, transferred, requeued, cancelled, expired. Public: numbers and counters only.",
        description="Each event's SSE `id` is where to resume after it: its own id, or lower while an earlier "
                    "event may still be committed, so a client that resumes may get some events twice (the data's "
                    "`id` tells them apart). "
                    "Resumes after `last_event_id` (or the Last-Event-ID header), never before the centre's "
                    "first event of the day. Each stream holds a server thread: a worker serves at most "
                    "COUNTER_SERVER_SSE_MAX_STREAMS at once (503 beyond) and COUNTER_SERVER_SSE_MAX_PER_ADDRESS "
                    "from one address (429 beyond); each ends after COUNTER_SERVER_SSE_MAX_SECONDS.",
        responses={200: {"description": "An event stream", "content": {"text/event-stream": {}}},
                   404: "no such centre", 429: "too many streams from this address",
                   503: "this worker holds all the streams it may"})
def events(query):
    ctx, config = queue(), current_app.config
    notifier = current_app.extensions["notifier"]
    current_app.extensions["wake_listener"].ensure_running()   # PostgreSQL: other processes' commits
    centre_id = centre_id_for(query["centre"])
    last_id = resumed_after(request.headers.get("Last-Event-ID", ""), query["last_event_id"])
    last_id = (board.latest_event_id(ctx, centre_id) if last_id is None else
               board.replay_start(ctx, centre_id, last_id))
    try:
        give_back = current_app.extensions["stream_slots"].hold(request.remote_addr or "")
    except StreamsRefused as refused:
        status, message = REFUSALS[refused.reason]
        raise refuse(status, refused.reason, message, {"Retry-After": str(RETRY_AFTER_SECONDS)}) from None
    poll, lifetime, keepalive = config["SSE_POLL_SECONDS"], config["SSE_MAX_SECONDS"], config["SSE_KEEPALIVE_SECONDS"]

    watch = current_app.extensions["stream_watch"]

    def stream(last_id=last_id):
        # The stream ends after `lifetime`; EventSource reconnects with Last-Event-ID, so nothing
        # is lost and a worker thread is never held forever. It stays a little longer while an id
        # it skipped may still be committed (event_cursor.py), rather than lose that event.
        yield "retry: 1000\n\n"
        started = quiet_since = time.monotonic()
        generation = notifier.generation
        cursor = EventCursor(last_id)
        while not notifier.closed and (time.monotonic() - started < lifetime or
                                       (cursor.holes and time.monotonic() - started < lifetime + HOLE_GRACE)):
            found = next_events(ctx, centre_id, cursor, limit=PAGE)
            for event in found:
                yield sse(event, resume_point(cursor, event))
                watch.delivered(centre_id, event.id, event.at)
            if found:
                quiet_since = time.monotonic()
            if cursor.more:
                continue
            # Not read again at once: a commit since `generation` was taken has moved it, so the
            # wait returns at once; one read per wake-up rather than two.
            if time.monotonic() - quiet_since >= keepalive:
                yield ": keep-alive\n\n"
                quiet_since = time.monotonic()
            generation = notifier.wait(generation, notifier.poll_seconds(poll))

    response = Response(stream_with_context(stream()), mimetype="text/event-stream",
                        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
    watch.opened(centre_id, last_id)

    def close():
        give_back()
        watch.closed(centre_id)
    response.call_on_close(close)   # the server closes the response when the stream ends or breaks
    return response


def resumed_after(header: str, query_id: int | None) -> int | None:
    """The event id to resume after: the browser's Last-Event-ID header when it is a plausible id,
    else the query's. A header that is not one (text, '²', 30 digits) is ignored, not a crash."""
    if header.isascii() and header.isdigit() and int(header) <= MAX_ID:
        return int(header)
    return query_id
