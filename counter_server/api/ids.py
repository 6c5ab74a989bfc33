"""Row ids in addresses and bodies are bounded to what the database stores (a signed 64-bit
integer): a larger number is refused before it reaches SQLite (OverflowError) or PostgreSQL."""
from apiflask.fields import Integer
from apiflask.validators import Range
from werkzeug.routing import IntegerConverter

MAX_ID = 2**63 - 1


class IdConverter(IntegerConverter):
    """`<int:…>` in every route: 1 … 2⁶³−1, anything else is no route (404)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def Id(**kwargs) -> Integer:
    """An id field in a request: a positive integer the database can hold."""
    return Integer(validate=Range(min=1, max=MAX_ID), **kwargs)
