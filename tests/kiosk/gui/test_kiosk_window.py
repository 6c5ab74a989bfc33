"""The kiosk in a real Kivy window under Xvfb, tapped like a citizen would, against a live server
and the virtual printer."""
from sqlalchemy import func, select

from counter_server.models import Kiosk, Ticket
from kiosk.catalogue_cache import CatalogueCache
from kiosk.client import CounterServerClient

from ..conftest import KIOSK_TOKEN, DroppingProxy


def tickets(session) -> list[Ticket]:
    session.expire_all()
    return list(session.scalars(select(Ticket)))


def test_tapping_through_take_a_number_issues_one_ticket_and_prints_one_png(kiosk, live_server, session):
    seen = kiosk("take_number", live_server)
    issued = tickets(session)
    assert len(issued) == 1, "two taps, one ticket"
    assert seen["number"] == seen["number_on_screen"] == issued[0].number == "A001"
    assert (seen["field"], seen["printed"]) == ("Lĩnh vực HT", True)
    assert seen["message"].startswith("Đã in xong")
    assert len(kiosk.printed_pngs()) == 1


def test_search_works_without_and_with_diacritics_and_opens_the_detail(kiosk, live_server):
    seen = kiosk("search", live_server)
    assert seen["typed"] == "khai sinh"
    assert seen["without_diacritics"] == ["Đăng ký khai sinh"]
    assert seen["with_diacritics"] == ["Đăng ký khai sinh"]
    assert seen["after_clear"] == 1  # the test centre has one procedure
    assert seen["screen"] == "detail"
    assert "1. Tờ khai đăng ký khai sinh — 1 bản chính" in seen["documents"]


def test_an_idle_kiosk_goes_home_and_forgets_the_typed_words(kiosk, live_server):
    seen = kiosk("idle_return", live_server, idle_seconds=10)
    assert seen["typed"] == "kha"
    assert 9.5 <= seen["idle_for"] < 20
    assert (seen["search_after"], seen["box_after"]) == ("", "")


def test_server_down_shows_a_banner_within_3_s_keeps_lookup_and_recovers(kiosk, live_server, tmp_path):
    CatalogueCache(tmp_path / "catalogue.json").refresh(CounterServerClient(live_server, KIOSK_TOKEN))
    switch = DroppingProxy(int(live_server.rsplit(":", 1)[1]))
    switch.down = True
    try:
        process = kiosk.start("server_down", f"http://127.0.0.1:{switch.port}")
        kiosk.wait_for_marker(process)
        switch.down = False
        seen = kiosk.finish(process)
    finally:
        switch.close()
    assert seen["banner_after"] < 3.0
    assert seen["banner"].startswith("Mất kết nối với máy chủ")
    assert seen["banner_height"] > 0 and seen["take_number_disabled"] is True
    assert seen["note"].startswith("Tạm ngừng lấy số vì mất kết nối máy chủ")
    assert seen["screen_after_ticket_tap"] == "home"
    assert seen["offline_results"] == ["Đăng ký khai sinh"]
    assert "Đang dùng danh mục lưu trên máy" in seen["offline_count"]
    assert seen["recovered"] == {"banner_height": 0, "take_number_disabled": False}


def test_out_of_paper_keeps_the_ticket_on_screen_offers_a_reprint_and_tells_the_server(kiosk, live_server,
                                                                                        session, tmp_path):
    seen = kiosk("paper_out", live_server, printer=f"virtual://{tmp_path / 'printed'}?status=paper_out")
    assert len(tickets(session)) == 1 and seen["number"] == "B001"
    assert "hết giấy" in seen["message"]
    assert seen["can_reprint"] and seen["reprint_visible"]
    assert seen["countdown"] == 0  # no automatic return while the ticket exists only on screen
    assert kiosk.printed_pngs() == []
    session.expire_all()
    assert session.scalar(select(Kiosk.printer_state)) == "paper_out"
    assert session.scalar(select(func.count()).select_from(Ticket)) == 1
