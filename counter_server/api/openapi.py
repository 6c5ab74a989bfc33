"""The OpenAPI document completed by rule, so that it lists every answer the server can give:
bounded ids, text without NUL, required bodies, the 400 of a body that is not JSON, the 404 of an unknown centre,
and the 414 the production server (gunicorn) gives a request line over 4 KB."""
from . import reports, tickets
from .fields import MAX_ID, NO_NUL

METHODS = ("get", "post", "put", "patch", "delete")
ERROR_BODY = {"application/json": {"schema": {"$ref": "#/components/schemas/HTTPError"}}}
TOO_LONG = {"description": "Request line too long (refused by the HTTP server before the app)",
            "content": {"text/html": {"schema": {"type": "string"}}}}


def complete(spec: dict) -> dict:
    """Apply every rule below to every operation, then the operations' own additions."""
    for path in spec["paths"].values():
        for method in METHODS:
            if method in path:
                _complete_operation(path[method])
    _transfer_names_one_target(spec)
    tickets.document_idempotency_key(spec)
    reports.document_formats(spec)
    return spec


def _complete_operation(operation: dict) -> None:
    responses = operation.setdefault("responses", {})
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path" and parameter["schema"].get("type") == "integer":
            parameter["schema"].update(minimum=1, maximum=MAX_ID)   # api.fields.IdConverter
        if parameter["in"] == "path" and parameter["schema"].get("type") == "string":
            parameter["schema"].update(minLength=1, pattern=NO_NUL)  # api.fields.TextConverter
        if parameter["in"] == "query" and parameter["name"] == "centre":
            responses.setdefault("404", {"description": "No centre has this code", "content": ERROR_BODY})
    if "requestBody" in operation:
        operation["requestBody"]["required"] = True
        responses.setdefault("400", {"description": "The body is not JSON", "content": ERROR_BODY})
    responses.setdefault("414", TOO_LONG)


def _transfer_names_one_target(spec: dict) -> None:
    """A transfer names a field or a counter, never both (TransferRequest checks it too)."""
    schema = spec["components"]["schemas"]["TransferRequest"]
    schema["oneOf"] = [{"required": ["field"]}, {"required": ["counter"]}]
    for name in ("field", "counter"):
        schema["properties"][name].pop("default", None)
