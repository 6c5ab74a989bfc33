"""The manager's reports in Chromium (an en-US browser) against the production server, over two
weeks of the demo centre's made-up past: at 1366×768 every table fits the screen with each header
on one line, «Hiện thêm cột» shows the rest; a day typed as dd/mm/yyyy comes back as typed; the
day report prints as an official document: the report on one A4 page, its charts on a second."""
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from counter_server.db import make_engine
from counter_server.demo_history import generate

from .conftest import sign_in

# Each visible header: how many lines its text takes (distinct tops of the text's boxes), where it
# ends, and the widths the page and its tables take up.
MEASURE = """() => {
  const visible = (element) => element.getClientRects().length > 0;
  const lines = (element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map((box) => Math.round(box.top))).size;
  };
  const tables = [...document.querySelectorAll("table")].filter(visible);
  return {
    viewport: document.documentElement.clientWidth,
    page: document.documentElement.scrollWidth,
    tables: tables.map((table) => ({
      right: table.getBoundingClientRect().right,
      box: table.parentElement.getBoundingClientRect().right,
      headers: [...table.querySelectorAll("th")].filter(visible).map((th) => [th.textContent.trim(), lines(th)]),
    })),
  };
}"""
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def past(server):
    """The demo centre with the last two weeks of made-up tickets, ratings and dossiers."""
    engine = make_engine(server.env["COUNTER_SERVER_DATABASE_URL"])
    generate(engine, days=14, per_day=150, events=False)
    engine.dispose()
    return server


@pytest.fixture
def manager(past, browser):
    """A manager signed in, in a browser whose language writes dates month first."""
    context = browser.new_context(locale="en-US", viewport={"width": 1366, "height": 768})
    page = context.new_page()
    sign_in(page, past.base, "lanhdao")
    yield page
    context.close()


def last_working_day():
    day = datetime.now(ZONE).date() - timedelta(days=1)
    while day.weekday() > 4:
        day -= timedelta(days=1)
    return day


def fits_with_one_line_headers(page, scrolls: bool = False) -> list:
    """The page's tables at this width, checked: each visible header on one line, each table's box
    within the screen and the table within its box (unless it `scrolls` in it, every column shown)."""
    measured = page.evaluate(MEASURE)
    assert measured["page"] <= measured["viewport"], "the page scrolls sideways"
    for table in measured["tables"]:
        assert table["box"] <= measured["viewport"], table["headers"]
        assert scrolls or table["right"] <= table["box"] + 0.5, table["headers"]
        assert [text for text, lines in table["headers"] if lines != 1] == [], table["headers"]
    return measured["tables"]


def test_every_report_table_fits_a_1366_screen_with_each_header_on_one_line(manager, past):
    manager.goto(past.base + "/reports/")
    manager.wait_for_selector("#today table")
    tables = fits_with_one_line_headers(manager)
    assert len(tables) == 10      # today's, the dossiers' two, five groupings and two of satisfaction
    by_field = manager.locator("section", has=manager.locator("h2", has_text="Theo lĩnh vực"))
    assert by_field.locator("th").evaluate_all("ths => ths.filter(th => th.offsetParent).length") == 8
    toggle = by_field.locator("button.more-columns")
    toggle.click()
    assert toggle.text_content() == "Ẩn bớt cột" and toggle.get_attribute("aria-expanded") == "true"
    assert by_field.locator("th").evaluate_all("ths => ths.filter(th => th.offsetParent).length") == 18
    assert by_field.locator("th", has_text="Phục vụ lâu nhất").is_visible()
    fits_with_one_line_headers(manager, scrolls=True)     # all eighteen on one line each; the table scrolls in its box
    toggle.click()
    assert toggle.text_content() == "Hiện thêm cột" and not by_field.locator("th", has_text="Phục vụ lâu nhất").is_visible()
    manager.goto(past.base + "/reports/log")
    fits_with_one_line_headers(manager)


