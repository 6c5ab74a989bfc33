"""What the administration pages (Flask-Admin) edit row by row: the tables they show, the
session they edit them in, and the rules that go with an edit."""
from types import SimpleNamespace

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, scoped_session, sessionmaker

from ..domain.errors import UnknownField
from ..models import Centre, Counter, CounterField, Field, Kiosk, RatingDevice, User
from .context import QueueContext

# Flask-Admin's ModelView is built on a mapped class and a session: these are the ones it gets.
TABLES = SimpleNamespace(Centre=Centre, Field=Field, Counter=Counter, Kiosk=Kiosk, RatingDevice=RatingDevice,
                         User=User)


def admin_session(engine: Engine) -> scoped_session:
    """The session the admin pages edit rows in, one per request (remove it at teardown)."""
    return scoped_session(sessionmaker(engine))


def field_ids(ctx: QueueContext, centre_id: int, codes: list[str]) -> dict[str, int]:
    """The ids of the centre's fields with these codes; UnknownField names any that do not exist."""
    found = dict(ctx.read(lambda session: session.execute(
        select(Field.code, Field.id).where(Field.centre_id == centre_id, Field.code.in_(codes))).all()))
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise UnknownField("Không có lĩnh vực: " + ", ".join(unknown), codes=unknown)
    return found


def serve_fields(counter: Counter, field_ids_in_order: list[int]) -> None:
    """Make `counter` serve these fields in this order: rows kept, reordered, added or removed."""
    existing = {served.field_id: served for served in counter.served}
    wanted = []
    for position, field_id in enumerate(dict.fromkeys(field_ids_in_order)):
        served = existing.get(field_id) or CounterField(field_id=field_id)
        served.position = position
        wanted.append(served)
    counter.served = wanted  # delete-orphan removes the rest


def catalogue_changed(session: Session, centre_id: int) -> None:
    """Kiosks and search show field names: a new catalogue version makes them fetch afresh
    (in the admin page's own transaction, with the edit)."""
    with session.no_autoflush:
        session.get(Centre, centre_id).catalogue_version += 1
