
import pytest
from sqlalchemy import select

from counter_server.domain.calendar import STANDARD_HOURS
from counter_server.domain.errors import (
    DailyCapReached, FieldClosed, OutsideOpeningHours, UnknownField, UnknownPriority, UnknownProcedure,
)
from counter_server.models import Centre, Field, FieldDay, Ticket, TicketEvent


def test_numbers_run_per_field_from_one(take):
    assert [take("HT").number for _ in range(3)] == ["A001", "A002", "A003"]
    assert take("CT").number == "B001"


def test_a_ticket_reports_the_people_ahead_and_an_estimate(take):
    take("HT")
    take("HT")
    third = take("HT")
    # two ahead, default 10 minutes each, one open counter serves HT (counter 3 is closed)
    assert (third.waiting_ahead, third.estimated_wait_minutes) == (2, 20)


def test_a_priority_ticket_counts_only_priority_tickets_ahead(take):
    take("HT")
    take("HT")
    assert take("HT", priority="elderly").waiting_ahead == 0
    assert take("HT", priority="elderly").waiting_ahead == 1


def test_every_issue_is_logged_as_an_event(ctx, take, session):
    ticket = take("HT", procedure="1.001193")
    event = session.scalar(select(TicketEvent).where(TicketEvent.ticket_id == ticket.id))
    assert (event.kind, event.data["number"], event.data["procedure"]) == ("issued", "A001", "1.001193")


def test_the_issued_event_records_number_field_procedure_and_priority(take, session):
    ticket = take("HT", procedure="1.001193", priority="elderly")
    event = session.scalar(select(TicketEvent).where(TicketEvent.ticket_id == ticket.id))
    assert event.data == {"number": "A001", "field": "HT", "priority": "elderly", "procedure": "1.001193"}
    assert event.at == ticket.issued_at


def test_numbers_grow_a_digit_after_999_and_never_lose_one(take, centre, session):
    take("HT")
    session.get(FieldDay, (centre.ht.id, session.scalar(select(Ticket.service_day)))).last_sequence = 998
    session.commit()
    assert [take("HT").number for _ in range(3)] == ["A999", "A1000", "A1001"]


def test_the_same_idempotency_key_returns_the_same_ticket_and_creates_nothing(take, session):
    first = take("HT", idempotency_key="tap-1")
    again = take("HT", idempotency_key="tap-1")
    assert (again.id, again.number, again.replayed) == (first.id, "A001", True)
    assert session.scalar(select(Ticket.id).where(Ticket.id != first.id)) is None
    assert take("HT", idempotency_key="tap-2").number == "A002"


def test_unknown_field_procedure_or_priority_is_refused(take):
    with pytest.raises(UnknownField):
        take("XX")
    with pytest.raises(UnknownProcedure):
        take("CT", procedure="1.001193")  # a procedure of another field
    with pytest.raises(UnknownPriority):
        take("HT", priority="vip")


def test_a_closed_field_issues_nothing(take, centre, session):
    session.get(Field, centre.ht.id).is_open = False
    session.commit()
    with pytest.raises(FieldClosed):
        take("HT")


def test_the_daily_cap_stops_issuing_and_the_next_day_starts_again(take, centre, session, clock):
    session.get(Field, centre.ht.id).daily_cap = 2
    session.commit()
    take("HT"), take("HT")
    with pytest.raises(DailyCapReached):
        take("HT")
    clock.advance(days=1)
    assert take("HT").number == "A001"


def test_a_zero_cap_issues_nothing(take, centre, session):
    session.get(Field, centre.ht.id).daily_cap = 0
    session.commit()
    with pytest.raises(DailyCapReached):
        take("HT")


def test_issuing_is_refused_outside_opening_hours_with_the_next_opening(take, centre, session, clock):
    session.get(Centre, centre.centre.id).opening_hours = STANDARD_HOURS
    session.commit()
    clock.now = clock.now.replace(hour=5)  # 12:00 local, lunch break
    with pytest.raises(OutsideOpeningHours) as refused:
        take("HT")
    assert refused.value.details["opens_at"] == "13:15"
    clock.advance(hours=1, minutes=15)  # 13:15 local
    assert take("HT").number == "A001"
