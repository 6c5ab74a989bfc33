"""Flask extensions, created unbound and attached in create_app."""
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

from . import ratelimits  # noqa: F401  registers swept-memory://, the default storage

limiter = Limiter(key_func=get_remote_address)
csrf = CSRFProtect()
