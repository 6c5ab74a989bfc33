"""Shapes of the dossier-tracking API (step 10): moves, the control sheet, the tracking book."""
from apiflask import Schema
from apiflask.fields import Date, DateTime, Integer, List, Nested, String
from apiflask.validators import Length, OneOf, Range

from ..domain.dossier_lifecycle import Stage, Timing
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
