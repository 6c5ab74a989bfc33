"""Web pages: staff login (session cookie + CSRF) and the API docs' local assets.

The board, the tracking page and the counter console live in pages.py.
"""
from pathlib import Path
from urllib.parse import urlsplit

import swagger_ui_bundle
from flask import Blueprint, redirect, render_template, request, send_from_directory, url_for

from ..edge import queue
from ..login_limits import login_limited
from ..services.accounts import check_credentials
from ..signed_in import sign_in, sign_out, web_principal

bp = Blueprint("web", __name__, template_folder="templates")
SWAGGER_DIR = Path(swagger_ui_bundle.swagger_ui_path)


@bp.get("/api/docs/assets/<path:name>")
def docs_asset(name):
    """Swagger UI served from the installed package: the centre may have no internet."""
    return send_from_directory(SWAGGER_DIR, name)


@bp.get("/")
def index():
    user = web_principal()
    return render_template("index.html", user=user and user.name, role=user and user.role)


@bp.route("/login", methods=["GET", "POST"])
@login_limited(methods=["POST"])   # the same allowances as POST /api/v1/auth/token
def login():
    """Staff sign in; the form carries a CSRF token (checked for every form: hardening.py)."""
    error = None
    if request.method == "POST":
        user = check_credentials(queue(), request.form.get("username", ""), request.form.get("password", ""))
        if user is None:
            error = "Sai tên đăng nhập hoặc mật khẩu."
        else:
            sign_in(user)
            return redirect(local_path(request.args.get("next")) or url_for("web.index"))
    return render_template("login.html", error=error), 401 if error else 200


def local_path(target: str | None) -> str | None:
    """`target` if it is a path on this server ("/console/1"), else None: never another site
    ("https://…", "//host", "/\\host")."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


@bp.post("/logout")
def logout():
    sign_out()
    return redirect(url_for("web.login"))


from . import dossiers, notices, pages, reports  # noqa: E402  (blueprints registered by create_app)
