"""An officer's break at the counter, and kiosks whose printer needs someone, as the console and
the board learn of them."""


def desk(client, api, staff, counter=None):
    return client.get(f"/api/v1/counters/{(counter or api.world.counter1).id}/desk", headers=staff).json


def test_a_paused_counter_is_refused_by_call_next_until_it_resumes(api):
    staff = api.login()
    api.take("HT")
    paused = api.counter("pause", staff)
    assert (paused.status_code, paused.json["paused"], paused.json["counter"]) == (200, True, 1)
    refused = api.counter("next", staff)
    assert (refused.status_code, refused.json["error"]) == (409, "counter_paused")
    assert "tạm nghỉ" in refused.json["message"]
    assert api.counter("resume", staff).json["paused"] is False
    assert api.counter("next", staff).json["number"] == "A001"


def test_a_paused_counter_cannot_call_a_number_out_of_order_either(api, client):
    staff = api.login()
    ticket = api.take("CT").json
    api.counter("pause", staff)
    refused = api.counter("call", staff, ticket_id=ticket["id"])
    assert (refused.status_code, refused.json["error"]) == (409, "counter_paused")


def test_its_waiting_citizens_go_to_the_other_counters_meanwhile(api):
    staff = api.login()
    api.take("CT")
    api.counter("pause", staff)
    assert api.counter("next", staff, at=api.world.counter2).json["number"] == "B001"


def test_a_counter_with_a_citizen_in_front_of_it_cannot_pause(api):
    staff = api.login()
    api.take("HT")
    api.counter("next", staff)
    busy = api.counter("pause", staff)
    assert (busy.status_code, busy.json["error"]) == (409, "counter_busy")
    api.counter("complete", staff)
    assert api.counter("pause", staff).status_code == 200


def test_the_board_says_a_counter_is_on_a_break(api, client):
    staff = api.login()
    api.counter("pause", staff)
    board = {row["number"]: row for row in client.get("/api/v1/display").json["counters"]}
    assert (board[1]["paused"], board[2]["paused"]) == (True, False)
    api.counter("resume", staff)
    assert client.get("/api/v1/display").json["counters"][0]["paused"] is False


def test_the_console_shows_since_when_the_counter_is_paused(api, client, clock):
    staff = api.login()
    assert desk(client, api, staff)["paused_since"] is None
    api.counter("pause", staff)
    assert desk(client, api, staff)["paused_since"].startswith(clock.now.isoformat()[:16])


def test_pausing_and_resuming_reach_the_live_stream_with_the_counter_number(api, client):
    staff = api.login()
    api.take("CT")          # the stream replays today's events, from the day's first ticket on
    api.counter("pause", staff)
    api.counter("resume", staff)
    stream = client.get("/api/v1/events?last_event_id=0").get_data(as_text=True)
    assert "event: paused" in stream and "event: resumed" in stream
    assert '"counter": 1' in stream


def test_pausing_twice_writes_one_break(api, client):
    staff = api.login()
    api.take("CT")
    api.counter("pause", staff)
    api.counter("pause", staff)
    stream = client.get("/api/v1/events?last_event_id=0").get_data(as_text=True)
    assert stream.count("event: paused") == 1


def test_a_kiosk_out_of_paper_is_on_every_console_in_words(api, client):
    staff = api.login()
    assert desk(client, api, staff)["kiosk_faults"] == []
    client.post("/api/v1/kiosks/heartbeat", json={"printer_state": "paper_out"}, headers=api.kiosk)
    for counter in (api.world.counter1, api.world.counter2):
        faults = desk(client, api, staff, counter)["kiosk_faults"]
        assert [(f["kiosk"], f["state"]) for f in faults] == [(api.world.kiosk.name, "paper_out")]
        assert faults[0]["message"] == "hết giấy — thay cuộn giấy mới"
    client.post("/api/v1/kiosks/heartbeat", json={"printer_state": "ok"}, headers=api.kiosk)
    assert desk(client, api, staff)["kiosk_faults"] == []


def test_a_printer_changing_state_wakes_the_consoles_through_the_stream(api, client):
    api.take("CT")
    client.post("/api/v1/kiosks/heartbeat", json={"printer_state": "ok"}, headers=api.kiosk)
    client.post("/api/v1/kiosks/heartbeat", json={"printer_state": "ok"}, headers=api.kiosk)
    client.post("/api/v1/kiosks/heartbeat", json={"printer_state": "cover_open"}, headers=api.kiosk)
    stream = client.get("/api/v1/events?last_event_id=0").get_data(as_text=True)
    assert stream.count("event: kiosk") == 2          # first report, then the change; not the repeat
    assert "cover_open" not in stream                 # the public stream carries no kiosk's state


def test_a_kiosk_silent_for_minutes_in_opening_hours_is_reported(api, client, clock):
    staff = api.login()
    client.post("/api/v1/kiosks/heartbeat", json={"printer_state": "ok"}, headers=api.kiosk)
    clock.advance(minutes=1)
    assert desk(client, api, staff)["kiosk_faults"] == []
    clock.advance(minutes=2)
    faults = desk(client, api, staff)["kiosk_faults"]
    assert [(f["state"], f["message"]) for f in faults] == [
        ("silent", "không liên lạc được với máy chủ — kiểm tra ki-ốt và mạng")]


def test_the_waiting_list_names_each_field_in_words(api, client):
    staff = api.login()
    api.take("CT")
    line = desk(client, api, staff)["waiting"][0]
    assert (line["field"], line["field_name"]) == ("CT", api.world.ct.name_vi)
    assert desk(client, api, staff)["field_names"] == [api.world.ht.name_vi, api.world.ct.name_vi]


def test_the_kiosk_learns_which_open_counters_call_each_field(api, client):
    fields = {item["code"]: item["counters"] for item in client.get("/api/v1/fields", headers=api.kiosk).json["items"]}
    assert fields == {"HT": [1], "CT": [1, 2]}      # counter 3 serves HT but is closed


def test_the_board_names_each_counter_by_the_fields_it_serves(api, client):
    board = client.get("/api/v1/display").json
    assert [(row["number"], row["fields"]) for row in board["counters"]] == [
        (1, [api.world.ht.name_vi, api.world.ct.name_vi]), (2, [api.world.ct.name_vi])]
    assert board["serving"] == {"HT": [1], "CT": [1, 2]}
