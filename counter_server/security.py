"""Passwords, kiosk device tokens and signed API tokens."""
import hashlib
import secrets

from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.security import check_password_hash, generate_password_hash

ROLES = ("staff", "manager", "admin")
MIN_PASSWORD_LENGTH = 8


def password_problem(password: str) -> str | None:
    """Why `password` may not be set, in Vietnamese, or None if it may: the one rule the admin
    pages, the CLI and the services apply."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự."
    return None


def hash_password(password: str) -> str:
    """A salted scrypt hash (Werkzeug's current default)."""
    return generate_password_hash(password, method="scrypt")


def password_matches(password_hash: str, password: str) -> bool:
    """Constant-time check of a password against its stored hash."""
    return check_password_hash(password_hash, password)


def new_kiosk_token() -> str:
    """A random device token, shown once to the installer."""
    return "kt_" + secrets.token_urlsafe(32)


def hash_kiosk_token(token: str) -> str:
    """Kiosk tokens carry 256 random bits, so a fast hash is enough to store them safely."""
    return hashlib.sha256(token.encode()).hexdigest()


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt="counter-server-api-token")


def password_stamp(password_hash: str) -> str:
    """A short fingerprint of the password hash: changing the password invalidates old tokens."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:12]


def issue_api_token(secret_key: str, user_id: int, stamp: str) -> str:
    """A signed, time-stamped bearer token for a staff, manager or admin API client."""
    return _serializer(secret_key).dumps({"uid": user_id, "pw": stamp})


def read_api_token(secret_key: str, token: str, max_age_seconds: int) -> dict | None:
    """The token's claims if its signature and age are good, else None."""
    try:
        return _serializer(secret_key).loads(token, max_age=max_age_seconds)
    except BadSignature:
        return None
