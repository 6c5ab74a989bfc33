"""What one issue costs, in this process and in the PostgreSQL server, through the service.

    python -m bench.bench_issue_cost [--engines sqlite,postgres] [--rounds 4] [--batch 1000]

Per engine: a fresh database with the demo centre (open round the clock), served by create_app()
in this process; `--rounds` batches of `--batch` tickets through issue_ticket (five fields in
turn, a new Idempotency-Key each). Prints the median over rounds, per issue, of this process's
CPU time, the wall time and, on PostgreSQL, the CPU time of the database's server processes (read
from /proc, so the server must run on this machine). Then the whole request without the HTTP
server: `POST /api/v1/tickets` and the trivial `GET /api/v1/health` called as gunicorn calls the
app (a WSGI environ, no test client), alternately, `--rounds` × 5 batches of 200: the least CPU
per request of any batch (the least disturbed by the machine's other work). To compare two versions of the code, run it
from two checkouts one after the other, several times (`git worktree add`).
"""
import argparse
import io
import json
import os
import statistics
import time
import uuid
from pathlib import Path

from sqlalchemy import text

from bench import databases
from bench.bench_server import seed

FIELDS = ("HT", "CT", "HKD", "BTXH", "CTRU")
NAME = "counter_bench_cost"


def server_cpu_seconds(engine, database: str) -> float:
    """CPU time so far of the PostgreSQL server processes serving `database`."""
    with engine.connect() as connection:
        pids = connection.scalars(text("select pid from pg_stat_activity where datname = :d"), {"d": database}).all()
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])   # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def measure(engine_name: str, rounds: int, batch: int) -> dict:
    from counter_server.app import create_app
    from counter_server.services import issue_ticket
    url = databases.fresh(engine_name, NAME)
    centre_id, kiosk_token = seed(url)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench-secret", "KIOSK_RATE_LIMIT": "100000000/minute"})
    queue = app.extensions["queue"]
    with queue.engine.connect() as connection:
        kiosk_id = connection.scalar(text("select id from kiosks where centre_id = :c"), {"c": centre_id})
    issued = 0

    def issue() -> None:
        nonlocal issued
        issued += 1
        issue_ticket(queue, centre_id=centre_id, field=FIELDS[issued % len(FIELDS)], kiosk_id=kiosk_id,
                     idempotency_key=uuid.uuid4().hex)

    def server_cpu() -> float:
        return server_cpu_seconds(queue.engine, NAME) if engine_name == "postgres" else 0.0

    try:
        for _ in range(300):   # warm: connections, prepared statements, caches
            issue()
        own, wall, server = [], [], []
        for _ in range(rounds):
            server_started, cpu_started, started = server_cpu(), time.process_time(), time.perf_counter()
            for _ in range(batch):
                issue()
            own.append((time.process_time() - cpu_started) / batch)
            wall.append((time.perf_counter() - started) / batch)
            server.append((server_cpu() - server_started) / batch)
        requests = whole_requests(app, kiosk_token, rounds * 5)
    finally:
        checkpointer = app.extensions.get("checkpointer")
        if checkpointer:
            checkpointer.stop()
        queue.engine.dispose()
        if engine_name == "postgres":
            databases.drop_postgres(NAME)
    return {"engine": engine_name, "own_cpu_us": statistics.median(own) * 1e6,
            "wall_us": statistics.median(wall) * 1e6, "server_cpu_us": statistics.median(server) * 1e6,
            **requests}


def wsgi_environ(method: str, path: str, body: bytes = b"", headers: dict | None = None) -> dict:
    """What gunicorn hands the app for one request."""
    environ = {"REQUEST_METHOD": method, "SCRIPT_NAME": "", "PATH_INFO": path, "QUERY_STRING": "",
               "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "SERVER_PROTOCOL": "HTTP/1.1",
               "REMOTE_ADDR": "127.0.0.1", "REMOTE_PORT": "50000", "HTTP_HOST": "127.0.0.1:8000",
               "wsgi.version": (1, 0), "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body),
               "wsgi.errors": io.StringIO(), "wsgi.multithread": True, "wsgi.multiprocess": False,
               "wsgi.run_once": False}
    if body:
        environ |= {"CONTENT_LENGTH": str(len(body)), "CONTENT_TYPE": "application/json"}
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ


def whole_requests(app, kiosk_token: str, batches: int, size: int = 200) -> dict:
    """The least CPU per request, over `batches` batches each, of an issue and of the trivial request."""
    answers = []
    issued = 0

    def respond(status, headers, exc_info=None):
        answers.append(status)

    def issue() -> None:
        nonlocal issued
        issued += 1
        body = json.dumps({"field": FIELDS[issued % len(FIELDS)]}).encode()
        headers = {"Authorization": "Bearer " + kiosk_token, "Idempotency-Key": uuid.uuid4().hex}
        b"".join(app(wsgi_environ("POST", "/api/v1/tickets", body, headers), respond))

    def trivial() -> None:
        b"".join(app(wsgi_environ("GET", "/api/v1/health"), respond))

    least = {"issue": float("inf"), "trivial": float("inf")}
    for _ in range(batches):
        for name, call in (("issue", issue), ("trivial", trivial)):
            answers.clear()
            started = time.process_time()
            for _ in range(size):
                call()
            least[name] = min(least[name], (time.process_time() - started) / size)
            if any(not status.startswith(("200", "201")) for status in answers):
                raise RuntimeError(f"{name}: {answers[0]}")
    return {"request_issue_us": least["issue"] * 1e6, "request_trivial_us": least["trivial"] * 1e6}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args(argv)
    for engine_name in args.engines.split(","):
        row = measure(engine_name, args.rounds, args.batch)
        print(f"{row['engine']:8} per issue: this process {row['own_cpu_us']:5.0f} µs CPU,"
              f" wall {row['wall_us']:5.0f} µs, database server {row['server_cpu_us']:5.0f} µs CPU;"
              f" whole request without gunicorn: issue {row['request_issue_us']:5.0f} µs CPU,"
              f" trivial {row['request_trivial_us']:4.0f} µs", flush=True)


if __name__ == "__main__":
    main()
