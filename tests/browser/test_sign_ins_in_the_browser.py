"""Sign-ins as a browser keeps them: signing out ends the session on the server, so a copy of the
old cookie opens nothing; a disabled admin's open admin pages close; after signing in the browser
only ever lands on this server."""
import re
import subprocess
import time

from .conftest import sign_in
from tests.live_server import BIN


def test_after_signing_out_a_copy_of_the_old_cookie_opens_nothing(server, browser, pages):
    console = pages()
    sign_in(console, server.base)
    console.goto(server.base + "/console/1")
    assert console.is_visible("#current")
    copied = console.context.cookies()
    console.click("text=Đăng xuất")
    # The console's own poll may get its 401 first and go to /login?next=/console/1: either is signed out.
    console.wait_for_url(re.compile(re.escape(server.base + "/login") + r"(\?.*)?$"))

    thief = browser.new_context()
    thief.add_cookies(copied)
    page = thief.new_page()
    page.goto(server.base + "/console/1")
    assert page.url.startswith(server.base + "/login")
    assert page.request.get(server.base + "/api/v1/counters/1/desk").status == 401
    thief.close()


def test_a_disabled_admins_open_admin_pages_close_within_ten_seconds(server, pages):
    page = pages()
    sign_in(page, server.base, "quantri")
    page.goto(server.base + "/admin/admin_users/")
    assert page.url == server.base + "/admin/admin_users/" and page.is_visible("td >> text=quantri")
    for command in (["set-role", "canbo2", "admin"], ["disable", "quantri"]):   # never the last admin
        subprocess.run([str(BIN / "counter-server"), "user", *command], env=server.env, check=True,
                       capture_output=True)
    deadline = time.monotonic() + 15   # each worker trusts what it read for up to 10 s
    while page.url.endswith("/admin/admin_users/") and time.monotonic() < deadline:
        time.sleep(1)
        page.goto(server.base + "/admin/admin_users/")
    assert page.url.startswith(server.base + "/login")


def test_signing_in_with_a_next_address_elsewhere_lands_on_this_server(server, pages):
    page = pages()
    page.goto(server.base + "/login?next=https://evil.example/phish")
    page.fill("input[name=username]", "canbo1")
    page.fill("input[name=password]", "canbo1-demo")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert page.url.startswith(server.base + "/")
