"""The service day is the centre's local day, whatever time zone the server process runs in."""
import os
import time
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from counter_server.models import Ticket, TicketEvent
from counter_server import services

# 23:59:30 on 26/11 in Ho Chi Minh City is 16:59:30 UTC.
BEFORE_LOCAL_MIDNIGHT = datetime(2026, 11, 26, 16, 59, 30, tzinfo=timezone.utc)


@pytest.fixture
def process_in_utc():
    """Run the test with the server process's own time zone set to UTC."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_numbering_restarts_at_local_midnight_not_utc_midnight(process_in_utc, take, clock, session):
    clock.now = BEFORE_LOCAL_MIDNIGHT
    assert take("HT").number == "A001"
    assert take("HT").number == "A002"
    clock.advance(seconds=31)  # 00:00:01 local on 27/11, still 26/11 in UTC
    after = take("HT")
    assert after.number == "A001"
    days = session.execute(select(Ticket.number, Ticket.service_day).order_by(Ticket.id)).all()
    assert [(n, d.isoformat()) for n, d in days] == [
        ("A001", "2026-11-26"), ("A002", "2026-11-26"), ("A001", "2026-11-27")]


def test_utc_midnight_does_not_restart_numbering(process_in_utc, take, clock):
    clock.now = datetime(2026, 11, 26, 23, 59, 0, tzinfo=timezone.utc)  # 06:59 local on 27/11
    take("HT")
    clock.advance(minutes=2)  # UTC date changes, the local one does not
    assert take("HT").number == "A002"


def test_tickets_left_waiting_expire_on_the_next_day_with_their_history(process_in_utc, ctx, take, desk1, clock, session, centre):
    clock.now = BEFORE_LOCAL_MIDNIGHT
    left = take("HT")
    called = take("CT")
    desk1.call_ticket(ticket_id=called.id)
    clock.advance(minutes=1)
    take("HT")  # the first ticket of the new day triggers the expiry
    session.expire_all()
    assert session.get(Ticket, left.id).status == "expired"
    assert session.get(Ticket, called.id).status == "expired"
    kinds = session.scalars(select(TicketEvent.kind).where(TicketEvent.ticket_id == left.id)
                            .order_by(TicketEvent.id)).all()
    assert kinds == ["issued", "expired"]


def test_yesterdays_tickets_are_never_called_today(ctx, take, desk1, clock, centre):
    clock.now = BEFORE_LOCAL_MIDNIGHT
    take("HT")
    clock.advance(minutes=1)
    assert desk1.next() is None


def test_expiry_runs_once_per_day(ctx, take, clock, centre):
    clock.now = BEFORE_LOCAL_MIDNIGHT
    take("HT")
    clock.advance(minutes=1)
    take("HT")
    assert services.expire_stale_tickets(ctx, centre.centre.id) == 0
