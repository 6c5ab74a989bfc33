"""Domain exceptions. Each carries a stable error code and a plain Vietnamese message;
the web edge turns them into `{"error": code, "message": text}` with an HTTP status."""


class QueueError(Exception):
    """Base of every rule the queue refuses to break."""

    code = "queue_error"
    status = 409
    message = "Không thể thực hiện yêu cầu."

    def __init__(self, message: str | None = None, **details):
        super().__init__(message or self.message)
        self.message = message or self.message
        self.details = details


class NotFound(QueueError):
    """Something named in the request does not exist (in this centre)."""

    code = "not_found"
    status = 404
    message = "Không tìm thấy."


class UnknownField(NotFound):
    code = "unknown_field"
    message = "Lĩnh vực không tồn tại."


class UnknownProcedure(NotFound):
    code = "unknown_procedure"
    message = "Thủ tục không tồn tại trong lĩnh vực này."


class NotReceivedAtDesk(QueueError):
    """The catalogue says the desk does not take this procedure (done at home, or at the province)."""

    code = "not_received_at_desk"
    message = "Thủ tục này không nhận hồ sơ tại quầy. Xin xem hướng dẫn của thủ tục hoặc hỏi cán bộ hướng dẫn."


class UnknownPriority(NotFound):
    code = "unknown_priority"
    message = "Đối tượng ưu tiên không hợp lệ."


class UnknownCounter(NotFound):
    code = "unknown_counter"
    message = "Quầy không tồn tại."


class NoProcessingTime(QueueError):
    """The catalogue states no processing time (amount and unit) for the procedure."""

    code = "no_processing_time"
    status = 422
    message = "Danh mục chưa ghi thời hạn giải quyết (số và đơn vị) của thủ tục này."


class UnknownOfficer(NotFound):
    code = "unknown_officer"
    message = "Không có cán bộ này."


class UnknownTicket(NotFound):
    code = "unknown_ticket"
    message = "Không tìm thấy số thứ tự."


class FieldClosed(QueueError):
    """Lĩnh vực tạm ngừng tiếp nhận."""

    code = "field_closed"
    message = "Lĩnh vực này đang tạm ngừng tiếp nhận."


class OutsideOpeningHours(QueueError):
    """Ngoài giờ tiếp nhận."""

    code = "outside_opening_hours"
    message = "Ngoài giờ tiếp nhận hồ sơ."


class DailyCapReached(QueueError):
    """Đã hết số trong ngày."""

    code = "daily_cap_reached"
    message = "Lĩnh vực này đã hết số thứ tự trong ngày."


class CounterClosed(QueueError):
    code = "counter_closed"
    message = "Quầy đang đóng."


class CounterPaused(QueueError):
    """The officer paused the counter for a break; it calls again once resumed."""

    code = "counter_paused"
    message = "Quầy đang tạm nghỉ. Bấm «Làm việc tiếp» để gọi số."


class CounterBusy(QueueError):
    """A counter cannot pause with a citizen in front of it."""

    code = "counter_busy"
    message = "Quầy đang có người được gọi hoặc đang phục vụ: bấm «Hoàn thành», «Vắng mặt» hoặc chuyển số trước khi tạm nghỉ."


class NoCurrentTicket(QueueError):
    """The counter has nobody in front of it for this action."""

    code = "no_current_ticket"
    message = "Quầy chưa gọi số nào."


class InvalidTransition(QueueError):
    """The ticket's state does not allow this action (e.g. starting a completed ticket)."""

    code = "invalid_transition"
    message = "Số thứ tự đang ở trạng thái không cho phép thao tác này."


class NotNamedToCounter(QueueError):
    """An admin named the officers of this counter, and the one acting is not among them."""

    code = "not_named_to_counter"
    status = 403
    message = "Quầy này chỉ dành cho cán bộ được phân công; xin chọn quầy của mình hoặc báo quản trị."


class CounterDoesNotServeField(QueueError):
    code = "field_not_served"
    message = "Quầy không phục vụ lĩnh vực của số thứ tự này."


class RatingNotOpen(QueueError):
    """Ratings are taken only for the ticket just completed at the tablet's own counter."""

    code = "rating_not_open"
    message = "Không có lượt phục vụ nào đang chờ đánh giá ở quầy này."


class AlreadyRated(QueueError):
    code = "already_rated"
    message = "Lượt phục vụ này đã được đánh giá. Cảm ơn ông/bà."


class UnknownRatingLevel(QueueError):
    code = "unknown_rating_level"
    status = 422
    message = "Mức đánh giá không hợp lệ."


class InvalidReportRange(QueueError, ValueError):
    """A report's days run backwards, past a year, or off the calendar."""

    code = "invalid_range"
    status = 422
    message = "Khoảng ngày của báo cáo không hợp lệ."
