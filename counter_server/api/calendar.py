"""The working-day calendar, public: when a dossier received now would be due, and the year's
days off and make-up working days (docs: README, "Appointment dates")."""
from apiflask import APIBlueprint

from ..domain.calendar import parse_hhmm
from ..edge import centre_id_for, queue
from ..services import workdays
from .errors import refuse
from .schemas import AppointmentOut, AppointmentQuery, CalendarYearOut, YearQuery

bp = APIBlueprint("calendar", __name__, url_prefix="/api/v1", tag="Calendar")
FIRST_YEAR, LAST_YEAR = 2000, 2100   # the calendar's years (the days query's bounds too)


@bp.get("/calendar/appointment")
@bp.input(AppointmentQuery, location="query", arg_name="query")
@bp.output(AppointmentOut)
@bp.doc(summary="The due date of a dossier received at a given time, for a procedure or a processing time",
        description="Working days count from the working day after receipt (day 1); 0 working days is a "
                    "same-day procedure; received on a day off or after the cut-off counts as received on the "
                    "next working day; calendar days ending on a day off end on the next working day; hours "
                    "are office hours of working days.", responses=[404, 422])
def appointment(query):
    if not FIRST_YEAR <= query["received_at"].year <= LAST_YEAR:
        raise refuse(422, "out_of_range", f"Chỉ tính hẹn cho các năm {FIRST_YEAR}–{LAST_YEAR}.")
    ctx = queue()
    centre_id = centre_id_for(query["centre"])
    if query["procedure"] is not None:
        allowed = workdays.processing_time(ctx, centre_id, query["procedure"])
    else:
        allowed = workdays.ProcessingTime(query["amount"], query["unit"],
                                          parse_hhmm(query["cutoff"]) if query["cutoff"] else None)
    due = workdays.appointment_for(ctx, centre_id, query["received_at"], allowed)
    return {"received_at": due.received_at, "due_at": due.due_at, "due_date": due.due_date,
            "counted_from": due.counted_from,
            "skipped": [{"date": skipped.day, "reason": skipped.reason} for skipped in due.skipped]}


@bp.get("/calendar/days")
@bp.input(YearQuery, location="query", arg_name="query")
@bp.output(CalendarYearOut)
@bp.doc(summary="The year's weekday days off (holidays, swaps) and weekend days worked, with reasons and sources",
        responses=[422])
def days(query):
    return {"year": query["year"], "items": [
        {"date": day.day, "kind": day.kind, "reason": day.reason, "source": day.source}
        for day in workdays.year_days(queue(), query["year"])]}
