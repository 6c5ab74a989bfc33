"""Kiosk settings: a TOML file, then environment variables on top (KIOSK_SERVER_URL, KIOSK_TOKEN,
KIOSK_PRINTER, KIOSK_LANGUAGE, ...). Plain Python: no Kivy."""
import os
import tomllib
from zoneinfo import ZoneInfo
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

import tomli_w

DEFAULT_FILE = Path(os.environ.get("KIOSK_CONFIG", "/etc/mot-cua/kiosk.toml"))
LANGUAGES = ("vi", "en")


class ConfigError(ValueError):
    """A setting is missing or malformed; the message names it."""


@dataclass(frozen=True)
class KioskConfig:
    """Everything a kiosk needs to know to run."""

    server_url: str = "http://127.0.0.1:5000"
    token: str = ""
    printer: str = "virtual:///var/tmp/kiosk-tickets"
    paper: int = 80
    language: str = "vi"
    idle_seconds: int = 45
    fullscreen: bool = True
    service_pin: str = ""
    centre_name: str = "Bộ phận Một cửa"
    time_zone: str = "Asia/Ho_Chi_Minh"
    window_size: str = "1920x1080"
    cache_file: str = "/var/tmp/mot-cua-kiosk/catalogue.json"

    def check(self) -> "KioskConfig":
        """Itself, or ConfigError naming the first bad setting."""
        if not self.server_url.startswith(("http://", "https://")):
            raise ConfigError(f"server_url must start with http:// or https://, not {self.server_url!r}")
        if not self.token:
            raise ConfigError("token is missing: create one with `counter-server create-kiosk NAME`")
        if self.language not in LANGUAGES:
            raise ConfigError(f"language must be one of {LANGUAGES}, not {self.language!r}")
        if self.paper not in (58, 80):
            raise ConfigError(f"paper must be 58 or 80, not {self.paper!r}")
        if len(self.window_size.split("x")) != 2 or not all(p.isdigit() for p in self.window_size.split("x")):
            raise ConfigError(f"window_size must look like 1920x1080, not {self.window_size!r}")
        try:
            ZoneInfo(self.time_zone)
        except (ValueError, KeyError):
            raise ConfigError(f"time_zone is not a known time zone: {self.time_zone!r}") from None
        if self.idle_seconds < 10:
            raise ConfigError("idle_seconds must be at least 10")
        return self


def save_config(config: KioskConfig, path: Path) -> None:
    """Write the settings as TOML (the service screen's Save), atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(tomli_w.dumps(asdict(config)), encoding="utf-8")
    temporary.replace(path)


def load_config(path: Path | None = DEFAULT_FILE, environ: dict | None = None) -> KioskConfig:
    """Defaults, then the file (if it exists), then KIOSK_* environment variables; checked."""
    environ = os.environ if environ is None else environ
    config = KioskConfig()
    if path is not None and Path(path).exists():
        with open(path, "rb") as handle:
            config = _apply(config, tomllib.load(handle), str(path))
    from_env = {f.name: environ[f"KIOSK_{f.name.upper()}"] for f in fields(KioskConfig)
                if f"KIOSK_{f.name.upper()}" in environ}
    return _apply(config, from_env, "environment").check()


def _apply(config: KioskConfig, values: dict, source: str) -> KioskConfig:
    known = {f.name: f.type for f in fields(KioskConfig)}
    changes = {}
    for name, value in values.items():
        if name not in known:
            raise ConfigError(f"unknown setting {name!r} in {source}")
        changes[name] = _convert(name, value, known[name], source)
    return replace(config, **changes)


def _convert(name, value, kind, source):
    if not isinstance(value, str):
        return value
    try:
        if kind in (int, "int"):
            return int(value)
        if kind in (bool, "bool"):
            if value.lower() not in ("1", "0", "true", "false", "yes", "no"):
                raise ValueError(value)
            return value.lower() in ("1", "true", "yes")
    except ValueError:
        raise ConfigError(f"{name} in {source} is not a valid {getattr(kind, '__name__', kind)}: {value!r}") from None
    return value
