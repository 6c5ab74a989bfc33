"""The procedure catalogue as its editing page lists it (managers and admins)."""
from sqlalchemy import select

from procedure_search import fold
from ..models import Field, Procedure
from .context import QueueContext


def procedure_rows(ctx: QueueContext, centre_id: int, field: str | None = None,
                   q: str | None = None) -> list[tuple[Procedure, str]]:
    """Every procedure of the centre (retired ones too) with its field's code, by field then code;
    `q` keeps those whose name holds the words (accents ignored) or whose code starts with them."""
    query = (select(Procedure, Field.code).join(Field).where(Field.centre_id == centre_id)
             .order_by(Field.display_order, Procedure.code))
    if field:
        query = query.where(Field.code == field)
    rows = ctx.read(lambda session: session.execute(query).all())
    if q:
        rows = [row for row in rows if fold(q) in fold(row[0].name) or row[0].code.startswith(q.strip())]
    return rows
