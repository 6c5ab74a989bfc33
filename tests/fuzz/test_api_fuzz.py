"""Schemathesis against the live production server (gunicorn), on SQLite and PostgreSQL, with a
credential for every role and every phase (examples, coverage, fuzzing, stateful): no server
error, and every status code, content type and body as the OpenAPI document says."""
import os
import subprocess
from pathlib import Path

import httpx
import pytest
import tomli_w
from sqlalchemy.orm import sessionmaker

from counter_server.db import make_engine
from counter_server.seed import seed_demo
from counter_server.services import QueueContext
from tests.live_server import BIN, demo_tokens, free_port, gunicorn_command, running

ROOT = Path(__file__).resolve().parents[2]
SECONDS = int(os.environ.get("FUZZ_SECONDS", "120"))   # per engine; the fuzzing and stateful phases fill it
SEED = os.environ.get("FUZZ_SEED", "20261130")
CHECKS = ("not_a_server_error", "status_code_conformance", "content_type_conformance",
          "response_schema_conformance", "negative_data_rejection", "positive_data_acceptance")

# One request per role that its credential must pass (a status other than 401/403).
PROOF = {
    "kiosk": ("POST", "/api/v1/kiosks/heartbeat", {200}),
    "staff": ("GET", "/api/v1/counters", {200}),
    "manager": ("GET", "/api/v1/tickets", {200}),
    "admin": ("GET", "/api/v1/users", {200}),
    "rating": ("GET", "/api/v1/rating/question", {200, 204}),
}

# A check that is wrong for one operation, and why. Nothing is excused for the whole run.
EXCUSED = {
    ("GET /api/v1/reports/waits", "positive_data_acceptance"):
        "`from` and `to` are each a valid date, but together they must not run backwards nor cover "
        "more than a year: a rule across two parameters that OpenAPI cannot state, refused with 422",
    ("GET /api/v1/calendar/appointment", "positive_data_acceptance"):
        "a procedure, or an amount with its unit: a rule across query parameters that OpenAPI cannot "
        "state, refused with 422",
    ("POST /api/v1/id-card/read", "positive_data_acceptance"):
        "any text up to 2,000 characters is a valid body, and only an ID card's QR text can be read: "
        "anything else is refused with 422 saying what was wrong",
    ("GET /api/v1/reports/dossiers", "positive_data_acceptance"):
        "as /reports/waits: `from` and `to` together must not run backwards nor cover more than a year",
    ("POST /api/v1/dossiers/{dossier_id}/transitions", "positive_data_acceptance"):
        "where a dossier may go depends on where it is (the lifecycle table): a well-formed move the table "
        "does not allow from the dossier's stage is 409 wrong_move, and a move whose paper states a reason "
        "without one is 422 move_incomplete, saying so",
    ("GET /api/v1/dossiers", "positive_data_acceptance"):
        "a CSV or Excel file of the book covers a month of receipts at most: a valid range that is longer "
        "(or open) is 422 book_file_too_long, as for the wait log's files",
    ("GET /api/v1/dossiers/book.pdf", "positive_data_acceptance"):
        "a printed book holds at most 200 dossiers: a valid filter that picks more is 422 too_many_to_print",
    ("POST /api/v1/ratings", "positive_data_acceptance"):
        "the rating levels are the centre's own data (three by default, four in some centres): the "
        "schema bounds a level to 1-9, and a level this centre does not offer is refused with 422",
}

# The production server refuses a request line over 4 KB with 414 before the app sees it: for a
# fuzzer's huge query string that is a rejection like 400 or 422, on every operation alike.
REJECTED = [400, 401, 403, 404, 405, 406, 409, 414, 415, 422, 428, 429]


def config(directory) -> str:
    """The schemathesis.toml for the run: the checks, and those excused for one operation."""
    excused = {}
    for name, check in EXCUSED:
        excused.setdefault(name, {})[check] = {"enabled": False}
    checks = {"enabled": False} | {check: {"enabled": True} for check in CHECKS}
    checks["negative_data_rejection"]["expected-statuses"] = REJECTED
    path = directory / "schemathesis.toml"
    path.write_text(tomli_w.dumps({"checks": checks, "operations": [
        {"include-name": name, "checks": excused_checks} for name, excused_checks in excused.items()]}))
    return str(path)


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
                        "COUNTER_SERVER_LOOKUP_RATE_LIMIT": "1000000/minute", "COUNTER_SERVER_SSE_MAX_SECONDS": "1"}
    with running(gunicorn_command(port), env, tmp_path, port, tmp_path / "server.log") as base:
        yield base, report.kiosk_token


@pytest.mark.slow
def test_the_api_fuzzer_finds_no_failure(live_server, tmp_path):
    base, kiosk_token = live_server
    tokens = demo_tokens(base, kiosk_token)
    for role, (method, path, allowed) in PROOF.items():   # every credential works before the fuzzer starts
        answer = httpx.request(method, base + path, headers={"Authorization": f"Bearer {tokens[role]}"},
                               json={"printer_state": "ok"} if method == "POST" else None)
        assert answer.status_code in allowed, (role, answer.status_code, answer.text)
    env = os.environ | {f"FUZZ_{role.upper()}_TOKEN": token for role, token in tokens.items()}
    env |= {"SCHEMATHESIS_HOOKS": "tests.fuzz.credentials", "PYTHONPATH": os.pathsep.join(filter(None, (
        str(ROOT), os.environ.get("PYTHONPATH"))))}
    command = [str(BIN / "st"), "--no-color", "--config-file", config(tmp_path), "run",
               base + "/api/openapi.json",
               "--phases", "examples,coverage,fuzzing,stateful", "--max-time", str(SECONDS),
               "--seed", SEED, "--request-timeout", "20", "--workers", "1"]
    done = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True,
                          timeout=SECONDS * 3 + 120)
    assert done.returncode == 0, done.stdout[-20000:] + done.stderr[-5000:]
    assert "Test cases:" in done.stdout and " passed" in done.stdout
