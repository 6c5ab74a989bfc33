"""Benchmark: what reading the web session on every request costs the counter console.

Since step 10 a web session is read from the database once per request, never cached between
requests (a sign-out must shut a copied cookie out of every worker at once). This times the
console's desk request (GET /api/v1/counters/<id>/desk with the session cookie, the request the
console makes on every live event) through the Flask test client on SQLite, side by side with the
old behaviour (the session read once and kept), alternating 6 rounds of 300 requests each.

Run: python -m bench.bench_web_session
"""
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy.orm import sessionmaker  # noqa: E402

from bench import databases  # noqa: E402
from counter_server.app import create_app  # noqa: E402
from counter_server.db import make_engine  # noqa: E402
from counter_server.seed import seed_demo  # noqa: E402
from counter_server.services import QueueContext, accounts  # noqa: E402


def main() -> int:
    workdir = Path(tempfile.mkdtemp())
    url = databases.migrated_sqlite(workdir / "queue.sqlite3")
    engine = make_engine(url)
    seed_demo(QueueContext(sessionmaker(engine, expire_on_commit=False)), always_open=True)
    engine.dispose()
    app = create_app({"DATABASE_URL": url, "TESTING": True, "SECRET_KEY": "bench", "AUDIO_DIR": str(workdir / "a"),
                      "RATELIMIT_ENABLED": False})
    client = app.test_client()
    form = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    signed = client.post("/login", data={"username": "canbo1", "password": "canbo1-demo", "csrf_token": token})
    assert signed.status_code == 302

    def round_ms(requests: int = 300) -> float:
        started = time.perf_counter()
        for _ in range(requests):
            assert client.get("/api/v1/counters/1/desk").status_code == 200
        return (time.perf_counter() - started) / requests * 1000

    every_request, read_once = accounts.web_session_account, {}

    def kept(ctx, session_id, hours):   # the old behaviour: read once, then kept
        if session_id not in read_once:
            read_once[session_id] = every_request(ctx, session_id, hours)
        return read_once[session_id]

    now, before = [], []
    for _ in range(6):
        accounts.web_session_account = every_request
        now.append(round_ms())
        accounts.web_session_account = kept
        before.append(round_ms())
    accounts.web_session_account = every_request
    print(f"desk request, session read every request: median {statistics.median(now):.2f} ms; "
          f"read once and kept: {statistics.median(before):.2f} ms; "
          f"ratio {statistics.median(now) / statistics.median(before):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
