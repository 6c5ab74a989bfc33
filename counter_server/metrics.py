"""What an operator watches (GET /metrics, Prometheus text format): requests by route and status,
how long issuing and calling take, people waiting per centre and field, open event streams,
printer states the kiosks report, and how late events reach the streams.

Counts kept in memory are per process. Under gunicorn with several workers, set
PROMETHEUS_MULTIPROC_DIR to an empty directory before the server starts: every worker then writes
there and a scrape of any one of them adds all of them up (prometheus_client's multiprocess mode).
Figures read from the database (waiting, printers) are the same from every process."""
import os
import threading
import time
from datetime import datetime, timezone

from flask import g, request
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import func, select

from .domain import calendar
from .models import Centre, Field, FieldDay, Kiosk

REQUESTS = Counter("counter_server_requests", "HTTP requests answered, by route and status",
                   ["route", "method", "status"])
# The two actions people wait on at the desk: a kiosk taking a number, an officer calling one.
ACTIONS = {"tickets.issue": "issue", "counters.call_next": "call", "counters.call": "call",
           "counters.recall": "call"}
ACTION_SECONDS = Histogram("counter_server_action_seconds", "Time to issue a ticket or call one, by action",
                           ["action"], buckets=(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5))
SSE_CLIENTS = Gauge("counter_server_sse_clients", "Event streams open now (boards, consoles, tablets)",
                    multiprocess_mode="livesum")
EVENT_LAG = Gauge("counter_server_event_stream_lag_seconds",
                  "From an event's commit to its sending on a stream: the latest, the worst process",
                  multiprocess_mode="max")
LAGGING_AFTER = 5.0   # seconds: an event older than this and not yet sent while streams are open


class StreamWatch:
    """This process's streams: how many are open per centre and the newest event each centre's
    streams have sent (for /readyz: is any stream falling behind the database?)."""

    def __init__(self):
        self._lock = threading.Lock()
        self.open: dict[int, int] = {}
        self.sent: dict[int, int] = {}

    def opened(self, centre_id: int, after_id: int) -> None:
        """A stream of `centre_id` opened, to send what comes after `after_id`."""
        with self._lock:
            self.open[centre_id] = self.open.get(centre_id, 0) + 1
            self.sent[centre_id] = max(self.sent.get(centre_id, 0), after_id)
        SSE_CLIENTS.inc()

    def closed(self, centre_id: int) -> None:
        with self._lock:
            self.open[centre_id] = max(0, self.open.get(centre_id, 0) - 1)
        SSE_CLIENTS.dec()

    def delivered(self, centre_id: int, event_id: int, at: datetime) -> None:
        with self._lock:
            self.sent[centre_id] = max(self.sent.get(centre_id, 0), event_id)
        EVENT_LAG.set(max(0.0, (datetime.now(timezone.utc) - at).total_seconds()))

    def watched(self) -> dict[int, int]:
        """Centres with a stream open in this process: the newest event id sent to them."""
        with self._lock:
            return {centre: self.sent.get(centre, 0) for centre, count in self.open.items() if count}


class DatabaseFigures:
    """Read at each scrape: people waiting per centre and field today, kiosks per printer state."""

    def __init__(self, ctx):
        self.ctx = ctx

    def describe(self):
        return []

    def collect(self):
        waiting = GaugeMetricFamily("counter_server_tickets_waiting", "People waiting now, per centre and field",
                                    labels=["centre", "field"])
        printers = GaugeMetricFamily("counter_server_kiosk_printers", "Kiosks by the printer state they last reported",
                                     labels=["centre", "state"])
        with self.ctx.session_factory() as session:
            now = self.ctx.clock()
            for centre in session.scalars(select(Centre)):
                day = calendar.service_day(centre.timezone, now)
                for code, count in session.execute(
                        select(Field.code, func.coalesce(FieldDay.waiting, 0))
                        .outerjoin(FieldDay, (FieldDay.field_id == Field.id) & (FieldDay.service_day == day))
                        .where(Field.centre_id == centre.id)):
                    waiting.add_metric([centre.code, code], count)
                for state, count in session.execute(
                        select(func.coalesce(Kiosk.printer_state, "unknown"), func.count())
                        .where(Kiosk.centre_id == centre.id, Kiosk.is_active.is_(True))
                        .group_by(Kiosk.printer_state)):
                    printers.add_metric([centre.code, state], count)
        yield waiting
        yield printers


def exposition(ctx) -> bytes:
    """The scrape's text: this process's counts (or every worker's, in multiprocess mode) and the
    database's figures."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        for metric in (REQUESTS, ACTION_SECONDS, SSE_CLIENTS, EVENT_LAG):
            registry.register(metric)
    registry.register(DatabaseFigures(ctx))
    return generate_latest(registry)


def count_requests(app) -> None:
    """Count every answer by its route's pattern (never the raw path: ids would explode the labels)
    and time the issue and call actions."""
    @app.before_request
    def started():
        g.metrics_started = time.perf_counter()

    @app.after_request
    def answered(response):
        rule = request.url_rule.rule if request.url_rule else "unmatched"
        REQUESTS.labels(rule, request.method, str(response.status_code)).inc()
        action = ACTIONS.get(request.endpoint or "")
        if action and "metrics_started" in g and response.status_code < 400:
            ACTION_SECONDS.labels(action).observe(time.perf_counter() - g.metrics_started)
        return response
