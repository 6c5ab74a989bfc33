"""The clients of the load and crash benchmarks, one thread each, on plain http.client (the server
and the clients share two cores: the lighter the client, the more of them is the server).

A kiosk issues tickets in a loop; an officer calls next, starts, (receives a dossier,) completes;
a board reads the live event stream and reconnects by itself. Each notes the status and the time
of every request, and what the API acknowledged, for the database to be checked against."""
from __future__ import annotations

import http.client
import json
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from bench.load_world import PROCEDURE

CONNECTION_ERRORS = (OSError, http.client.HTTPException)
RETRY_PAUSE = 0.2     # seconds between attempts while the server is down
IDLE_PAUSE = 0.05     # an officer whose fields have nobody waiting looks again after this
APPLICANT = {"name": "Nguyễn Văn An", "id_number": "001085012345", "phone": "0912345678",
             "address": "Thôn 3, xã Tân Lập"}


@dataclass
class Tally:
    """What one client saw: per request kind, every status (or connection error) and every time."""

    statuses: Counter = field(default_factory=Counter)          # (kind, status or error name) -> count
    times: dict[str, list[float]] = field(default_factory=dict)  # kind -> seconds per answered request
    tickets: list[tuple[str, int, str, int]] = field(default_factory=list)   # centre, id, number, status
    calls: list[tuple[str, int, int]] = field(default_factory=list)          # centre, counter id, ticket id
    dossiers: list[tuple[str, int, str, int]] = field(default_factory=list)  # centre, id, code, ticket id

    @classmethod
    def of(cls, clients) -> "Tally":
        """Every client's tally added up."""
        total = cls()
        for client in clients:
            total.add(client.tally)
        return total

    def add(self, other: "Tally") -> None:
        self.statuses.update(other.statuses)
        for kind, times in other.times.items():
            self.times.setdefault(kind, []).extend(times)
        self.tickets += other.tickets
        self.calls += other.calls
        self.dossiers += other.dossiers


class Client(threading.Thread):
    """One client on one keep-alive connection, reopened after any connection error."""

    def __init__(self, port: int, stop: threading.Event):
        super().__init__(daemon=True)
        self.port, self.stop, self.tally, self.connection = port, stop, Tally(), None

    def run(self) -> None:
        try:
            self.work()
        finally:
            if self.connection is not None:
                self.connection.close()

    def work(self) -> None:
        """The client's loop, until `stop` is set."""
        raise NotImplementedError

    def send(self, kind: str, path: str, token: str, body: dict | None = None,
             headers: dict | None = None) -> tuple[int | None, dict | None]:
        """POST once: (status, JSON body), or (None, None) after a connection error (noted)."""
        payload = json.dumps(body or {}).encode()
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", **(headers or {})}
        started = time.perf_counter()
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.connection.request("POST", path, payload, headers)
            response = self.connection.getresponse()
            data = response.read()
        except CONNECTION_ERRORS as error:
            self.tally.statuses[(kind, type(error).__name__)] += 1
            self.connection.close()
            self.connection = None
            return None, None
        self.tally.times.setdefault(kind, []).append(time.perf_counter() - started)
        self.tally.statuses[(kind, response.status)] += 1
        try:
            return response.status, json.loads(data) if data else None
        except ValueError:
            return response.status, None


class Kiosk(Client):
    """Issues tickets one after another, each with an Idempotency-Key; a request that met a
    connection error is sent again with the same key until the API answers."""

    def __init__(self, port, stop, name: str, centre, seed: int):
        super().__init__(port, stop)
        self.name_, self.centre, self.random = name, centre, random.Random(seed)

    def work(self) -> None:
        number = 0
        while not self.stop.is_set():
            key, body = f"{self.name_}-{number}", {"field": self.random.choice(self.centre.fields)}
            status, ticket = self.send("issue", "/api/v1/tickets", self.centre.kiosk_token, body,
                                       {"Idempotency-Key": key})
            while status is None and not self.stop.is_set():
                time.sleep(RETRY_PAUSE)
                status, ticket = self.send("issue", "/api/v1/tickets", self.centre.kiosk_token, body,
                                           {"Idempotency-Key": key})
            if status in (200, 201):
                self.tally.tickets.append((self.centre.code, ticket["id"], ticket["number"], status))
            number += 1


