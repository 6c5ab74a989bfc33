"""Fill a database with a year of past tickets and their events, as a busy centre would have.

Every day before yesterday is closed, as the server leaves it: served tickets are completed, a
citizen who missed the call was expired when the next day began (no_show_count 1). Each ticket has
its kiosk's Idempotency-Key (random, as the kiosk client makes them), stored led by its day as the
server stores it (keys="day"), or as it was stored before migration 0008 (keys="random").
Yesterday waits for today's first request: `left_open` of its tickets are still open (waiting,
called or no-show)."""
import random
import secrets
import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, select

from counter_server.models import Counter, Field, FieldDay, Kiosk, Ticket, TicketEvent
from counter_server.services.issuing import scoped_key

BATCH = 5000
OPEN_STATUSES = ("waiting", "called", "no_show")


def arrival_hour(rng: random.Random) -> float:
    """Arrivals bunch at opening (07:30-10:00) and in the early afternoon."""
    if rng.random() < 0.65:
        return rng.uniform(7.25, 10.5)
    return rng.uniform(13.25, 16.5)


def fill(url: str, centre_id: int, total: int, days: int = 365, seed: int = 7, left_open: int = 0,
         keys: str = "day") -> int:
    """Insert `total` tickets spread over the `days` before today; returns how many."""
    rng = random.Random(seed)
    engine = create_engine(url)
    with engine.connect() as connection:
        fields = connection.execute(select(Field.id, Field.ticket_prefix).where(Field.centre_id == centre_id)).all()
        counters = connection.scalars(select(Counter.id).where(Counter.centre_id == centre_id)).all()
        kiosks = connection.scalars(select(Kiosk.id).where(Kiosk.centre_id == centre_id)).all() or [None]
    zone = ZoneInfo("Asia/Ho_Chi_Minh")
    today = datetime.now(zone).date()
    per_day = total // days
    tickets, events, field_days, next_id, made = [], [], [], 1, 0
    with engine.begin() as connection:
        for offset in range(days, 0, -1):
            day = today - timedelta(days=offset)
            sequences = {field_id: 0 for field_id, _ in fields}
            waiting = {field_id: [0, 0] for field_id, _ in fields}   # all, priority
            count = per_day + (1 if offset <= total - per_day * days else 0)
            hours = sorted(arrival_hour(rng) for _ in range(count))
            for index, hour in enumerate(hours):
                field_id, prefix = rng.choice(fields)
                sequences[field_id] += 1
                issued = datetime.combine(day, time(0), zone) + timedelta(hours=hour)
                called = issued + timedelta(minutes=rng.expovariate(1 / 18))
                finished = called + timedelta(minutes=rng.expovariate(1 / 9))
                counter = rng.choice(counters)
                if offset == 1 and index >= count - left_open:
                    status = OPEN_STATUSES[index % len(OPEN_STATUSES)]
                else:
                    status = "completed" if rng.random() < 0.94 else "expired"
                ticket = dict(
                    id=next_id, centre_id=centre_id, field_id=field_id, origin_field_id=field_id,
                    is_priority=rng.random() < 0.08, service_day=day, sequence=sequences[field_id],
                    number=f"{prefix}{sequences[field_id]:03d}", status=status, issued_at=issued,
                    called_at=called, first_called_at=called, started_at=called, finished_at=finished,
                    counter_id=counter, kiosk_id=rng.choice(kiosks),
                    idempotency_key=scoped_key(day, uuid.uuid4().hex) if keys == "day" else uuid.uuid4().hex,
                    tracking_token=secrets.token_urlsafe(18), call_count=1, no_show_count=0)
                kinds = [("issued", issued), ("called", called)]
                if status == "completed":
                    kinds.append(("completed", finished))
                elif status == "expired":
                    ticket["no_show_count"] = 1
                    next_morning = datetime.combine(day + timedelta(days=1), time(7), zone)
                    kinds += [("no_show", finished), ("expired", next_morning)]
                else:   # still open: as it stands when the day ended
                    ticket.update(finished_at=None, started_at=None,
                                  counter_id=None if status == "waiting" else counter)
                    if status == "waiting":
                        ticket.update(called_at=None, first_called_at=None, call_count=0)
                        waiting[field_id][0] += 1
                        waiting[field_id][1] += int(ticket["is_priority"])
                        kinds = kinds[:1]
                    elif status == "no_show":
                        ticket.update(finished_at=finished, no_show_count=1)
                        kinds.append(("no_show", finished))
                tickets.append(ticket)
                data = {"number": ticket["number"], "field": str(field_id)}
                events += [dict(centre_id=centre_id, ticket_id=next_id, kind=kind, at=at, counter_id=counter, data=data)
                           for kind, at in kinds]
                next_id += 1
            field_days += [dict(field_id=f, service_day=day, last_sequence=n, waiting=waiting[f][0],
                                waiting_priority=waiting[f][1], completed=n - waiting[f][0], service_seconds=n * 540.0)
                           for f, n in sequences.items() if n]
            if len(tickets) >= BATCH:
                made += _flush(connection, tickets, events)
        made += _flush(connection, tickets, events)
        connection.execute(FieldDay.__table__.insert(), field_days)
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql(
                "SELECT setval(pg_get_serial_sequence('tickets', 'id'), (SELECT max(id) FROM tickets))")
    engine.dispose()
    return made


def _flush(connection, tickets: list, events: list) -> int:
    count = len(tickets)
    if tickets:
        connection.execute(Ticket.__table__.insert(), tickets)
        connection.execute(TicketEvent.__table__.insert(), events)
    tickets.clear()
    events.clear()
    return count
