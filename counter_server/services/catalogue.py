"""Procedures and priority categories as the public sees them (the catalogue issue extends this)."""
from dataclasses import dataclass

from sqlalchemy import select

from ..domain.errors import UnknownProcedure
from ..domain.search import SearchIndex
from ..models import Centre, Field, PriorityCategory, Procedure
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
    def from_row(cls, code, name, field, field_name, details, effective_from=None, source="") -> "ProcedureSummary":
        """From a catalogue record (ways, legal_basis, agency: the national structure)."""
        details = details or {}
        ways = details.get("ways") or [{}]
        direct = next((way for way in ways if way.get("channel") == "direct"), ways[0])
        laws = "; ".join(" ".join(part for part in (law.get("title"), law.get("number")) if part)
                         for law in details.get("legal_basis") or [])
        documents = tuple({"name": d["name"], "originals": int(d.get("originals") or 0),
                           "copies": int(d.get("copies") or 0), "case": d.get("case")}
                          for d in details.get("documents") or ())
        return cls(code, name, field, field_name, documents, processing_time=direct.get("processing_time") or "",
                   fees=direct.get("fees") or "", legal_basis=laws, where_to_submit=details.get("agency") or "",
                   effective_from=effective_from.isoformat() if effective_from else None, source=source or "")


def find_procedures(ctx: QueueContext, centre_id: int, q: str | None = None,
                    field: str | None = None) -> list[ProcedureSummary]:
    """Procedures of the centre, optionally in one field; with `q`, those matching it, best first."""
    def work(session):
        query = (select(Procedure.code, Procedure.name, Field.code, Field.name_vi, Procedure.details,
                        Procedure.effective_from, Procedure.source)
                 .join(Field, Field.id == Procedure.field_id)
                 .where(Field.centre_id == centre_id, Procedure.status != "abolished")
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


def full_record(ctx: QueueContext, centre_id: int, code: str) -> dict:
    """Everything the catalogue holds on one procedure (steps, applicants, result, decision...)."""
    def work(session):
        procedure = session.scalar(select(Procedure).join(Field).where(Field.centre_id == centre_id,
                                                                          Procedure.code == code))
        if procedure is None:
            raise UnknownProcedure(procedure=code)
        return {**(procedure.details or {}), "status": procedure.status, "source": procedure.source,
                "last_verified": procedure.last_verified}
    return ctx.read(work)


def catalogue_version(ctx: QueueContext, centre_id: int) -> int:
    """A number that changes whenever the centre's catalogue does (kiosks compare it)."""
    return ctx.read(lambda session: session.scalar(select(Centre.catalogue_version).where(Centre.id == centre_id)))


def list_priorities(ctx: QueueContext, centre_id: int) -> list[PriorityCategory]:
    """Priority categories in display order."""
    return ctx.read(lambda session: list(session.scalars(
        select(PriorityCategory).where(PriorityCategory.centre_id == centre_id)
        .order_by(PriorityCategory.display_order, PriorityCategory.code))))
