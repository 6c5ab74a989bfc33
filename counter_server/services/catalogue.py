"""Procedures and priority categories as the public sees them (the catalogue issue extends this)."""
from dataclasses import dataclass

from sqlalchemy import select

from ..domain.errors import UnknownProcedure
from ..domain.search import SearchIndex
from ..models import Field, PriorityCategory, Procedure
from .context import QueueContext


@dataclass(frozen=True)
class ProcedureSummary:
    """A procedure as the kiosk shows it: names plus what to bring, how long, how much."""

    code: str
    name: str
    field: str
    field_name: str
    documents: tuple = ()
    processing_time: str = ""
    fees: str = ""
    legal_basis: str = ""
    where_to_submit: str = ""
    effective_from: str | None = None
    source: str = ""

    @classmethod
    def from_row(cls, code, name, field, field_name, details) -> "ProcedureSummary":
        details = details or {}
        known = {key: details[key] for key in ("processing_time", "fees", "legal_basis", "where_to_submit",
                                               "effective_from", "source") if details.get(key)}
        documents = tuple({"name": d["name"], "originals": int(d.get("originals", 0)),
                           "copies": int(d.get("copies", 0))} for d in details.get("documents", ()))
        return cls(code, name, field, field_name, documents, **known)


def find_procedures(ctx: QueueContext, centre_id: int, q: str | None = None,
                    field: str | None = None) -> list[ProcedureSummary]:
    """Procedures of the centre, optionally in one field; with `q`, those matching it, best first."""
    def work(session):
        query = (select(Procedure.code, Procedure.name, Field.code, Field.name_vi, Procedure.details)
                 .join(Field, Field.id == Procedure.field_id).where(Field.centre_id == centre_id)
                 .order_by(Field.display_order, Procedure.code))
        if field:
            query = query.where(Field.code == field)
        return [ProcedureSummary.from_row(*row) for row in session.execute(query)]
    procedures = ctx.read(work)
    if not q:
        return procedures
    return SearchIndex(procedures, code=lambda p: p.code, name=lambda p: p.name).search(q)


def get_procedure(ctx: QueueContext, centre_id: int, code: str) -> ProcedureSummary:
    """One procedure by its national code."""
    for procedure in find_procedures(ctx, centre_id):
        if procedure.code == code:
            return procedure
    raise UnknownProcedure(procedure=code)


def list_priorities(ctx: QueueContext, centre_id: int) -> list[PriorityCategory]:
    """Priority categories in display order."""
    return ctx.read(lambda session: list(session.scalars(
        select(PriorityCategory).where(PriorityCategory.centre_id == centre_id)
        .order_by(PriorityCategory.display_order, PriorityCategory.code))))
