"""Procedures and priority categories as the public sees them (the catalogue issue extends this)."""
import threading
from collections import OrderedDict
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from sqlalchemy import select

from procedure_search import SearchIndex

from ..domain.errors import UnknownProcedure
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


class SearchIndexes:
    """Each centre's search index (per field) as of a catalogue version, per database: built on
    the first search after a change. The catalogue version is the contract: every import and
    edit raises it, and an index built from an older version is never used again."""

    def __init__(self, size: int = 64):
        self.size = size   # (centre, field) pairs kept per database, the least recently used dropped
        self.lock = threading.Lock()
        self.databases = WeakKeyDictionary()   # engine -> {(centre id, field): (version, index)}

    def get(self, engine, centre_id: int, field: str | None, version: int, build) -> SearchIndex:
        """The index for `version`; `build()` -> (version, index) makes one when there is none."""
        key = (centre_id, field)
        with self.lock:
            kept = self.databases.setdefault(engine, OrderedDict())
            if key in kept and kept[key][0] == version:
                kept.move_to_end(key)
                return kept[key][1]
        # Built outside the lock, so that other searches go on meanwhile. Should a slower build
        # of an older version land last, the next search sees the version differ and builds again.
        built_version, index = build()
        with self.lock:
            kept[key] = (built_version, index)
            kept.move_to_end(key)
            while len(kept) > self.size:
                kept.popitem(last=False)
        return index

    def clear(self) -> None:
        """Forget every index."""
        with self.lock:
            self.databases.clear()


SEARCH_INDEXES = SearchIndexes()


def find_procedures(ctx: QueueContext, centre_id: int, q: str | None = None,
                    field: str | None = None) -> list[ProcedureSummary]:
    """Procedures of the centre, optionally in one field; with `q`, those matching it, best first."""
    index = SEARCH_INDEXES.get(ctx.engine, centre_id, field, catalogue_version(ctx, centre_id),
                               lambda: _build_index(ctx, centre_id, field))
    return index.search(q or "")


def forget_search_indexes() -> None:
    """Drop the cached search indexes: the next search of each centre builds its index again."""
    SEARCH_INDEXES.clear()


def _build_index(ctx: QueueContext, centre_id: int, field: str | None) -> tuple[int, SearchIndex]:
    """The centre's catalogue version and a search index over its procedures as of that version."""
    def work(session):
        # The version first: rows read after it are at least as new, so an index is never kept
        # under a version newer than its rows.
        version = session.scalar(select(Centre.catalogue_version).where(Centre.id == centre_id))
        query = (select(Procedure.code, Procedure.name, Field.code, Field.name_vi, Procedure.details,
                        Procedure.effective_from, Procedure.source)
                 .join(Field, Field.id == Procedure.field_id)
                 .where(Field.centre_id == centre_id, Procedure.status != "abolished")
                 .order_by(Field.display_order, Procedure.code))
        if field:
            query = query.where(Field.code == field)
        return version, [ProcedureSummary.from_row(*row) for row in session.execute(query)]
    version, procedures = ctx.read(work)
    return version, SearchIndex(procedures, code=lambda p: p.code, name=lambda p: p.name)


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
