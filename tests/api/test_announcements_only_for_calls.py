"""The board's spoken call is made only for a call that happened: a number called today at that
counter of that centre. Any other number and counter is a 404 and writes nothing to disk, so
nobody can make the server run espeak-ng and fill its disk with calls that never were."""
from pathlib import Path

import pytest

from tests.factories import make_centre, make_counter


def call_wav(client, query: str):
    """The announcement response, read whole and closed."""
    response = client.get("/api/v1/announcements/call.wav?" + query)
    response.get_data()
    response.close()
    return response


def audio_files(app) -> list[Path]:
    folder = Path(app.config["AUDIO_DIR"])
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.fixture
def a001_called_at_counter_1(api):
    """A citizen takes A001 and the officer at counter 1 calls it."""
    assert api.take("HT").json["number"] == "A001"
    assert api.counter("next", api.login()).json["number"] == "A001"


def test_a_number_nobody_took_is_not_announced_and_nothing_is_written(app, client, centre):
    response = call_wav(client, "number=A001&counter=1")
    assert (response.status_code, response.json["error"]) == (404, "not_called_today")
    assert audio_files(app) == []


def test_a_number_taken_but_not_yet_called_is_not_announced(app, api, client):
    api.take("HT")
    assert call_wav(client, "number=A001&counter=1").status_code == 404
    assert audio_files(app) == []


def test_a_called_number_is_announced_as_a_wav(app, client, a001_called_at_counter_1):
    response = call_wav(client, "number=A001&counter=1")
    assert (response.status_code, response.mimetype) == (200, "audio/wav")
    assert response.data[:4] == b"RIFF" and response.data[8:12] == b"WAVE"
    assert [path.name for path in audio_files(app)] == [response.headers["ETag"].strip('"') + ".wav"]


def test_a_called_number_is_not_announced_at_another_counter(app, client, a001_called_at_counter_1):
    assert call_wav(client, "number=A001&counter=2").status_code == 404
    assert audio_files(app) == []


def test_a_recalled_number_is_announced_again(api, client, a001_called_at_counter_1):
    assert api.counter("recall", api.login()).status_code == 200
    assert call_wav(client, "number=A001&counter=1").status_code == 200


def test_yesterdays_call_is_not_announced_today(app, client, clock, a001_called_at_counter_1):
    clock.advance(days=1)
    assert call_wav(client, "number=A001&counter=1").status_code == 404
    assert audio_files(app) == []


def test_a_call_in_one_centre_is_not_announced_for_another(app, client, session, a001_called_at_counter_1):
    make_counter(session, make_centre(session, code="XA2"), 1)
    session.commit()
    assert call_wav(client, "centre=XA2&number=A001&counter=1").status_code == 404
    assert call_wav(client, "centre=TEST&number=A001&counter=1").status_code == 200
    assert call_wav(client, "centre=NOWHERE&number=A001&counter=1").status_code == 404


def test_the_api_document_lists_the_404_of_the_spoken_call(client):
    operation = client.get("/api/openapi.json").json["paths"]["/api/v1/announcements/call.wav"]["get"]
    assert {"200", "404", "422"} <= set(operation["responses"])
    assert "centre" in {parameter["name"] for parameter in operation["parameters"]}
