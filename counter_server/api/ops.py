"""For the machines that watch the server: /healthz (the process answers), /readyz (it can serve:
database, schema, live events) and /metrics (Prometheus text; see counter_server/metrics.py)."""
import hmac
import ipaddress

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from apiflask import APIBlueprint
from apiflask.fields import Boolean, Dict, String
from apiflask.schemas import Schema
from flask import Response, current_app, request
from sqlalchemy import func, select, text

from ..metrics import LAGGING_AFTER, exposition
from ..migrate import alembic_config
from ..models import TicketEvent
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
    checks, problems = readiness()
    answer = {"status": "ready" if all(checks.values()) else "not_ready", "checks": checks, "problems": problems}
    return answer, (200 if all(checks.values()) else 503)


def readiness() -> tuple[dict, dict]:
    """Each part's state and, where it fails, why."""
    engine = current_app.extensions["engine"]
    checks, problems = {"database": False, "migrations": False, "events": False}, {}
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            checks["database"] = True
            current = MigrationContext.configure(connection).get_current_revision()
            head = ScriptDirectory.from_config(alembic_config(str(engine.url))).get_current_head()
            checks["migrations"] = current == head
            if current != head:
                problems["migrations"] = f"schema at {current}, code needs {head}: run counter-server migrate"
            behind = streams_behind(connection)
            checks["events"] = not behind
            if behind:
                problems["events"] = f"streams of centre(s) {', '.join(map(str, behind))} are over {LAGGING_AFTER:g} s behind"
    except Exception as error:   # noqa: BLE001 - any failure to reach the database means not ready
        problems.setdefault("database", f"{type(error).__name__}: {str(error)[:200]}")
    return checks, problems


def streams_behind(connection) -> list[int]:
    """Centres whose streams in this process have not sent an event committed over LAGGING_AFTER ago."""
    behind = []
    for centre_id, sent in current_app.extensions["stream_watch"].watched().items():
        oldest_unsent = connection.execute(
            select(func.min(TicketEvent.at)).where(TicketEvent.centre_id == centre_id, TicketEvent.id > sent)).scalar()
        if oldest_unsent is not None and _age(oldest_unsent) > LAGGING_AFTER:
            behind.append(centre_id)
    return behind


def _age(at) -> float:
    from datetime import datetime, timezone
    at = at if at.tzinfo else at.replace(tzinfo=timezone.utc)
    return (datetime.now(timezone.utc) - at).total_seconds()


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
