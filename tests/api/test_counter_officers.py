"""Who gets the credit, and who may work a counter: the reports name the officer who actually acted
on each ticket; an admin may name the officers of a counter (off by default: then any officer of
the centre works any counter, as API clients and the console always have)."""
from sqlalchemy import select

from counter_server.models import Ticket, User
from tests.api.test_admin_pages import csrf_of
from tests.factories import make_user

DAY = "from=2026-11-26&to=2026-11-26"


def officer_of_the_ticket(session) -> str:
    session.expire_all()
    return session.scalar(select(User.username).join(Ticket, Ticket.staff_id == User.id))


def officers_credited(client, headers) -> dict[str, int]:
    """The officer table of the waits report: served tickets per officer."""
    body = client.get(f"/api/v1/reports/waits?{DAY}&group=officer", headers=headers).json
    return {item["key"]: item["served"] for item in body["items"]}


def test_the_officer_who_completes_a_ticket_is_credited_not_the_one_who_called_it(api, client, session, centre,
                                                                                  users, clock):
    make_user(session, centre.centre, "canbo2")
    session.commit()
    first, second = api.login("canbo"), api.login("canbo2")
    api.take("HT")
    clock.advance(minutes=5)
    api.counter("next", first)                   # canbo calls A001 at counter 1, then steps away
    clock.advance(minutes=5)
    assert api.counter("complete", second).status_code == 200   # canbo2 serves and completes it
    assert officer_of_the_ticket(session) == "canbo2"
    assert officers_credited(client, api.login("lanhdao")) == {"canbo2": 1}


def test_the_officer_who_marks_a_no_show_is_the_one_on_record(api, session, centre):
    make_user(session, centre.centre, "canbo2")
    session.commit()
    api.take("HT")
    api.counter("next", api.login("canbo"))
    assert api.counter("skip", api.login("canbo2")).status_code == 200
    assert officer_of_the_ticket(session) == "canbo2"


def test_any_officer_works_any_counter_when_nobody_is_named(api, centre):
    staff = api.login()
    api.take("HT"), api.take("CT")
    assert api.counter("next", staff).json["number"] == "A001"
    assert api.counter("next", staff, at=centre.counter2).json["number"] == "B001"


def name_officers(api, client, counter, names: str):
    """The admin 'quantri' names the officers of `counter` on its edit page."""
    assert api.sign_in("quantri").status_code == 302
    url = f"/admin/admin_counters/edit/?id={counter.id}"
    form = client.get(url).get_data(as_text=True)
    response = client.post(url, data={"number": str(counter.number), "name": counter.name, "is_open": "y",
                                      "fields_served": "HT", "officers_named": names, "csrf_token": csrf_of(form)})
    client.post("/logout", data={"csrf_token": csrf_of(client.get("/").get_data(as_text=True))})
    return response


def test_a_counter_with_named_officers_refuses_anyone_else_in_words(api, client, session, centre, users):
    make_user(session, centre.centre, "canbo2")
    session.commit()
    assert name_officers(api, client, centre.counter1, "canbo2").status_code == 302
    api.take("HT"), api.take("CT")
    refused = api.counter("next", api.login("canbo"))
    assert refused.status_code == 403 and refused.json["error"] == "not_named_to_counter"
    assert "cán bộ được phân công" in refused.json["message"]
    assert api.counter("next", api.login("canbo2")).json["number"] == "A001"
    for action in ("recall", "start", "complete"):
        assert api.counter(action, api.login("canbo")).status_code == 403, action
    assert api.counter("next", api.login("canbo"), at=centre.counter2).json["number"] == "B001"   # nobody named there


def test_the_counter_form_names_only_officers_of_the_centre(api, client, session, centre, users):
    page = name_officers(api, client, centre.counter1, "canbo, lanhdao, ai-do")
    assert page.status_code == 200
    assert "Không có cán bộ làm việc tại quầy tên: lanhdao, ai-do" in page.get_data(as_text=True)
    assert name_officers(api, client, centre.counter1, "").status_code == 302
    api.take("HT")
    assert api.counter("next", api.login("canbo")).status_code == 200   # nobody named: open to all again
