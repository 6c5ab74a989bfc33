"""A real counter server on a free port (werkzeug, in a thread) and a proxy that can drop the
network at the worst moment: after the server has done the work, before the answer arrives."""
import socket
import threading
import time

import httpx
import pytest
from werkzeug.serving import make_server

from counter_server.app import create_app
from tests.factories import BIRTH_DETAILS, make_counter, make_field

KIOSK_TOKEN = "kt_test-token"
PHONE = "0912345678"   # the applicant's phone on every test dossier: its last four digits are 5678


@pytest.fixture
def live_server(database_url, centre):
    app = create_app({"DATABASE_URL": database_url, "TESTING": True, "SECRET_KEY": "test"})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    if app.extensions["checkpointer"]:
        app.extensions["checkpointer"].stop()
    app.extensions["engine"].dispose()


@pytest.fixture
def results_queue(session, centre):
    """The centre's queue for collecting results ('KQ', letter K), served by counter 4."""
    field = make_field(session, centre.centre, "KQ", "K", name_vi="Nhận kết quả", name_en="Collect a result",
                       for_results=True)
    counter = make_counter(session, centre.centre, 4, [field])
    session.commit()
    return counter


@pytest.fixture
def dossiers(session, centre):
    """Dossiers can be received for the centre's procedure: its record gains a processing time in
    numbers (the appointment date is counted from it)."""
    centre.birth.details = {**BIRTH_DETAILS, "ways": [{**BIRTH_DETAILS["ways"][0], "time_amount": 3,
                                                       "time_unit": "ngày làm việc"}]}
    session.commit()
    return receive_dossier


def receive_dossier(server_url: str, to: str | None = None) -> dict:
    """A dossier for the centre's procedure, received over the live server's API as an officer does
    (and moved on to `to`); returns the server's answer (its id and code)."""
    with httpx.Client(base_url=server_url) as http:
        token = http.post("/api/v1/auth/token", json={"username": "canbo", "password": "mat-khau-1"}).json()["token"]
        staff = {"Authorization": f"Bearer {token}"}
        made = http.post("/api/v1/dossiers", headers=staff, json={"procedure": "1.001193", "applicant": {
            "name": "Nguyễn Văn An", "id_number": "001085012345", "phone": PHONE}})
        assert made.status_code == 201, made.text
        if to is not None:
            moved = http.post(f"/api/v1/dossiers/{made.json()['id']}/transitions", headers=staff, json={"to": to})
            assert moved.status_code == 201, moved.text
        return made.json()


class DroppingProxy:
    """Forwards each request to the server; for the next `drop` ones it swallows the answer and
    closes the connection, as a network drop would."""

    def __init__(self, upstream_port: int):
        self.upstream_port, self.drop, self.forwarded = upstream_port, 0, 0
        self.down = False  # True: every connection is closed at once, as if the server were gone
        self.slow, self.delay = 0, 0.0  # the next `slow` answers arrive `delay` seconds late
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._relay, args=(client,), daemon=True).start()

    def _relay(self, client):
        with client:
            if self.down:
                return
            request = _read_request(client)
            if not request:
                return
            with socket.create_connection(("127.0.0.1", self.upstream_port)) as upstream:
                upstream.sendall(request)
                response = b"".join(iter(lambda: upstream.recv(65536), b""))
            self.forwarded += 1
            if self.slow > 0:
                self.slow -= 1
                time.sleep(self.delay)
            if self.drop > 0:
                self.drop -= 1
                return  # the server did the work; the kiosk never hears of it
            try:
                client.sendall(response)
            except OSError:
                pass  # the kiosk stopped waiting

    def close(self):
        self.listener.close()


def _read_request(sock) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return b""
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), 0)
    while len(body) < length:
        body += sock.recv(65536)
    return head + b"\r\n\r\n" + body


@pytest.fixture
def dropping_proxy(live_server):
    proxy = DroppingProxy(int(live_server.rsplit(":", 1)[1]))
    yield proxy
    proxy.close()
