import socket
import time

import httpx
import pytest
from sqlalchemy import func, select

from counter_server.models import Ticket
from kiosk.client import CounterServerClient, Refused, ServerUnavailable
from tests.kiosk.conftest import KIOSK_TOKEN, PHONE


def kiosk(base_url, **kw):
    return CounterServerClient(base_url, KIOSK_TOKEN, backoff=0.05, **kw)


def test_a_kiosk_reads_fields_and_priorities_and_takes_a_number(live_server):
    client = kiosk(live_server)
    assert [f["code"] for f in client.fields()] == ["CT", "HT"]
    assert client.priorities()[0]["code"] == "elderly"
    assert client.procedures(q="khai sinh")[0]["code"] == "1.001193"
    ticket = client.take_ticket("HT", procedure="1.001193", priority="elderly")
    assert (ticket.number, ticket.waiting_ahead, ticket.repeated) == ("A001", 0, False)
    assert client.heartbeat("ok")["status"] == "ok"
    client.close()


class NewerServer(httpx.BaseTransport):
    """The real server's answers with a field this kiosk has never heard of, as a newer server sends."""

    def __init__(self):
        self.real = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        answer = self.real.handle_request(request)
        answer.read()
        added = {"dossier": {"code": "000.00.00.H12-250101-0001", "status": "received"}}
        return httpx.Response(answer.status_code, json=answer.json() | added)

    def close(self) -> None:
        self.real.close()


def test_a_ticket_answer_with_a_field_the_kiosk_does_not_know_still_gives_the_ticket(live_server):
    client = kiosk(live_server, transport=NewerServer())
    ticket = client.take_ticket("HT", procedure="1.001193")
    assert (ticket.number, ticket.field, ticket.procedure, ticket.repeated) == ("A001", "HT", "1.001193", False)
    assert not hasattr(ticket, "dossier")
    client.close()


def test_a_network_drop_during_take_a_number_gives_one_ticket_not_two(dropping_proxy, session):
    client = kiosk(f"http://127.0.0.1:{dropping_proxy.port}")
    dropping_proxy.drop = 2  # the first two answers are lost after the server issued the ticket
    ticket = client.take_ticket("HT")
    assert dropping_proxy.forwarded == 3
    assert (ticket.number, ticket.repeated) == ("A001", True)
    assert session.scalar(select(func.count()).select_from(Ticket)) == 1
    assert client.take_ticket("HT").number == "A002"  # the next tap is a new ticket
    client.close()


def test_an_answer_slower_than_the_time_out_is_asked_again_and_gives_the_same_ticket(dropping_proxy, session):
    client = kiosk(f"http://127.0.0.1:{dropping_proxy.port}", timeout=0.5)
    dropping_proxy.slow, dropping_proxy.delay = 1, 1.5  # the first answer comes after the kiosk gave up
    ticket = client.take_ticket("CT")
    assert (ticket.number, ticket.repeated) == ("B001", True)
    assert session.scalar(select(func.count()).select_from(Ticket)) == 1
    client.close()


def test_a_slow_answer_within_the_time_out_is_simply_awaited(dropping_proxy):
    client = kiosk(f"http://127.0.0.1:{dropping_proxy.port}", timeout=2.0)
    dropping_proxy.slow, dropping_proxy.delay = 1, 0.8
    ticket = client.take_ticket("CT")
    assert (ticket.number, ticket.repeated, dropping_proxy.forwarded) == ("B001", False, 1)
    client.close()


def test_a_refusal_carries_the_servers_vietnamese_message(live_server):
    with pytest.raises(Refused) as refused:
        kiosk(live_server).take_ticket("ZZ")
    assert (refused.value.status, refused.value.code, refused.value.message) == (
        404, "unknown_field", "Lĩnh vực không tồn tại.")


def test_an_unreachable_server_gives_up_quickly_with_a_plain_message():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket closes
    started = time.monotonic()
    with pytest.raises(ServerUnavailable) as unavailable:
        kiosk(f"http://127.0.0.1:{port}", timeout=0.5).fields()
    assert time.monotonic() - started < 3
    assert "máy chủ" in unavailable.value.message_vi


def test_a_collecting_ticket_names_the_dossier_the_server_found(live_server, results_queue, dossiers, session):
    made = dossiers(live_server, to="result_ready")
    client = kiosk(live_server)
    ticket = client.take_ticket("KQ", dossier_code=made["code"].lower())
    assert (ticket.number, ticket.field, ticket.dossier_code) == ("K001", "KQ", made["code"])
    assert client.take_ticket("KQ", dossier_code="KHONG-CO-0001").dossier_code is None   # issued all the same
    assert client.take_ticket("KQ").number == "K003"
    session.expire_all()
    assert [t.dossier_id for t in session.scalars(select(Ticket).order_by(Ticket.id))] == [made["id"], None, None]
    client.close()


def test_a_dossier_is_looked_up_by_its_code_and_the_phones_last_four_digits(live_server, dossiers):
    made = dossiers(live_server)
    client = kiosk(live_server)
    found = client.lookup_dossier(made["code"], PHONE[-4:])
    assert (found["code"], found["status"], found["status_words"]) == (made["code"], "received",
                                                                      "Đã tiếp nhận, đang giải quyết")
    with pytest.raises(Refused) as wrong_digits:
        client.lookup_dossier(made["code"], "0000")
    with pytest.raises(Refused) as unknown:
        client.lookup_dossier("KHONG-CO-0001", PHONE[-4:])
    assert wrong_digits.value.status == unknown.value.status == 404
    assert wrong_digits.value.message == unknown.value.message != ""
    client.close()
