"""Centres and their counters, looked up by what a request names."""
from dataclasses import dataclass

from sqlalchemy import select

from ..domain.errors import NotFound
from ..models import Centre, Counter
from .context import QueueContext


@dataclass(frozen=True)
class CounterName:
    """A counter (quầy) as a page names it."""

    id: int
    number: int
    name: str


def find_centre_id(ctx: QueueContext, code: str | None) -> int:
    """The centre with this code, or the first centre when no code is given."""
    query = select(Centre.id).order_by(Centre.id).limit(1)
    if code:
        query = query.where(Centre.code == code)
    centre_id = ctx.read(lambda session: session.scalar(query))
    if centre_id is None:
        raise NotFound("Chưa có trung tâm nào được cấu hình." if not code else "Không tìm thấy trung tâm.")
    return centre_id


def centre_code(ctx: QueueContext, centre_id: int) -> str:
    """The code a page puts in its stream's address (?centre=…)."""
    return ctx.read(lambda session: session.scalar(select(Centre.code).where(Centre.id == centre_id)))


def centre_name(ctx: QueueContext, centre_id: int) -> str:
    """The centre's own name, as its pages' header shows it."""
    return ctx.read(lambda session: session.scalar(select(Centre.name).where(Centre.id == centre_id))) or ""


def counter_name(ctx: QueueContext, counter_id: int) -> CounterName | None:
    """One counter's number and name, or None."""
    row = ctx.read(lambda session: session.execute(
        select(Counter.id, Counter.number, Counter.name).where(Counter.id == counter_id)).first())
    return CounterName(*row) if row else None


def list_counters(ctx: QueueContext, centre_id: int) -> list[CounterName]:
    """The centre's counters by number."""
    rows = ctx.read(lambda session: session.execute(
        select(Counter.id, Counter.number, Counter.name).where(Counter.centre_id == centre_id)
        .order_by(Counter.number)).all())
    return [CounterName(*row) for row in rows]


def set_centre_province(session, centre_id: int, province: str) -> None:
    """The centre reads the fees `province` sets; kiosks fetch the catalogue again (its fees changed)."""
    centre = session.get(Centre, centre_id)
    if centre.province != province:
        centre.province = province
        centre.catalogue_version += 1


def centre_province(ctx: QueueContext, centre_id: int) -> str:
    """The key of the province table the centre reads ("" for none)."""
    return ctx.read(lambda session: session.scalar(select(Centre.province).where(Centre.id == centre_id)))
