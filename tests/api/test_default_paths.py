"""Every path the server writes is absolute at start-up, whatever the working directory: a relative
announcements folder once made call.wav answer 500 (send_file looked in the package folder)."""
import os
from pathlib import Path

import pytest

from counter_server import services
from counter_server.app import create_app
from counter_server.config import absolute_sqlite_url
from tests.factories import make_centre, make_counter, make_field, make_kiosk


@pytest.fixture
def relative_app(sqlite_url, tmp_path, monkeypatch):
    """The app started from tmp_path with the default (relative) announcements folder."""
    monkeypatch.chdir(tmp_path)
    app = create_app({"DATABASE_URL": sqlite_url, "TESTING": True, "SECRET_KEY": "test-secret"})
    yield app
    if app.extensions["checkpointer"]:
        app.extensions["checkpointer"].stop()
    app.extensions["engine"].dispose()


def call_a001_to_counter_1(app) -> None:
    """A centre in the app's own database, where A001 is taken and called to counter 1 (only a
    call that happened is spoken)."""
    queue = app.extensions["queue"]
    with queue.session_factory() as session:
        centre = make_centre(session)
        counter = make_counter(session, centre, 1, [make_field(session, centre)])
        kiosk = make_kiosk(session, centre)
        session.commit()
        ids = centre.id, counter.id, kiosk.id
    services.issue_ticket(queue, centre_id=ids[0], field="HT", kiosk_id=ids[2])
    services.call_next(queue, ids[0], ids[1])


def test_a_call_is_spoken_with_the_default_relative_announcements_folder(relative_app, tmp_path):
    assert relative_app.config["AUDIO_DIR"] == str(tmp_path / "var" / "announcements")
    call_a001_to_counter_1(relative_app)
    response = relative_app.test_client().get("/api/v1/announcements/call.wav?number=A001&counter=1")
    body = response.get_data()
    response.close()
    assert response.status_code == 200 and body[:4] == b"RIFF" and body[8:12] == b"WAVE"
    assert list((tmp_path / "var" / "announcements").glob("call-*.wav"))


def test_the_paths_the_server_writes_are_absolute(relative_app):
    assert Path(relative_app.config["AUDIO_DIR"]).is_absolute()
    assert Path(relative_app.config["VAR_DIR"]).is_absolute()
    assert relative_app.config["DATABASE_URL"].startswith("sqlite:////")


def test_a_relative_sqlite_file_is_made_absolute_and_other_urls_are_kept(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert absolute_sqlite_url("sqlite:///var/q.sqlite3") == f"sqlite:///{tmp_path}/var/q.sqlite3"
    assert absolute_sqlite_url("sqlite+pysqlite:///q.db") == f"sqlite+pysqlite:///{tmp_path}/q.db"
    assert absolute_sqlite_url("sqlite:////srv/q.db") == "sqlite:////srv/q.db"
    assert absolute_sqlite_url("sqlite:///:memory:") == "sqlite:///:memory:"
    assert absolute_sqlite_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert os.getcwd() == str(tmp_path)
