"""A signed-in admin opens a page of another site on the hall network: another port of the same
host, so the same site for the browser, which sends our cookies along with what that page posts.
The page forges what a CSRF attack would: the one-row catalogue import that once retired the whole
catalogue, and a call at a counter. Chromium carries them out; the server does nothing."""
import csv
import http.server
import io
import json
import threading

import pytest
from sqlalchemy import create_engine, func, select

from counter_server.models import Procedure, Ticket

from .conftest import free_port, sign_in

FORGERY = """<!doctype html><meta charset="utf-8"><title>Khuyến mãi</title>
<form id="upload" method="post" enctype="multipart/form-data" action="{base}/admin/catalogue/import/">
  <input type="file" name="file"></form>
<script>
  const file = new File([{catalogue}], "danh-muc.csv", {{type: "text/csv"}});
  const chosen = new DataTransfer();
  chosen.items.add(file);
  document.querySelector("#upload input").files = chosen.files;
  fetch("{base}/api/v1/counters/{counter}/next", {{method: "POST", mode: "no-cors", credentials: "include",
        headers: {{"Content-Type": "text/plain"}}, body: "{{}}"}})
    .finally(() => document.querySelector("#upload").submit());
</script>"""


@pytest.fixture
def other_site():
    """A page served from another port of the same host; `other_site(html)` gives its address."""
    pages = {}

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = pages["html"].encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Page)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()

    def serve(html: str) -> str:
        pages["html"] = html
        return f"http://127.0.0.1:{httpd.server_address[1]}/"
    yield serve
    httpd.shutdown()
    httpd.server_close()


def counts(sqlite_url) -> tuple[int, int]:
    """(procedures in force, tickets called)."""
    engine = create_engine(sqlite_url)
    with engine.connect() as connection:
        active = connection.scalar(select(func.count()).select_from(Procedure).where(Procedure.status == "active"))
        called = connection.scalar(select(func.count()).select_from(Ticket).where(Ticket.called_at.is_not(None)))
    engine.dispose()
    return active, called


def test_a_forged_import_and_a_forged_call_from_another_page_change_nothing(server, pages, other_site, sqlite_url):
    server.take(server.kiosk_token, "HT")
    page = pages()
    sign_in(page, server.base, "quantri")
    exported = page.request.get(server.base + "/admin/catalogue/export.csv").text()
    rows = list(csv.reader(io.StringIO(exported.lstrip("\ufeff"))))
    one_row = io.StringIO()
    csv.writer(one_row).writerows(rows[:2])
    before = counts(sqlite_url)
    assert before[0] > 10 and before[1] == 0

    page.goto(other_site(FORGERY.format(base=server.base, counter=1, catalogue=json.dumps(one_row.getvalue()))))
    page.wait_for_url(server.base + "/admin/catalogue/import/")
    assert "Chưa thực hiện thao tác" in page.text_content("main")
    assert counts(sqlite_url) == before
    page.goto(server.base + "/admin/catalogue/")   # still signed in: nothing was done, nothing was ended
    assert page.url == server.base + "/admin/catalogue/" and page.is_visible("text=Nhập tệp")
