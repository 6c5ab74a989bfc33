"""Rating tablets: paired by an admin, asking only about the ticket just completed at their
counter, once."""
from sqlalchemy import select

from counter_server.models import Rating
from tests.factories import make_user


def pair(api, client, session, centre, counter=None):
    make_user(session, centre.centre, username="quantri", role="admin", password="mat-khau-3")
    session.commit()
    admin = api.login("quantri", "mat-khau-3")
    response = client.post("/api/v1/rating-devices", headers=admin,
                           json={"counter": (counter or centre.counter1).id, "name": "Máy tính bảng quầy 1"})
    assert response.status_code == 201, response.json
    return {"Authorization": "Bearer " + response.json["link"].rsplit("/", 1)[1]}, response.json


def serve_one(api, field="HT"):
    api.take(field)
    staff = api.login()
    api.counter("next", staff)
    return api.counter("complete", staff).json


def test_only_an_admin_pairs_a_tablet_and_the_link_carries_its_secret(api, client, session, centre):
    tablet, paired = pair(api, client, session, centre)
    assert paired["counter"] == 1 and "/rate/rd_" in paired["link"]
    assert client.post("/api/v1/rating-devices", headers=api.login(),
                       json={"counter": centre.counter1.id, "name": "x"}).status_code == 403
    assert client.post("/api/v1/rating-devices", json={"counter": centre.counter1.id, "name": "x"}).status_code == 401
    assert client.get(paired["link"].split("localhost", 1)[1]).status_code == 200
    assert client.get("/rate/rd_guessed").status_code == 404


def test_the_tablet_asks_about_the_ticket_just_completed_and_takes_one_answer(api, client, session, centre):
    tablet, _ = pair(api, client, session, centre)
    assert client.get("/api/v1/rating/question", headers=tablet).status_code == 204
    served = serve_one(api)
    asked = client.get("/api/v1/rating/question", headers=tablet).json
    assert (asked["ticket_id"], asked["number"], asked["counter"]) == (served["id"], "A001", 1)
    assert [level["label"] for level in asked["levels"]] == ["Rất hài lòng", "Hài lòng", "Chưa hài lòng"]
    first = client.post("/api/v1/ratings", headers=tablet, json={"ticket_id": served["id"], "level": 3})
    assert (first.status_code, first.json) == (201, {"ticket_id": served["id"], "level": 3})
    again = client.post("/api/v1/ratings", headers=tablet, json={"ticket_id": served["id"], "level": 1})
    assert (again.status_code, again.json["error"]) == (409, "already_rated")
    assert client.get("/api/v1/rating/question", headers=tablet).status_code == 204
    session.expire_all()
    assert [(r.ticket_id, r.level) for r in session.scalars(select(Rating))] == [(served["id"], 3)]


def test_a_tablet_cannot_rate_another_counters_ticket_nor_an_unknown_level(api, client, session, centre):
    tablet, _ = pair(api, client, session, centre, counter=centre.counter2)
    served = serve_one(api)          # completed at counter 1
    refused = client.post("/api/v1/ratings", headers=tablet, json={"ticket_id": served["id"], "level": 3})
    assert (refused.status_code, refused.json["error"]) == (409, "rating_not_open")
    own, _ = pair_second(api, client, centre)
    assert client.post("/api/v1/ratings", headers=own, json={"ticket_id": served["id"], "level": 7}).status_code == 422


def pair_second(api, client, centre):
    admin = api.login("quantri", "mat-khau-3")
    response = client.post("/api/v1/rating-devices", headers=admin, json={"counter": centre.counter1.id, "name": "2"})
    return {"Authorization": "Bearer " + response.json["link"].rsplit("/", 1)[1]}, response.json


def test_nobody_else_can_post_ratings(api, client, session, centre):
    served = serve_one(api)
    for headers in ({}, {"Authorization": "Bearer rd_guessed"}, {"Authorization": "Bearer kt_test-token"},
                    api.login()):
        response = client.post("/api/v1/ratings", headers=headers, json={"ticket_id": served["id"], "level": 3})
        assert response.status_code == 401


def test_the_question_closes_five_minutes_after_completion(api, client, session, centre, clock):
    tablet, _ = pair(api, client, session, centre)
    served = serve_one(api)
    clock.advance(minutes=6)
    assert client.get("/api/v1/rating/question", headers=tablet).status_code == 204
    late = client.post("/api/v1/ratings", headers=tablet, json={"ticket_id": served["id"], "level": 3})
    assert late.json["error"] == "rating_not_open"
