"""What every response carries and what every request may be, for the main application and the
admin application alike: security headers (Flask-Talisman), a session cookie marked Secure
whenever the request came over HTTPS, the CSRF token on every state-changing request the cookie
could speak for, a bound on request bodies, and the one trusted reverse proxy whose
X-Forwarded-* headers are believed (docs/security.md)."""
from flask import Flask, render_template, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_talisman import Talisman
from flask_wtf.csrf import CSRFError
from werkzeug.middleware.proxy_fix import ProxyFix

from .api.errors import error_response
from .extensions import csrf

MB = 1024 * 1024
# Scripts and styles from this server only. 'unsafe-inline' stays for scripts and styles: the
# board, console, rating and reports pages carry a small inline script, and Flask-Admin's and
# Swagger UI's pages do too (not ours to change); no page loads anything from elsewhere.
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self' 'unsafe-inline'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
CSRF_MESSAGE = "Trang đã mở quá lâu hoặc thiếu mã bảo vệ. Xin tải lại trang rồi làm lại."


def needs_csrf_token() -> bool:
    """Whether this request must carry the CSRF token: every state-changing request that the
    session cookie could speak for. That is every form of the web pages (sign-in and sign-out
    included) and every API call made with a signed-in cookie. A call with a bearer token is
    exempt (a forged form or a cross-site fetch cannot set that header), and so is an anonymous
    API call without a signed-in cookie (the kiosk's and the tablet's own secrets authenticate it)."""
    if request.method in SAFE_METHODS:
        return False
    authorization = request.authorization
    if authorization is not None and authorization.type == "bearer" and authorization.token:
        return False
    return bool(session.get("sid")) or not request.path.startswith("/api/")


def refuse_without_csrf_token(error: CSRFError):
    """The API's usual error body; a page in words for a form."""
    if request.path.startswith("/api/"):
        return error_response(400, "csrf_failed", CSRF_MESSAGE, details=error.description)
    return render_template("csrf_refused.html", message=CSRF_MESSAGE), 400


class SessionCookieSecureOverHttps(SecureCookieSessionInterface):
    """The session cookie is Secure when SESSION_COOKIE_SECURE says so, and on every request that
    came over HTTPS (directly, or through the trusted proxy: see trust_proxy)."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure


def harden(app: Flask, max_request_mb: float) -> None:
    """Headers, cookie and size limit on `app` (each application, main and admin, gets its own)."""
    Talisman(app, force_https=False, session_cookie_secure=False, content_security_policy=CONTENT_SECURITY_POLICY,
             frame_options="DENY", referrer_policy="same-origin", strict_transport_security=True)
    app.session_interface = SessionCookieSecureOverHttps()
    # The one place CSRF is checked, for both applications (WTF_CSRF_CHECK_DEFAULT is off: Flask-WTF
    # alone would also refuse the kiosks' and API clients' bearer-token calls).
    app.before_request(lambda: csrf.protect() if needs_csrf_token() else None)
    app.register_error_handler(CSRFError, refuse_without_csrf_token)
    app.config["MAX_CONTENT_LENGTH"] = int(max_request_mb * MB)


def trust_proxy(app: Flask, hops: int) -> None:
    """Believe X-Forwarded-For/-Proto/-Host/-Port from `hops` reverse proxies in front (nginx: 1);
    with 0, the connecting address is the client, as without a proxy."""
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)
