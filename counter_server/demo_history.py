"""A generated past for a centre: every working day of a year (or a few weeks), tickets arriving
by the hour the way a busy ward centre sees them (a morning peak, a quiet lunch, an afternoon
peak), waits that grow with the queue, walk and service times by field, no-shows, transfers,
tickets left at the end of the day, and ratings. For the demo (`counter-server seed-history`),
the report benchmark and the screenshots.

Tickets go in with bulk inserts (Core, batches of 5,000), not through the services: a year of
them through the services would take hours. The rows are what the services would have written.
"""
import math
import random
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import delete, insert, select

from .demo_dossiers import DemoDossiers, Served
from .domain.workdays import Decision, WorkingCalendar
from .models import (
    CalendarDay, Centre, Counter, CounterField, Field, PriorityCategory, Rating, RatingDevice, ReportDay, Ticket,
    TicketEvent, TicketFigures, User,
)

# share of a day's tickets issued in each local hour (07:00–16:59); lunch 11:30–13:30 is closed
HOURS = {7: 0.10, 8: 0.19, 9: 0.17, 10: 0.12, 11: 0.03, 13: 0.10, 14: 0.14, 15: 0.11, 16: 0.04}
FIELD_SHARE = {"HT": 0.24, "CT": 0.30, "CTRU": 0.12, "DD": 0.12, "XD": 0.05, "HKD": 0.07, "BTXH": 0.06, "NCC": 0.04}
NO_SHOW, TRANSFER, CANCEL, PRIORITY, RATED = 0.05, 0.03, 0.01, 0.12, 0.45
RATING_LEVELS = ((3, 0.68), (2, 0.27), (1, 0.05))
BATCH = 5000


def working_days(last: date, days: int) -> list[date]:
    """The Monday-to-Friday days among the `days` calendar days ending with `last`."""
    every = [last - timedelta(days=n) for n in range(days)]
    return sorted(day for day in every if day.weekday() < 5)


def generate(engine, centre_code: str = "PHUONG-DEMO", last: date | None = None, days: int = 365, per_day: int = 800,
             seed: int = 1, events: bool = True, now: datetime | None = None) -> int:
    """Fill the centre's past with tickets, and the dossiers about a third of them left (received
    before `now`, moved on as far as `now`); returns how many tickets. The centre must exist (seed-demo)."""
    rng = random.Random(seed)
    with engine.begin() as connection:
        centre = connection.execute(select(Centre.id, Centre.timezone).where(Centre.code == centre_code)).one()
        zone = ZoneInfo(centre.timezone)
        fields = {row.code: row for row in connection.execute(
            select(Field.id, Field.code, Field.ticket_prefix, Field.default_service_minutes,
                   Field.target_wait_minutes).where(Field.centre_id == centre.id))}
        served_by = {}
        for counter_id, number, field_id in connection.execute(
                select(Counter.id, Counter.number, CounterField.field_id).join(CounterField)
                .where(Counter.centre_id == centre.id)):
            served_by.setdefault(field_id, []).append((counter_id, number))
        staff = list(connection.scalars(select(User.id).where(User.centre_id == centre.id, User.role == "staff")))
        priorities = list(connection.scalars(select(PriorityCategory.id).where(PriorityCategory.centre_id == centre.id)))
        devices = _rating_devices(connection, centre.id, {c for cs in served_by.values() for c, _ in cs})
        last = last or (datetime.now(zone).date() - timedelta(days=1))
        next_id = (connection.scalar(select(Ticket.id).order_by(Ticket.id.desc()).limit(1)) or 0) + 1
        calendar = WorkingCalendar([Decision(*row) for row in connection.execute(
            select(CalendarDay.day, CalendarDay.kind, CalendarDay.reason))])
        dossiers = DemoDossiers(connection, centre.id, calendar, rng, now or datetime.now(timezone.utc), events)
        tickets, event_rows, ratings, total = [], [], [], 0
        for day in working_days(last, days):
            busy = per_day * rng.uniform(0.8, 1.2) * (1.15 if day.weekday() == 0 else 1.0)
            for field_code, share in FIELD_SHARE.items():
                field = fields.get(field_code)
                if field is None or field.id not in served_by:
                    continue
                arrivals = sorted(_arrival(rng, day, zone) for _ in range(int(busy * share)))
                for sequence, issued in enumerate(arrivals, start=1):
                    ticket, happened, rating = _ticket(rng, next_id, centre.id, day, zone, field, sequence, issued,
                                                       served_by[field.id], staff, priorities, devices, arrivals)
                    tickets.append(ticket)
                    if ticket["status"] == "completed":
                        dossiers.maybe(Served(ticket["id"], field.id, ticket["staff_id"], ticket["finished_at"]))
                    event_rows += happened if events else []
                    ratings += [rating] if rating else []
                    next_id += 1
                    total += 1
            if len(tickets) >= BATCH:
                _flush(connection, tickets, event_rows, ratings)
        _flush(connection, tickets, event_rows, ratings)
        dossiers.write()
        _forget_stored(connection, centre.id, working_days(last, days))
        if connection.dialect.name == "postgresql":   # ids were given: move the sequence past them
            connection.exec_driver_sql("SELECT setval(pg_get_serial_sequence('tickets', 'id'), max(id)) FROM tickets")
    return total


def _forget_stored(connection, centre_id: int, days) -> None:
    """Days that a report had already stored (as empty, say) are stored again, with these tickets."""
    days = list(days)
    if not days:
        return
    first, last = min(days), max(days)
    connection.execute(delete(ReportDay).where(ReportDay.centre_id == centre_id, ReportDay.day >= first,
                                               ReportDay.day <= last))
    connection.execute(delete(TicketFigures).where(TicketFigures.centre_id == centre_id,
                                                   TicketFigures.day >= first.toordinal(),
                                                   TicketFigures.day <= last.toordinal()))


