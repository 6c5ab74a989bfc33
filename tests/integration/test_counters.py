import pytest
from sqlalchemy import select

from counter_server.domain.errors import (
    CounterClosed, CounterDoesNotServeField, InvalidTransition, NoCurrentTicket, UnknownCounter,
)
from counter_server.models import FieldDay, Ticket, TicketEvent
from counter_server import services


def test_call_next_takes_the_ticket_that_waited_longest(take, desk1, clock):
    take("HT")
    clock.advance(minutes=1)
    take("CT")
    called = desk1.next()
    assert (called.number, called.status, called.counter) == ("A001", "called", 1)
    assert desk1.next().number == "B001"


def test_priority_tickets_are_called_before_earlier_ordinary_ones(take, desk1, clock):
    take("HT")
    clock.advance(minutes=5)
    take("HT", priority="elderly")
    assert desk1.next().number == "A002"
    assert desk1.next().number == "A001"


def test_a_counter_only_calls_fields_it_serves(take, desk2):
    take("HT")
    assert desk2.next() is None
    take("CT")
    assert desk2.next().number == "B001"


def test_nobody_waiting_gives_none(desk1):
    assert desk1.next() is None


def test_calling_next_completes_the_current_ticket(take, desk1, session):
    first = take("HT")
    take("HT")
    desk1.next()
    desk1.next()
    assert session.get(Ticket, first.id).status == "completed"


def test_one_ticket_never_goes_to_two_counters(take, desk1, desk2):
    take("CT")
    assert desk1.next().number == "B001"
    assert desk2.next() is None


def test_start_then_complete_records_the_times_and_the_service_rate(take, desk1, clock, session, centre):
    take("HT")
    desk1.next()
    clock.advance(minutes=1)
    started = desk1.start()
    clock.advance(minutes=6)
    done = desk1.complete()
    assert started.status == "serving" and done.status == "completed"
    assert (done.finished_at - done.started_at).total_seconds() == 360
    day = session.scalar(select(FieldDay).where(FieldDay.field_id == centre.ht.id))
    assert (day.completed, day.service_seconds, day.waiting) == (1, 420.0, 0)


def test_recall_announces_again_and_counts_calls(take, desk1, session):
    take("HT")
    desk1.next()
    assert desk1.recall().call_count == 2
    kinds = session.scalars(select(TicketEvent.kind).order_by(TicketEvent.id)).all()
    assert kinds == ["issued", "called", "recalled"]


def test_a_no_show_can_be_put_back_in_its_original_place(ctx, take, desk1, centre, clock):
    first = take("HT")
    clock.advance(minutes=1)
    take("HT")
    desk1.next()
    assert desk1.skip().status == "no_show"
    assert services.requeue(ctx, centre.centre.id, first.id) == "waiting"
    assert desk1.next().number == "A001"  # it kept its issue time


def test_skip_and_start_need_a_called_ticket(desk1):
    with pytest.raises(NoCurrentTicket):
        desk1.skip()
    with pytest.raises(NoCurrentTicket):
        desk1.start()


def test_a_no_show_cannot_be_started_and_a_completed_ticket_not_requeued(ctx, take, desk1, centre):
    ticket = take("HT")
    desk1.next()
    desk1.complete()
    with pytest.raises(InvalidTransition):
        services.requeue(ctx, centre.centre.id, ticket.id)


def test_call_a_specific_ticket_out_of_order(take, desk1, ctx, centre):
    take("HT")
    later = take("HT")
    called = desk1.call_ticket(ticket_id=later.id)
    assert called.number == "A002"
    assert desk1.next().number == "A001"


def test_calling_a_ticket_of_a_field_the_counter_does_not_serve_is_refused(take, desk2):
    ticket = take("HT")
    with pytest.raises(CounterDoesNotServeField):
        desk2.call_ticket(ticket_id=ticket.id)


def test_a_closed_or_unknown_counter_cannot_call(ctx, centre, take):
    take("HT")
    with pytest.raises(CounterClosed):
        services.call_next(ctx, centre.centre.id, centre.counter3.id)
    with pytest.raises(UnknownCounter):
        services.call_next(ctx, centre.centre.id, 999)


def test_transfer_to_a_field_keeps_the_number_and_the_place(take, desk1, desk2, clock):
    moved = take("HT")
    clock.advance(minutes=10)
    take("CT")  # issued after the HT ticket
    desk1.next()
    transferred = desk1.transfer(field="CT")
    assert (transferred.number, transferred.field, transferred.status) == ("A001", "CT", "waiting")
    assert desk2.next().number == "A001"  # ahead of B001: it keeps its original issue time
    assert desk2.next().number == "B001"
    assert moved.issued_at == transferred.issued_at


def test_transfer_to_a_counter_is_called_only_there(take, desk1, desk2, centre):
    take("HT")
    desk1.next()
    desk1.transfer(counter=centre.counter2.id)
    assert desk1.next() is None
    assert desk2.next().number == "A001"


def test_cancel_removes_a_waiting_ticket_from_the_queue(ctx, take, desk1, centre, session):
    ticket = take("HT")
    assert services.cancel(ctx, centre.centre.id, ticket.id) == "cancelled"
    assert desk1.next() is None
    assert session.scalar(select(FieldDay.waiting)) == 0


def test_counter_overview_shows_the_current_ticket(ctx, take, desk1, centre):
    take("HT")
    desk1.next()
    overview = {c.number: c for c in services.counter_overview(ctx, centre.centre.id)}
    assert overview[1].current.number == "A001"
    assert overview[2].current is None
    assert overview[1].fields == ["HT", "CT"]
