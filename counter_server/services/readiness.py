"""Is this server process ready to serve: the database answers, its schema is at the code's
newest migration, and no open event stream is falling behind the database (for GET /readyz)."""
from datetime import datetime, timezone

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, select, text

from ..metrics import LAGGING_AFTER, StreamWatch
from ..migrate import alembic_config
from ..models import TicketEvent


def readiness(engine, watch: StreamWatch) -> tuple[dict, dict]:
    """Each part's state and, where it fails, why."""
    checks, problems = {"database": False, "migrations": False, "events": False}, {}
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            checks["database"] = True
            current = MigrationContext.configure(connection).get_current_revision()
            head = ScriptDirectory.from_config(alembic_config(str(engine.url))).get_current_head()
            checks["migrations"] = current == head
            if current != head:
                problems["migrations"] = f"schema at {current}, code needs {head}: run counter-server init-db"
            behind = streams_behind(connection, watch)
            checks["events"] = not behind
            if behind:
                problems["events"] = (f"streams of centre(s) {', '.join(map(str, behind))} are over "
                                      f"{LAGGING_AFTER:g} s behind")
    except Exception as error:   # noqa: BLE001 - any failure to reach the database means not ready
        problems.setdefault("database", f"{type(error).__name__}: {str(error)[:200]}")
    return checks, problems


def streams_behind(connection, watch: StreamWatch) -> list[int]:
    """Centres whose streams in this process have not sent an event committed over LAGGING_AFTER ago."""
    behind = []
    for centre_id, sent in watch.watched().items():
        oldest_unsent = connection.execute(
            select(func.min(TicketEvent.at)).where(TicketEvent.centre_id == centre_id, TicketEvent.id > sent)).scalar()
        if oldest_unsent is not None and _age(oldest_unsent) > LAGGING_AFTER:
            behind.append(centre_id)
    return behind


def _age(at: datetime) -> float:
    at = at if at.tzinfo else at.replace(tzinfo=timezone.utc)
    return (datetime.now(timezone.utc) - at).total_seconds()
