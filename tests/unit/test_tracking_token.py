"""Tracking tokens: unguessable, and grouped by service day so that issuing writes into one place."""
from datetime import date

from counter_server.services.issuing import tracking_token


def test_tokens_of_one_day_share_their_start_and_sort_after_the_day_before():
    monday = [tracking_token(date(2026, 11, 30)) for _ in range(50)]
    sunday = [tracking_token(date(2026, 11, 29)) for _ in range(50)]
    assert len({token[:5] for token in monday}) == 1
    assert max(sunday) < min(monday)


def test_tokens_are_unguessable_and_fit_a_url():
    tokens = {tracking_token(date(2026, 11, 30)) for _ in range(1000)}
    assert len(tokens) == 1000
    assert all(len(token) <= 64 and token.replace("-", "").replace("_", "").isalnum() for token in tokens)
    assert all(len(token) - 5 >= 24 for token in tokens)   # 18 random bytes after the day
