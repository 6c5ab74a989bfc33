"""Setting up a centre: users and kiosks (the CLI, the admin API and the admin pages call these)."""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from .. import security
from ..domain.errors import NotFound, QueueError
from ..models import Kiosk, User, WebSession
from .context import QueueContext
from .kiosk_faults import note_printer_change


class UsernameTaken(QueueError):
    code = "username_taken"
    message = "Tên đăng nhập đã tồn tại."


class UnknownRole(QueueError):
    code = "unknown_role"
    status = 422
    message = "Vai trò phải là staff, manager hoặc admin."


class WeakPassword(QueueError):
    code = "weak_password"
    status = 422
    message = "Mật khẩu không đạt yêu cầu."  # raised with security.password_problem's reason


class UnknownUser(NotFound):
    code = "unknown_user"
    message = "Không có tài khoản này."


class LastAdmin(QueueError):
    """Một trung tâm luôn cần ít nhất một quản trị viên đang hoạt động."""

    code = "last_admin"
    message = ("Không thể khoá hoặc đổi vai trò của quản trị viên cuối cùng đang hoạt động của trung tâm; "
               "hãy cho một tài khoản khác làm quản trị viên trước.")


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
                full_name: str = "", is_active: bool = True) -> int:
    """Add a user with a hashed password; the new user's id."""
    _check(UserChange(role=role, password=password))

    def work(session):
        _refuse_taken(session, username)
        user = User(centre_id=centre_id, username=username, full_name=full_name, role=role,
                    password_hash=security.hash_password(password), is_active=is_active)
        session.add(user)
        session.flush()
        return user.id
    return ctx.write(work)


def record_heartbeat(ctx: QueueContext, kiosk_id: int, printer_state: str) -> datetime:
    """A kiosk says it is alive and how its printer is; staff see it on the kiosks page and, when
    it changes, on every counter console."""
    def work(session):
        kiosk = session.get(Kiosk, kiosk_id)
        now = ctx.clock()
        note_printer_change(session, kiosk, printer_state, now)
        kiosk.last_heartbeat_at, kiosk.printer_state = now, printer_state
        return now
    return ctx.write(work)


@dataclass(frozen=True)
class UserChange:
    """What an admin changes in an account; None leaves that part as it is."""

    username: str | None = None
    full_name: str | None = None
    role: str | None = None
    is_active: bool | None = None
    password: str | None = None


def disable_user(ctx: QueueContext, username: str) -> UserInfo:
    """Khoá tài khoản: the user can no longer sign in, and their open web sessions end."""
    return _change(ctx, _named(username), UserChange(is_active=False))


def enable_user(ctx: QueueContext, username: str) -> UserInfo:
    """Mở khoá tài khoản: the user can sign in again (old web sessions stay ended)."""
    return _change(ctx, _named(username), UserChange(is_active=True))


def set_password(ctx: QueueContext, username: str, password: str) -> UserInfo:
    """Đặt lại mật khẩu: the old password, its bearer tokens and web sessions stop working."""
    return _change(ctx, _named(username), UserChange(password=password))


def set_role(ctx: QueueContext, username: str, role: str) -> UserInfo:
    """Give the user another role (staff, manager or admin)."""
    return _change(ctx, _named(username), UserChange(role=role))


def edit_user(ctx: QueueContext, centre_id: int, user_id: int, change: UserChange) -> UserInfo:
    """The admin pages' save of one of the centre's accounts, under the same rules, in one transaction."""
    def find(session):
        return session.scalar(select(User).where(User.id == user_id, User.centre_id == centre_id))
    return _change(ctx, find, change)


def _named(username: str):
    return lambda session: session.scalar(select(User).where(User.username == username))


def _check(change: UserChange) -> None:
    """The rules that need no database: a known role, a password long enough."""
    if change.role is not None and change.role not in security.ROLES:
        raise UnknownRole(role=change.role)
    problem = None if change.password is None else security.password_problem(change.password)
    if problem:
        raise WeakPassword(problem)


def _refuse_taken(session, username: str, user_id: int | None = None) -> None:
    if session.scalar(select(User.id).where(User.username == username, User.id != user_id)) is not None:
        raise UsernameTaken(username=username)


def _change(ctx: QueueContext, find, change: UserChange) -> UserInfo:
    _check(change)

    def work(session):
        user = find(session)
        if user is None:
            raise UnknownUser()
        if change.username is not None and change.username != user.username:
            _refuse_taken(session, change.username, user.id)
            user.username = change.username
        if user.role == "admin" and user.is_active and (change.is_active is False
                                                        or change.role not in (None, "admin")):
            _refuse_last_admin(session, user)
        if change.full_name is not None:
            user.full_name = change.full_name
        if change.role is not None:
            user.role = change.role
        if change.is_active is not None:
            user.is_active = change.is_active
        if change.password is not None:
            user.password_hash = security.hash_password(change.password)
        if change.is_active is False or change.password is not None:
            session.execute(update(WebSession).where(WebSession.user_id == user.id, WebSession.ended_at.is_(None))
                            .values(ended_at=ctx.clock()))
        return UserInfo(user.id, user.username, user.full_name, user.role, user.is_active)
    return ctx.write(work)


def _refuse_last_admin(session, user: User) -> None:
    # Locks the centre's active admins (PostgreSQL), so that two admins disabling each other at
    # the same moment cannot both succeed; SQLite writers already take turns.
    admins = session.scalars(select(User.id).where(
        User.centre_id == user.centre_id, User.role == "admin", User.is_active.is_(True))
        .order_by(User.id).with_for_update()).all()
    if not set(admins) - {user.id}:
        raise LastAdmin(username=user.username)
