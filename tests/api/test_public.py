from counter_server.models import Field


def test_fields_list_waiting_counts_and_closed_reasons(api, client, session, centre):
    api.take("HT")
    api.take("HT")
    session.get(Field, centre.ct.id).is_open = False
    session.commit()
    body = client.get("/api/v1/fields").json
    assert body["total"] == 2
    fields = {f["code"]: f for f in body["items"]}
    assert (fields["HT"]["waiting"], fields["HT"]["is_open"], fields["HT"]["closed_reason"]) == (2, True, None)
    assert fields["CT"]["is_open"] is False
    assert fields["CT"]["closed_reason"] == "field_closed"
    assert fields["CT"]["closed_message"] == "Lĩnh vực tạm ngừng tiếp nhận"


def test_a_full_field_says_so(api, client, session, centre):
    session.get(Field, centre.ht.id).daily_cap = 1
    session.commit()
    api.take("HT")
    ht = next(f for f in client.get("/api/v1/fields").json["items"] if f["code"] == "HT")
    assert (ht["is_open"], ht["closed_message"]) == (False, "Đã hết số trong ngày")


def test_priorities_are_public(client):
    body = client.get("/api/v1/priorities").json
    assert body == {"items": [{"code": "elderly", "name_vi": "Người cao tuổi", "name_en": "elderly",
                               "display_order": 0}], "total": 1}


def test_procedures_search_ignores_diacritics_and_filters_by_field(client):
    assert client.get("/api/v1/procedures?q=khai sinh").json["items"][0]["code"] == "1.001193"
    assert client.get("/api/v1/procedures?q=dang ky khai sinh").json["total"] == 1
    assert client.get("/api/v1/procedures?field=CT").json["total"] == 0
    assert client.get("/api/v1/procedures?q=1.001").json["total"] == 1


def test_procedure_by_code_or_404(client):
    assert client.get("/api/v1/procedures/1.001193").json["name"] == "Đăng ký khai sinh"
    missing = client.get("/api/v1/procedures/9.999999")
    assert missing.status_code == 404 and missing.json["error"] == "unknown_procedure"


def test_a_procedure_says_what_to_bring_how_long_and_how_much(client):
    birth = client.get("/api/v1/procedures/1.001193").json
    assert birth["documents"] == [
        {"name": "Tờ khai đăng ký khai sinh", "kind": "submit_original", "originals": 1, "copies": 0, "case": None},
        {"name": "Giấy chứng sinh", "kind": "submit_original", "originals": 1, "copies": 0, "case": None}]
    assert (birth["processing_time"], birth["fees"]) == ("Trong ngày", "Miễn lệ phí nếu đăng ký đúng hạn")
    assert (birth["legal_basis"], birth["effective_from"]) == ("Luật Hộ tịch 2014", "2016-01-01")
    listed = client.get("/api/v1/procedures?q=khai sinh").json["items"][0]
    assert listed["documents"] == birth["documents"]  # the kiosk's offline copy holds the details too


def test_list_endpoints_take_limit_and_offset(client, api):
    page = client.get("/api/v1/fields?limit=1&offset=1").json
    assert page["total"] == 2 and [f["code"] for f in page["items"]] == ["HT"]  # ordered CT, HT
    assert client.get("/api/v1/procedures?limit=0").status_code == 422
    assert client.get("/api/v1/procedures?offset=-1").status_code == 422


def test_unknown_centre_is_a_404(client):
    response = client.get("/api/v1/fields?centre=NOWHERE")
    assert response.status_code == 404 and response.json["error"] == "not_found"


def test_track_answers_from_the_moment_the_ticket_exists_without_personal_data(api, client):
    api.take("HT")
    ticket = api.take("HT").json
    body = client.get(track_data(ticket)).json
    assert (body["number"], body["status"], body["waiting_ahead"]) == ("A002", "waiting", 1)
    assert set(body) == {"number", "field", "field_name", "status", "issued_at", "waiting_ahead",
                         "estimated_wait_minutes", "counter", "called_at"}


def test_track_shows_the_counter_once_called(api, client):
    ticket = api.take("HT").json
    staff = api.login()
    api.counter("next", staff)
    body = client.get(track_data(ticket)).json
    assert (body["status"], body["counter"]) == ("called", 1)


def track_data(ticket) -> str:
    """The JSON behind the tracking page the ticket's QR code opens (/t/<token>)."""
    page = ticket["track_url"].split("localhost", 1)[1]
    assert page.startswith("/t/")
    return "/api/v1/tickets/track/" + page.rsplit("/", 1)[1]


def test_an_unknown_tracking_token_is_a_404(client):
    response = client.get("/api/v1/tickets/track/not-a-token")
    assert response.status_code == 404
    assert response.json == {"error": "unknown_ticket", "message": "Không tìm thấy số thứ tự."}


def test_display_shows_counters_recent_calls_and_waiting(api, client):
    api.take("HT")
    api.take("CT")
    staff = api.login()
    api.counter("next", staff)
    board = client.get("/api/v1/display").json
    counter1 = next(c for c in board["counters"] if c["number"] == 1)
    assert (counter1["ticket"], counter1["status"]) == ("A001", "called")
    assert [c["number"] for c in board["counters"]] == [1, 2]  # closed counter 3 is not shown
    assert board["recent_calls"][0] | {"at": None} == {"event_id": 3, "number": "A001", "field": "HT",
                                                       "counter": 1, "kind": "called", "at": None}
    assert board["waiting"] == {"HT": 0, "CT": 1}


def test_health_answers_without_the_database(client):
    assert client.get("/api/v1/health").json == {"status": "ok"}
