"""With the limiter's storage in Redis (COUNTER_SERVER_RATELIMIT_STORAGE_URI=redis://…), the
production server's workers count sign-in attempts against one allowance; in memory (the
default) each worker keeps its own, which the README says."""
import json
import os
import urllib.error
import urllib.request

import pytest
import redis

from counter_server.db import make_engine
from counter_server.seed import seed_demo
from counter_server.services import QueueContext
from sqlalchemy.orm import sessionmaker
from tests.databases import REQUIRE_POSTGRES
from tests.live_server import free_port, gunicorn_command, running

REDIS_URL = "redis://127.0.0.1:6379/15"   # a database of its own, emptied first
TRIES = 12


@pytest.fixture
def redis_url():
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.exceptions.ConnectionError:
        if REQUIRE_POSTGRES:   # CI: the machine's services must be there
            raise
        pytest.skip("Redis is not running at 127.0.0.1:6379")
    return REDIS_URL


def wrong_password(base) -> int:
    request = urllib.request.Request(base + "/api/v1/auth/token", json.dumps(
        {"username": "canbo1", "password": "sai"}).encode(), {"Content-Type": "application/json"})
    try:
        urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        return error.code
    return 200


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_four_workers_share_one_sign_in_allowance_through_redis(database_url, tmp_path, redis_url):
    engine = make_engine(database_url)
    seed_demo(QueueContext(sessionmaker(engine, expire_on_commit=False)))
    engine.dispose()
    port = free_port()
    env = os.environ | {"COUNTER_SERVER_DATABASE_URL": database_url, "COUNTER_SERVER_SECRET_KEY": "e2e",
                        "COUNTER_SERVER_LOGIN_RATE_LIMIT": "3/minute",
                        "COUNTER_SERVER_RATELIMIT_STORAGE_URI": redis_url}
    with running(gunicorn_command(port, workers=4, threads=2), env, tmp_path, port, tmp_path / "server.log") as base:
        answers = [wrong_password(base) for _ in range(TRIES)]
    assert answers[:3] == [401, 401, 401] and set(answers[3:]) == {429}, answers
