"""Editing one procedure on the admin pages. The form has the columns of the catalogue table
(catalogue/table.py), so a manager types a document or a fee exactly as in the Excel file, and
the same checks and the same history apply."""
from sqlalchemy import select

from ..domain.errors import UnknownProcedure
from ..models import Centre, Field, Procedure
from ..services.context import QueueContext
from . import table
from .record import CatalogueError, parse
from .transfer import procedure_record, save_record


def form_values(ctx: QueueContext, centre_id: int, procedure_id: int) -> dict[str, str]:
    """The procedure as the edit form shows it: one text per column of the table."""
    def work(session):
        row = session.execute(select(Procedure, Field).join(Field).where(
            Procedure.id == procedure_id, Field.centre_id == centre_id)).first()
        if row is None:
            raise UnknownProcedure(procedure=str(procedure_id))
        return procedure_record(*row)
    cells = table.to_rows([ctx.read(work)])[1]
    return {key: table.cell_text(value) for key, value in zip(table.COLUMNS, cells)}


def save_procedure(ctx: QueueContext, centre_id: int, values: dict[str, str], actor: str,
                   procedure_id: int | None = None) -> tuple[str | None, str]:
    """Save the form: ("added" | "changed" | None, the procedure's code); CatalogueError naming
    each column that is wrong, and nothing saved."""
    headers = list(table.COLUMNS)
    data, _ = table.from_rows([[table.header(key) for key in headers], [values.get(key) for key in headers]])
    records = parse(data, lambda index, raw, path, message: f"{table.locate_column(path)}: "
                                                             f"{table.plain_message(path, message)}")
    if not records:   # an empty form (every box blank) makes no row at all
        raise CatalogueError([f"«{table.COLUMNS['code']}» và «{table.COLUMNS['name']}»: chưa nhập"])
    record = records[0]

    def work(session):
        field_row = session.scalar(select(Field).where(Field.centre_id == centre_id, Field.code == record["field"]))
        if field_row is None:
            raise CatalogueError([f"«{table.COLUMNS['field']}»: không có lĩnh vực {record['field']}"])
        procedure = None
        if procedure_id is not None:
            procedure = session.scalar(select(Procedure).join(Field).where(
                Procedure.id == procedure_id, Field.centre_id == centre_id))
            if procedure is None:
                raise UnknownProcedure(procedure=str(procedure_id))
            record["code"] = procedure.code   # the code names the procedure; it is not edited
        clash = session.scalar(select(Procedure.id).where(Procedure.field_id == field_row.id,
                                                          Procedure.code == record["code"]))
        if clash is not None and clash != procedure_id:
            raise CatalogueError([f"«{table.COLUMNS['code']}»: đã có thủ tục mã {record['code']} trong lĩnh vực này"])
        action = save_record(session, centre_id, field_row.id, record, procedure, actor, "edit")
        if action:
            session.get(Centre, centre_id).catalogue_version += 1
        return action, record["code"]
    return ctx.write(work)
