"""Who may call: kiosks by their device token, staff by username and password or by id."""
from dataclasses import dataclass

from sqlalchemy import select

from .. import security
from ..models import Kiosk, User
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
