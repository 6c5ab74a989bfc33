"""Which centres a signed-in person's reports and administration reach. Staff and a centre's
administrator reach their own centre only; a manager also the centres listed for them, or the
whole province (every centre in the database); a province administrator adds centres."""
from dataclasses import dataclass

from sqlalchemy import select

from ..domain.errors import NotFound
from ..models import Centre, User, UserCentre
from .context import QueueContext

ALL = "all"      # ?centre=all: the province total over every centre in reach


@dataclass(frozen=True)
class CentreRef:
    """A centre as a chooser lists it."""

    id: int
    code: str
    name: str


@dataclass(frozen=True)
class Scope:
    """The centres one report covers, and what its heading calls them."""

    ids: tuple[int, ...]
    code: str            # a centre's code, or ALL
    name: str

    @property
    def is_total(self) -> bool:
        return self.code == ALL


def centres_in_reach(ctx: QueueContext, user_id: int) -> list[CentreRef]:
    """The user's own centre first, then the others they reach, by name."""
    def work(session) -> list[CentreRef]:
        user = session.get(User, user_id)
        query = select(Centre.id, Centre.code, Centre.name)
        if not (user.whole_province and user.role in ("manager", "admin")):
            ids = [user.centre_id]
            if user.role == "manager":
                ids += session.scalars(select(UserCentre.centre_id).where(UserCentre.user_id == user_id))
            query = query.where(Centre.id.in_(ids))
        rows = [CentreRef(*row) for row in session.execute(query.order_by(Centre.name, Centre.id))]
        return sorted(rows, key=lambda centre: centre.id != user.centre_id)
    return ctx.read(work)


def is_province_admin(ctx: QueueContext, user_id: int) -> bool:
    """An administrator of the whole province (may add centres)."""
    return bool(ctx.read(lambda session: session.scalar(
        select(User.id).where(User.id == user_id, User.role == "admin", User.whole_province.is_(True)))))


def scope_asked(reach: list[CentreRef], asked: str | None) -> Scope:
    """The centres `asked` names (a centre's code, or ALL for every centre in reach), or the
    user's own centre when nothing is asked. A code out of reach: NotFound, as if it did not exist."""
    own = reach[0]
    if not asked:
        return Scope((own.id,), own.code, own.name)
    if asked == ALL:
        if len(reach) == 1:
            return Scope((own.id,), own.code, own.name)
        return Scope(tuple(centre.id for centre in reach), ALL, f"Tổng {len(reach)} trung tâm")
    for centre in reach:
        if centre.code == asked:
            return Scope((centre.id,), centre.code, centre.name)
    raise NotFound("Không tìm thấy trung tâm.")


def set_reach(ctx: QueueContext, username: str, whole_province: bool, centre_codes: list[str]) -> list[CentreRef]:
    """What a manager's reports (or an administrator's province rights) cover: the whole province,
    or their own centre and the centres named (replacing those named before). The centres it now
    reaches; an unknown user or centre: NotFound."""
    def work(session) -> int:
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            raise NotFound(f"Không có tài khoản {username}.")
        ids = {code: centre_id for code, centre_id in
               session.execute(select(Centre.code, Centre.id).where(Centre.code.in_(centre_codes)))}
        unknown = sorted(set(centre_codes) - set(ids))
        if unknown:
            raise NotFound(f"Không có trung tâm: {', '.join(unknown)}.")
        user.whole_province = whole_province
        for row in session.scalars(select(UserCentre).where(UserCentre.user_id == user.id)):
            session.delete(row)
        session.flush()
        session.add_all(UserCentre(user_id=user.id, centre_id=centre_id)
                        for centre_id in sorted(set(ids.values()) - {user.centre_id}))
        return user.id
    return centres_in_reach(ctx, ctx.write(work))
