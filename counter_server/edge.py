"""What the API views and the web pages share about the request they serve: the app's queue
context and the centre the request is about. The one place both reach for them."""
from flask import current_app

from .services.centres import find_centre_id
from .services.context import QueueContext


def queue() -> QueueContext:
    """The app's QueueContext."""
    return current_app.extensions["queue"]


def centre_id_for(code: str | None) -> int:
    """The centre named by `code`, else the configured default centre, else the first one."""
    return find_centre_id(queue(), code or current_app.config.get("DEFAULT_CENTRE"))


def signed_in_centre_id() -> int:
    """The centre of the user signed in to the web pages (every page shows that centre only)."""
    from .signed_in import web_principal   # it builds on this module
    return web_principal().centre_id
