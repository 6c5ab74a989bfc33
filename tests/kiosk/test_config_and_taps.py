import threading

import pytest

from kiosk.config import ConfigError, KioskConfig, load_config
from kiosk.taps import TapGuard


def test_environment_overrides_the_file(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('server_url = "http://10.0.0.5:5000"\ntoken = "kt_file"\npaper = 58\nfullscreen = false\n')
    config = load_config(path, {"KIOSK_TOKEN": "kt_env", "KIOSK_PRINTER": "tcp://printer:9100",
                                "KIOSK_LANGUAGE": "en", "KIOSK_IDLE_SECONDS": "60"})
    assert config == KioskConfig(server_url="http://10.0.0.5:5000", token="kt_env", printer="tcp://printer:9100",
                                 paper=58, language="en", idle_seconds=60, fullscreen=False)


def test_a_missing_file_means_defaults_plus_environment():
    config = load_config(None, {"KIOSK_SERVER_URL": "https://motcua.example.vn", "KIOSK_TOKEN": "kt_x",
                                "KIOSK_FULLSCREEN": "no"})
    assert (config.server_url, config.language, config.fullscreen) == ("https://motcua.example.vn", "vi", False)


@pytest.mark.parametrize("environ, names", [
    ({}, "token"),
    ({"KIOSK_TOKEN": "kt", "KIOSK_LANGUAGE": "fr"}, "language"),
    ({"KIOSK_TOKEN": "kt", "KIOSK_SERVER_URL": "ftp://x"}, "server_url"),
    ({"KIOSK_TOKEN": "kt", "KIOSK_PAPER": "wide"}, "paper"),
    ({"KIOSK_TOKEN": "kt", "KIOSK_FULLSCREEN": "maybe"}, "fullscreen"),
])
def test_bad_settings_are_refused_by_name(environ, names):
    with pytest.raises(ConfigError, match=names):
        load_config(None, environ)


def test_an_unknown_setting_in_the_file_is_named(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('token = "kt"\nprinter_url = "tcp://x"\n')
    with pytest.raises(ConfigError, match="printer_url"):
        load_config(path, {})


class Clock:
    now = 100.0

    def __call__(self):
        return self.now


def test_a_double_tap_starts_one_action():
    guard = TapGuard(cooldown=1.5, clock=Clock())
    assert guard.try_begin() is True
    assert guard.try_begin() is False  # the second finger while the first is being served


def test_taps_just_after_the_ticket_are_ignored_then_count_again():
    clock = Clock()
    guard = TapGuard(cooldown=1.5, clock=clock)
    guard.try_begin()
    guard.end()
    clock.now += 1.0
    assert guard.try_begin() is False
    clock.now += 1.0
    assert guard.try_begin() is True


def test_many_threads_tapping_at_once_start_exactly_one_action():
    guard = TapGuard()
    started = []
    barrier = threading.Barrier(16)

    def tap():
        barrier.wait()
        started.append(guard.try_begin())
    threads = [threading.Thread(target=tap) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert started.count(True) == 1
