"""What every response carries and what every request may be, for the main application and the
admin application alike: security headers (Flask-Talisman), a session cookie marked Secure
whenever the request came over HTTPS, a bound on request bodies, and the one trusted reverse
proxy whose X-Forwarded-* headers are believed (docs/security.md)."""
from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from flask_talisman import Talisman
from werkzeug.middleware.proxy_fix import ProxyFix

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
    app.config["MAX_CONTENT_LENGTH"] = int(max_request_mb * MB)


def trust_proxy(app: Flask, hops: int) -> None:
    """Believe X-Forwarded-For/-Proto/-Host/-Port from `hops` reverse proxies in front (nginx: 1);
    with 0, the connecting address is the client, as without a proxy."""
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)
