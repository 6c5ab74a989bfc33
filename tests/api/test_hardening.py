"""Every response says how browsers must treat it (security headers); the session cookie is Secure
over HTTPS; request bodies are bounded; only the configured reverse proxy is believed."""
import io

import pytest

from counter_server.app import create_app

HEADERS = {"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}


def security_headers_of(response):
    return {name: response.headers.get(name) for name in HEADERS}


@pytest.mark.parametrize("path", ["/board", "/login", "/api/v1/health", "/api/v1/fields", "/api/v1/no-such-thing",
                                  "/api/docs", "/admin/"])
def test_every_kind_of_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert security_headers_of(response) == HEADERS
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_browsers_are_told_to_keep_to_https_only_when_the_request_came_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers
    assert "max-age=" in client.get("/login", base_url="https://motcua.example").headers["Strict-Transport-Security"]


def session_cookie_after_signing_in(api, client, **request):
    page = client.get("/login", **request).data.decode()
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    base = request.get("base_url", "http://localhost")
    # over HTTPS, Flask-WTF also wants the form to come from this site (browsers send the Referer)
    answer = client.post("/login", data={"username": "canbo", "password": "mat-khau-1", "csrf_token": token},
                         headers={"Referer": base + "/login"}, **request)
    assert answer.status_code == 302
    return next(value for value in answer.headers.getlist("Set-Cookie") if value.startswith("session="))


def test_the_session_cookie_is_secure_over_https_and_stays_usable_over_the_halls_plain_http(api, client):
    assert "Secure" in session_cookie_after_signing_in(api, client, base_url="https://motcua.example")
    assert "Secure" not in session_cookie_after_signing_in(api, app_client(client))
    assert "HttpOnly" in session_cookie_after_signing_in(api, app_client(client))


def app_client(client):
    return client.application.test_client()


@pytest.fixture
def proxied_app(database_url, centre, clock, tmp_path):
    """The server behind one reverse proxy (nginx), as docs/security.md sets it up."""
    app = create_app({"DATABASE_URL": database_url, "TESTING": True, "SECRET_KEY": "test-secret",
                      "AUDIO_DIR": str(tmp_path / "announcements"), "TRUSTED_PROXIES": 1,
                      "LOGIN_RATE_LIMIT": "2/minute"})
    app.extensions["queue"].clock = clock
    yield app
    if app.extensions["checkpointer"]:
        app.extensions["checkpointer"].stop()
    app.extensions["engine"].dispose()


def test_behind_the_trusted_proxy_https_and_the_clients_address_come_from_its_headers(proxied_app, client):
    proxied = proxied_app.test_client()
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    assert "max-age=" in proxied.get("/login", headers=forwarded).headers["Strict-Transport-Security"]
    attempt = lambda address: proxied.post(  # noqa: E731
        "/api/v1/auth/token", json={"username": f"u-{address}", "password": "x"},
        headers={"X-Forwarded-For": address}).status_code
    # each citizen behind the proxy has an allowance of their own: one address's mistakes lock out nobody else
    assert [attempt("203.0.113.7"), attempt("203.0.113.7"), attempt("203.0.113.7")] == [401, 401, 429]
    assert attempt("198.51.100.4") == 401


def test_without_a_trusted_proxy_forwarded_headers_are_not_believed(app, client):
    app.config["LOGIN_RATE_LIMIT"] = "2/minute"
    attempt = lambda address: client.post(  # noqa: E731
        "/api/v1/auth/token", json={"username": f"u-{address}", "password": "x"},
        headers={"X-Forwarded-For": address, "X-Forwarded-Proto": "https"})
    # a made-up X-Forwarded-For does not buy a new allowance: the connecting address counts
    assert [attempt("203.0.113.7").status_code, attempt("198.51.100.4").status_code,
            attempt("192.0.2.1").status_code] == [401, 401, 429]
    assert all("Secure" not in value for value in attempt("192.0.2.9").headers.getlist("Set-Cookie"))


def test_a_body_over_a_megabyte_is_refused_with_413_before_it_is_read(client):
    huge = b'{"username": "' + b"a" * (2 * 1024 * 1024) + b'", "password": "x"}'
    answer = client.post("/api/v1/auth/token", data=huge, content_type="application/json")
    assert answer.status_code == 413
    assert answer.json == {"error": "too_large", "message": "Dữ liệu gửi lên quá lớn."}


def upload(client, content: bytes):
    page = client.get("/admin/catalogue/").data.decode()
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    answer = client.post("/admin/catalogue/import/", data={"csrf_token": token, "file": (io.BytesIO(content), "dm.csv")})
    answer.close()
    return answer.status_code


def test_the_admin_pages_take_a_catalogue_file_larger_than_an_api_body_but_not_without_bound(app, api, client, users):
    # limits scaled down (0.1 MB for requests, 0.3 MB for the admin pages) to keep the files small
    app.config.update(MAX_CONTENT_LENGTH=100 * 1024, MAX_UPLOAD_MB=0.3)
    api.sign_in("quantri")
    file = ("Mã thủ tục,Tên thủ tục\n" + "x,y\n" * 50_000).encode()   # 0.2 MB
    assert client.post("/api/v1/auth/token", data=file, content_type="text/csv").status_code == 413
    assert upload(client, file) != 413
    assert upload(client, file * 2) == 413
