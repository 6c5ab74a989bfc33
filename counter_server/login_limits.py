"""Sign-in attempts are limited per username and per address, for the web form and the API
together: one allowance each, not one per door. They are counted in the limiter's storage
(COUNTER_SERVER_RATELIMIT_STORAGE_URI): per worker by default, shared by every worker with
redis://… (README: several workers)."""
from flask import current_app, request

from .extensions import limiter


def username_key() -> str:
    """The username tried, in either door (a JSON body or the form)."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):   # a JSON list or number: the schema refuses it, the key must not crash
        body = request.form or {}
    return "login-user:" + str(body.get("username", ""))[:80].lower()


def _limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def login_limited(methods: list[str] | None = None):
    """Decorate a sign-in view: its attempts count against the shared per-address and per-username
    allowances (`methods`: only those requests count, e.g. the form's POST)."""
    def decorate(view):
        view = limiter.shared_limit(_limit, scope="login-address", methods=methods)(view)
        return limiter.shared_limit(_limit, scope="login-user", key_func=username_key, methods=methods)(view)
    return decorate
