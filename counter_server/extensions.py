"""Flask extensions, created unbound and attached in create_app."""
import hashlib

from flask import request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

limiter = Limiter(key_func=get_remote_address)
csrf = CSRFProtect()


def bearer_key() -> str:
    """Rate-limit key: the caller's bearer token (one kiosk), else its address."""
    header = request.headers.get("Authorization", "")
    if header:
        return "token:" + hashlib.sha256(header.encode()).hexdigest()[:24]
    return "addr:" + (get_remote_address() or "")
