"""The default rate-limit storage counts like limits' memory storage, without a timer thread."""
import threading

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter

from counter_server import ratelimits
from counter_server.ratelimits import SweptMemoryStorage


def timer_threads() -> int:
    return sum(isinstance(thread, threading.Timer) and thread.is_alive() for thread in threading.enumerate())


def test_the_default_scheme_names_the_swept_storage():
    assert isinstance(storage_from_string("swept-memory://"), SweptMemoryStorage)


def test_a_kiosk_gets_its_limit_and_then_no_more():
    limiter = FixedWindowRateLimiter(SweptMemoryStorage())
    limit = parse("3/minute")
    assert [limiter.hit(limit, "kiosk-issue", "7") for _ in range(4)] == [True, True, True, False]
    assert limiter.hit(limit, "kiosk-issue", "8"), "another kiosk counts on its own"


def test_hits_start_no_thread():
    before = timer_threads()
    limiter = FixedWindowRateLimiter(SweptMemoryStorage())
    for _ in range(200):
        limiter.hit(parse("1000/second"), "kiosk-issue", "1")
    assert timer_threads() <= before


def test_a_window_that_has_passed_counts_from_zero_again(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr("time.time", lambda: now[0])
    limiter = FixedWindowRateLimiter(SweptMemoryStorage())
    limit = parse("2/minute")
    assert limiter.hit(limit, "k") and limiter.hit(limit, "k") and not limiter.hit(limit, "k")
    now[0] += 61
    assert limiter.hit(limit, "k")


def test_expired_entries_are_swept_by_a_later_caller(monkeypatch):
    now = [1_000_000.0]
    clock = [50.0]
    monkeypatch.setattr("time.time", lambda: now[0])
    monkeypatch.setattr(ratelimits.time, "monotonic", lambda: clock[0])
    storage = SweptMemoryStorage()
    limiter = MovingWindowRateLimiter(storage)
    limiter.hit(parse("5/second"), "old")
    assert "old" in str(list(storage.events))
    now[0] += 10
    clock[0] += ratelimits.SWEEP_SECONDS + 0.1
    limiter.hit(parse("5/second"), "new")
    old = [entries for key, entries in storage.events.items() if "old" in key]
    assert old == [[]], "the old window's entries were dropped"
