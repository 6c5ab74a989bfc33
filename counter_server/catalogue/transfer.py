"""Import and export of a centre's catalogue. An import is one transaction: all of it or none;
it reports what it added, changed and retired (procedures no longer in the file are marked
abolished, never deleted: tickets and reports still point at them)."""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from ..models import Centre, Field, Procedure
from ..services.context import QueueContext
from .history import note_change
from .record import CatalogueError, ProcedureRecord, in_json, parse

DETAIL_KEYS = ("levels", "ways", "steps", "documents", "applicants", "conditions", "result", "legal_basis",
               "agency", "decision", "public_note", "internal_notes", "usage_rank")


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    unchanged: int = 0

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.changed)} changed, {len(self.retired)} retired, "
                f"{self.unchanged} unchanged")


def import_catalogue(ctx: QueueContext, centre_id: int, data, retire_missing: bool = True, tell=in_json,
                     actor: str = "import") -> ImportReport:
    """Bring the centre's catalogue to what `data` says, in one transaction; each procedure added,
    changed or retired is written in the history under `actor`."""
    records = parse(data, tell)

    def work(session):
        fields = {f.code: f for f in session.scalars(select(Field).where(Field.centre_id == centre_id))}
        unknown = sorted({r["field"] for r in records} - set(fields))
        if unknown:
            raise CatalogueError([f"field {code}: not a field of this centre (create it first)" for code in unknown])
        for item in data.get("fields") or ():   # parse() refused anything but an object
            if isinstance(item, dict) and item.get("code") in fields and isinstance(item.get("national_code"), str):
                fields[item["code"]].national_code = item["national_code"][:40]   # the national database's code
        existing = {(p.field_id, p.code): p for p in session.scalars(
            select(Procedure).join(Field).where(Field.centre_id == centre_id))}
        report, seen = ImportReport(), set()
        for record in records:
            key = (fields[record["field"]].id, record["code"])
            seen.add(key)
            action = save_record(session, centre_id, key[0], record, existing.get(key), actor, "import")
            if action:
                getattr(report, action).append(record["code"])
            else:
                report.unchanged += 1
        if retire_missing:
            for key, procedure in existing.items():
                if key not in seen and procedure.status != "abolished":
                    note_change(session, centre_id, procedure, "retired", {"status": [procedure.status, "abolished"]},
                                actor, "import")
                    procedure.status = "abolished"
                    report.retired.append(procedure.code)
        if report.added or report.changed or report.retired:
            session.get(Centre, centre_id).catalogue_version += 1   # kiosks fetch a fresh copy
        return report
    return ctx.write(work)


def save_record(session, centre_id: int, field_id: int, record: dict, procedure: Procedure | None, actor: str,
                via: str) -> str | None:
    """Write one validated record over `procedure` (or as a new one) and note it in the history:
    "added", "changed", or None when nothing differs."""
    values = _columns(record)
    if procedure is None:
        procedure = Procedure(field_id=field_id, code=record["code"], **values)
        session.add(procedure)
        session.flush()   # the history points at its id
        note_change(session, centre_id, procedure, "added", {}, actor, via)
        return "added"
    if procedure.field_id != field_id:
        values["field_id"] = field_id
    changes = {name: [getattr(procedure, name), value] for name, value in values.items()
               if getattr(procedure, name) != value}
    if not changes:
        return None
    note_change(session, centre_id, procedure, "changed", changes, actor, via)
    for name, value in values.items():
        setattr(procedure, name, value)
    return "changed"


def export_catalogue(ctx: QueueContext, centre_id: int) -> dict:
    """The centre's catalogue as a document `import_catalogue` reads back unchanged."""
    def work(session):
        rows = session.execute(select(Procedure, Field).join(Field).where(Field.centre_id == centre_id)
                               .order_by(Field.display_order, Field.code, Procedure.code)).all()
        used = {f.code: f for _, f in rows}
        return {"fields": [{"code": f.code, "name_vi": f.name_vi, "name_en": f.name_en, "national_code": f.national_code}
                           for f in used.values()],
                "procedures": [procedure_record(p, f) for p, f in rows]}
    return ctx.read(work)


def _columns(record: dict) -> dict:
    """A validated record as Procedure column values (dates kept as dates, details as JSON)."""
    dumped = ProcedureRecord().dump(record)   # dates → ISO strings inside details
    return {"name": record["name"], "status": record["status"], "effective_from": record["effective_from"],
            "last_verified": record["last_verified"], "source": record["source"], "ticketable": record["ticketable"],
            "details": {key: dumped.get(key) for key in DETAIL_KEYS}}


def procedure_record(procedure: Procedure, field_row: Field) -> dict:
    """One procedure as a record of the national structure (what export writes)."""
    details = procedure.details or {}
    return {"code": procedure.code, "name": procedure.name, "field": field_row.code,
            **{key: details.get(key) for key in DETAIL_KEYS},
            "effective_from": _iso(procedure.effective_from), "last_verified": _iso(procedure.last_verified),
            "status": procedure.status, "source": procedure.source, "ticketable": procedure.ticketable}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
