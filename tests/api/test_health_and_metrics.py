"""What a supervisor and Prometheus read: alive, ready (database, schema, live events), metrics."""
import re

from sqlalchemy import text


def test_healthz_says_the_process_is_alive_without_touching_the_database(client):
    assert client.get("/healthz").json == {"status": "alive"}


def test_readyz_is_ready_when_the_database_answers_at_the_newest_schema(client):
    answer = client.get("/readyz")
    assert answer.status_code == 200
    assert answer.json == {"status": "ready", "checks": {"database": True, "migrations": True, "events": True},
                           "problems": {}}


def test_readyz_is_not_ready_when_the_schema_is_behind_the_code(client, app):
    engine = app.extensions["engine"]
    with engine.begin() as connection:
        head = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        connection.execute(text("UPDATE alembic_version SET version_num = '0014'"))
    try:
        answer = client.get("/readyz")
    finally:      # the PostgreSQL database is kept between tests
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": head})
    assert answer.status_code == 503 and answer.json["checks"]["migrations"] is False
    assert "counter-server init-db" in answer.json["problems"]["migrations"]


def test_readyz_is_not_ready_while_an_open_stream_has_not_sent_an_old_event(api, client, app, centre):
    ticket = api.take("HT").json                 # its event is from the test's morning: long ago
    watch = app.extensions["stream_watch"]
    watch.opened(centre.centre.id, 0)
    behind = client.get("/readyz")
    assert behind.status_code == 503 and behind.json["checks"]["events"] is False
    last = client.get("/api/v1/display").json["last_event_id"]
    from datetime import datetime, timezone
    watch.delivered(centre.centre.id, last, datetime.now(timezone.utc))
    caught_up = client.get("/readyz")
    assert caught_up.status_code == 200, caught_up.json
    watch.closed(centre.centre.id)
    assert ticket["number"] == "A001"


def metric(body: str, name: str, **labels) -> float | None:
    """The value of one sample of the exposition, or None."""
    wanted = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    for line in body.splitlines():
        match = re.match(rf"{name}\{{(.*)\}} (\S+)$", line)
        if match and ",".join(sorted(match.group(1).split(","))) == wanted:
            return float(match.group(2))
    return None


def test_metrics_count_waiting_people_printers_requests_and_issue_time(api, client, centre):
    api.take("HT")
    api.take("CT")
    client.post("/api/v1/kiosks/heartbeat", json={"printer_state": "paper_out"}, headers=api.kiosk)
    body = client.get("/metrics").get_data(as_text=True)
    assert metric(body, "counter_server_tickets_waiting", centre="TEST", field="HT") == 1
    assert metric(body, "counter_server_tickets_waiting", centre="TEST", field="CT") == 1
    assert metric(body, "counter_server_kiosk_printers", centre="TEST", state="paper_out") == 1
    assert metric(body, "counter_server_requests_total", route="/api/v1/tickets", method="POST", status="201") >= 2
    assert metric(body, "counter_server_action_seconds_count", action="issue") >= 2
    assert "counter_server_sse_clients" in body and "counter_server_event_stream_lag_seconds" in body


def test_metrics_are_read_only_from_the_server_itself_when_no_token_is_set(client):
    assert client.get("/metrics").status_code == 200                     # the test client is 127.0.0.1
    away = client.get("/metrics", environ_base={"REMOTE_ADDR": "10.0.0.5"})
    assert (away.status_code, away.json["error"]) == (403, "metrics_local_only")


def test_metrics_need_the_token_when_one_is_set(client, app):
    app.config["METRICS_TOKEN"] = "so-lieu-giam-sat"
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer sai"}).status_code == 401
    allowed = client.get("/metrics", headers={"Authorization": "Bearer so-lieu-giam-sat"},
                         environ_base={"REMOTE_ADDR": "10.0.0.5"})
    assert allowed.status_code == 200 and allowed.mimetype == "text/plain"
