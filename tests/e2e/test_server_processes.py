"""The production server command with several worker processes, hit by many clients at once:
no number issued twice, no ticket called at two counters, nothing lost, no 500."""
import json
import os
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import sessionmaker

from counter_server.db import make_engine
from counter_server.models import Ticket, TicketEvent
from counter_server.seed import seed_demo
from counter_server.services import QueueContext
from tests.live_server import free_port, gunicorn_command, running

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 12
REQUESTS_PER_CLIENT = 30


@contextmanager
def demo_on_three_workers(database_url, tmp_path, options=(), **env):
    """The demo centre served by the production command with three workers (gunicorn `options`
    and extra environment added): its address and the demo kiosk's token."""
    engine = make_engine(database_url)
    report = seed_demo(QueueContext(sessionmaker(engine, expire_on_commit=False)), always_open=True)
    engine.dispose()
    port = free_port()
    env = os.environ | {"COUNTER_SERVER_DATABASE_URL": database_url, "COUNTER_SERVER_SECRET_KEY": "e2e",
                        "COUNTER_SERVER_KIOSK_RATE_LIMIT": "100000/minute"} | env
    command = gunicorn_command(port, workers=3, threads=4)
    command[1:1] = list(options)
    with running(command, env, tmp_path, port, tmp_path / "server.log") as base:
        yield base, report.kiosk_token


@pytest.fixture
def server(database_url, tmp_path):
    with demo_on_three_workers(database_url, tmp_path) as served:
        yield served


def post(url, token, body=None, key=None):
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    if key:
        headers["Idempotency-Key"] = key
    request = urllib.request.Request(url, json.dumps(body).encode() if body else b"", headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


@pytest.mark.slow
def test_three_workers_and_many_clients_never_duplicate_or_lose(server, database_url):
    base, kiosk = server
    login = urllib.request.Request(base + "/api/v1/auth/token", json.dumps(
        {"username": "canbo1", "password": "canbo1-demo"}).encode(), {"Content-Type": "application/json"})
    staff = json.loads(urllib.request.urlopen(login).read())["token"]

    def client(number):
        issued, called, statuses = [], [], []
        for i in range(REQUESTS_PER_CLIENT):
            status, body = post(base + "/api/v1/tickets", kiosk, {"field": ("HT", "CT")[i % 2]}, f"c{number}-{i}")
            statuses.append(status)
            issued.append(body["number"])
            if i % 3 == 0:  # the same tap again: must give the same ticket
                again_status, again = post(base + "/api/v1/tickets", kiosk, {"field": "HT"}, f"c{number}-{i}")
                assert (again_status, again["number"]) == (200, body["number"])
            if i % 2:
                status, body = post(base + f"/api/v1/counters/{1 + number % 2}/next", staff)
                statuses.append(status)
                if status == 200:
                    called.append(body["id"])
        return issued, called, statuses

    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(client, range(CLIENTS)))

    statuses = [s for _, _, mine in results for s in mine]
    assert set(statuses) <= {200, 201, 204}, "a request failed"
    numbers = [n for mine, _, _ in results for n in mine]
    assert len(numbers) == CLIENTS * REQUESTS_PER_CLIENT and len(set(numbers)) == len(numbers)
    called = [t for _, mine, _ in results for t in mine]
    assert len(set(called)) == len(called), "a ticket was called twice"
    engine = create_engine(database_url)
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Ticket)) == len(numbers), "lost or extra tickets"
        calls = connection.execute(select(TicketEvent.ticket_id, func.count()).where(TicketEvent.kind == "called")
                                   .group_by(TicketEvent.ticket_id)).all()
        assert all(count == 1 for _, count in calls) and len(calls) == len(called)
    engine.dispose()


def test_a_scrape_of_any_worker_adds_up_the_counts_of_every_worker(database_url, tmp_path):
    # Each worker is replaced after 5 requests: the thirty are served by many processes, for certain.
    options = ["-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "--max-requests", "5"]
    with demo_on_three_workers(database_url, tmp_path, options,
                               PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics")) as (base, kiosk):
        taken = [post(base + "/api/v1/tickets", kiosk, {"field": "HT"}, f"m{i}")[0] for i in range(30)]
        assert taken == [201] * 30
        scrapes = [urllib.request.urlopen(base + "/metrics").read().decode() for _ in range(6)]
    # Whichever worker answered, it counted the thirty tickets that all the workers issued.
    for body in scrapes:
        line = next(line for line in body.splitlines()
                    if line.startswith("counter_server_requests_total{")
                    and 'route="/api/v1/tickets"' in line and 'status="201"' in line)
        assert float(line.rsplit(" ", 1)[1]) == 30
        assert 'counter_server_action_seconds_count{action="issue"} 30.0' in body
    assert len(list((tmp_path / "metrics").glob("counter_*.db"))) >= 6     # one file per worker that served
