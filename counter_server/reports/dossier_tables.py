"""The tracking book (form 07) as a table for the page's exports: the form's columns in its order
(as public one-stop software reproduces it; Circular 03/2025's annex itself was not at hand)."""
from ..domain.dossier_lifecycle import TIMING_WORDS
from ..services.dossier_book import BookRow
from .tables import Column, Table

BOOK_COLUMNS = (
    Column("TT", "count"), Column("Mã hồ sơ"), Column("Tên thủ tục hành chính"), Column("Số lượng hồ sơ (bộ)", "count"),
    Column("Tên cá nhân, tổ chức"), Column("Địa chỉ, số điện thoại"), Column("Cơ quan chủ trì giải quyết"),
    Column("Nhận hồ sơ", "moment"), Column("Hẹn trả kết quả", "moment"),
    Column("Chuyển hồ sơ đến cơ quan giải quyết", "moment"), Column("Nhận kết quả từ cơ quan giải quyết", "moment"),
    Column("Trả kết quả cho cá nhân, tổ chức", "moment"), Column("Người nhận kết quả"), Column("Trạng thái"),
    Column("Trước / đúng / quá hạn"), Column("Ghi chú"),
)


def book_table(rows: list[BookRow], first_number: int = 1) -> Table:
    """One row per dossier, numbered from `first_number`; moments in the centre's time, as written."""
    naive = lambda moment: moment and moment.replace(tzinfo=None)
    body = [(number, row.code, row.procedure_name, row.sets, _owner(row), _reach(row), row.unit,
             naive(row.received_at), naive(row.due_at), naive(row.transferred_at), naive(row.result_at),
             naive(row.returned_at), row.collected_by, row.status_words,
             TIMING_WORDS.get(row.timing, "") if row.timing else "", _notes(row))
            for number, row in enumerate(rows, start=first_number)]
    return Table("so-theo-doi-ho-so", "Sổ theo dõi hồ sơ", BOOK_COLUMNS, body)


def _owner(row: BookRow) -> str:
    return f"{row.applicant_name} ({row.organisation})" if row.organisation else row.applicant_name


def _reach(row: BookRow) -> str:
    return ", ".join(part for part in (row.address, row.phone) if part)


def _notes(row: BookRow) -> str:
    extended = row.due_at != row.first_due_at
    return "; ".join(part for part in (
        f"gia hạn từ {row.first_due_at:%d/%m/%Y}" if extended else "", row.notes) if part)
