"""Fake printers that answer DLE EOT n the way an Epson TM printer does, over a real TCP socket or a pty."""
from __future__ import annotations

import os
import select
import socket
import threading
import time
import tty

# Epson's real-time status bytes (DLE EOT 1 printer, 2 offline cause, 3 error cause, 4 paper sensor):
# bits 1 and 4 are always set (0x12); 0x08 offline; cause 0x04 cover open, 0x20 stopped at paper end;
# paper sensor 0x0C near end, 0x60 paper end.
ANSWERS = {
    "ready": {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12},
    "paper_near_end": {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x1E},
    "paper_out": {1: 0x1A, 2: 0x32, 3: 0x12, 4: 0x7E},
    "cover_open": {1: 0x1A, 2: 0x16, 3: 0x12, 4: 0x12},
    "silent": {},
}
DLE_EOT = b"\x10\x04"


class EpsonBrain:
    """Splits what arrives into status queries (answered now) and job bytes (kept)."""

    def __init__(self, state: str = "ready") -> None:
        self.state = state
        self.queries: list[int] = []
        self.job = bytearray()
        self._pending = b""

    def take(self, data: bytes) -> bytes:
        """Swallow incoming bytes; return the answers to send back."""
        if self.job:  # once the job has begun, everything is job data
            self.job += data
            return b""
        self._pending += data
        answers = bytearray()
        while self._pending.startswith(DLE_EOT) and len(self._pending) >= 3:
            n = self._pending[2]
            self.queries.append(n)
            if n in ANSWERS[self.state]:
                answers.append(ANSWERS[self.state][n])
            self._pending = self._pending[3:]
        if self._pending and not DLE_EOT.startswith(self._pending[:2]):
            self.job += self._pending
            self._pending = b""
        return bytes(answers)


class FakeNetworkPrinter:
    """An Epson-like printer on 127.0.0.1 and a free port; `state` may be changed at any time."""

    def __init__(self, state: str = "ready") -> None:
        self.state = state
        self.jobs: list[bytes] = []
        self.connections = 0
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.1)
        self.port = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._job_done = threading.Condition()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        """tcp://127.0.0.1:PORT."""
        return f"tcp://127.0.0.1:{self.port}"

    def wait_for_job(self, timeout: float = 5.0) -> bytes | None:
        """The first complete job (sent and connection closed), or None after timeout."""
        with self._job_done:
            self._job_done.wait_for(lambda: self.jobs, timeout)
        return self.jobs[0] if self.jobs else None

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._server.accept()
            except TimeoutError:
                continue
            self.connections += 1
            threading.Thread(target=self._talk, args=(connection,), daemon=True).start()

    def _talk(self, connection: socket.socket) -> None:
        brain = EpsonBrain(self.state)
        with connection:
            connection.settimeout(0.1)
            while not self._stop.is_set():
                brain.state = self.state
                try:
                    data = connection.recv(65536)
                except TimeoutError:
                    continue
                except OSError:
                    break
                if not data:
                    break
                answers = brain.take(data)
                if answers:
                    connection.sendall(answers)
        if brain.job:
            with self._job_done:
                self.jobs.append(bytes(brain.job))
                self._job_done.notify_all()

    def close(self) -> None:
        """Stop serving and free the port."""
        self._stop.set()
        self._thread.join(timeout=2)
        self._server.close()


class FakeSerialPrinter:
    """An Epson-like printer on the far side of a pseudo-terminal: a real tty device path."""

    def __init__(self, state: str = "ready") -> None:
        self.brain = EpsonBrain(state)
        self._master, slave = os.openpty()
        tty.setraw(slave)  # a printer port passes bytes through untouched
        self.path = os.ttyname(slave)
        self._slave = slave  # kept open so the pty lives while the test runs
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def received(self, size: int, timeout: float = 5.0) -> bytes:
        """Job bytes received so far, waiting until there are `size` of them or the time is up."""
        end = time.monotonic() + timeout
        while len(self.brain.job) < size and time.monotonic() < end:
            time.sleep(0.02)
        return bytes(self.brain.job)

    def _serve(self) -> None:
        while not self._stop.is_set():
            readable, _, _ = select.select([self._master], [], [], 0.05)
            if not readable:
                continue
            try:
                data = os.read(self._master, 65536)
            except OSError:
                break
            answers = self.brain.take(data)
            if answers:
                os.write(self._master, answers)

    def close(self) -> None:
        """Stop and close both ends."""
        self._stop.set()
        self._thread.join(timeout=2)
        os.close(self._master)
        os.close(self._slave)