def _arrival(rng, day: date, zone) -> datetime:
    hour = rng.choices(list(HOURS), weights=list(HOURS.values()))[0]
    minute = rng.uniform(30, 60) if hour == 7 else rng.uniform(0, 30) if hour == 11 else \
        rng.uniform(30, 60) if hour == 13 else rng.uniform(0, 60)
    local = datetime.combine(day, time(hour)) + timedelta(minutes=minute)
    return local.replace(tzinfo=zone).astimezone(timezone.utc)


def _ticket(rng, ticket_id, centre_id, day, zone, field, sequence, issued, counters, staff, priorities, devices,
            arrivals):
    """One ticket's row, its events and maybe a rating."""
    queue = sum(1 for other in arrivals[max(0, sequence - 40):sequence] if issued - other < timedelta(minutes=30))
    wait = rng.lognormvariate(math.log(4 + queue * 0.9), 0.6) * 60
    counter_id, counter_number = rng.choice(counters)
    officer = staff[(counter_number + day.toordinal()) % len(staff)] if staff else None
    is_priority = rng.random() < PRIORITY
    row = dict(id=ticket_id, centre_id=centre_id, field_id=field.id, origin_field_id=field.id, procedure_id=None,
               priority_id=rng.choice(priorities) if is_priority and priorities else None, is_priority=is_priority,
               service_day=day, sequence=sequence, number=f"{field.ticket_prefix}{sequence:03d}", issued_at=issued,
               kiosk_id=None, idempotency_key=None, tracking_token=f"h{ticket_id:x}{rng.getrandbits(40):x}",
               call_count=0, no_show_count=0, transfer_count=0, target_counter_id=None, counter_id=None,
               staff_id=None, called_at=None, first_called_at=None, started_at=None, finished_at=None)
    happened = [_event(centre_id, ticket_id, "issued", issued)]
    closing = datetime.combine(day, time(17), zone).astimezone(timezone.utc)
    midnight = datetime.combine(day + timedelta(days=1), time(0), zone).astimezone(timezone.utc)
    called = issued + timedelta(seconds=wait)
    roll = rng.random()
    if roll < CANCEL:
        row.update(status="cancelled", finished_at=issued + timedelta(minutes=rng.uniform(2, 20)))
        happened.append(_event(centre_id, ticket_id, "cancelled", row["finished_at"]))
        return row, happened, None
    if called > closing:
        row.update(status="expired")
        happened.append(_event(centre_id, ticket_id, "expired", midnight))
        return row, happened, None
    row.update(counter_id=counter_id, staff_id=officer, called_at=called, first_called_at=called, call_count=1)
    happened.append(_event(centre_id, ticket_id, "called", called, counter_id, officer))
    if roll < CANCEL + NO_SHOW:
        row.update(status="expired", no_show_count=1, finished_at=called + timedelta(minutes=2))   # a past day
        happened.append(_event(centre_id, ticket_id, "no_show", row["finished_at"], counter_id, officer))
        return row, happened, None
    if roll < CANCEL + NO_SHOW + TRANSFER:
        row["transfer_count"] = 1
        happened.append(_event(centre_id, ticket_id, "transferred", called + timedelta(minutes=3), counter_id, officer))
        called = called + timedelta(minutes=rng.uniform(5, 25))
        row.update(called_at=called, call_count=2)
        happened.append(_event(centre_id, ticket_id, "called", called, counter_id, officer))
    started = called + timedelta(seconds=rng.uniform(20, 120))
    finished = started + timedelta(seconds=rng.lognormvariate(math.log(field.default_service_minutes * 60), 0.5))
    row.update(status="completed", started_at=started, finished_at=finished)
    happened += [_event(centre_id, ticket_id, "started", started, counter_id, officer),
                 _event(centre_id, ticket_id, "completed", finished, counter_id, officer)]
    rating = None
    if rng.random() < RATED and counter_id in devices:
        level = rng.choices([level for level, _ in RATING_LEVELS], weights=[w for _, w in RATING_LEVELS])[0]
        rating = dict(ticket_id=ticket_id, centre_id=centre_id, counter_id=counter_id, staff_id=officer,
                      device_id=devices[counter_id], level=level, rated_at=finished + timedelta(seconds=15))
    return row, happened, rating


def _event(centre_id, ticket_id, kind, at, counter_id=None, staff_id=None) -> dict:
    return dict(centre_id=centre_id, ticket_id=ticket_id, kind=kind, at=at, counter_id=counter_id,
                staff_id=staff_id, data={})


def _rating_devices(connection, centre_id: int, counter_ids: set[int]) -> dict[int, int]:
    """A rating tablet at every counter (paired long ago)."""
    devices = dict(connection.execute(select(RatingDevice.counter_id, RatingDevice.id)
                                      .where(RatingDevice.centre_id == centre_id)).all())
    for counter_id in sorted(counter_ids - set(devices)):
        devices[counter_id] = connection.execute(insert(RatingDevice).values(
            centre_id=centre_id, counter_id=counter_id, name=f"Máy đánh giá {counter_id}",
            secret_hash=f"history-{counter_id}", is_active=False).returning(RatingDevice.id)).scalar_one()
    return devices


def _flush(connection, tickets, events, ratings):
    for table, rows in ((Ticket, tickets), (TicketEvent, events), (Rating, ratings)):
        if rows:
            connection.execute(insert(table), rows)
            rows.clear()
