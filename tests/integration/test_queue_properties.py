"""Property-based: any interleaving of issue / call / skip / requeue / transfer / start / complete /
cancel keeps every ticket in exactly the state a plain model of the rules says, every number
unique, at most one ticket in front of each counter, and the running counts equal to the tickets."""
import shutil
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from counter_server import services
from counter_server.db import make_engine
from counter_server.domain.errors import InvalidTransition, NoCurrentTicket
from counter_server.domain.queue_policy import DEFAULT_POLICY
from counter_server.models import FieldDay, Ticket
from counter_server.services import QueueContext
from tests import databases
from tests.factories import make_centre, make_counter, make_field, make_priority

FIELDS = ("HT", "CT")
SERVES = {1: ("HT", "CT"), 2: ("CT",), 3: ("HT",)}
ACTIVE = ("called", "serving")


class QueueMachine(RuleBasedStateMachine):
    """The real services against a model: a dict of ticket id -> what the rules say it is."""

    def __init__(self, url):
        super().__init__()
        self.engine = make_engine(url)
        self.now = datetime(2026, 11, 26, 2, 0, tzinfo=timezone.utc)
        self.ctx = QueueContext(sessionmaker(self.engine, expire_on_commit=False), clock=lambda: self.now)
        with self.ctx.session_factory() as session:
            centre = make_centre(session)
            fields = {code: make_field(session, centre, code, code[0]) for code in FIELDS}
            make_priority(session, centre)
            self.counters = {n: make_counter(session, centre, n, [fields[c] for c in codes]).id
                             for n, codes in SERVES.items()}
            self.centre_id = centre.id
            session.commit()
        self.model: dict[int, dict] = {}

    def teardown(self):
        self.engine.dispose()

    def tick(self):
        self.now += timedelta(seconds=7)

    def at_counter(self, number):
        return next((t for t in self.model.values() if t["counter"] == number and t["status"] in ACTIVE), None)

    # --- rules -------------------------------------------------------------------------------
    @rule(field=st.sampled_from(FIELDS), priority=st.booleans())
    def issue(self, field, priority):
        self.tick()
        ticket = services.issue_ticket(self.ctx, centre_id=self.centre_id, field=field,
                                       priority="elderly" if priority else None)
        self.model[ticket.id] = {"id": ticket.id, "status": "waiting", "field": field, "is_priority": priority,
                                 "issued_at": ticket.issued_at, "counter": None, "target": None}

    @rule(number=st.sampled_from(sorted(SERVES)))
    def call_next(self, number):
        self.tick()
        current = self.at_counter(number)
        if current:
            current["status"] = "completed"
        waiting = [t for t in self.model.values() if t["status"] == "waiting" and (
            t["target"] == number or (t["target"] is None and t["field"] in SERVES[number]))]
        expected = min(waiting, key=DEFAULT_POLICY.sort_key) if waiting else None
        called = services.call_next(self.ctx, self.centre_id, self.counters[number])
        assert (called and called.id) == (expected and expected["id"])
        if expected:
            expected.update(status="called", counter=number, target=None)

    def _on_current(self, number, action, allowed, then):
        self.tick()
        current = self.at_counter(number)
        call = lambda: getattr(services, action)(self.ctx, self.centre_id, self.counters[number])
        if current is None:
            with pytest.raises(NoCurrentTicket):
                call()
        elif current["status"] not in allowed:
            with pytest.raises(InvalidTransition):
                call()
        else:
            assert call().id == current["id"]
            then(current)

    @rule(number=st.sampled_from(sorted(SERVES)))
    def skip(self, number):
        self._on_current(number, "skip", ("called",), lambda t: t.update(status="no_show"))

    @rule(number=st.sampled_from(sorted(SERVES)))
    def start(self, number):
        self._on_current(number, "start", ("called",), lambda t: t.update(status="serving"))

    @rule(number=st.sampled_from(sorted(SERVES)))
    def complete(self, number):
        self._on_current(number, "complete", ACTIVE, lambda t: t.update(status="completed"))

    @rule(number=st.sampled_from(sorted(SERVES)))
    def recall(self, number):
        self._on_current(number, "recall", ("called",), lambda t: None)

    @rule(number=st.sampled_from(sorted(SERVES)), field=st.sampled_from(FIELDS))
    def transfer_to_field(self, number, field):
        self.tick()
        current = self.at_counter(number)
        if current is None:
            with pytest.raises(NoCurrentTicket):
                services.transfer(self.ctx, self.centre_id, self.counters[number], field=field)
            return
        services.transfer(self.ctx, self.centre_id, self.counters[number], field=field)
        current.update(status="waiting", field=field, counter=None, target=None)

    @rule(number=st.sampled_from(sorted(SERVES)), to=st.sampled_from(sorted(SERVES)))
    def transfer_to_counter(self, number, to):
        self.tick()
        current = self.at_counter(number)
        if current is None:
            return
        services.transfer(self.ctx, self.centre_id, self.counters[number], counter=self.counters[to])
        current.update(status="waiting", counter=None, target=to)

    @precondition(lambda self: self.model)
    @rule(data=st.data())
    def requeue(self, data):
        ticket = data.draw(st.sampled_from(sorted(self.model)))
        if self.model[ticket]["status"] == "no_show":
            services.requeue(self.ctx, self.centre_id, ticket)
            self.model[ticket].update(status="waiting", counter=None)
        else:
            with pytest.raises(InvalidTransition):
                services.requeue(self.ctx, self.centre_id, ticket)

    @precondition(lambda self: self.model)
    @rule(data=st.data())
    def cancel(self, data):
        ticket = data.draw(st.sampled_from(sorted(self.model)))
        if self.model[ticket]["status"] in ("waiting", "called", "no_show"):
            services.cancel(self.ctx, self.centre_id, ticket)
            self.model[ticket].update(status="cancelled", counter=None)
        else:
            with pytest.raises(InvalidTransition):
                services.cancel(self.ctx, self.centre_id, ticket)

    # --- invariants --------------------------------------------------------------------------
    @invariant()
    def the_database_agrees_with_the_model(self):
        with self.ctx.session_factory() as session:
            rows = session.execute(select(Ticket.id, Ticket.status, Ticket.number, Ticket.counter_id,
                                          Ticket.field_id, Ticket.is_priority)).all()
            assert {r.id: r.status for r in rows} == {i: t["status"] for i, t in self.model.items()}
            assert len({r.number for r in rows}) == len(rows)
            active = [r.counter_id for r in rows if r.status in ACTIVE]
            assert None not in active and len(active) == len(set(active))
            assert all(r.counter_id is None for r in rows if r.status == "waiting")
            counts = {(d.field_id): (d.waiting, d.waiting_priority) for d in session.scalars(select(FieldDay))}
            for field_id, (waiting, priority) in counts.items():
                mine = [r for r in rows if r.field_id == field_id and r.status == "waiting"]
                assert (waiting, priority) == (len(mine), sum(r.is_priority for r in mine))


def run_machine(url_factory, examples):
    run_state_machine_as_test(
        lambda: QueueMachine(url_factory()),
        settings=settings(max_examples=examples, stateful_step_count=25, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))


def test_any_interleaving_keeps_the_queue_consistent_on_sqlite(sqlite_template, tmp_path):
    counter = iter(range(10**6))

    def fresh():
        path = tmp_path / f"p{next(counter)}.sqlite3"
        shutil.copyfile(sqlite_template, path)
        return f"sqlite:///{path}"
    run_machine(fresh, examples=60)


@pytest.mark.postgres
def test_any_interleaving_keeps_the_queue_consistent_on_postgresql(postgres_database):
    def fresh():
        databases.empty_postgres(postgres_database)
        return postgres_database
    run_machine(fresh, examples=15)
