"""The history of the catalogue: every procedure added, changed or retired, by whom, when, how
(a file import or an edit on the admin pages) and what, item by item as [before, after]."""
import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from ..models import Procedure, ProcedureChange
from ..services.context import QueueContext
from . import table
from .record import CatalogueError

LABELS = {   # the items of a procedure as the history page names them
    "name": "Tên thủ tục", "field_id": "Lĩnh vực", "status": "Tình trạng", "effective_from": "Ngày hiệu lực",
    "last_verified": "Ngày kiểm tra lại", "source": "Nguồn", "levels": "Cấp thực hiện",
    "ways": "Cách thức thực hiện", "steps": "Trình tự thực hiện", "documents": "Thành phần hồ sơ",
    "applicants": "Đối tượng thực hiện", "conditions": "Yêu cầu, điều kiện", "result": "Kết quả",
    "legal_basis": "Căn cứ pháp lý", "agency": "Cơ quan thực hiện", "decision": "Quyết định công bố",
    "public_note": "Lưu ý cho công dân", "internal_notes": "Ghi chú nội bộ", "ticketable": "Nhận tại quầy",
    "usage_rank": "Thứ tự mặc định", "notes": "Ghi chú",
}


def note_change(session, centre_id: int, procedure: Procedure, action: str, changes: dict, actor: str,
                via: str) -> None:
    """Add one line to the history; `changes` is {column: [before, after]}, details spread per item."""
    spread = {}
    for name, (before, after) in changes.items():
        if name == "details":
            before, after = before or {}, after or {}
            spread.update({key: [before.get(key), after.get(key)] for key in sorted({*before, *after})
                           if before.get(key) != after.get(key)})
        else:
            spread[name] = [_plain(before), _plain(after)]
    session.add(ProcedureChange(centre_id=centre_id, procedure_id=procedure.id, code=procedure.code,
                                changed_by=actor, via=via, action=action, changes=spread))


@dataclass(frozen=True)
class Change:
    """One line of the history as the page shows it."""

    at: datetime
    code: str
    name: str
    by: str
    via: str
    action: str
    items: dict

    def labelled(self) -> list[tuple[str, str, str]]:
        """(item, before, after) in words, lists written the way the Excel table writes them."""
        return [(LABELS.get(key, key), shown(key, before), shown(key, after))
                for key, (before, after) in self.items.items()]


def shown(key: str, value) -> str:
    """One item of a procedure as text: a list one entry per line, "a | b | c" as in the table."""
    if value is None or value == "" or value == []:
        return "(trống)"
    if key == "decision":
        return " — ".join(str(part) for part in value.values() if part) or "(trống)"
    if key in table.COLUMNS:
        try:
            return table.cell_text(table.to_rows([{key: value}])[1][list(table.COLUMNS).index(key)])
        except (CatalogueError, ValueError, TypeError, AttributeError):
            pass
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def history(ctx: QueueContext, centre_id: int, code: str | None = None, limit: int = 200) -> list[Change]:
    """The newest changes of the centre's catalogue first, or of one procedure."""
    def work(session):
        query = (select(ProcedureChange, Procedure.name).join(Procedure, Procedure.id == ProcedureChange.procedure_id)
                 .where(ProcedureChange.centre_id == centre_id)
                 .order_by(ProcedureChange.changed_at.desc(), ProcedureChange.id.desc()).limit(limit))
        if code:
            query = query.where(ProcedureChange.code == code)
        return [Change(row.changed_at, row.code, name, row.changed_by, row.via, row.action, row.changes or {})
                for row, name in session.execute(query)]
    return ctx.read(work)


def _plain(value):
    return value.isoformat() if isinstance(value, (date, datetime)) else value
