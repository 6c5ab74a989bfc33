from types import SimpleNamespace

import pytest

from tests.factories import (
    make_centre, make_counter, make_field, make_kiosk, make_priority, make_procedure, make_user,
)


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


class Desk:
    """A counter officer's actions, for tests that read as a day at the centre."""

    def __init__(self, ctx, world, counter):
        self.ctx, self.world, self.counter = ctx, world, counter

    def _args(self):
        return self.ctx, self.world.centre.id, self.counter.id

    def next(self):
        from counter_server import services
        return services.call_next(*self._args())

    def __getattr__(self, action):
        from counter_server import services
        return lambda **kw: getattr(services, action)(*self._args(), **kw)


@pytest.fixture
def desk1(ctx, centre):
    return Desk(ctx, centre, centre.counter1)


@pytest.fixture
def desk2(ctx, centre):
    return Desk(ctx, centre, centre.counter2)


@pytest.fixture
def take(ctx, centre):
    """take('HT', priority='elderly') issues a ticket at the kiosk."""
    from counter_server.services import issue_ticket

    def take(field="HT", **kw):
        return issue_ticket(ctx, centre_id=centre.centre.id, field=field, kiosk_id=centre.kiosk.id, **kw)
    return take
