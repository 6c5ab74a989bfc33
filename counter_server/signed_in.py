"""Who is signed in: the one place that turns a bearer token's claims or the web session cookie
into a Principal, read from the database (role, disabled, password, the web session itself): a
bearer token's for a few seconds at most (kiosk and API calls are the hot path), a web session's
once per request. The API's auth and every web page (console, reports, admin) ask here; nothing
trusts a role stored in a cookie."""
import time
from dataclasses import dataclass

from flask import current_app, g, session

from . import security
from .edge import queue
from .services import accounts

PRINCIPAL_CACHE_SECONDS = 10.0
CACHE_MAX_ENTRIES = 10_000


@dataclass(frozen=True)
class Principal:
    """An authenticated caller."""

    kind: str  # "kiosk" | "user"
    id: int
    centre_id: int
    role: str
    name: str


def user_principal(user_id: int, stamp: str | None) -> Principal | None:
    """The active user whose password still matches the token's stamp (cached briefly: every click
    at a counter comes through here)."""
    return cached_principal(_cache(), ("user", user_id, stamp),
                            lambda: _principal(accounts.account(queue(), user_id), stamp))


def web_principal() -> Principal | None:
    """The user of this request's web session, if it is still open on the server (not signed out,
    not older than SESSION_HOURS, the user active and the password unchanged); None otherwise, and
    then the cookie is emptied. Read from the database once per request, never kept between
    requests: a sign-out (or a disabled account) shuts every worker's door at once, where a cache
    per process would keep a copied cookie working on the others for a while."""
    if "web_principal" in g:
        return g.web_principal
    session_id = session.get("sid")
    if not session_id:
        session.pop("user_id", None)   # a cookie from before server-side sessions: sign in again
        return None
    hours = current_app.config["SESSION_HOURS"]
    principal = g.web_principal = _principal(accounts.web_session_account(queue(), session_id, hours),
                                             session.get("pw"))
    if principal is None:
        session.clear()
    return principal


def sign_in(account: accounts.Account) -> None:
    """Open a web session for `account` and put it in the cookie (which expires with it)."""
    session.clear()
    g.pop("web_principal", None)
    session.permanent = True
    session.update(sid=accounts.start_web_session(queue(), account.id), user_id=account.id,
                   username=account.username, pw=security.password_stamp(account.password_hash))


def sign_out() -> None:
    """End the web session on the server and in the cookie."""
    session_id = session.get("sid")
    if session_id:
        accounts.end_web_session(queue(), session_id)
    g.pop("web_principal", None)
    session.clear()


def _principal(account: accounts.Account | None, stamp: str | None) -> Principal | None:
    if account is None or not account.is_active:
        return None
    if stamp is not None and stamp != security.password_stamp(account.password_hash):
        return None
    return Principal("user", account.id, account.centre_id, account.role, account.username)


def _cache() -> dict:
    # Made by create_app in the main application, so the admin application (web/admin_mount.py)
    # shares it. Bearer tokens only: web sessions are read per request (web_principal).
    return current_app.extensions["user_cache"]


def cached_principal(cache: dict, key, look_up) -> Principal | None:
    """`look_up()`'s principal, kept in `cache` under `key` for PRINCIPAL_CACHE_SECONDS."""
    cached = cache.get(key)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    principal = look_up()
    if len(cache) > CACHE_MAX_ENTRIES:  # made-up tokens and cookies must not grow it without bound
        cache.clear()
    cache[key] = (time.monotonic() + PRINCIPAL_CACHE_SECONDS, principal)
    return principal
