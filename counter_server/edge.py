"""What the API views and the web pages share about the request they serve: the app's queue
context, the centre the request is about, and how a table goes out as a file. The one place both
reach for them."""
from flask import Response, current_app, request

from .services.centres import find_centre_id
from .services.context import QueueContext


def queue() -> QueueContext:
    """The app's QueueContext."""
    return current_app.extensions["queue"]


def centre_id_for(code: str | None) -> int:
    """The centre named by `code` (?centre=), else the one the request's host name is set for
    (COUNTER_SERVER_CENTRE_HOSTS), else the configured default centre, else the first one."""
    by_host = current_app.config.get("CENTRE_HOSTS", {}).get(request.host.rsplit(":", 1)[0].lower())
    return find_centre_id(queue(), code or by_host or current_app.config.get("DEFAULT_CENTRE"))


def signed_in_centre_id() -> int:
    """The centre of the user signed in to the web pages (every page shows that centre only)."""
    from .signed_in import web_principal   # it builds on this module
    return web_principal().centre_id


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def spreadsheet_answer(kind: str, tables: list, about: list[tuple[str, str]], stem: str,
                       private: bool = False) -> Response:
    """`tables` as the download `stem`.`kind`: CSV holds the first table; an Excel workbook holds
    them all after a sheet saying what they cover (`about`). `private`: never kept by a cache.
    The writers are loaded by the first download, not by a worker that only serves the queue."""
    from .reports.export import to_csv, to_xlsx
    if kind == "csv":
        content, mimetype = to_csv(tables[0]), "text/csv; charset=utf-8"
    else:
        content, mimetype = to_xlsx(tables, about), XLSX
    headers = {"Content-Disposition": f'attachment; filename="{stem}.{kind}"'}
    if private:
        headers["Cache-Control"] = "no-store"
    return Response(content, mimetype=mimetype, headers=headers)