class Officer(Client):
    """Works one counter: call next, start, (receive a dossier,) complete. After a connection error
    it starts over with "call next", which closes whatever ticket the counter still holds."""

    def __init__(self, port, stop, centre, counter_id: int, token: str, dossiers: bool):
        super().__init__(port, stop)
        self.centre, self.counter_id, self.token, self.dossiers = centre, counter_id, token, dossiers

    def work(self) -> None:
        at = f"/api/v1/counters/{self.counter_id}"
        while not self.stop.is_set():
            status, ticket = self.send("next", at + "/next", self.token)
            if status != 200:
                time.sleep(IDLE_PAUSE if status == 204 else RETRY_PAUSE)
                continue
            self.tally.calls.append((self.centre.code, self.counter_id, ticket["id"]))
            if self.send("start", at + "/start", self.token)[0] != 200:
                continue
            if self.dossiers:
                self.receive_dossier(ticket["id"])
            self.send("complete", at + "/complete", self.token)

    def receive_dossier(self, ticket_id: int) -> None:
        status, dossier = self.send("dossier", "/api/v1/dossiers", self.token,
                                    {"procedure": PROCEDURE, "ticket_id": ticket_id, "applicant": APPLICANT})
        if status == 201:
            self.tally.dossiers.append((self.centre.code, dossier["id"], dossier["code"], ticket_id))


def sign_in(port: int, username: str, password: str) -> str:
    """An officer's API token."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("POST", "/api/v1/auth/token", json.dumps({"username": username, "password": password}),
                       {"Content-Type": "application/json"})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"sign-in of {username}: {response.status} {body[:200]!r}")
    return json.loads(body)["token"]


def make_clients(port: int, stop: threading.Event, centres, kiosks: int, counters: int,
                 dossier_every: int = 0, seed: int = 0) -> list[Client]:
    """`kiosks` kiosks and `counters` officers shared out over `centres` in turn; every
    `dossier_every`-th officer also receives a dossier for each ticket it serves (0: none)."""
    clients: list[Client] = [Kiosk(port, stop, f"k{n}-{seed}", centres[n % len(centres)], seed * 1000 + n)
                             for n in range(kiosks)]
    for n in range(counters):
        centre = centres[n % len(centres)]
        place = n // len(centres)
        token = sign_in(port, *centre.officers[place])
        clients.append(Officer(port, stop, centre, centre.counter_ids[place], token,
                               bool(dossier_every) and place % dossier_every == 0))
    return clients


class Board(threading.Thread):
    """A display board on GET /api/v1/events for one centre: on any break it reconnects by itself
    with Last-Event-ID, as EventSource does. Notes when each stream opened and each event id."""

    def __init__(self, port: int, centre: str, stop: threading.Event):
        super().__init__(daemon=True)
        self.port, self.centre, self.stop = port, centre, stop
        self.opened: list[float] = []                 # time.monotonic() of each stream answered 200
        self.events: list[tuple[int, float]] = []     # (event id, time.monotonic() received)
        self.last_id: int | None = None

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.read_stream()
            except CONNECTION_ERRORS:
                pass
            time.sleep(RETRY_PAUSE)

    def read_stream(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Accept": "text/event-stream"}
        if self.last_id is not None:
            headers["Last-Event-ID"] = str(self.last_id)
        try:
            connection.request("GET", f"/api/v1/events?centre={self.centre}", headers=headers)
            response = connection.getresponse()
            if response.status != 200:
                response.read()
                return
            self.opened.append(time.monotonic())
            while not self.stop.is_set():
                line = response.readline()
                if not line:
                    return   # the stream ended (the server's lifetime for it, or the server went away)
                if line.startswith(b"id: "):     # where to resume (at or below the event's own id)
                    self.last_id = int(line[4:])
                elif line.startswith(b"data: "):  # the event's own id is in its data
                    self.events.append((json.loads(line[6:])["id"], time.monotonic()))
        finally:
            connection.close()
