import pytest

from counter_server.domain.errors import InvalidTransition
from counter_server.domain.tickets import Status, format_number, next_status, spoken_number


def test_numbers_are_prefix_and_zero_padded_sequence():
    assert format_number("A", 1) == "A001"
    assert format_number("B", 42) == "B042"
    assert format_number("C", 1234) == "C1234"


def test_spoken_number_reads_digits_one_by_one():
    assert spoken_number("A012") == "A 0 1 2"


@pytest.mark.parametrize("action, start, end", [
    ("call", "waiting", Status.CALLED),
    ("call", "no_show", Status.CALLED),
    ("start", "called", Status.SERVING),
    ("complete", "serving", Status.COMPLETED),
    ("complete", "called", Status.COMPLETED),
    ("skip", "called", Status.NO_SHOW),
    ("requeue", "no_show", Status.WAITING),
    ("transfer", "serving", Status.WAITING),
    ("cancel", "waiting", Status.CANCELLED),
    ("expire", "waiting", Status.EXPIRED),
])
def test_allowed_moves(action, start, end):
    assert next_status(action, start) == end


@pytest.mark.parametrize("action, start", [
    ("start", "waiting"), ("complete", "waiting"), ("skip", "serving"), ("recall", "completed"),
    ("requeue", "waiting"), ("cancel", "completed"), ("call", "completed"), ("expire", "completed"),
])
def test_forbidden_moves_raise(action, start):
    with pytest.raises(InvalidTransition):
        next_status(action, start)
