"""The dossier's lifecycle table: every move allowed and every move refused, the paper each move
needs, and a hand-off or result judged early, on time or late against its due moment."""
from datetime import date, datetime, timedelta, timezone
from itertools import product

import pytest

from counter_server.domain.dossier_lifecycle import MoveNeedsMore, Stage, WrongMove, check_move, timing

# Written out by hand from the issue (step 10), not read from the table under test.
ALLOWED = {
    ("received", "received"), ("received", "processing"), ("received", "supplement_requested"),
    ("received", "result_ready"), ("received", "refused"), ("received", "withdrawn"), ("received", "stopped"),
    ("processing", "processing"), ("processing", "supplement_requested"), ("processing", "result_ready"),
    ("processing", "refused"), ("processing", "withdrawn"), ("processing", "stopped"),
    ("supplement_requested", "supplement_requested"), ("supplement_requested", "processing"),
    ("supplement_requested", "withdrawn"), ("supplement_requested", "stopped"),
    ("result_ready", "returned"),
}
EVERYTHING = {"to_unit": "Công chức Tư pháp – Hộ tịch", "note": "lý do"}


@pytest.mark.parametrize("here,there", sorted(product([s.value for s in Stage], repeat=2)))
def test_each_move_is_allowed_exactly_when_the_table_says(here, there):
    if (here, there) in ALLOWED:
        assert check_move(here, there, **EVERYTHING) == there
    else:
        with pytest.raises(WrongMove) as refused:
            check_move(here, there, **EVERYTHING)
        assert refused.value.status == 409 and "“" in refused.value.message   # says the stages in words


def test_a_refused_move_says_where_the_dossier_may_go():
    with pytest.raises(WrongMove) as refused:
        check_move("result_ready", "processing")
    assert refused.value.message == ("Hồ sơ đang “Đã có kết quả, mời đến nhận”: không chuyển sang “Đang giải quyết” "
                                     "được. Chỉ chuyển được sang: “Đã trả kết quả”.")


def test_a_returned_dossier_goes_nowhere():
    with pytest.raises(WrongMove, match="trạng thái cuối “Đã trả kết quả”"):
        check_move("returned", "processing")


@pytest.mark.parametrize("to", ["supplement_requested", "refused", "withdrawn", "stopped"])
def test_moves_whose_paper_states_a_reason_need_one(to):
    with pytest.raises(MoveNeedsMore) as missing:
        check_move("processing", to, note="  ")
    assert missing.value.status == 422 and set(missing.value.details) == {"note"}


def test_a_hand_off_within_a_stage_names_the_unit():
    with pytest.raises(MoveNeedsMore) as missing:
        check_move("processing", "processing")
    assert set(missing.value.details) == {"to_unit"}
    assert check_move("processing", "processing", to_unit="Lãnh đạo UBND xã") == "processing"


def test_an_extension_is_later_than_the_due_date_and_says_why():
    due = date(2026, 12, 1)
    with pytest.raises(MoveNeedsMore) as earlier:
        check_move("processing", "processing", new_due_date=due, due_date=due, note="chờ xác minh")
    assert "sau ngày hẹn hiện tại (01/12/2026)" in earlier.value.details["new_due_date"]
    with pytest.raises(MoveNeedsMore) as silent:
        check_move("processing", "processing", new_due_date=date(2026, 12, 3), due_date=due)
    assert set(silent.value.details) == {"note"}
    with pytest.raises(MoveNeedsMore) as closing:
        check_move("received", "result_ready", new_due_date=date(2026, 12, 3), due_date=due, note="x")
    assert set(closing.value.details) == {"new_due_date"}
    assert check_move("processing", "processing", new_due_date=date(2026, 12, 3), due_date=due,
                      note="chờ xác minh") == "processing"


ICT = timezone(timedelta(hours=7))
DUE = datetime(2026, 12, 1, 16, 30, tzinfo=ICT)


@pytest.mark.parametrize("at,expected", [
    (datetime(2026, 11, 30, 16, 59, tzinfo=ICT), "early"),     # the day before
    (datetime(2026, 12, 1, 8, 0, tzinfo=ICT), "on_time"),      # on the day
    (datetime(2026, 12, 1, 16, 30, tzinfo=ICT), "on_time"),    # at the very minute
    (datetime(2026, 12, 1, 16, 31, tzinfo=ICT), "late"),
    (datetime(2026, 12, 2, 8, 0, tzinfo=ICT), "late"),
])
def test_a_result_is_early_on_time_or_late_against_its_due_moment(at, expected):
    assert timing(at, DUE) == expected
