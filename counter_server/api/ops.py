"""For the machines that watch the server: /healthz (the process answers), /readyz (it can serve:
database, schema, live events) and /metrics (Prometheus text; see counter_server/metrics.py)."""
import hmac
import ipaddress

from apiflask import APIBlueprint
from apiflask.fields import Boolean, Dict, String
from apiflask.schemas import Schema
from flask import Response, current_app, request

from ..metrics import exposition
from ..services.readiness import readiness
from .errors import refuse

bp = APIBlueprint("ops", __name__, tag="Operations")


class AliveOut(Schema):
    status = String(metadata={"example": "alive"})


class ReadyOut(Schema):
    status = String(metadata={"description": "ready | not_ready"})
    checks = Dict(keys=String(), values=Boolean(), metadata={"description": "database, migrations, events"})
    problems = Dict(keys=String(), values=String(), metadata={"description": "what is wrong, in words"})


@bp.get("/healthz")
@bp.output(AliveOut)
@bp.doc(summary="The process answers (no database work): for a supervisor's liveness probe")
def healthz():
    return {"status": "alive"}


@bp.get("/readyz")
@bp.output(ReadyOut, description="Ready to serve")
@bp.doc(summary="Ready to serve: the database answers, its schema is at the newest migration, and no "
                "open event stream of this process is more than 5 s behind the database",
        responses={503: {"description": "Not ready: `checks` says which part and `problems` why",
                         "content": {"application/json": {"schema": ReadyOut}}}})
def readyz():
    checks, problems = readiness(current_app.extensions["engine"], current_app.extensions["stream_watch"])
    answer = {"status": "ready" if all(checks.values()) else "not_ready", "checks": checks, "problems": problems}
    return answer, (200 if all(checks.values()) else 503)


@bp.get("/metrics")
@bp.doc(summary="Prometheus text format. With COUNTER_SERVER_METRICS_TOKEN set, only with "
                "`Authorization: Bearer <token>`; without it, only from the server itself (loopback)",
        responses={200: {"description": "Metrics", "content": {"text/plain": {"schema": {"type": "string"}}}},
                   401: "the token is missing or wrong", 403: "not from loopback and no token is configured"})
def metrics():
    token = current_app.config.get("METRICS_TOKEN")
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise refuse(401, "metrics_token", "Cần mã đọc số liệu giám sát (COUNTER_SERVER_METRICS_TOKEN).")
    elif not _loopback(request.remote_addr):
        raise refuse(403, "metrics_local_only", "Số liệu giám sát chỉ đọc được từ chính máy chủ.")
    body = exposition(current_app.extensions["queue"])
    return Response(body, mimetype="text/plain", headers={"Cache-Control": "no-store"})


def _loopback(address: str | None) -> bool:
    try:
        return address is not None and ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False
