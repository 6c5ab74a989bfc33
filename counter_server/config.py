"""Configuration read from COUNTER_SERVER_* environment variables (see the README's table)."""
import os
import secrets
from pathlib import Path

from .voice import DEFAULT_TEMPLATE as DEFAULT_ANNOUNCEMENT

PREFIX = "COUNTER_SERVER_"


def _env(name: str, default=None):
    return os.environ.get(PREFIX + name, default)


def centre_hosts(setting: str) -> dict[str, str]:
    """COUNTER_SERVER_CENTRE_HOSTS read: each host name (lower case, no port) and its centre's code."""
    pairs = (item.split("=", 1) for item in setting.split(",") if "=" in item)
    return {host.strip().lower(): code.strip() for host, code in pairs if host.strip() and code.strip()}


VAR_DIR = Path("var")  # relative to the working directory; resolved once at start-up


def default_database_url() -> str:
    """A SQLite file under var/ in the working directory."""
    return "sqlite:///" + str((VAR_DIR / "counter_server.sqlite3").resolve())


def absolute_sqlite_url(url: str) -> str:
    """A SQLite URL whose file is named relative to the working directory, made absolute."""
    head, slash, path = url.partition(":///")
    if not head.startswith("sqlite") or not slash or not path or path.startswith(("/", ":memory:")):
        return url
    return f"{head}:///{Path(path).resolve()}"


def resolve_paths(config: dict) -> None:
    """Every path the server writes, absolute from the working directory at start-up.

    Flask resolves a relative path against the package folder (send_file) while files are written
    against the working directory: the two must never meet as relative paths.
    """
    config["AUDIO_DIR"] = str(Path(config["AUDIO_DIR"]).resolve())
    config["DATABASE_URL"] = absolute_sqlite_url(config["DATABASE_URL"])
    config["VAR_DIR"] = str(Path(config.get("VAR_DIR") or VAR_DIR).resolve())


class Config:
    """Settings for create_app; every value can come from the environment."""

    def __init__(self):
        self.ENV = _env("ENV", "production")  # production | development
        self.DATABASE_URL = _env("DATABASE_URL") or default_database_url()
        self.SECRET_KEY = _env("SECRET_KEY")
        self.TIMEZONE = _env("TIMEZONE", "Asia/Ho_Chi_Minh")
        self.DEFAULT_CENTRE = _env("DEFAULT_CENTRE")  # centre code for public pages; first centre if unset
        # host name → centre code for the public pages: "tanlap.motcua.vn=XA-TAN-LAP,hoabinh.motcua.vn=PHUONG-DEMO"
        self.CENTRE_HOSTS = centre_hosts(_env("CENTRE_HOSTS", ""))
        self.PUBLIC_URL = _env("PUBLIC_URL")  # base of track_url, e.g. https://motcua.example.vn
        self.KIOSK_RATE_LIMIT = _env("KIOSK_RATE_LIMIT", "30/minute")
        self.LOGIN_RATE_LIMIT = _env("LOGIN_RATE_LIMIT", "10/minute")
        self.LOOKUP_RATE_LIMIT = _env("LOOKUP_RATE_LIMIT", "10/minute")   # dossier status look-ups per address
        # a kiosk's look-ups (its token sent along): its own allowance, not its address's
        self.KIOSK_LOOKUP_RATE_LIMIT = _env("KIOSK_LOOKUP_RATE_LIMIT", "30/minute")
        self.RATELIMIT_STORAGE_URI = _env("RATELIMIT_STORAGE_URI", "swept-memory://")  # counter_server/ratelimits.py
        self.API_TOKEN_HOURS = int(_env("API_TOKEN_HOURS", "12"))
        self.SESSION_HOURS = float(_env("SESSION_HOURS", "10"))  # a web sign-in lasts a working day
        self.SESSION_COOKIE_SECURE = _env("SECURE_COOKIES", "0") == "1"  # else Secure over HTTPS only
        self.TRUSTED_PROXIES = int(_env("TRUSTED_PROXIES", "0"))  # reverse proxies in front (nginx: 1)
        self.MAX_REQUEST_MB = float(_env("MAX_REQUEST_MB", "1"))  # request bodies; larger: 413
        self.MAX_UPLOAD_MB = float(_env("MAX_UPLOAD_MB", "20"))  # admin pages (catalogue files)
        self.SSE_POLL_SECONDS = float(_env("SSE_POLL_SECONDS", "0.25"))
        self.PG_LISTEN = _env("PG_LISTEN", "1") != "0"   # PostgreSQL: hear other processes' commits (pg_wake.py)
        self.SSE_MAX_SECONDS = float(_env("SSE_MAX_SECONDS", "300"))
        self.SSE_KEEPALIVE_SECONDS = float(_env("SSE_KEEPALIVE_SECONDS", "15"))
        # Per worker process: each stream holds a thread (README: 16 a worker, so 4 stay for requests).
        self.SSE_MAX_STREAMS = int(_env("SSE_MAX_STREAMS", "12"))
        self.SSE_MAX_PER_ADDRESS = int(_env("SSE_MAX_PER_ADDRESS", "4"))  # 0: no per-address bound
        self.AUDIO_DIR = _env("AUDIO_DIR", "var/announcements")  # spoken calls, made once per call
        self.AUDIO_CACHE_MB = float(_env("AUDIO_CACHE_MB", "200"))  # most disk they use; oldest go first
        self.ANNOUNCEMENT = _env("ANNOUNCEMENT", DEFAULT_ANNOUNCEMENT)  # {number} and {counter}
        # GET /metrics: with a token, only with it; without one, only from the server itself
        self.METRICS_TOKEN = _env("METRICS_TOKEN")
        self.TESTING = False

    def as_flask(self) -> dict:
        """The settings as Flask config keys (COUNTER_SERVER_ prefix dropped)."""
        return {key: value for key, value in vars(self).items() if key.isupper()}


class MissingSecretKey(RuntimeError):
    """Production mode needs COUNTER_SERVER_SECRET_KEY: sessions and API tokens are signed with it."""


def ensure_secret_key(config: dict, instance_dir: Path) -> None:
    """Refuse production without a secret key; in development keep a generated one under var/."""
    if config.get("SECRET_KEY"):
        return
    if config.get("ENV") == "production" and not config.get("TESTING"):
        raise MissingSecretKey(
            "COUNTER_SERVER_SECRET_KEY is not set. Production mode refuses to start without it: "
            "generate one with  python -c 'import secrets; print(secrets.token_hex(32))'")
    key_file = instance_dir / "dev-secret-key"
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    config["SECRET_KEY"] = key_file.read_text().strip()
