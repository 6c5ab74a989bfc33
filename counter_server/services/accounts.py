"""Who may call: kiosks by their device token, staff by username and password or by id, and
the web pages' sign-ins (web sessions)."""
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update

from .. import security
from ..models import Kiosk, User, WebSession
from .context import QueueContext


@dataclass(frozen=True)
class KioskAccount:
    """An active kiosk, as authentication needs it."""

    id: int
    centre_id: int
    name: str


@dataclass(frozen=True)
class Account:
    """A staff member's, manager's or admin's account (tài khoản)."""

    id: int
    centre_id: int
    username: str
    role: str
    is_active: bool
    password_hash: str


_ACCOUNT = select(User.id, User.centre_id, User.username, User.role, User.is_active, User.password_hash)


def kiosk_with_token(ctx: QueueContext, token_hash: str) -> KioskAccount | None:
    """The active kiosk whose device token hashes to `token_hash`, or None."""
    row = ctx.read(lambda session: session.execute(select(Kiosk.id, Kiosk.centre_id, Kiosk.name).where(
        Kiosk.token_hash == token_hash, Kiosk.is_active.is_(True))).first())
    return KioskAccount(*row) if row else None


def account(ctx: QueueContext, user_id: int) -> Account | None:
    """The account with this id (active or not), or None."""
    row = ctx.read(lambda session: session.execute(_ACCOUNT.where(User.id == user_id)).first())
    return Account(*row) if row else None


def check_credentials(ctx: QueueContext, username: str, password: str) -> Account | None:
    """The active account with this username and password, or None."""
    row = ctx.read(lambda session: session.execute(_ACCOUNT.where(User.username == username)).first())
    if row is None or not row.is_active or not security.password_matches(row.password_hash, password):
        return None
    return Account(*row)


def start_web_session(ctx: QueueContext, user_id: int) -> str:
    """A new sign-in on the web pages for this user; its id, for the session cookie."""
    session_id = secrets.token_urlsafe(32)
    ctx.write(lambda session: session.add(WebSession(id=session_id, user_id=user_id, started_at=ctx.clock())))
    return session_id


def end_web_session(ctx: QueueContext, session_id: str) -> None:
    """Sign-out: the session ends for every copy of its cookie."""
    ctx.write(lambda session: session.execute(
        update(WebSession).where(WebSession.id == session_id, WebSession.ended_at.is_(None))
        .values(ended_at=ctx.clock())))


def web_session_account(ctx: QueueContext, session_id: str, hours: float) -> Account | None:
    """The active account signed in by this web session, if the session has not ended and is
    younger than `hours`; None otherwise."""
    since = ctx.clock() - timedelta(hours=hours)
    row = ctx.read(lambda session: session.execute(
        _ACCOUNT.join(WebSession, WebSession.user_id == User.id).where(
            WebSession.id == session_id, WebSession.ended_at.is_(None), WebSession.started_at > since,
            User.is_active.is_(True))).first())
    return Account(*row) if row else None
