"""Several OS processes receive dossiers at once, against SQLite and PostgreSQL: every dossier gets
a code, no code twice, the day's sequence without a gap."""
import multiprocessing

import pytest
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from counter_server.db import make_engine
from counter_server.domain.dossiers import Applicant
from counter_server.models import Dossier
from counter_server.services import QueueContext
from counter_server.services.dossiers import Intake, receive_dossier
from tests.factories import BIRTH_DETAILS, make_centre, make_field, make_procedure

PROCESSES = 4
ROUNDS = 25
DETAILS = {**BIRTH_DETAILS, "ways": [{"channel": "direct", "processing_time": "3 ngày làm việc", "fees": "-",
                                      "time_amount": 3, "time_unit": "ngày làm việc"}]}


def worker(url, centre_id, seed, barrier):
    engine = make_engine(url)
    ctx = QueueContext(sessionmaker(engine, expire_on_commit=False))
    barrier.wait()
    codes = [receive_dossier(ctx, centre_id, None, Intake(
        procedure="1.004873", applicant=Applicant(f"Người nộp {seed}-{n}", "001085012345", "0912345678"))).code
        for n in range(ROUNDS)]
    engine.dispose()
    return codes


@pytest.mark.slow
def test_processes_receiving_at_once_never_give_one_code_twice(database_url, session):
    centre = make_centre(session, code="H12")
    make_procedure(session, make_field(session, centre, "HT", "A"), code="1.004873", details=DETAILS)
    session.commit()
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        barrier = manager.Barrier(PROCESSES)
        with context.Pool(PROCESSES) as pool:
            results = pool.starmap(worker, [(database_url, centre.id, i, barrier) for i in range(PROCESSES)])
    codes = [code for mine in results for code in mine]
    assert len(codes) == PROCESSES * ROUNDS == len(set(codes))
    day = codes[0].split("-")[1]
    assert sorted(codes) == [f"H12-{day}-{n:04d}" for n in range(1, PROCESSES * ROUNDS + 1)]
    assert sorted(session.scalars(select(Dossier.code))) == sorted(codes)
