"""Who is calling: a kiosk (device token), or a staff member, manager or admin (API token or
the web session cookie). `auth_required(auth, roles=[...])` answers 401 to anonymous calls and
403 to the wrong role."""
from apiflask import APIBlueprint, HTTPTokenAuth
from flask import current_app, session

from .. import security
from ..edge import queue
from ..login_limits import login_limited
from ..services import accounts
from ..signed_in import Principal, cached_principal, user_principal, web_principal
from .errors import error_response, refuse
from .schemas import LoginRequest, TokenOut

bp = APIBlueprint("auth", __name__, url_prefix="/api/v1", tag="Auth")


class TokenOrSessionAuth(HTTPTokenAuth):
    """Bearer token auth that also asks verify_token when there is no token, so that the web
    pages' session cookie can stand in for it."""

    def authenticate(self, auth, stored_password):
        return self.ensure_sync(self.verify_token_callback)(getattr(auth, "token", None) or "")


auth = TokenOrSessionAuth(scheme="Bearer", description="A kiosk device token, or a staff API token from "
                                                       "POST /api/v1/auth/token (web pages: the session cookie)")

STAFF_ROLES = ["staff", "admin"]
MANAGER_ROLES = ["manager", "admin"]
ADMIN_ROLES = ["admin"]
KIOSK_ROLES = ["kiosk"]


@auth.verify_token
def verify_token(token: str) -> Principal | None:
    """Find the principal behind a bearer token, or behind the session cookie when there is none."""
    if not token:
        return _session_user()
    if token.startswith("kt_"):
        return _kiosk(token)
    claims = security.read_api_token(current_app.config["SECRET_KEY"], token,
                                     current_app.config["API_TOKEN_HOURS"] * 3600)
    if claims is None:
        return None
    return user_principal(claims["uid"], claims.get("pw"))


@auth.get_user_roles
def roles(principal: Principal) -> list[str]:
    return [principal.role]


@auth.error_processor
def auth_error(error):
    return error_response(error.status_code, headers=error.headers)


def _kiosk(token: str) -> Principal | None:
    """Kiosk look-ups are cached briefly: they sit on the ticket-issuing hot path."""
    digest = security.hash_kiosk_token(token)

    def look_up() -> Principal | None:
        kiosk = accounts.kiosk_with_token(queue(), digest)
        return Principal("kiosk", kiosk.id, kiosk.centre_id, "kiosk", kiosk.name) if kiosk else None
    return cached_principal(current_app.extensions.setdefault("kiosk_cache", {}), digest, look_up)


def _session_user() -> Principal | None:
    """The web session's user (a state-changing call has already shown the CSRF token: hardening.py)."""
    if not session.get("sid"):
        return None
    return web_principal()


@bp.post("/auth/token")
@login_limited()
@bp.input(LoginRequest, arg_name="body")
@bp.output(TokenOut)
@bp.doc(summary="Exchange a username and password for an API token", responses=[401, 422, 429])
def token(body):
    user = accounts.check_credentials(queue(), body["username"], body["password"])
    if user is None:
        raise refuse(401, "invalid_credentials", "Sai tên đăng nhập hoặc mật khẩu.")
    hours = current_app.config["API_TOKEN_HOURS"]
    return {"token": security.issue_api_token(current_app.config["SECRET_KEY"], user.id,
                                              security.password_stamp(user.password_hash)),
            "role": user.role, "expires_in": hours * 3600}
