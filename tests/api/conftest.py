import re
from types import SimpleNamespace

import pytest

from counter_server.app import create_app
from tests.factories import make_user

KIOSK_TOKEN = "kt_test-token"


@pytest.fixture
def app(database_url, centre, clock, tmp_path):
    app = create_app({
        "DATABASE_URL": database_url, "TESTING": True, "SECRET_KEY": "test-secret",
        "AUDIO_DIR": str(tmp_path / "announcements"),
        "KIOSK_RATE_LIMIT": "1000/minute", "LOGIN_RATE_LIMIT": "1000/minute",
        "SSE_MAX_SECONDS": 0.5, "SSE_POLL_SECONDS": 0.05,
    })
    app.extensions["queue"].clock = clock
    yield app
    if app.extensions["checkpointer"]:
        app.extensions["checkpointer"].stop()
    app.extensions["engine"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


class Api:
    """Whole user actions over HTTP: a kiosk taking a ticket, an officer logging in, ..."""

    def __init__(self, client, world):
        self.client, self.world = client, world
        self.kiosk = {"Authorization": f"Bearer {KIOSK_TOKEN}"}

    def take(self, field="HT", key=None, **body):
        headers = self.kiosk | ({"Idempotency-Key": key} if key else {})
        return self.client.post("/api/v1/tickets", json={"field": field, **body}, headers=headers)

    def login(self, username="canbo", password="mat-khau-1"):
        response = self.client.post("/api/v1/auth/token", json={"username": username, "password": password})
        assert response.status_code == 200, response.json
        return {"Authorization": f"Bearer {response.json['token']}"}

    def sign_in(self, username="canbo", password="mat-khau-1"):
        """Through the login form, as a browser would (session cookie)."""
        page = self.client.get("/login").data.decode()
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return self.client.post("/login", data={"username": username, "password": password, "csrf_token": token})

    def counter(self, action, headers, at=None, **body):
        """POST /counters/<id>/<action> at counter `at` (counter 1 by default) with `body` as JSON."""
        at = at or self.world.counter1
        return self.client.post(f"/api/v1/counters/{at.id}/{action}", json=body or None, headers=headers)


@pytest.fixture
def api(client, centre):
    return Api(client, centre)


@pytest.fixture
def users(session, centre):
    """A manager and an admin besides the staff member 'canbo'."""
    make_user(session, centre.centre, "lanhdao", "manager")
    make_user(session, centre.centre, "quantri", "admin")
    session.commit()


OTHER_KIOSK_TOKEN = "kt_other-centre-token"


@pytest.fixture
def other_centre(session, centre):
    """A second centre in the same database (code XA-KHAC): field HT 'A' (the same code as the
    first centre's), counter 1 serving it, its own officer 'canbo-khac', manager 'lanhdao-khac',
    admin 'quantri-khac' and kiosk."""
    from tests.factories import make_centre, make_counter, make_field, make_kiosk
    other = make_centre(session, code="XA-KHAC", name="Bộ phận Một cửa xã Khác")
    ht = make_field(session, other, "HT", "A")
    world = SimpleNamespace(centre=other, ht=ht, counter1=make_counter(session, other, 1, [ht]),
                            staff=make_user(session, other, "canbo-khac"),
                            manager=make_user(session, other, "lanhdao-khac", "manager"),
                            admin=make_user(session, other, "quantri-khac", "admin"),
                            kiosk=make_kiosk(session, other, "Ki-ốt xã Khác", OTHER_KIOSK_TOKEN))
    session.commit()
    return world
