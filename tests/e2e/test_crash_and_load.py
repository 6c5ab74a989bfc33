"""Short versions of the step-13 proofs (bench/bench_load.py, bench/bench_crash.py): two centres
under load from kiosks and officers on several server processes, and the same with every server
process killed with SIGKILL at a random moment and started again. The invariants, not the timings."""
import pytest

from bench.bench_crash import run_crash
from bench.bench_load import run_load
from tests.live_server import free_port


@pytest.mark.slow
def test_two_centres_under_load_issue_every_number_once_and_call_every_ticket_once(database_url, tmp_path):
    result = run_load(database_url, tmp_path, seconds=8, kiosks=6, counters=4, workers=2, threads=8,
                      port=free_port())

    assert result["errors"] == 0, result["statuses"]
    assert result["faults"] == {}, result["database"]
    assert result["server_tracebacks"] == 0
    checked = result["database"]
    assert checked["acknowledged_tickets"] == checked["tickets_in_database"] > 0
    assert checked["acknowledged_calls"] > 0
    assert result["board_missed_events"] == {}     # the board got every event of its centre


@pytest.mark.slow
def test_killing_every_server_process_twice_loses_nothing_acknowledged(database_url, tmp_path):
    result = run_crash(database_url, tmp_path, rounds=2, kiosks=4, counters=4, workers=2, threads=8,
                       port=free_port(), up=(1.5, 3.0))

    assert result["rounds"] == 2
    assert result["faults"] == {}, result["database"]
    assert result["unexpected"] == {}
    checked = result["database"]
    assert checked["acknowledged_tickets"] > 0 and checked["acknowledged_dossiers"] > 0
    assert result["connection_errors"], "the kills cut no request off: nothing was proved"
    assert result["rounds_board_resumed"] == 2, result["each_round"]
    assert result["board_missed_events"] == {}
