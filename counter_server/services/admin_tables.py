"""What the administration pages (Flask-Admin) edit row by row: the tables they show, the
session they edit them in, and the rules that go with an edit."""
from types import SimpleNamespace

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, scoped_session, sessionmaker

from ..domain.errors import UnknownField, UnknownOfficer
from ..models import CalendarDay, Centre, Counter, CounterField, CounterOfficer, Field, Kiosk, RatingDevice, User
from .context import QueueContext

COUNTER_ROLES = ("staff", "admin")   # who may operate a counter (api/auth.py: STAFF_ROLES)

# Flask-Admin's ModelView is built on a mapped class and a session: these are the ones it gets.
TABLES = SimpleNamespace(Centre=Centre, Field=Field, Counter=Counter, Kiosk=Kiosk, RatingDevice=RatingDevice,
                         User=User, CalendarDay=CalendarDay)


def admin_session(engine: Engine) -> scoped_session:
    """The session the admin pages edit rows in, one per request (remove it at teardown)."""
    return scoped_session(sessionmaker(engine))


def field_ids(ctx: QueueContext, centre_id: int, codes: list[str]) -> dict[str, int]:
    """The ids of the centre's fields with these codes; UnknownField names any that do not exist."""
    found, unknown = _ids_by_name(ctx, Field.code, Field.id, codes, Field.centre_id == centre_id)
    if unknown:
        raise UnknownField("Không có lĩnh vực: " + ", ".join(unknown), codes=unknown)
    return found


def _ids_by_name(ctx: QueueContext, name, id_, names: list[str], *where) -> tuple[dict[str, int], list[str]]:
    """{name: id} of the rows `where` holds with these names, and the names not found, in order."""
    found = dict(ctx.read(lambda session: session.execute(select(name, id_).where(name.in_(names), *where)).all()))
    return found, [wanted for wanted in names if wanted not in found]


def serve_fields(counter: Counter, field_ids_in_order: list[int]) -> None:
    """Make `counter` serve these fields in this order: rows kept, reordered, added or removed."""
    existing = {served.field_id: served for served in counter.served}
    wanted = []
    for position, field_id in enumerate(dict.fromkeys(field_ids_in_order)):
        served = existing.get(field_id) or CounterField(field_id=field_id)
        served.position = position
        wanted.append(served)
    counter.served = wanted  # delete-orphan removes the rest


def officer_ids(ctx: QueueContext, centre_id: int, usernames: list[str]) -> dict[str, int]:
    """The ids of the centre's counter officers (staff and admins) with these usernames;
    UnknownOfficer names any that are not."""
    found, unknown = _ids_by_name(ctx, User.username, User.id, usernames, User.centre_id == centre_id,
                                  User.role.in_(COUNTER_ROLES))
    if unknown:
        raise UnknownOfficer("Không có cán bộ làm việc tại quầy tên: " + ", ".join(unknown), usernames=unknown)
    return found


def name_officers(counter: Counter, user_ids: list[int]) -> None:
    """Only these officers may operate `counter`; none: any officer of the centre may."""
    existing = {named.user_id: named for named in counter.officers}
    counter.officers = [existing.get(user_id) or CounterOfficer(user_id=user_id) for user_id in dict.fromkeys(user_ids)]


def catalogue_changed(session: Session, centre_id: int) -> None:
    """Kiosks and search show field names: a new catalogue version makes them fetch afresh
    (in the admin page's own transaction, with the edit)."""
    with session.no_autoflush:
        session.get(Centre, centre_id).catalogue_version += 1
