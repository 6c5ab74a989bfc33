def test_staff_call_next_then_204_when_nobody_waits(api):
    api.take("HT")
    staff = api.login()
    called = api.counter("next", staff)
    assert called.status_code == 200
    assert (called.json["number"], called.json["status"], called.json["counter"]) == ("A001", "called", 1)
    empty = api.counter("next", staff)
    assert empty.status_code == 204 and empty.data == b""


def test_the_counter_actions_in_a_day(api, client, centre):
    api.take("HT")
    api.take("HT")
    api.take("CT")
    staff = api.login()
    assert api.counter("next", staff).json["number"] == "A001"
    assert api.counter("recall", staff).json["call_count"] == 2
    assert api.counter("start", staff).json["status"] == "serving"
    assert api.counter("complete", staff).json["status"] == "completed"
    assert api.counter("next", staff).json["number"] == "A002"
    assert api.counter("skip", staff).json["status"] == "no_show"
    b001 = client.get("/api/v1/display").json
    assert b001["waiting"]["CT"] == 1
    moved = api.counter("next", staff)
    assert moved.json["number"] == "B001"
    transferred = api.counter("transfer", staff, field="HT")
    assert (transferred.json["field"], transferred.json["status"]) == ("HT", "waiting")
    to_counter = api.counter("next", staff)
    assert api.counter("transfer", staff, counter=centre.counter2.id).json["number"] == to_counter.json["number"]


def test_call_a_specific_ticket(api):
    api.take("HT")
    second = api.take("HT").json
    staff = api.login()
    assert api.counter("call", staff, ticket_id=second["id"]).json["number"] == "A002"
    assert api.counter("call", staff, ticket_id=99999).status_code == 404
    assert api.counter("call", staff).status_code == 422  # no body


def test_transfer_needs_exactly_one_target(api):
    api.take("HT")
    staff = api.login()
    api.counter("next", staff)
    assert api.counter("transfer", staff, field="CT", counter=2).status_code == 422
    assert api.counter("transfer", staff).status_code == 422
    unknown = api.counter("transfer", staff, field="ZZ")
    assert (unknown.status_code, unknown.json["error"]) == (404, "unknown_field")


def test_actions_without_a_current_ticket_are_409(api):
    staff = api.login()
    for action in ("recall", "skip", "start", "complete"):
        response = api.counter(action, staff)
        assert (response.status_code, response.json["error"]) == (409, "no_current_ticket"), action


def test_a_closed_or_other_centres_counter(api, client, centre):
    staff = api.login()
    closed = api.counter("next", staff, at=centre.counter3)
    assert (closed.status_code, closed.json["error"]) == (409, "counter_closed")
    assert client.post("/api/v1/counters/9999/next", headers=staff).status_code == 404


def test_counters_list_for_staff(api, client):
    body = client.get("/api/v1/counters", headers=api.login()).json
    assert body["total"] == 3
    assert [(c["number"], c["fields"], c["is_open"]) for c in body["items"]] == [
        (1, ["HT", "CT"], True), (2, ["CT"], True), (3, ["HT"], False)]


def test_counter_routes_refuse_anonymous_and_wrong_roles(api, client, users, centre):
    manager = api.login("lanhdao")
    for action in ("next", "recall", "skip", "start", "complete", "call", "transfer"):
        anonymous = client.post(f"/api/v1/counters/{centre.counter1.id}/{action}")
        assert anonymous.status_code == 401, action
        assert api.counter(action, manager).status_code == 403, action
        assert api.counter(action, api.kiosk).status_code == 403, action


def test_the_desk_lists_the_current_ticket_the_waiting_line_in_calling_order_and_todays_counts(api, client, centre):
    api.take("HT")
    api.take("HT")
    api.take("CT", priority="elderly")
    staff = api.login()
    api.counter("next", staff)   # B001 first: priority
    api.counter("complete", staff)
    api.counter("next", staff)   # A001
    api.counter("skip", staff)
    api.counter("next", staff)   # A002
    desk = client.get(f"/api/v1/counters/{centre.counter1.id}/desk", headers=staff).json
    assert (desk["counter_number"], desk["fields"]) == (1, ["HT", "CT"])
    assert desk["current"]["number"] == "A002"
    assert desk["waiting"] == []
    assert [t["number"] for t in desk["no_shows"]] == ["A001"]
    assert (desk["served_today"], desk["no_shows_today"]) == (1, 1)
    api.take("HT")
    api.take("CT", priority="elderly")
    waiting = client.get(f"/api/v1/counters/{centre.counter1.id}/desk", headers=staff).json["waiting"]
    assert [(t["number"], t["priority_name"]) for t in waiting] == [("B002", "Người cao tuổi"), ("A003", None)]
    assert client.get(f"/api/v1/counters/{centre.counter1.id}/desk").status_code == 401
    assert client.get("/api/v1/counters/9999/desk", headers=staff).status_code == 404
