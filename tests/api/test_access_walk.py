"""The access walk: every route of the server, from its URL maps (a new route is covered the day it
is added), asked anonymously, by a kiosk, by the centre's staff, manager and administrator, and by
another centre's officer; each answer must be what docs/access.md promises, and never a 5xx.
Every caller sends a real CSRF token (read off the sign-in page, as a browser would) and, on the
routes that change something, a body that passes validation, so that what answers is the access
check, not the form check."""
import re

import pytest

from tests.api.access_walk import CALLERS, address, documented, expected, outcome, routes
from tests.api.conftest import KIOSK_TOKEN, OTHER_KIOSK_TOKEN, Api
from tests.api.test_dossiers_api import MARRIAGE_STATUS
from tests.factories import make_procedure

PROCEDURE = "1.004873"
APPLICANT = {"name": "Nguyễn Văn An", "id_number": "001085012345", "phone": "0912345678",
             "date_of_birth": "1985-03-02", "address": "Thôn 3, xã Tân Lập"}
USERS = {"staff": "canbo", "manager": "lanhdao", "admin": "quantri", "other centre's staff": "canbo-khac"}
# Values for a rule's parameters where the name alone does not tell (by the rule's start).
BY_RULE = {"/api/docs/assets/": {"name": "swagger-ui.css"}, "/reports/chart/": {"name": "hours"},
           "/reports/export/": {"name": "field", "kind": "csv"}, "/admin/catalogue/export": {"kind": "csv"},
           "/pages/static/": {"filename": "board.css"}, "/admin/static/": {"filename": "admin/js/helpers.js"},
           "/static/": {"filename": "missing.txt"}}


def admin_application(app):
    """The administration pages' own Flask application (built by the first request under /admin)."""
    mount = app.wsgi_app
    while not hasattr(mount, "admin"):
        mount = getattr(mount, "app", None) or mount.wsgi_app
    return mount.admin()


@pytest.fixture
def world(app, session, centre, other_centre, users):
    """A day under way at the first centre: a ticket taken and called, a dossier received for it,
    then asked for a missing paper (so that its form 02 exists), a rating tablet paired; and the values every route's parameters take."""
    procedure = make_procedure(session, centre.ht, code=PROCEDURE, name="Cấp Giấy xác nhận tình trạng hôn nhân",
                               details=MARRIAGE_STATUS)
    session.commit()
    api = Api(app.test_client(), centre)
    ticket = api.take("HT").json
    staff = api.login()
    assert api.counter("next", staff).status_code == 200
    dossier = api.client.post("/api/v1/dossiers", headers=staff,
                              json={"procedure": PROCEDURE, "applicant": APPLICANT, "ticket_id": ticket["id"]})
    assert dossier.status_code == 201, dossier.json
    asked = api.client.post(f"/api/v1/dossiers/{dossier.json['id']}/transitions", headers=staff,   # form 02 exists
                            json={"to": "supplement_requested", "note": "Thiếu bản sao giấy khai sinh"})
    assert asked.status_code == 201, asked.json
    paired = api.client.post("/api/v1/rating-devices", headers=api.login("quantri"),
                             json={"counter": centre.counter1.id, "name": "Máy quầy 1"})
    values = {"ticket_body": {"ticket_id": ticket["id"]}, "counter_id": centre.counter1.id, "dossier_id": dossier.json["id"], "ticket_id": ticket["id"],
              "token": ticket["track_url"].rsplit("/", 1)[1], "secret": paired.json["link"].rsplit("/", 1)[1],
              "code": PROCEDURE, "procedure_id": procedure.id, "form": "02", "export_type": "csv"}
    return values


def caller(app, kind):
    """A test client as `kind` calls: the kiosk by its token, a person signed in to the pages and
    holding an API token, as a browser and a script would; each with the CSRF token of its session."""
    client = app.test_client()
    api = Api(client, None)
    headers = {}
    if kind == "kiosk":
        headers = {"Authorization": f"Bearer {KIOSK_TOKEN}"}
    elif kind in USERS:
        headers = api.login(USERS[kind])
        api.sign_in(USERS[kind])
    page = client.get("/login").get_data(as_text=True)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page) or re.search(r'name="csrf-token" content="([^"]+)"', page)
    headers["X-CSRFToken"] = found.group(1)
    return client, headers


def body(route, values) -> dict | None:
    """A body that passes the route's validation (the walk asks about access, not about forms)."""
    bodies = {"/api/v1/counters/<int:counter_id>/call": values["ticket_body"],
              "/api/v1/counters/<int:counter_id>/transfer": {"field": "HT"},
              "/api/v1/dossiers": {"procedure": PROCEDURE, "applicant": APPLICANT},
              "/api/v1/dossiers/<int:dossier_id>/transitions": {"to": "supplement_requested", "note": "Thiếu giấy tờ"},
              "/api/v1/tickets": {"field": "HT"}, "/api/v1/kiosks": {"name": "Ki-ốt mới"},
              "/api/v1/rating-devices": {"counter": values["counter_id"], "name": "Máy mới"},
              "/api/v1/id-card/read": {"text": "001085012345|123456789|Nguyễn Văn An|02031985|Nam|Thôn 3|01012021"}}
    return bodies.get(route.rule) if route.method == "POST" else None


def ask(client, headers, route, values):
    for start, extra in BY_RULE.items():
        if route.rule.startswith(start):
            values = values | extra
    path = address(route.rule, values)
    response = client.open(path, method=route.method, headers=headers, json=body(route, values), buffered=False)
    status, location = response.status_code, response.headers.get("Location", "")
    response.close()
    return outcome(status, location)


def test_every_route_answers_each_caller_as_docs_access_md_says(app, world):
    table = documented()
    walked = routes(app.url_map, admin_application(app).url_map)
    # sign-out last: it ends the caller's web session
    walked = sorted(walked, key=lambda route: route.rule == "/logout")
    undocumented = [route.name for route in walked if expected(route, table) is None]
    assert not undocumented, f"routes missing from docs/access.md: {undocumented}"
    unused = [pattern for pattern, _ in table if not any(expected(route, [(pattern, {})]) is not None for route in walked)]
    assert not unused, f"rows of docs/access.md that match no route: {unused}"
    wrong = []
    for kind in CALLERS:
        client, headers = caller(app, kind)
        for route in walked:
            got = ask(client, headers, route, world)
            if got != expected(route, table)[kind]:
                wrong.append(f"{route.name} as {kind}: {got}, documented {expected(route, table)[kind]}")
    assert not wrong, "\n".join(wrong)
