"""The real kiosk app against a server that keeps restarting (bench/bench_kiosk_soak.py, shortened:
40 seconds, a restart every 10): the kiosk never crashes, no tap makes two tickets, and nothing is
printed that the server does not know. The 5-minute run's figures are in docs/benchmarks.md."""
import pytest

from bench.bench_kiosk_soak import soak
from tests.live_server import free_port


@pytest.mark.slow
def test_the_kiosk_rides_out_server_restarts_without_a_double_or_unknown_ticket():
    found = soak(seconds=40, every=10, kind="sqlite", port=free_port())
    assert found["kiosk_exit_code"] == 0, found.get("kiosk_log")
    assert found["restarts"] >= 2
    assert found["tickets_shown"] >= 5 and found["tickets_printed"] == found["tickets_shown"]
    assert found["tickets_shown"] <= found["tickets_in_database"] <= found["taps"]
    assert found["numbers_reused"] == [] and found["keys_reused"] == []
    assert found["printed_unknown_to_server"] == [] and found["printed_twice"] == []
    assert found["shown_unknown_to_server"] == [] and found["shown_for_two_taps"] == []
    assert found["more_tickets_than_taps"] == 0
