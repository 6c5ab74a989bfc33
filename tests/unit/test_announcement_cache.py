"""The announcements on disk are a cache with a cap: the newest that fit in its size and are a
few days old at most stay, the others go, and a file in use is never read half-made or lost."""
import os
import time

from counter_server.voice import CACHE_MAX_AGE, Announcer

DAY = 24 * 3600


def chime_only(folder, **kw) -> Announcer:
    """An announcer without espeak-ng: the same files, made in milliseconds."""
    return Announcer(folder, espeak="", **kw)


def made_at(announcement, seconds_ago: float) -> None:
    """Date the announcement's file back, as if it had been made `seconds_ago`."""
    when = time.time() - seconds_ago
    os.utime(announcement.path, (when, when))


def cached(folder) -> int:
    return sum(path.stat().st_size for path in folder.glob("call-*.wav"))


def test_the_cache_stays_under_its_cap_when_many_distinct_calls_are_made(tmp_path):
    one_file = chime_only(tmp_path / "probe").call("A001", 1).path.stat().st_size
    announcer = chime_only(tmp_path / "calls", max_bytes=3 * one_file)
    for counter in range(1, 21):
        announcement = announcer.call("A001", counter)
        made_at(announcement, 100 - counter)   # one a second, in order
        assert cached(tmp_path / "calls") <= 3 * one_file
        assert announcement.path.exists()
    assert len(list((tmp_path / "calls").glob("call-*.wav"))) == 3


def test_the_oldest_calls_leave_the_cache_first(tmp_path):
    one_file = chime_only(tmp_path / "probe").call("A001", 1).path.stat().st_size
    announcer = chime_only(tmp_path / "calls", max_bytes=2 * one_file)
    calls = []
    for age, number in zip((30, 20, 10), ("A001", "A002", "A003")):
        calls.append(announcer.call(number, 1))
        made_at(calls[-1], age)
    calls.append(announcer.call("A004", 1))
    assert [call.path.exists() for call in calls] == [False, False, True, True]


def test_calls_older_than_a_few_days_are_removed(tmp_path):
    announcer = chime_only(tmp_path)
    stale, recent = announcer.call("A001", 1), announcer.call("A002", 1)
    made_at(stale, CACHE_MAX_AGE + 60)
    made_at(recent, 2 * DAY)
    announcer.call("A003", 1)
    assert not stale.path.exists() and recent.path.exists()


def test_a_call_made_again_after_it_left_the_cache_is_the_same_sound(tmp_path):
    announcer = chime_only(tmp_path, max_bytes=1)
    first = announcer.audio("A001", 1)[1]
    announcer.call("A002", 1)
    assert announcer.audio("A001", 1)[1] == first


def test_the_newest_call_stays_even_alone_over_the_cap(tmp_path):
    announcement, audio = chime_only(tmp_path, max_bytes=1).audio("A001", 1)
    assert announcement.path.exists() and audio[:4] == b"RIFF"


def test_a_file_removed_by_another_worker_before_it_is_read_is_made_again(tmp_path):
    class RemovedOnceMade(Announcer):
        """Another worker keeping the cache under its cap removes the file just made, once."""

        raced = False

        def call(self, number, counter):
            announcement = super().call(number, counter)
            if not self.raced:
                self.raced = True
                announcement.path.unlink()
            return announcement

    announcement, audio = RemovedOnceMade(tmp_path, espeak="").audio("A001", 1)
    assert audio[:4] == b"RIFF" and audio[8:12] == b"WAVE" and announcement.path.exists()


def test_a_file_being_written_is_kept_and_a_crashed_ones_leftover_is_removed(tmp_path):
    announcer = chime_only(tmp_path)
    announcer.call("A001", 1)   # the folder exists
    being_written, leftover = tmp_path / ".call-abc.part", tmp_path / ".call-def.part"
    being_written.write_bytes(b"RIFF")
    leftover.write_bytes(b"RIFF")
    old = time.time() - 2 * 3600
    os.utime(leftover, (old, old))
    announcer.call("A002", 1)
    assert being_written.exists() and not leftover.exists()


def test_files_that_are_not_announcements_are_never_removed(tmp_path):
    keep = tmp_path / "README.txt"
    keep.write_text("not an announcement")
    old = time.time() - 30 * DAY
    os.utime(keep, (old, old))
    announcer = chime_only(tmp_path, max_bytes=1)
    announcer.call("A001", 1)
    announcer.call("A002", 1)
    assert keep.exists()
