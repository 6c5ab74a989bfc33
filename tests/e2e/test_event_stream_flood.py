"""Strangers on the hall network open live event streams by the dozen, against gunicorn: the
README's production command with its default settings keeps answering kiosks; a worker full of
streams from many addresses refuses more (503) and still serves requests; a stream whose client
has gone gives its place back."""
import json
import re
import socket
import subprocess
import time
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.e2e import walk
from tests.e2e.test_default_configuration import plain_environment
from tests.live_server import BIN, free_port, gunicorn_command, running

ROOT = Path(__file__).resolve().parents[2]


def open_stream(port: int, forwarded_for: str | None = None) -> tuple[socket.socket, int, dict]:
    """GET /api/v1/events; the socket is left open with the stream. (socket, status, error body)."""
    client = socket.create_connection(("127.0.0.1", port), timeout=10)
    forwarded = f"X-Forwarded-For: {forwarded_for}\r\n" if forwarded_for else ""
    client.sendall(f"GET /api/v1/events HTTP/1.1\r\nHost: hall\r\n{forwarded}\r\n".encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += client.recv(4096)
    head, _, rest = head.partition(b"\r\n\r\n")
    status = int(head.split()[1])
    if status == 200:
        return client, status, {}
    length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
    while len(rest) < length:
        rest += client.recv(4096)
    return client, status, json.loads(rest)


def demo_server(database_url: str, tmp_path: Path, env: dict) -> str:
    subprocess.run([str(BIN / "counter-server"), "init-db"], env=env, cwd=tmp_path, check=True, capture_output=True)
    return subprocess.run([str(BIN / "counter-server"), "seed-demo", "--always-open"], env=env, cwd=tmp_path,
                          check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_eighty_streams_from_one_address_leave_the_readme_server_answering_kiosks(database_url, tmp_path):
    env = plain_environment(COUNTER_SERVER_SECRET_KEY="flood", COUNTER_SERVER_DATABASE_URL=database_url)
    kiosk_token = demo_server(database_url, tmp_path, env)
    port = free_port()
    with running(gunicorn_command(port, workers=4, threads=16), env, tmp_path, port, tmp_path / "server.log"), \
            ExitStack() as streams:
        answers = []
        for _ in range(80):
            connection, status, body = open_stream(port)
            streams.callback(connection.close)
            answers.append((status, body.get("error")))
        opened = answers.count((200, None))
        assert 4 <= opened <= 16   # four a worker at most, from one address
        assert answers.count((429, "too_many_streams")) == 80 - opened
        ticket = walk.issue(f"http://127.0.0.1:{port}", kiosk_token)   # within its 30 s, as before it timed out
        assert ticket["number"].startswith("A")


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_worker_full_of_streams_refuses_more_serves_requests_and_frees_the_places_of_clients_gone(
        database_url, tmp_path):
    env = plain_environment(COUNTER_SERVER_SECRET_KEY="flood", COUNTER_SERVER_DATABASE_URL=database_url,
                            COUNTER_SERVER_TRUSTED_PROXIES="1",      # each stream from its own address
                            COUNTER_SERVER_SSE_KEEPALIVE_SECONDS="0.5")
    kiosk_token = demo_server(database_url, tmp_path, env)
    port = free_port()
    with running(gunicorn_command(port, workers=1, threads=16), env, tmp_path, port, tmp_path / "server.log"):
        held = []
        for n in range(12):
            connection, status, _ = open_stream(port, f"10.1.0.{n}")
            assert status == 200
            held.append(connection)
        refused = [open_stream(port, f"10.2.0.{n}") for n in range(8)]
        assert {(status, body["error"]) for _, status, body in refused} == {(503, "streams_full")}
        assert walk.issue(f"http://127.0.0.1:{port}", kiosk_token)["number"].startswith("A")
        for connection in held + [connection for connection, _, _ in refused]:
            connection.close()   # the boards are switched off without a word
        reopened = []
        for attempt in range(40):   # the server finds out when it next writes to them
            connection, status, _ = open_stream(port, f"10.3.0.{attempt}")
            reopened.append(connection)
            if status == 200:
                break
            time.sleep(0.25)
        assert status == 200   # long before the streams' five minutes were up
        for connection in reopened:
            connection.close()
