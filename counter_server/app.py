"""The Flask application factory."""
import logging
from datetime import timedelta
from pathlib import Path

from apiflask import APIFlask
from sqlalchemy.orm import sessionmaker

from . import api, web
from .api.errors import ERROR_SCHEMA, register as register_errors
from .api.fields import IdConverter, TextConverter
from .api.openapi import complete as complete_openapi
from .config import Config, ensure_secret_key, resolve_paths
from .db import make_engine, start_checkpointer
from .extensions import csrf, limiter
from .hardening import harden, trust_proxy
from .malloc import limit_arenas
from .metrics import StreamWatch, count_requests
from .notify import ChangeNotifier
from .pg_wake import listener_for
from .services import QueueContext
from .stream_slots import StreamSlots
from .voice import Announcer
from .web.admin_mount import AdminMount

log = logging.getLogger(__name__)
DOCS_ASSETS = "/api/docs/assets/"


def create_app(test_config: dict | None = None) -> APIFlask:
    """Build the counter server: configuration, database, extensions, API and pages."""
    limit_arenas()   # before the worker's threads start allocating
    app = APIFlask(__name__, title="Counter server API (Bộ phận một cửa)", version="1",
                   spec_path="/api/openapi.json", docs_path="/api/docs", docs_ui="swagger-ui")
    app.config.update(Config().as_flask())
    app.config.update(
        WTF_CSRF_CHECK_DEFAULT=False,  # checked in one place where cookies authenticate: hardening.py
        WTF_CSRF_TIME_LIMIT=None,      # a token lasts as long as its sign-in (a console stays open all day)
        RATELIMIT_HEADERS_ENABLED=True,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        JSON_SORT_KEYS=False,
        SWAGGER_UI_CSS=DOCS_ASSETS + "swagger-ui.css",
        SWAGGER_UI_BUNDLE_JS=DOCS_ASSETS + "swagger-ui-bundle.js",
        SWAGGER_UI_STANDALONE_PRESET_JS=DOCS_ASSETS + "swagger-ui-standalone-preset.js",
        SERVERS=None,
        HTTP_ERROR_SCHEMA=ERROR_SCHEMA,
        VALIDATION_ERROR_SCHEMA=ERROR_SCHEMA,
        INFO={"description": "Ticket numbering, counter assignment and live events for one-stop "
                             "reception centres. Errors: {\"error\": code, \"message\": text}."},
    )
    if test_config:
        app.config.update(test_config)
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=app.config["SESSION_HOURS"])
    resolve_paths(app.config)
    ensure_secret_key(app.config, Path(app.config["VAR_DIR"]))

    engine = make_engine(app.config["DATABASE_URL"])
    notifier = ChangeNotifier()
    app.extensions["engine"] = engine
    app.extensions["checkpointer"] = start_checkpointer(engine)
    app.extensions["notifier"] = notifier
    app.extensions["wake_listener"] = listener_for(engine, notifier, app.config["PG_LISTEN"])
    app.extensions["stream_slots"] = StreamSlots(app.config["SSE_MAX_STREAMS"], app.config["SSE_MAX_PER_ADDRESS"])
    app.extensions["user_cache"] = {}   # signed_in.py
    app.extensions["stream_watch"] = StreamWatch()   # metrics.py: open streams and what they sent
    app.extensions["queue"] = QueueContext(sessionmaker(engine, expire_on_commit=False),
                                           after_commit=notifier.notify)

    app.extensions["announcer"] = Announcer(Path(app.config["AUDIO_DIR"]), app.config["ANNOUNCEMENT"],
                                            max_bytes=int(app.config["AUDIO_CACHE_MB"] * 1024 * 1024))

    # Before any route is added: ids and strings in every address bounded to what the database holds.
    app.url_map.converters.update(int=IdConverter, default=TextConverter, string=TextConverter)
    limiter.init_app(app)
    csrf.init_app(app)
    register_errors(app)
    for blueprint in api.BLUEPRINTS:
        app.register_blueprint(blueprint)
    app.register_blueprint(web.bp)
    app.register_blueprint(web.pages.bp)
    app.register_blueprint(web.reports.bp)
    app.register_blueprint(web.dossiers.bp)
    app.register_blueprint(web.notices.bp)
    count_requests(app)
    harden(app, app.config["MAX_REQUEST_MB"])
    app.wsgi_app = AdminMount(app)   # Flask-Admin is loaded by the first request under /admin
    trust_proxy(app, app.config["TRUSTED_PROXIES"])   # outermost: both applications see the client
    app.spec_processor(complete_openapi)
    _configure_logging(app)
    return app


def _configure_logging(app: APIFlask) -> None:
    if app.debug or app.testing:
        return
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
