"""Shapes of the dossier-tracking API (step 10): moves, the control sheet, the tracking book."""
from apiflask import Schema
from apiflask.fields import Date, DateTime, Integer, List, Nested, String
from apiflask.validators import Length, OneOf, Range

from ..domain.dossier_lifecycle import Stage, Timing
from ..services.dossier_book import DUE_CHOICES, PAGE
from .fields import Text

STAGES = [stage.value for stage in Stage]


class MoveIn(Schema):
    to = Text(required=True, validate=OneOf(STAGES), metadata={"example": "processing"})
    to_unit = Text(load_default="", validate=Length(max=200), metadata={
        "description": "the unit the dossier is handed to", "example": "Công chức Tư pháp – Hộ tịch"})
    note = Text(load_default="", validate=Length(max=2000), metadata={
        "description": "why: what is missing (supplement), the reason (refusal, stop, withdrawal, extension)"})
    new_due_date = Date(load_default=None, allow_none=True, metadata={
        "description": "an extension: a later due date (a working day), with the reason in note"})


class MovedOut(Schema):
    id = Integer()
    status = String(validate=OneOf(STAGES))
    status_words = String()


class SheetLineOut(Schema):
    at = DateTime()
    from_status = String(allow_none=True)
    to_status = String()
    words = String()
    by = String(allow_none=True)
    from_unit = String()
    to_unit = String()
    note = String()
    due_at = DateTime(metadata={"description": "the due moment in force when it happened"})
    timing = String(validate=OneOf([timing.value for timing in Timing]))
    extended_to = DateTime(allow_none=True)


class ControlSheetOut(Schema):
    items = List(Nested(SheetLineOut))


class BookQuery(Schema):
    from_ = Date(data_key="from", load_default=None, metadata={"description": "received on or after this day"})
    to = Date(load_default=None, metadata={"description": "received on or before this day"})
    status = Text(load_default=None, validate=OneOf(STAGES))
    field = Text(load_default=None, validate=Length(min=1, max=32), metadata={"description": "field code"})
    procedure = Text(load_default=None, validate=Length(min=1, max=40), metadata={"description": "procedure code"})
    due = Text(load_default=None, validate=OneOf(DUE_CHOICES), metadata={
        "description": "dossiers still open that are due today, due tomorrow, or already late"})
    format = Text(load_default="json", validate=OneOf(("json", "csv", "xlsx")))
    limit = Integer(load_default=PAGE, validate=Range(min=1, max=500), metadata={"description": "JSON only"})
    offset = Integer(load_default=0, validate=Range(min=0, max=10_000_000), metadata={"description": "JSON only"})


class BookRowOut(Schema):
    id = Integer()
    code = String()
    procedure = String()
    procedure_name = String()
    field = String()
    sets = Integer()
    applicant_name = String()
    organisation = String()
    address = String()
    phone = String()
    unit = String()
    status = String(validate=OneOf(STAGES))
    status_words = String()
    received_at = DateTime()
    due_at = DateTime()
    first_due_at = DateTime()
    transferred_at = DateTime(allow_none=True)
    result_at = DateTime(allow_none=True)
    returned_at = DateTime(allow_none=True)
    collected_by = String()
    timing = String(allow_none=True, validate=OneOf([timing.value for timing in Timing]))
    notes = String()


class BookOut(Schema):
    total = Integer()
    limit = Integer()
    offset = Integer()
    items = List(Nested(BookRowOut))
