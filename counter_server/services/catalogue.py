"""Procedures and priority categories as the public sees them: the public text of each record,
fees in the words of the centre's province, most-used procedures first; never the internal notes."""
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, timedelta
from weakref import WeakKeyDictionary

from sqlalchemy import func, select

from procedure_search import SearchIndex, fold

from ..catalogue.provinces import ProvinceTable, province_table
from ..catalogue.review import document_kind
from ..domain.calendar import local_now
from ..domain.errors import UnknownProcedure
from ..models import Centre, Field, PriorityCategory, Procedure, Ticket
from .context import QueueContext

USE_DAYS = 90   # procedures are ordered by the tickets taken for them over this many days


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
    last_verified: str | None = None
    ticketable: bool = True
    public_note: str = ""

    @classmethod
    def from_row(cls, code, name, field, field_name, details, effective_from=None, last_verified=None,
                 ticketable=True, province: ProvinceTable = province_table(None), today: date | None = None) -> "ProcedureSummary":
        """From a catalogue record (ways, legal_basis, agency: the national structure), with the
        fees the province sets in its words."""
        details = details or {}
        ways = province.local_ways(code, details.get("ways") or [], today or date.today()) or [{}]
        direct = next((way for way in ways if way.get("channel") == "direct"), ways[0])
        laws = "; ".join(" ".join(part for part in (law.get("title"), law.get("number")) if part)
                         for law in details.get("legal_basis") or [])
        documents = tuple({"name": d["name"], "kind": document_kind(d),
                           "originals": int(d.get("originals") or 0), "copies": int(d.get("copies") or 0),
                           "case": d.get("case")}
                          for d in details.get("documents") or ())
        return cls(code, name, field, field_name, documents, processing_time=direct.get("processing_time") or "",
                   fees=direct.get("fees") or "", legal_basis=laws, where_to_submit=details.get("agency") or "",
                   effective_from=effective_from.isoformat() if effective_from else None,
                   last_verified=last_verified.isoformat() if last_verified else None,
                   ticketable=ticketable is not False, public_note=details.get("public_note") or "")


HOW_TO_BRING = {"submit_original": "Nộp {n} bản chính", "submit_copy": "Nộp {n} bản sao",
                "submit_certified_copy": "Nộp {n} bản sao có chứng thực",
                "show_only": "Mang bản chính để xuất trình (không nộp)"}


def how_to_bring(document: dict) -> str:
    """'Nộp 1 bản chính', 'Nộp 2 bản sao có chứng thực', 'Mang bản chính để xuất trình (không nộp)'."""
    kind = document_kind(document)
    return HOW_TO_BRING[kind].format(n=document.get("originals") if kind == "submit_original" else document.get("copies"))


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
    """Procedures of the centre, optionally in one field; with `q`, those matching it, best first;
    without, field by field, the most used first (`by_use`)."""
    version, zone = ctx.read(lambda session: session.execute(
        select(Centre.catalogue_version, Centre.timezone).where(Centre.id == centre_id)).one())
    # The order by use changes with the day: an index is kept for one catalogue version on one day.
    as_of = (version, local_now(zone).date())
    index = SEARCH_INDEXES.get(ctx.engine, centre_id, field, as_of, lambda: _build_index(ctx, centre_id, field))
    return index.search(q or "")


def forget_search_indexes() -> None:
    """Drop the cached search indexes: the next search of each centre builds its index again."""
    SEARCH_INDEXES.clear()


