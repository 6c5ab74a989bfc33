"""Setting up a centre: users and kiosks (the CLI, the admin API and the admin pages call these)."""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from .. import security
from ..domain.errors import QueueError
from ..models import Kiosk, User
from .context import QueueContext


class UsernameTaken(QueueError):
    code = "username_taken"
    message = "Tên đăng nhập đã tồn tại."


class UnknownRole(QueueError):
    code = "unknown_role"
    status = 422
    message = "Vai trò phải là staff, manager hoặc admin."


@dataclass(frozen=True)
class KioskInfo:
    id: int
    name: str
    is_active: bool
    created_at: datetime
    last_heartbeat_at: datetime | None
    printer_state: str | None


@dataclass(frozen=True)
class UserInfo:
    """An account as the admin sees it in a list (no password hash)."""

    id: int
    username: str
    full_name: str
    role: str
    is_active: bool


def create_kiosk(ctx: QueueContext, centre_id: int, name: str) -> tuple[KioskInfo, str]:
    """Register a kiosk; returns it and its token, which is stored only as a hash."""
    token = security.new_kiosk_token()

    def work(session):
        kiosk = Kiosk(centre_id=centre_id, name=name, token_hash=security.hash_kiosk_token(token),
                      is_active=True, created_at=ctx.clock())
        session.add(kiosk)
        session.flush()
        return KioskInfo(kiosk.id, kiosk.name, True, kiosk.created_at, None, None)
    return ctx.write(work), token


def list_kiosks(ctx: QueueContext, centre_id: int) -> list[KioskInfo]:
    """The centre's kiosks with their last heartbeat and printer state, oldest first."""
    rows = ctx.read(lambda session: session.execute(
        select(Kiosk.id, Kiosk.name, Kiosk.is_active, Kiosk.created_at, Kiosk.last_heartbeat_at,
               Kiosk.printer_state).where(Kiosk.centre_id == centre_id).order_by(Kiosk.id)).all())
    return [KioskInfo(*row) for row in rows]


def renew_kiosk_tokens(ctx: QueueContext, centre_id: int, kiosk_ids: list[int]) -> list[tuple[str, str]]:
    """Give the centre's kiosks among `kiosk_ids` new tokens (the old ones stop working): (name, token) each."""
    def work(session):
        renewed = []
        for kiosk in session.scalars(select(Kiosk).where(Kiosk.id.in_(kiosk_ids), Kiosk.centre_id == centre_id)):
            token = security.new_kiosk_token()
            kiosk.token_hash = security.hash_kiosk_token(token)
            renewed.append((kiosk.name, token))
        return renewed
    return ctx.write(work)


def list_users(ctx: QueueContext, centre_id: int) -> list[UserInfo]:
    """The centre's users by username."""
    rows = ctx.read(lambda session: session.execute(
        select(User.id, User.username, User.full_name, User.role, User.is_active)
        .where(User.centre_id == centre_id).order_by(User.username)).all())
    return [UserInfo(*row) for row in rows]


def create_user(ctx: QueueContext, centre_id: int, username: str, password: str, role: str,
                full_name: str = "") -> int:
    """Add a user with a hashed password; the new user's id."""
    if role not in security.ROLES:
        raise UnknownRole(role=role)

    def work(session):
        if session.scalar(select(User.id).where(User.username == username)) is not None:
            raise UsernameTaken(username=username)
        user = User(centre_id=centre_id, username=username, full_name=full_name, role=role,
                    password_hash=security.hash_password(password), is_active=True)
        session.add(user)
        session.flush()
        return user.id
    return ctx.write(work)


def record_heartbeat(ctx: QueueContext, kiosk_id: int, printer_state: str) -> datetime:
    """A kiosk says it is alive and how its printer is; staff see it on the kiosks page."""
    def work(session):
        kiosk = session.get(Kiosk, kiosk_id)
        now = ctx.clock()
        kiosk.last_heartbeat_at, kiosk.printer_state = now, printer_state
        return now
    return ctx.write(work)
