"""Fields (lĩnh vực) as the staff pages list them."""
from sqlalchemy import select

from ..models import Field
from .context import QueueContext


def field_choices(ctx: QueueContext, centre_id: int) -> list[tuple[str, str]]:
    """(code, Vietnamese name) of each of the centre's fields, in display order."""
    return [tuple(row) for row in ctx.read(lambda session: session.execute(
        select(Field.code, Field.name_vi).where(Field.centre_id == centre_id).order_by(Field.display_order)).all())]


def target_wait_minutes(ctx: QueueContext, centre_id: int, field: str | None = None) -> int | None:
    """The target wait of the field (or of every field, when they all share one), else None."""
    query = select(Field.target_wait_minutes).where(Field.centre_id == centre_id)
    if field:
        query = query.where(Field.code == field)
    targets = set(ctx.read(lambda session: session.scalars(query).all()))
    return targets.pop() if len(targets) == 1 else None
