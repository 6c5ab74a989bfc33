"""Setting up a centre: users and kiosks (the CLI and the admin API both call these)."""
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


def centre_of_user(ctx: QueueContext, user_id: int) -> int:
    """The centre a signed-in account belongs to (every page shows that centre only)."""
    return ctx.read(lambda session: session.scalar(select(User.centre_id).where(User.id == user_id)))
