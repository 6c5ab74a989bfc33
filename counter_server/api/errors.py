"""One error shape for every failure: {"error": code, "message": text} with a 4xx/5xx status."""
import logging

from apiflask import HTTPError
from flask import current_app
from werkzeug.exceptions import HTTPException

from ..domain.errors import QueueError

log = logging.getLogger(__name__)

CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
    422: "validation_error", 429: "rate_limited", 500: "internal_error", 503: "unavailable",
}
MESSAGES = {
    400: "Yêu cầu không hợp lệ (dữ liệu sai cú pháp).",
    401: "Cần đăng nhập (thiếu hoặc sai mã xác thực).",
    403: "Tài khoản không có quyền thực hiện thao tác này.",
    404: "Không tìm thấy.",
    405: "Phương thức không được hỗ trợ.",
    413: "Dữ liệu gửi lên quá lớn.",
    422: "Dữ liệu gửi lên không hợp lệ.",
    429: "Thao tác quá nhanh, vui lòng thử lại sau ít phút.",
    500: "Lỗi máy chủ, vui lòng thử lại.",
    503: "Máy chủ đang bận, vui lòng thử lại sau ít giây.",
}

# The one error body, as the OpenAPI document describes it.
ERROR_SCHEMA = {
    "type": "object", "required": ["error", "message"],
    "properties": {"error": {"type": "string", "description": "a stable code, e.g. unknown_field"},
                   "message": {"type": "string", "description": "what happened, in Vietnamese"},
                   "details": {"description": "what was wrong, where there is more to say"}},
}


def error_response(status: int, code: str | None = None, message: str | None = None,
                   details=None, headers=None):
    """The JSON error body and status every handler returns."""
    body = {"error": code or CODES.get(status, "error"), "message": message or MESSAGES.get(status, "Lỗi.")}
    if details:
        body["details"] = details
    return body, status, headers or {}


def refuse(status: int, code: str, message: str, headers: dict | None = None) -> HTTPError:
    """An error for a view to raise: the error processor turns it into the usual body."""
    return HTTPError(status, message, extra_data={"error": code, "message": message}, headers=headers)


def register(app) -> None:
    """Attach the handlers: domain errors, HTTP errors (incl. validation, auth, 429), crashes."""

    @app.error_processor
    def http_error(error: HTTPError):
        message = None if error.status_code in MESSAGES else error.message
        extra = error.extra_data or {}
        return error_response(error.status_code, extra.get("error"), extra.get("message") or message,
                              error.detail or None, error.headers)

    @app.errorhandler(QueueError)
    def queue_error(error: QueueError):
        return error_response(error.status, error.code, error.message, error.details or None)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        if isinstance(error, HTTPException):   # the words users read are Vietnamese where we have them
            return error_response(error.code or 500, message=MESSAGES.get(error.code) or error.description)
        log.exception("unhandled error")
        if current_app.testing:
            raise error
        return error_response(500)
