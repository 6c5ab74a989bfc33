"""The administration pages (Flask-Admin) as an application of their own, built by the first
request under /admin. Flask-Admin, its model forms and Pillow (some 12 MB) thus stay out of every
worker that only serves kiosks, counters and boards. The admin application shares the main one's
configuration (so its session cookie and CSRF tokens), database and queue: sign in once."""
import threading
from collections import ChainMap

from flask import Flask

PREFIX = "/admin"


class AdminMount:
    """WSGI middleware: a request under /admin goes to the admin application, any other to `main`."""

    def __init__(self, main: Flask):
        self.main, self.main_wsgi = main, main.wsgi_app
        self._admin: Flask | None = None
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == PREFIX or path.startswith(PREFIX + "/"):
            return self.admin().wsgi_app(environ, start_response)
        return self.main_wsgi(environ, start_response)

    def admin(self) -> Flask:
        """The admin application, made once (two first requests at once make it once)."""
        if self._admin is None:
            with self._lock:
                if self._admin is None:
                    self._admin = admin_application(self.main)
        return self._admin


def admin_application(main: Flask) -> Flask:
    """Flask-Admin's pages on an application configured as `main`."""
    from ..extensions import csrf
    from ..hardening import harden
    from . import bp as web_pages, pages
    from .admin import init_admin
    admin = Flask("counter_server.web")
    admin.config.update(main.config)
    # Its own extensions first (CSRF, Babel, Flask-Admin), then the main application's, live:
    # the same engine, queue and announcer.
    admin.extensions = ChainMap({}, main.extensions)
    csrf.init_app(admin)
    # Registered for the addresses admin pages link to (sign-in, a tablet's pairing link);
    # their requests still go to the main application.
    admin.register_blueprint(web_pages)
    admin.register_blueprint(pages.bp)
    harden(admin, main.config["MAX_UPLOAD_MB"])   # catalogue files are uploaded here
    init_admin(admin, main.extensions["engine"])
    return admin
