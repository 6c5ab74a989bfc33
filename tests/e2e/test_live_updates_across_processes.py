"""Live events cross worker processes: a ticket issued and called through one gunicorn worker
reaches the event streams held by the others. Each worker may hold one stream here, so with one
stream on every worker, every call is handled away from most of them."""
import json

import httpx
import pytest

from tests.e2e.test_server_processes import demo_on_three_workers

WORKERS = 3   # demo_on_three_workers
ONE_STREAM_A_WORKER = {"COUNTER_SERVER_SSE_MAX_STREAMS": "1", "COUNTER_SERVER_SSE_MAX_PER_ADDRESS": "0"}
# Far longer than the test reads: only a wake-up from another process can deliver in time.
NO_POLL = {"COUNTER_SERVER_SSE_POLL_SECONDS": "3600"}
QUICK_STOP = ("--graceful-timeout", "1")   # at the end, streams that would wait an hour are cut


class Board:
    """A display board's live stream (GET /api/v1/events), read line by line."""

    def __init__(self, response: httpx.Response):
        self.response, self.lines = response, response.iter_lines()

    def wait_for(self, kind: str, number: str) -> dict:
        """The next `kind` event for ticket `number` on this stream (fails if the stream ends)."""
        current = None
        for line in self.lines:
            if line.startswith("event: "):
                current = line[7:]
            elif line.startswith("data: ") and current == kind:
                data = json.loads(line[6:])
                if data.get("number") == number:
                    return data
        raise AssertionError(f"the stream ended without {kind} {number}")


def one_board_on_each_worker(http: httpx.Client) -> list[Board]:
    """Open streams until every worker holds one: a worker that holds one already answers 503."""
    boards = []
    for _ in range(200):
        # a new connection each time: a kept-alive one would come back to the same worker
        response = http.send(http.build_request("GET", "/api/v1/events", headers={"Connection": "close"}), stream=True)
        if response.status_code == 200:
            boards.append(Board(response))
            if len(boards) == WORKERS:
                return boards
        else:
            assert response.status_code == 503
            response.close()
    raise AssertionError(f"only {len(boards)} of {WORKERS} workers took a stream")


def issue_and_call(base: str, kiosk_token: str) -> str:
    """A kiosk takes a ticket, counter 1 calls it; its number."""
    with httpx.Client(base_url=base, timeout=30) as http:
        issued = http.post("/api/v1/tickets", json={"field": "HT"}, headers={"Authorization": f"Bearer {kiosk_token}"})
        token = http.post("/api/v1/auth/token", json={"username": "canbo1", "password": "canbo1-demo"}).json()["token"]
        staff = {"Authorization": f"Bearer {token}"}
        counter = next(c["id"] for c in http.get("/api/v1/counters", headers=staff).json()["items"] if c["number"] == 1)
        called = http.post(f"/api/v1/counters/{counter}/next", headers=staff)
    assert called.json()["number"] == issued.json()["number"]
    return issued.json()["number"]


def every_board_sees(base: str, kiosk_token: str) -> None:
    with httpx.Client(base_url=base, timeout=httpx.Timeout(30, read=60)) as http:
        boards = one_board_on_each_worker(http)
        number = issue_and_call(base, kiosk_token)
        for board in boards:
            assert board.wait_for("issued", number)["field"] == "HT"
            assert board.wait_for("called", number)["counter"] == 1
            board.response.close()


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_boards_on_other_workers_get_the_call_at_once_through_postgresql(database_url, tmp_path):
    with demo_on_three_workers(database_url, tmp_path, QUICK_STOP, **ONE_STREAM_A_WORKER, **NO_POLL) as (base, kiosk):
        every_board_sees(base, kiosk)


@pytest.mark.slow
def test_without_the_listener_boards_on_other_workers_still_get_the_call_by_their_poll(database_url, tmp_path):
    # SQLite has no listener; on PostgreSQL COUNTER_SERVER_PG_LISTEN=0 turns it off.
    with demo_on_three_workers(database_url, tmp_path, QUICK_STOP, **ONE_STREAM_A_WORKER,
                               COUNTER_SERVER_PG_LISTEN="0") as (base, kiosk):
        every_board_sees(base, kiosk)
