"""The web pages: who may open them, and what the public ones show."""
import array
import io
import wave

from counter_server.voice import Announcer
from tests.factories import make_user


def test_the_console_sends_anonymous_visitors_to_the_login_page(client, centre):
    for path in ("/console", f"/console/{centre.counter1.id}"):
        response = client.get(path)
        assert response.status_code == 302 and response.location.startswith("/login?next=")


def test_a_manager_cannot_work_a_counter(api, client, session, centre):
    make_user(session, centre.centre, username="lanhdao", role="manager", password="mat-khau-2")
    session.commit()
    api.sign_in("lanhdao", "mat-khau-2")
    assert client.get("/console").status_code == 403
    assert client.get(f"/console/{centre.counter1.id}").status_code == 403


def test_staff_pick_a_counter_and_get_its_console(api, client, centre):
    api.sign_in()
    picker = client.get("/console").get_data(as_text=True)
    assert f'/console/{centre.counter1.id}"' in picker
    console = client.get(f"/console/{centre.counter1.id}").get_data(as_text=True)
    assert 'name="csrf-token"' in console and "Gọi tiếp" in console
    assert client.get("/console/99999").status_code == 404


def test_the_board_is_public_and_shows_numbers_and_counters_but_no_people(api, client, centre):
    api.take("HT")
    api.counter("next", api.login())
    page = client.get("/board").get_data(as_text=True)
    assert "A001" in page and 'data-counter="1"' in page
    assert "canbo" not in page and "canbo" not in client.get("/api/v1/display").get_data(as_text=True)


def test_the_tracking_page_needs_the_token_and_shows_the_ticket(api, client):
    ticket = api.take("HT").json
    path = "/t/" + ticket["track_url"].rsplit("/", 1)[1]
    page = client.get(path).get_data(as_text=True)
    assert "A001" in page and "Ông/bà là người tiếp theo" in page
    assert 'data-status="waiting"' in client.get(path + "/state").get_data(as_text=True)
    assert client.get("/t/guessed-token").status_code == 404
    assert client.get("/t/guessed-token/state").status_code == 404


def get_wav(client, query: str):
    """The announcement response, read whole and closed (send_file streams from the file)."""
    response = client.get("/api/v1/announcements/call.wav?" + query)
    response.get_data()
    response.close()
    return response


def samples(data: bytes) -> tuple[array.array, float]:
    with wave.open(io.BytesIO(data)) as audio:
        frames = array.array("h", audio.readframes(audio.getnframes()))
        return frames, audio.getnframes() / audio.getframerate()


def test_a_call_is_announced_as_a_wav_with_the_voice(api, client):
    api.take("HT")
    api.counter("next", api.login())
    response = get_wav(client, "number=A001&counter=1")
    assert (response.status_code, response.mimetype, response.headers["X-Voice"]) == (200, "audio/wav", "vi")
    frames, seconds = samples(response.data)
    assert 6 < seconds < 30   # a chime and the sentence twice
    spoken = frames[int(len(frames) * 0.2):]   # past the chime
    loud = sum(1 for sample in spoken if abs(sample) > 1000)
    assert loud > len(spoken) * 0.05
    assert client.get("/api/v1/announcements/status").json["voice"] is True


def test_a_call_number_must_look_like_a_ticket(client):
    assert client.get("/api/v1/announcements/call.wav?number=../../etc&counter=3").status_code == 422
    assert client.get("/api/v1/announcements/call.wav?number=A012&counter=0").status_code == 422


def test_without_espeak_a_call_is_the_chime_alone(app, api, client, tmp_path):
    app.extensions["announcer"] = Announcer(tmp_path / "chime-only", espeak="")
    api.take("HT")
    api.counter("next", api.login())
    response = get_wav(client, "number=A001&counter=1")
    frames, seconds = samples(response.data)
    assert response.headers["X-Voice"] == "none" and 1.0 < seconds < 2.0
    assert max(abs(sample) for sample in frames) > 5000
    assert client.get("/api/v1/announcements/status").json["voice"] is False


def test_the_same_call_is_made_once_and_then_read_from_disk(tmp_path):
    announcer = Announcer(tmp_path)
    first = announcer.call("B007", 2)
    made_at = first.path.stat().st_mtime_ns
    again = announcer.call("B007", 2)
    assert again.path == first.path and again.path.stat().st_mtime_ns == made_at
    assert first.text == "Xin mời công dân có số thứ tự B 0 0 7 đến quầy số 2"


def test_the_public_listing_searches_without_accents_and_shows_the_whole_record(client):
    listing = client.get("/thu-tuc?q=dang ky khai sinh").get_data(as_text=True)
    assert "1 thủ tục" in listing and "/thu-tuc/1.001193" in listing and "áp dụng từ 01/01/2016" in listing
    assert "Không tìm thấy thủ tục" in client.get("/thu-tuc?q=giay phep lai xe").get_data(as_text=True)
    assert "Đăng ký khai sinh" not in client.get("/thu-tuc?field=CT").get_data(as_text=True)
    detail = client.get("/thu-tuc/1.001193").get_data(as_text=True)
    assert "Giấy chứng sinh — <b>Nộp 1 bản chính</b>" in detail and "Áp dụng từ ngày 01/01/2016" in detail
    assert client.get("/thu-tuc/9.999999").status_code == 404


def test_the_pages_header_shows_the_centres_own_name(client, centre):
    page = client.get("/login").get_data(as_text=True)
    assert f"<header>{centre.centre.name}</header>" in page
    assert "Bộ phận tiếp nhận và trả kết quả" not in page
