"""Shared fixtures: a real database per test (SQLite, and PostgreSQL where reachable), a clock
the test controls, a queue context and the Flask app."""
from datetime import datetime, timedelta, timezone

from types import SimpleNamespace

import pytest
from sqlalchemy.orm import sessionmaker

from counter_server.db import make_engine
from counter_server.services import QueueContext
from tests import databases
from tests.factories import (
    make_centre, make_counter, make_field, make_kiosk, make_priority, make_procedure, make_user,
)


class FakeClock:
    """A clock that only moves when the test says so."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> datetime:
        self.now += timedelta(**delta)
        return self.now


# 09:00 in Ho Chi Minh City on a Thursday.
MORNING = datetime(2026, 11, 26, 2, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    return databases.migrated_sqlite_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def postgres_database():
    url = databases.create_postgres_database()
    yield url
    databases.drop_postgres_database(url)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    """A migrated, empty database of each engine."""
    if request.param == "sqlite":
        return databases.fresh_sqlite(request.getfixturevalue("sqlite_template"), tmp_path)
    url = request.getfixturevalue("postgres_database")
    databases.empty_postgres(url)
    return url


@pytest.fixture
def sqlite_url(sqlite_template, tmp_path):
    """A migrated, empty SQLite database (for tests that are about the app, not the engine)."""
    return databases.fresh_sqlite(sqlite_template, tmp_path)


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def clock():
    return FakeClock(MORNING)


@pytest.fixture
def ctx(engine, clock):
    return QueueContext(sessionmaker(engine, expire_on_commit=False), clock=clock)


@pytest.fixture
def session(ctx):
    """A session for arranging rows; commit what you add."""
    with ctx.session_factory() as session:
        yield session


@pytest.fixture
def centre(session):
    """A centre with two fields (HT 'A', CT 'B'), counter 1 serving both, counter 2 serving CT,
    a closed counter 3, a priority category, a procedure, a staff user and a kiosk."""
    centre = make_centre(session)
    ht = make_field(session, centre, "HT", "A")
    ct = make_field(session, centre, "CT", "B", default_service_minutes=4)
    world = SimpleNamespace(
        centre=centre, ht=ht, ct=ct,
        counter1=make_counter(session, centre, 1, [ht, ct]),
        counter2=make_counter(session, centre, 2, [ct]),
        counter3=make_counter(session, centre, 3, [ht], is_open=False),
        elderly=make_priority(session, centre),
        birth=make_procedure(session, ht),
        staff=make_user(session, centre),
        kiosk=make_kiosk(session, centre),
    )
    session.commit()
    return world
