"""The change notifier's waiting rule: the short poll unless a listener hears other processes."""
from counter_server.notify import SAFETY_NET_SECONDS, ChangeNotifier


def test_streams_poll_at_their_own_pace_while_nobody_hears_other_processes():
    assert ChangeNotifier().poll_seconds(0.25) == 0.25


def test_streams_wait_for_the_safety_net_while_other_processes_are_heard():
    notifier = ChangeNotifier()
    notifier.hearing(True)
    assert notifier.poll_seconds(0.25) == SAFETY_NET_SECONDS
    assert notifier.poll_seconds(SAFETY_NET_SECONDS * 2) == SAFETY_NET_SECONDS * 2


def test_starting_or_stopping_to_hear_wakes_the_streams():
    notifier = ChangeNotifier()
    for others in (True, False):
        seen = notifier.generation
        notifier.hearing(others)
        assert notifier.wait(seen, timeout=0) != seen
        assert notifier.poll_seconds(0.25) == (SAFETY_NET_SECONDS if others else 0.25)
