"""What the API fuzzer once found, each kind kept as a regression test: ids too large for the
database, a report range open at one end, bodies that are not JSON, a day that is not a date,
and answers the OpenAPI document did not list."""
import pytest

HUGE = "213903241388026396672"   # more than a signed 64-bit integer holds
NUL = b"\x00"


@pytest.fixture
def spec(client):
    return client.get("/api/openapi.json").json


@pytest.mark.parametrize("method, path", [
    ("get", "/api/v1/counters/{}/desk"), ("post", "/api/v1/counters/{}/next"),
    ("post", "/api/v1/counters/{}/start"), ("post", "/api/v1/counters/{}/recall"),
    ("post", "/api/v1/tickets/{}/cancel"), ("post", "/api/v1/tickets/{}/requeue"),
])
def test_an_id_too_large_for_the_database_is_not_found_not_a_crash(api, client, method, path):
    staff = api.login()
    response = getattr(client, method)(path.format(HUGE), headers=staff)
    assert response.status_code == 404 and response.json["error"] == "not_found"


def test_ids_in_bodies_are_bounded_too(api):
    staff = api.login()
    response = api.counter("call", staff, ticket_id=int(HUGE))
    assert response.status_code == 422 and response.json["error"] == "validation_error"
    assert api.counter("transfer", staff, counter=int(HUGE)).status_code == 422


def test_an_id_just_past_what_postgresql_integer_holds_is_not_found(api, client):
    response = client.get(f"/api/v1/counters/{2**31}/desk", headers=api.login())
    assert response.status_code == 404


def test_the_documented_path_ids_are_bounded(spec):
    parameter = spec["paths"]["/api/v1/counters/{counter_id}/desk"]["get"]["parameters"][0]
    assert parameter["schema"] == {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}


@pytest.mark.parametrize("address", [
    "/api/v1/fields?centre=%00%3D", "/api/v1/procedures?q=a%00b", "/api/v1/procedures/1.00%001",
    "/api/v1/tickets/track/abc%00def",
])
def test_a_nul_character_in_text_is_refused_not_a_crash(client, address):
    # PostgreSQL refuses NUL in text: the fuzzer's /fields?centre=%00… answered 500 there.
    assert client.get(address).status_code in (404, 422)


def test_a_nul_character_in_a_body_is_refused(api):
    assert api.take("H\u0000T").status_code == 422
    response = api.client.post("/api/v1/auth/token", json={"username": "can\x00bo", "password": "x"})
    assert response.status_code == 422


@pytest.mark.parametrize("query", ["from=2024-01-01", "from=0026-12-31", "to=0001-01-02",
                                   "from=2025-01-01&to=2026-11-26", "from=2026-11-26&to=2026-11-01"])
def test_a_report_range_is_refused_in_words_whichever_end_is_given(api, users, query):
    manager = api.login("lanhdao")
    response = api.client.get("/api/v1/reports/waits?" + query, headers=manager)
    assert response.status_code == 422 and response.json["error"] == "invalid_range"
    assert response.json["message"]   # Vietnamese words, not a stack trace


def test_a_report_from_a_recent_day_alone_runs_to_today(api, users):
    response = api.client.get("/api/v1/reports/waits?from=2026-11-20", headers=api.login("lanhdao"))
    assert response.status_code == 200
    assert (response.json["from"], response.json["to"]) == ("2026-11-20", "2026-11-26")


@pytest.mark.parametrize("path, role", [
    ("/api/v1/auth/token", None), ("/api/v1/kiosks", "quantri"), ("/api/v1/rating-devices", "quantri"),
    ("/api/v1/counters/{counter}/transfer", "canbo"), ("/api/v1/tickets", "kiosk"),
])
def test_a_body_that_is_not_json_is_a_bad_request_the_document_lists(api, users, spec, path, role):
    headers = api.kiosk if role == "kiosk" else api.login(role) if role else {}
    address = path.format(counter=api.world.counter1.id)
    response = api.client.post(address, data=NUL, headers=headers | {"Content-Type": "application/json"})
    assert response.status_code == 400 and response.json["error"] == "bad_request"
    documented = spec["paths"][path.format(counter="{counter_id}")]["post"]
    assert "400" in documented["responses"] and documented["requestBody"]["required"] is True


def test_the_ticket_log_refuses_a_day_that_is_not_a_date(api, users, spec):
    response = api.client.get("/api/v1/tickets?day=%C2%8E6", headers=api.login("lanhdao"))
    assert response.status_code == 422
    assert response.json["details"]["query"]["day"]
    assert "422" in spec["paths"]["/api/v1/tickets"]["get"]["responses"]


def test_the_ticket_log_takes_a_day_and_a_known_status(api, users):
    api.take("HT")
    manager = api.login("lanhdao")
    assert api.client.get("/api/v1/tickets?day=2026-11-26&status=waiting", headers=manager).json["total"] == 1
    assert api.client.get("/api/v1/tickets?day=2000-01-01", headers=manager).json["total"] == 0
    assert api.client.get("/api/v1/tickets?status=ok", headers=manager).status_code == 422


def test_an_unknown_centre_is_a_documented_404(client, spec):
    response = client.get("/api/v1/fields?centre=0")
    assert response.status_code == 404
    for path in ("/api/v1/fields", "/api/v1/priorities", "/api/v1/procedures", "/api/v1/display", "/api/v1/events"):
        assert "404" in spec["paths"][path]["get"]["responses"], path


def test_a_transfer_names_exactly_one_target_in_the_document_too(api, spec):
    schema = spec["components"]["schemas"]["TransferRequest"]
    assert schema["oneOf"] == [{"required": ["field"]}, {"required": ["counter"]}]
    staff = api.login()
    assert api.counter("transfer", staff, field="CT", counter=None).status_code == 422


def test_the_report_csv_and_workbook_are_documented_answers(spec):
    content = spec["paths"]["/api/v1/reports/waits"]["get"]["responses"]["200"]["content"]
    assert {"application/json", "text/csv",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"} <= set(content)


def test_a_last_event_id_that_is_not_an_id_is_ignored(client):
    for header in ("²", "9" * 30, "abc"):
        response = client.get("/api/v1/events", headers={"Last-Event-ID": header})
        assert response.status_code == 200
        response.close()


def test_every_error_answer_has_the_one_error_body(spec):
    schema = spec["components"]["schemas"]["HTTPError"]
    assert schema["required"] == ["error", "message"]
    assert spec["components"]["schemas"]["ValidationError"] == schema


def test_a_json_list_as_a_sign_in_body_is_refused_not_a_crash(client):
    """Schemathesis, 2026-11-30: `[null, null]` to /auth/token crashed the per-username limit's key."""
    refused = client.post("/api/v1/auth/token", json=[None, None])
    assert refused.status_code == 422 and refused.json["error"] == "validation_error"
