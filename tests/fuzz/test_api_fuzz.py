"""Schemathesis against the live production server (gunicorn), on SQLite and PostgreSQL, with a
credential for every role and every phase (examples, coverage, fuzzing, stateful): no server
error, and every status code, content type and body as the OpenAPI document says."""
import os
import re
import subprocess

import pytest
import tomli_w
from sqlalchemy.orm import sessionmaker

from counter_server.db import make_engine
from counter_server.seed import seed_demo
from counter_server.services import QueueContext
from tests.live_server import BIN, demo_tokens, free_port, gunicorn_command, running

SECONDS = int(os.environ.get("FUZZ_SECONDS", "120"))   # per engine; the fuzzing and stateful phases fill it
SEED = os.environ.get("FUZZ_SEED", "20261130")
CHECKS = ("not_a_server_error", "status_code_conformance", "content_type_conformance",
          "response_schema_conformance", "negative_data_rejection", "positive_data_acceptance")

# Which credential each operation gets (the rest are public).
ROLES = {
    "kiosk": r"^(POST /api/v1/tickets|POST /api/v1/kiosks/heartbeat)$",
    "staff": r"^(GET /api/v1/counters|.* /api/v1/counters/\{counter_id\}/.*|POST /api/v1/tickets/\{ticket_id\}/.*)$",
    "manager": r"^(GET /api/v1/tickets|GET /api/v1/reports/waits)$",
    "admin": r"^(GET|POST) /api/v1/(kiosks|users|rating-devices)$",
    "rating": r"^(GET /api/v1/rating/question|POST /api/v1/ratings)$",
}

# A check that is wrong for one operation, and why. Nothing is excused for the whole run.
EXCUSED = {
    ("GET /api/v1/reports/waits", "positive_data_acceptance"):
        "`from` and `to` are each a valid date, but together they must not run backwards nor cover "
        "more than a year: a rule across two parameters that OpenAPI cannot state, refused with 422",
    ("POST /api/v1/ratings", "positive_data_acceptance"):
        "the rating levels are the centre's own data (three by default, four in some centres): the "
        "schema bounds a level to 1-9, and a level this centre does not offer is refused with 422",
}

# The production server refuses a request line over 4 KB with 414 before the app sees it: for a
# fuzzer's huge query string that is a rejection like 400 or 422, on every operation alike.
REJECTED = [400, 401, 403, 404, 405, 406, 409, 414, 415, 422, 428, 429]


def config(directory) -> str:
    """The schemathesis.toml for the run: credentials per operation, the excused checks. The first
    [[operations]] entry that matches an operation applies, so an excused one carries its role."""
    def credential(role):
        return {"Authorization": f"Bearer ${{FUZZ_{role.upper()}_TOKEN}}"} if role else {}
    excused = {}
    for name, check in EXCUSED:
        excused.setdefault(name, {})[check] = {"enabled": False}
    operations = [{"include-name": name, "headers": credential(role_of(name)), "checks": checks}
                  for name, checks in excused.items()]
    operations += [{"include-name-regex": pattern, "headers": credential(role)} for role, pattern in ROLES.items()]
    path = directory / "schemathesis.toml"
    checks = {"enabled": False} | {check: {"enabled": True} for check in CHECKS}
    checks["negative_data_rejection"]["expected-statuses"] = REJECTED
    path.write_text(tomli_w.dumps({"checks": checks, "operations": operations}))
    return str(path)


def role_of(operation: str) -> str | None:
    """The role whose credential `operation` (e.g. 'GET /api/v1/tickets') is tested with."""
    return next((role for role, pattern in ROLES.items() if re.match(pattern, operation)), None)


@pytest.fixture
def live_server(database_url, tmp_path):
    """The demo centre on the production command; test settings: the fuzzer's request rate is over
    any rate limit (limits are tested in tests/api/test_security.py), and the event stream ends
    after a second instead of five minutes."""
    engine = make_engine(database_url)
    report = seed_demo(QueueContext(sessionmaker(engine, expire_on_commit=False)), always_open=True)
    engine.dispose()
    port = free_port()
    env = os.environ | {"COUNTER_SERVER_DATABASE_URL": database_url, "COUNTER_SERVER_SECRET_KEY": "fuzz",
                        "COUNTER_SERVER_KIOSK_RATE_LIMIT": "1000000/minute",
                        "COUNTER_SERVER_LOGIN_RATE_LIMIT": "1000000/minute",
                        "COUNTER_SERVER_SSE_MAX_SECONDS": "1"}
    with running(gunicorn_command(port), env, tmp_path, port, tmp_path / "server.log") as base:
        yield base, report.kiosk_token


@pytest.mark.slow
def test_the_api_fuzzer_finds_no_failure(live_server, tmp_path):
    base, kiosk_token = live_server
    env = os.environ | {f"FUZZ_{role.upper()}_TOKEN": token for role, token in demo_tokens(base, kiosk_token).items()}
    command = [str(BIN / "st"), "--no-color", "--config-file", config(tmp_path), "run",
               base + "/api/openapi.json",
               "--phases", "examples,coverage,fuzzing,stateful", "--max-time", str(SECONDS),
               "--seed", SEED, "--request-timeout", "20", "--workers", "1"]
    done = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True,
                          timeout=SECONDS * 3 + 120)
    assert done.returncode == 0, done.stdout[-20000:] + done.stderr[-5000:]
    assert "Test cases:" in done.stdout and " passed" in done.stdout
