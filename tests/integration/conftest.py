import pytest


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


@pytest.fixture
def commune(session):
    """A centre with every field of the shipped catalogue and no procedures yet."""
    from tests.factories import make_commune
    return make_commune(session, "XA-THU")

