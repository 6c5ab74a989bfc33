"""A worker holds a bounded number of live event streams, in all and per address."""
import pytest

from counter_server.stream_slots import SERVER_BUSY, TOO_MANY_FROM_ADDRESS, StreamSlots, StreamsRefused


def refusal(slots: StreamSlots, address: str) -> str:
    with pytest.raises(StreamsRefused) as refused:
        slots.hold(address)
    return refused.value.reason


def test_one_address_holds_no_more_than_its_share():
    slots = StreamSlots(total=10, per_address=2)
    slots.hold("10.0.0.1"), slots.hold("10.0.0.1")
    assert refusal(slots, "10.0.0.1") == TOO_MANY_FROM_ADDRESS
    slots.hold("10.0.0.2")
    assert slots.holding() == 3


def test_the_worker_holds_no_more_than_its_total_whoever_asks():
    slots = StreamSlots(total=3, per_address=2)
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        slots.hold(address)
    assert refusal(slots, "10.0.0.4") == SERVER_BUSY


def test_a_stream_that_ends_gives_its_slot_back_once_however_often_it_is_closed():
    slots = StreamSlots(total=2, per_address=1)
    give_back = slots.hold("10.0.0.1")
    other = slots.hold("10.0.0.2")
    give_back(), give_back(), give_back()
    assert slots.holding() == 1
    slots.hold("10.0.0.1")
    assert refusal(slots, "10.0.0.3") == SERVER_BUSY
    other()
    assert slots.holding() == 1


def test_no_per_address_bound_when_it_is_zero():
    slots = StreamSlots(total=5, per_address=0)
    for _ in range(5):
        slots.hold("192.168.1.1")   # every screen of a centre behind one NAT address
    assert refusal(slots, "192.168.1.1") == SERVER_BUSY
