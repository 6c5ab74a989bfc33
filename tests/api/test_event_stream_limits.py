"""Live event streams are bounded: per address (429) and per worker (503), in the usual error body,
each slot given back when its stream ends; and no stream replays more than today's events.
(Streams really open at once, on gunicorn: tests/e2e/test_event_stream_flood.py.)"""
import pytest

from tests.api.test_openapi_and_events import read_events


def stream(client, address: str, query: str = ""):
    return client.get("/api/v1/events" + query, environ_base={"REMOTE_ADDR": address})


@pytest.fixture
def slots(app):
    return app.extensions["stream_slots"]


def test_an_address_holding_four_streams_is_told_to_wait_for_a_fifth(client, slots):
    held = [slots.hold("10.0.0.7") for _ in range(4)]
    refused = stream(client, "10.0.0.7")
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "5"
    assert refused.json["error"] == "too_many_streams" and "đóng bớt" in refused.json["message"]
    assert stream(client, "10.0.0.8").status_code == 200   # other screens are not held up
    held[0]()   # a board is closed: its place is free again
    assert stream(client, "10.0.0.7").status_code == 200


def test_a_worker_holding_twelve_streams_refuses_the_next_and_still_serves_requests(client, api, slots):
    held = [slots.hold(f"10.0.1.{n}") for n in range(12)]
    busy = stream(client, "10.0.2.1")
    assert busy.status_code == 503 and busy.json["error"] == "streams_full" and busy.headers["Retry-After"] == "5"
    assert api.take("HT").status_code == 201
    held[0]()
    assert stream(client, "10.0.2.1").status_code == 200


def test_a_stream_that_ends_gives_its_place_back(client, slots):
    for _ in range(8):   # twice the allowance of one address, one after another
        response = stream(client, "10.0.0.9")
        assert response.status_code == 200
        read_events(response)
        response.close()
    assert slots.holding() == 0


@pytest.mark.parametrize("asked", ["?last_event_id=0", "?last_event_id=1"])
def test_no_stream_replays_more_than_today(api, client, clock, asked):
    api.take("HT")                       # yesterday
    clock.advance(days=1)
    api.take("HT")                       # today: A001 again, a new day
    replayed = read_events(stream(client, "10.0.0.10", asked))
    assert [(event["event"], event["data"]["number"]) for event in replayed] == [("issued", "A001")]
    assert len(read_events(client.get("/api/v1/events", headers={"Last-Event-ID": "0"}))) == 1
