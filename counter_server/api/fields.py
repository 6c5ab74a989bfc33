"""Request values bounded to what the database can hold, so that a bad one is refused (404 or 422)
before it reaches SQLite or PostgreSQL instead of crashing there: ids fit PostgreSQL's `integer`
(the narrowest id column), and text never carries a NUL character (PostgreSQL refuses one)."""
from apiflask.fields import Integer, String
from apiflask.validators import Range, Regexp
from werkzeug.routing import IntegerConverter, UnicodeConverter

MAX_ID = 2**31 - 1
NO_NUL = r"^[^\x00]*$"


class IdConverter(IntegerConverter):
    """`<int:…>` in every route: 1 … MAX_ID, anything else is no route (404)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


class TextConverter(UnicodeConverter):
    """`<…>` (a string) in every route: one segment of the path without a NUL character."""

    def __init__(self, map, *args, **kwargs):
        super().__init__(map, *args, **kwargs)
        self.regex = self.regex.replace("[^/]", r"[^/\x00]")


def Id(**kwargs) -> Integer:
    """An id field in a request: a positive integer the database can hold."""
    return Integer(validate=Range(min=1, max=MAX_ID), **kwargs)


class Text(String):
    """A string field in a request: its own checks, and never a NUL character. A field with a
    pattern of its own keeps only that one (the OpenAPI document shows one pattern per field), so
    such a pattern must refuse NUL itself."""

    def __init__(self, *args, validate=None, **kwargs):
        checks = list(validate) if isinstance(validate, (list, tuple)) else [validate] if validate else []
        if not any(isinstance(check, Regexp) for check in checks):
            checks.insert(0, Regexp(NO_NUL))
        super().__init__(*args, validate=checks, **kwargs)