def test_days_typed_as_dd_mm_yyyy_are_understood_and_shown_back_as_typed(manager, past):
    today = datetime.now(ZONE).date()
    start, end = today - timedelta(days=20), today - timedelta(days=3)
    while start.day <= 12:      # a day no browser or server could take for a month
        start -= timedelta(days=1)
    while end.day <= 12:
        end -= timedelta(days=1)
    typed_from, typed_to = start.strftime("%d/%m/%Y"), end.strftime("%d/%m/%Y")
    manager.goto(past.base + "/reports/")
    assert manager.get_attribute("input[name=from]", "placeholder") == "dd/mm/yyyy"
    assert manager.get_attribute("input[name=to]", "inputmode") == "numeric"
    manager.fill("input[name=from]", "")
    manager.locator("input[name=from]").press_sequentially(start.strftime("%d%m%Y"))   # digits only: the slashes come
    assert manager.input_value("input[name=from]") == typed_from
    manager.fill("input[name=to]", typed_to)
    with manager.expect_navigation():
        manager.click("form.filters button")
    assert manager.input_value("input[name=from]") == typed_from and manager.input_value("input[name=to]") == typed_to
    assert manager.text_content("main h2") == f"Từ {typed_from} đến {typed_to}"
    assert f"from={start.isoformat()}" in manager.get_attribute("a[href*='workbook.xlsx']", "href")
    text = manager.inner_text("body")
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)
    assert all(int(day) <= 31 and int(month) <= 12 for day, month in re.findall(r"\b(\d{2})/(\d{2})/\d{4}\b", text))
    manager.fill("input[name=from]", "31/02/2026")
    with manager.expect_navigation():
        manager.click("form.filters button")
    assert "Ngày không hợp lệ: «31/02/2026»" in manager.inner_text("body")


def test_the_day_report_prints_as_an_official_document_on_one_a4_page_and_its_charts_on_another(manager, past):
    day = last_working_day()
    manager.goto(f"{past.base}/reports/daily?day={day:%d/%m/%Y}")
    manager.wait_for_function("[...document.images].every(image => image.complete && image.naturalWidth > 0)")
    assert manager.input_value("input[name=day]") == f"{day:%d/%m/%Y}"
    manager.emulate_media(media="print")
    box = lambda text: manager.get_by_text(text, exact=True).bounding_box()
    agency, nation, motto = box("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG HÒA BÌNH"), \
        box("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), box("Độc lập - Tự do - Hạnh phúc")
    assert agency["x"] + agency["width"] <= nation["x"] and abs(agency["y"] - nation["y"]) < 4   # side by side
    underline = manager.locator(".motto").evaluate("m => getComputedStyle(m).borderBottomStyle")
    assert underline == "solid" and motto["y"] > nation["y"]
    today = datetime.now(ZONE).date()
    date_line = manager.locator("p.date")
    assert date_line.text_content() == f"Phường Hòa Bình, ngày {today:%d} tháng {today:%m} năm {today:%Y}"
    assert date_line.evaluate("p => getComputedStyle(p).fontStyle") == "italic"
    title = manager.locator("h1")
    assert title.text_content() == "BÁO CÁO" and title.evaluate("h => getComputedStyle(h).fontWeight") == "700"
    signer, hint = box("NGƯỜI LẬP BÁO CÁO"), manager.get_by_text("(Ký, ghi rõ họ tên)").first
    assert hint.evaluate("s => getComputedStyle(s).fontStyle") == "italic"
    head = box("THỦ TRƯỞNG ĐƠN VỊ")
    assert head["x"] > 400 and abs(signer["y"] - head["y"]) < 2          # the head's signature on the right
    assert not manager.locator(".noprint").is_visible()
    pages = lambda: len(re.findall(rb"/Type\s*/Page\b", manager.pdf(prefer_css_page_size=True)))
    assert pages() == 2                                            # the report, then its appendix of charts
    assert manager.locator(".appendix").text_content().count(f"Kèm theo Báo cáo ngày {today:%d/%m/%Y}") == 1
    manager.add_style_tag(content=".appendix { display: none; }")
    assert pages() == 1                                            # heading, figures and signatures on one page
