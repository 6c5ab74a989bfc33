"""Fill a database with a year of past tickets and their events, as a busy centre would have."""
import random
import secrets
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, select

from counter_server.models import Counter, Field, FieldDay, Ticket, TicketEvent

BATCH = 5000


def arrival_hour(rng: random.Random) -> float:
    """Arrivals bunch at opening (07:30-10:00) and in the early afternoon."""
    if rng.random() < 0.65:
        return rng.uniform(7.25, 10.5)
    return rng.uniform(13.25, 16.5)


def fill(url: str, centre_id: int, total: int, days: int = 365, seed: int = 7) -> int:
    """Insert `total` tickets spread over the `days` before today; returns how many."""
    rng = random.Random(seed)
    engine = create_engine(url)
    with engine.connect() as connection:
        fields = connection.execute(select(Field.id, Field.ticket_prefix).where(Field.centre_id == centre_id)).all()
        counters = connection.scalars(select(Counter.id).where(Counter.centre_id == centre_id)).all()
    zone = ZoneInfo("Asia/Ho_Chi_Minh")
    today = datetime.now(zone).date()
    per_day = total // days
    tickets, events, field_days, next_id, made = [], [], [], 1, 0
    with engine.begin() as connection:
        for offset in range(days, 0, -1):
            day = today - timedelta(days=offset)
            sequences = {field_id: 0 for field_id, _ in fields}
            count = per_day + (1 if offset <= total - per_day * days else 0)
            hours = sorted(arrival_hour(rng) for _ in range(count))
            for hour in hours:
                field_id, prefix = rng.choice(fields)
                sequences[field_id] += 1
                issued = datetime.combine(day, time(0), zone) + timedelta(hours=hour)
                called = issued + timedelta(minutes=rng.expovariate(1 / 18))
                finished = called + timedelta(minutes=rng.expovariate(1 / 9))
                status = "completed" if rng.random() < 0.94 else "no_show"
                counter = rng.choice(counters)
                tickets.append(dict(
                    id=next_id, centre_id=centre_id, field_id=field_id, origin_field_id=field_id,
                    is_priority=rng.random() < 0.08, service_day=day, sequence=sequences[field_id],
                    number=f"{prefix}{sequences[field_id]:03d}", status=status, issued_at=issued,
                    called_at=called, started_at=called, finished_at=finished, counter_id=counter,
                    tracking_token=secrets.token_urlsafe(18), call_count=1))
                data = {"number": tickets[-1]["number"], "field": str(field_id)}
                events += [dict(centre_id=centre_id, ticket_id=next_id, kind=kind, at=at, counter_id=counter, data=data)
                           for kind, at in (("issued", issued), ("called", called),
                                            ("completed" if status == "completed" else "no_show", finished))]
                next_id += 1
            field_days += [dict(field_id=f, service_day=day, last_sequence=n, waiting=0, waiting_priority=0,
                                completed=n, service_seconds=n * 540.0) for f, n in sequences.items() if n]
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
