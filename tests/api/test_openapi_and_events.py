import json

from openapi_spec_validator import validate

CONTRACT = {
    ("get", "/api/v1/fields"), ("get", "/api/v1/priorities"), ("get", "/api/v1/procedures"),
    ("get", "/api/v1/procedures/{code}"), ("post", "/api/v1/tickets"),
    ("get", "/api/v1/tickets/track/{token}"), ("post", "/api/v1/auth/token"), ("get", "/api/v1/counters"),
    ("post", "/api/v1/counters/{counter_id}/next"), ("post", "/api/v1/counters/{counter_id}/recall"),
    ("post", "/api/v1/counters/{counter_id}/skip"), ("post", "/api/v1/counters/{counter_id}/start"),
    ("post", "/api/v1/counters/{counter_id}/complete"), ("post", "/api/v1/counters/{counter_id}/call"),
    ("post", "/api/v1/counters/{counter_id}/transfer"), ("get", "/api/v1/display"), ("get", "/api/v1/events"),
}


def test_the_openapi_document_is_valid_and_names_every_contract_endpoint(client):
    spec = client.get("/api/openapi.json").json
    validate(spec)
    documented = {(method, path) for path, item in spec["paths"].items() for method in item}
    assert CONTRACT <= documented
    assert spec["components"]["securitySchemes"]["BearerAuth"]["scheme"] == "bearer"
    issue = spec["paths"]["/api/v1/tickets"]["post"]
    assert issue["security"] == [{"BearerAuth": ["kiosk"]}]
    assert {"in": "header", "name": "Idempotency-Key"}.items() <= issue["parameters"][0].items()


def test_the_docs_page_loads_its_assets_locally(client):
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert b"cdn." not in page.data and b"/api/docs/assets/swagger-ui-bundle.js" in page.data
    asset = client.get("/api/docs/assets/swagger-ui-bundle.js")
    assert asset.status_code == 200 and len(asset.data) > 100_000
    asset.close()


def read_events(response) -> list[dict]:
    """Parse a finished text/event-stream body into events with id, event and data."""
    events = []
    for block in response.get_data(as_text=True).split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line and not line.startswith(":"))
        if "event" in lines:
            events.append({"id": int(lines["id"]), "event": lines["event"], "data": json.loads(lines["data"])})
    return events


def test_events_stream_from_last_event_id_with_typed_events_and_no_personal_data(api, client):
    api.take("HT")
    staff = api.login()
    api.counter("next", staff)
    api.counter("recall", staff)
    api.counter("skip", staff)
    response = client.get("/api/v1/events", headers={"Last-Event-ID": "0"})
    assert response.mimetype == "text/event-stream"
    events = read_events(response)
    assert [e["event"] for e in events] == ["issued", "called", "recalled", "no_show"]
    assert [e["id"] for e in events] == sorted(e["id"] for e in events)
    called = events[1]["data"]
    assert (called["number"], called["field"], called["counter"]) == ("A001", "HT", 1)
    assert set(called) <= {"id", "kind", "at", "number", "field", "counter", "to_counter", "from_field"}


def test_events_resume_after_the_last_event_id(api, client):
    api.take("HT")
    api.take("HT")
    first = read_events(client.get("/api/v1/events?last_event_id=0"))
    resumed = read_events(client.get("/api/v1/events", headers={"Last-Event-ID": str(first[0]["id"])}))
    assert [e["data"]["number"] for e in resumed] == ["A002"]


def test_a_new_stream_starts_from_now(api, client):
    api.take("HT")
    assert read_events(client.get("/api/v1/events")) == []
