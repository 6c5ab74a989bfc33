from dataclasses import replace

from PIL import Image
from sqlalchemy import func, select

from counter_server.models import Ticket
from kiosk.client import CounterServerClient
from kiosk.printing import render_ticket, ticket_from_server
from kiosk.take_number import Choice, NumberTaker
from tests.kiosk.conftest import KIOSK_TOKEN

BIRTH = Choice("HT", "Hộ tịch", "1.001193", "Đăng ký khai sinh", "elderly", "Người cao tuổi")


def taker(base_url, printer_url):
    client = CounterServerClient(base_url, KIOSK_TOKEN, backoff=0.05)
    return NumberTaker(client, printer_url, "Trung tâm thử nghiệm")


def test_a_tap_issues_then_prints_the_ticket(live_server, tmp_path, session):
    outcome = taker(live_server, f"virtual://{tmp_path}").take(BIRTH)
    assert outcome.ticket.number == "A001" and outcome.printed.printed and not outcome.can_reprint
    assert len(list(tmp_path.glob("*.png"))) == 1
    assert session.scalar(select(func.count()).select_from(Ticket)) == 1


def test_out_of_paper_keeps_the_ticket_and_offers_a_reprint(live_server, tmp_path, session):
    kiosk = taker(live_server, f"virtual://{tmp_path}?status=paper_out")
    outcome = kiosk.take(BIRTH)
    assert outcome.ticket.number == "A001" and outcome.can_reprint
    assert outcome.printed.code == "paper_out" and "giấy" in outcome.message_vi
    assert list(tmp_path.glob("*.png")) == []
    kiosk.printer_url = f"virtual://{tmp_path}"  # staff put a new roll in
    again = kiosk.reprint(outcome, BIRTH)
    assert again.printed.printed and again.ticket.number == "A001"
    assert session.scalar(select(func.count()).select_from(Ticket)) == 1  # reprinting issues nothing


def test_a_refusal_prints_nothing_and_says_why(live_server, tmp_path):
    outcome = taker(live_server, f"virtual://{tmp_path}").take(Choice("ZZ", "Không có"))
    assert outcome.ticket is None and outcome.refusal_code == "unknown_field"
    assert outcome.message_vi == "Lĩnh vực không tồn tại."
    assert list(tmp_path.glob("*.png")) == []


def test_a_ticket_to_collect_a_result_names_the_dossier_on_the_server_and_on_paper(live_server, tmp_path,
                                                                                   results_queue, dossiers, session):
    made = dossiers(live_server, to="result_ready")
    choice = Choice("KQ", "Nhận kết quả", dossier_code=made["code"])
    outcome = taker(live_server, f"virtual://{tmp_path}").take(choice)
    assert (outcome.ticket.number, outcome.ticket.dossier_code) == ("K001", made["code"])
    session.expire_all()
    assert session.scalar(select(Ticket.dossier_id)) == made["id"]
    [png] = tmp_path.glob("*.png")
    data = ticket_from_server(vars(outcome.ticket), centre_name="Trung tâm thử nghiệm", field_name="Nhận kết quả",
                              dossier_code=made["code"])
    with_code = render_ticket(data, 576).convert("1")
    on_paper = Image.open(png).convert("1").crop((0, 0, *with_code.size))   # the feed and cut are below
    assert on_paper.tobytes() == with_code.tobytes()
    assert render_ticket(replace(data, dossier_code=None), 576).height < with_code.height   # the code's own line
