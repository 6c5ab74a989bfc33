"""An Idempotency-Key repeats a tap within its service day."""
from sqlalchemy import func, select

from counter_server.models import Ticket


def test_a_key_repeats_a_tap_within_its_day_only(take, clock):
    thursday = take("HT", idempotency_key="tap-1")
    assert take("HT", idempotency_key="tap-1").id == thursday.id
    clock.advance(days=1)
    friday = take("HT", idempotency_key="tap-1")
    assert not friday.replayed and friday.id != thursday.id
    assert take("HT", idempotency_key="tap-1").id == friday.id


def test_the_longest_key_a_kiosk_may_send_is_kept_whole(take, session):
    key = "k" * 100   # the API's limit
    first = take("HT", idempotency_key=key)
    again = take("HT", idempotency_key=key)
    assert again.replayed and again.id == first.id
    assert session.scalar(select(func.count()).select_from(Ticket)) == 1
