"""Schemathesis hooks (SCHEMATHESIS_HOOKS=tests.fuzz.credentials): each operation is fuzzed with
the credential of the role that uses it, through Schemathesis's own auth mechanism, so that it
knows the credential and can leave it out on purpose (static headers would put it back)."""
import os
import re

import schemathesis

# Which role's credential each operation gets (the rest are public). Tokens: FUZZ_<ROLE>_TOKEN.
ROLES = {
    "kiosk": r"^(POST /api/v1/tickets|POST /api/v1/kiosks/heartbeat)$",
    "staff": r"^(GET /api/v1/counters|.* /api/v1/counters/\{counter_id\}/.*|POST /api/v1/tickets/\{ticket_id\}/.*"
             r"|(GET|POST) /api/v1/dossiers|GET /api/v1/dossiers/book\.pdf"
             r"|GET /api/v1/dossiers/\{dossier_id\}(/receipt\.pdf|/control-sheet|/forms/\{form\}\.pdf)?"
             r"|POST /api/v1/dossiers/\{dossier_id\}/transitions|POST /api/v1/id-card/read)$",
    "manager": r"^(GET /api/v1/tickets|GET /api/v1/reports/(waits|dossiers))$",
    "admin": r"^(GET|POST) /api/v1/(kiosks|users|rating-devices)$",
    "rating": r"^(GET /api/v1/rating/question|POST /api/v1/ratings)$",
}


def role_of(operation: str) -> str | None:
    """The role whose credential `operation` (e.g. 'GET /api/v1/tickets') is tested with."""
    return next((role for role, pattern in ROLES.items() if re.match(pattern, operation)), None)


@schemathesis.auth(refresh_interval=None)
class RoleToken:
    """The bearer token of the operation's role."""

    def get(self, case, context):
        role = role_of(f"{case.method.upper()} {case.operation.path}")
        return os.environ[f"FUZZ_{role.upper()}_TOKEN"] if role else None

    def set(self, case, data, context):
        if data:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}