def _build_index(ctx: QueueContext, centre_id: int, field: str | None) -> tuple[tuple, SearchIndex]:
    """The centre's catalogue version and day, and a search index over its procedures as of them."""
    def work(session):
        # The version first: rows read after it are at least as new, so an index is never kept
        # under a version newer than its rows.
        version, zone, province = session.execute(select(Centre.catalogue_version, Centre.timezone, Centre.province)
                                                  .where(Centre.id == centre_id)).one()
        today = local_now(zone).date()
        query = (select(Procedure.id, Field.display_order, Procedure.code, Procedure.name, Field.code, Field.name_vi,
                        Procedure.details, Procedure.effective_from, Procedure.last_verified, Procedure.ticketable)
                 .join(Field, Field.id == Procedure.field_id)
                 .where(Field.centre_id == centre_id, Procedure.status != "abolished"))
        if field:
            query = query.where(Field.code == field)
        rows = session.execute(query).all()
        used = tickets_by_procedure(session, centre_id, today)
        rows.sort(key=lambda row: by_use(row[1], used.get(row[0], 0), (row[6] or {}).get("usage_rank"), row[3]))
        table = province_table(province)
        return (version, today), [ProcedureSummary.from_row(*row[2:], province=table, today=today) for row in rows]
    as_of, procedures = ctx.read(work)
    return as_of, SearchIndex(procedures, code=lambda p: p.code, name=lambda p: p.name)


def by_use(field_order: int, tickets: int, usage_rank: int | None, name: str) -> tuple:
    """The listing's order: field by field; within a field the procedures most taken over the last
    USE_DAYS days first, then the catalogue's default order (usage_rank), then by name."""
    return field_order, -tickets, usage_rank if usage_rank is not None else float("inf"), fold(name)


def tickets_by_procedure(session, centre_id: int, today: date) -> dict[int, int]:
    """{procedure id: tickets taken for it} over the USE_DAYS days before `today`."""
    return dict(session.execute(
        select(Ticket.procedure_id, func.count()).where(
            Ticket.centre_id == centre_id, Ticket.service_day >= today - timedelta(days=USE_DAYS),
            Ticket.service_day < today, Ticket.procedure_id.is_not(None))
        .group_by(Ticket.procedure_id)).all())


def get_procedure(ctx: QueueContext, centre_id: int, code: str) -> ProcedureSummary:
    """One procedure by its national code."""
    for procedure in find_procedures(ctx, centre_id):
        if procedure.code == code:
            return procedure
    raise UnknownProcedure(procedure=code)


PUBLIC_KEYS = ("levels", "ways", "steps", "documents", "applicants", "conditions", "result", "legal_basis",
               "agency", "decision", "public_note")   # never internal_notes nor source


def public_record(ctx: QueueContext, centre_id: int, code: str) -> dict:
    """What citizens may read of one procedure (steps, applicants, result, decision...), fees in
    the words of the centre's province; the internal notes and the compiler's sources stay out."""
    def work(session):
        row = session.execute(select(Procedure, Centre.province, Centre.timezone).select_from(Procedure)
                              .join(Field, Field.id == Procedure.field_id).join(Centre, Centre.id == Field.centre_id)
                              .where(Field.centre_id == centre_id, Procedure.code == code)).first()
        if row is None:
            raise UnknownProcedure(procedure=code)
        procedure, province, zone = row
        details = procedure.details or {}
        public = {key: details.get(key) for key in PUBLIC_KEYS}
        public["ways"] = province_table(province).local_ways(code, details.get("ways") or [], local_now(zone).date())
        return {**public, "status": procedure.status, "last_verified": procedure.last_verified,
                "ticketable": procedure.ticketable}
    return ctx.read(work)


def catalogue_version(ctx: QueueContext, centre_id: int) -> int:
    """A number that changes whenever the centre's catalogue does (kiosks compare it)."""
    return ctx.read(lambda session: session.scalar(select(Centre.catalogue_version).where(Centre.id == centre_id)))


def list_priorities(ctx: QueueContext, centre_id: int) -> list[PriorityCategory]:
    """Priority categories in display order."""
    return ctx.read(lambda session: list(session.scalars(
        select(PriorityCategory).where(PriorityCategory.centre_id == centre_id)
        .order_by(PriorityCategory.display_order, PriorityCategory.code))))
