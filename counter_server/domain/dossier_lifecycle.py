"""Where a dossier is between the counter and the return (trạng thái hồ sơ), and the moves allowed
between them: one table, like the ticket's. Each move is checked here; the service stores it.

received ─► processing (handed to the specialist unit; processing ─► processing hands it on)
         ─► supplement_requested (form 02) ─► processing again once supplemented
         ─► result_ready ─► returned
or it ends refused (form 03), withdrawn by the applicant, or stopped (form 05).
An extension (form 04) moves a dossier that is still open to a later due date, with a reason."""
from datetime import date, datetime
from enum import StrEnum

from .errors import QueueError


class Stage(StrEnum):
    RECEIVED = "received"                          # đã tiếp nhận
    PROCESSING = "processing"                      # đang giải quyết (đã chuyển bộ phận chuyên môn)
    SUPPLEMENT_REQUESTED = "supplement_requested"  # chờ bổ sung, hoàn thiện hồ sơ
    RESULT_READY = "result_ready"                  # đã có kết quả, chờ trả
    RETURNED = "returned"                          # đã trả kết quả
    REFUSED = "refused"                            # từ chối giải quyết
    WITHDRAWN = "withdrawn"                        # công dân rút hồ sơ
    STOPPED = "stopped"                            # dừng giải quyết


WORDS = {
    Stage.RECEIVED: ("Đã tiếp nhận", "Received"),
    Stage.PROCESSING: ("Đang giải quyết", "Being processed"),
    Stage.SUPPLEMENT_REQUESTED: ("Chờ bổ sung hồ sơ", "Waiting for missing documents"),
    Stage.RESULT_READY: ("Đã có kết quả, mời đến nhận", "Result ready to collect"),
    Stage.RETURNED: ("Đã trả kết quả", "Result returned"),
    Stage.REFUSED: ("Từ chối giải quyết", "Refused"),
    Stage.WITHDRAWN: ("Đã rút hồ sơ", "Withdrawn"),
    Stage.STOPPED: ("Dừng giải quyết", "Processing stopped"),
}

OPEN = (Stage.RECEIVED, Stage.PROCESSING, Stage.SUPPLEMENT_REQUESTED)   # the clock is running
FINAL = (Stage.RETURNED, Stage.REFUSED, Stage.WITHDRAWN, Stage.STOPPED)
HAS_RESULT = (Stage.RESULT_READY, Stage.RETURNED)

# How on-time figures count (written on the report page). The result counts when it is ready
# (the citizen may come later), against the slip's date: a dossier extended with an apology
# (form 04) is late if its result came after the first date, as the apology says it is. Neither
# point was found in the text of Decree 118/2025 or Circular 03/2025; the README says so.
ON_TIME_RULE = ("Tính theo ngày có kết quả so với ngày hẹn ghi trên Giấy tiếp nhận (mẫu 01): có kết quả trước "
                "ngày hẹn là trước hạn, trong ngày hẹn (đến giờ hẹn) là đúng hạn, sau đó là quá hạn. Hồ sơ đã "
                "gia hạn (văn bản xin lỗi, mẫu 04) vẫn so với ngày hẹn đầu tiên. Hồ sơ bị từ chối, rút, dừng "
                "không tính vào tỷ lệ đúng hạn.")

# from -> where it may go next. Staying in an open stage is a hand-off (to another unit) or an
# extension (a new due date); the service checks which.
MOVES: dict[Stage, tuple[Stage, ...]] = {
    Stage.RECEIVED: (Stage.RECEIVED, Stage.PROCESSING, Stage.SUPPLEMENT_REQUESTED, Stage.RESULT_READY,
                     Stage.REFUSED, Stage.WITHDRAWN, Stage.STOPPED),
    Stage.PROCESSING: (Stage.PROCESSING, Stage.SUPPLEMENT_REQUESTED, Stage.RESULT_READY, Stage.REFUSED,
                       Stage.WITHDRAWN, Stage.STOPPED),
    Stage.SUPPLEMENT_REQUESTED: (Stage.SUPPLEMENT_REQUESTED, Stage.PROCESSING, Stage.WITHDRAWN, Stage.STOPPED),
    Stage.RESULT_READY: (Stage.RETURNED,),
    Stage.RETURNED: (),
    Stage.REFUSED: (),
    Stage.WITHDRAWN: (),
    Stage.STOPPED: (),
}

# Moves whose paper must say why: the form printed for it carries the note.
NEEDS_NOTE = {
    Stage.SUPPLEMENT_REQUESTED: "Ghi rõ giấy tờ cần bổ sung và lý do.",
    Stage.REFUSED: "Ghi rõ lý do từ chối.",
    Stage.WITHDRAWN: "Ghi rõ công dân rút hồ sơ theo đề nghị nào.",
    Stage.STOPPED: "Ghi rõ lý do dừng giải quyết.",
}


class WrongMove(QueueError):
    """The move is not in the table, from where the dossier is now."""

    code = "wrong_move"
    message = "Không chuyển hồ sơ được như vậy."


class MoveNeedsMore(QueueError):
    """The move is allowed but something it needs is missing or wrong (a reason, a unit, a date)."""

    code = "move_incomplete"
    status = 422
    message = "Thiếu thông tin để chuyển hồ sơ, xin xem mục được chỉ ra."


def say(stage: str) -> str:
    """The stage in the officer's words: 'Đang giải quyết'."""
    return WORDS[Stage(stage)][0]


def check_move(current: str, to: str, *, to_unit: str = "", note: str = "", new_due_date: date | None = None,
               due_date: date | None = None) -> Stage:
    """The stage reached by moving a dossier in `current` to `to`, or WrongMove / MoveNeedsMore in words.
    `due_date` is the due date in force; an extension (`new_due_date`) must be later, with a reason."""
    here, there = Stage(current), Stage(to)
    if there not in MOVES[here]:
        if not MOVES[here]:
            raise WrongMove(f"Hồ sơ đã ở trạng thái cuối “{say(here)}”: không chuyển tiếp được.",
                            to=f"Không chuyển được từ “{say(here)}”.")
        allowed = ", ".join(f"“{say(stage)}”" for stage in MOVES[here] if stage != here)
        raise WrongMove(f"Hồ sơ đang “{say(here)}”: không chuyển sang “{say(there)}” được. "
                        f"Chỉ chuyển được sang: {allowed}.", to=f"Không chuyển được sang “{say(there)}”.")
    problems = {}
    if there in NEEDS_NOTE and not note.strip() and there != here:
        problems["note"] = NEEDS_NOTE[there]
    if new_due_date is not None:
        if there not in OPEN:
            problems["new_due_date"] = "Chỉ gia hạn được hồ sơ đang giải quyết."
        elif due_date is not None and new_due_date <= due_date:
            problems["new_due_date"] = f"Ngày hẹn mới phải sau ngày hẹn hiện tại ({due_date:%d/%m/%Y})."
        elif not note.strip():
            problems["note"] = "Gia hạn phải ghi lý do (văn bản xin lỗi, mẫu 04)."
    if there == here and new_due_date is None and not to_unit.strip():
        problems["to_unit"] = "Chuyển tiếp trong cùng trạng thái: ghi bộ phận nhận hồ sơ, hoặc ngày hẹn mới."
    if problems:
        raise MoveNeedsMore(**problems)
    return there


class Timing(StrEnum):
    EARLY = "early"        # trước hạn
    ON_TIME = "on_time"    # đúng hạn
    LATE = "late"          # quá hạn


TIMING_WORDS = {Timing.EARLY: "Trước hạn", Timing.ON_TIME: "Đúng hạn", Timing.LATE: "Quá hạn"}


def timing(at: datetime, due_at: datetime) -> Timing:
    """A hand-off or a result at `at` against the due moment `due_at` (both in the centre's time):
    after it is late; on an earlier day is early; on the due day, by the due time, on time."""
    if at > due_at:
        return Timing.LATE
    return Timing.EARLY if at.date() < due_at.date() else Timing.ON_TIME
