"""Statements the use cases share: running counts per field and day, the event log, ticket views."""
from datetime import date, datetime

import importlib

from sqlalchemy import and_, bindparam, false, func, or_, select, update
from sqlalchemy.orm import Session

from ..domain.queue_policy import QueuePolicy
from ..domain.tickets import Status
from ..models import Centre, Counter, CounterField, Field, FieldDay, Ticket, TicketEvent

COUNT_COLUMNS = ("waiting", "waiting_priority", "completed", "service_seconds")


def upsert_for(dialect: str):
    """The dialect's INSERT with ON CONFLICT support. Imported by name on first use: importing
    the PostgreSQL dialect also loads asyncpg's and pg8000's (some 3 MB) into a SQLite server."""
    return importlib.import_module(f"sqlalchemy.dialects.{dialect}").insert


def core(session):
    """The Core connection under a Session (or the connection itself): prebuilt statements run
    there without the ORM's per-statement work."""
    return session.connection() if isinstance(session, Session) else session


_LOCK_CENTRE = (select(Centre.__table__.c.id).where(Centre.__table__.c.id == bindparam("centre_id"))
                .with_for_update(key_share=True))


def lock_centre(session, centre_id: int) -> None:
    """Counter actions of one centre take turns (PostgreSQL; SQLite's write lock does it already).

    Each touches the running counts of several fields; in turns, two of them can never wait on
    each other's rows (a deadlock). FOR NO KEY UPDATE leaves kiosks free to issue meanwhile.
    """
    connection = core(session)
    if connection.dialect.name != "sqlite":
        connection.execute(_LOCK_CENTRE, {"centre_id": centre_id})


_bump_statements: dict[str, object] = {}


def _bump_statement(dialect: str):
    if dialect not in _bump_statements:
        table = FieldDay.__table__
        deltas = {name: bindparam("d_" + name, type_=table.c[name].type) for name in COUNT_COLUMNS}
        stmt = upsert_for(dialect)(table).values(
            field_id=bindparam("d_field_id"), service_day=bindparam("d_day"), last_sequence=0, **deltas)
        _bump_statements[dialect] = stmt.on_conflict_do_update(
            index_elements=[table.c.field_id, table.c.service_day],
            set_={name: table.c[name] + deltas[name] for name in COUNT_COLUMNS})
    return _bump_statements[dialect]


def bump_counts(session, field_id: int, day: date, **deltas) -> None:
    """Add `deltas` to a field's running counts for a day, creating the row if needed."""
    if not any(deltas.values()):
        return
    connection = core(session)
    connection.execute(_bump_statement(connection.dialect.name), {
        "d_field_id": field_id, "d_day": day, **{"d_" + name: deltas.get(name, 0) for name in COUNT_COLUMNS}})


_update_statements: dict[tuple[str, ...], object] = {}


def update_ticket(session, ticket_id: int, from_status: str, **values) -> int:
    """UPDATE one ticket if it is still in `from_status` (compare and set); rows changed (0 or 1)."""
    names = tuple(sorted(values))
    if names not in _update_statements:
        table = Ticket.__table__
        _update_statements[names] = (
            update(table).where(table.c.id == bindparam("u_id"), table.c.status == bindparam("u_from"))
            .values({name: bindparam("u_" + name, type_=table.c[name].type) for name in names}))
    params = {"u_id": ticket_id, "u_from": from_status, **{"u_" + name: value for name, value in values.items()}}
    return core(session).execute(_update_statements[names], params).rowcount


def leave_waiting(session: Session, field_id: int, day: date, is_priority: bool) -> None:
    """A waiting ticket of this field stops waiting."""
    bump_counts(session, field_id, day, waiting=-1, waiting_priority=-int(is_priority))


def join_waiting(session: Session, field_id: int, day: date, is_priority: bool) -> None:
    """A ticket starts waiting in this field."""
    bump_counts(session, field_id, day, waiting=1, waiting_priority=int(is_priority))


def record_event(session, ticket, kind: str, at: datetime, counter_id=None,
                 staff_id=None, **data) -> None:
    """Append one line to the ticket event log (in a Session or on a Connection).
    `ticket` needs id, centre_id, number and field_code."""
    core(session).execute(_INSERT_EVENT, dict(
        centre_id=ticket.centre_id, ticket_id=ticket.id, kind=kind, at=at,
        counter_id=counter_id, staff_id=staff_id,
        data={"number": ticket.number, "field": ticket.field_code, **data},
    ))


_INSERT_EVENT = TicketEvent.__table__.insert()


# The columns a use case reads about a ticket, with its field code and counter number.
TICKET_COLUMNS = (
    Ticket.id, Ticket.centre_id, Ticket.number, Ticket.status, Ticket.field_id, Ticket.is_priority,
    Ticket.service_day, Ticket.issued_at, Ticket.called_at, Ticket.started_at, Ticket.counter_id,
    Ticket.target_counter_id, Ticket.tracking_token, Ticket.procedure_id, Ticket.priority_id,
    Ticket.call_count, Ticket.first_called_at, Ticket.no_show_count, Ticket.transfer_count,
    Field.code.label("field_code"),
)


def ticket_query():
    """SELECT of TICKET_COLUMNS joined to the ticket's field."""
    return select(*TICKET_COLUMNS).join(Field, Field.id == Ticket.field_id)


_SERVED = (select(CounterField.__table__.c.field_id)
           .where(CounterField.__table__.c.counter_id == bindparam("counter_id"))
           .order_by(CounterField.__table__.c.position))


def served_field_ids(session, counter_id: int) -> list[int]:
    """The fields a counter serves, in the counter's order."""
    return list(core(session).execute(_SERVED, {"counter_id": counter_id}).scalars())


def open_counters_serving(session: Session, field_id: int) -> int:
    """How many open counters serve a field."""
    return session.scalar(
        select(func.count()).select_from(CounterField)
        .join(Counter, Counter.id == CounterField.counter_id)
        .where(CounterField.field_id == field_id, Counter.is_open.is_(True)))


def counters_by_field(session: Session, centre_id: int) -> dict[int, list[int]]:
    """The numbers of the open counters serving each field of the centre, in number order: what
    citizens are told ("quầy 1, 2") on the ticket, the kiosk and the board."""
    serving: dict[int, list[int]] = {}
    for field_id, number in session.execute(
            select(CounterField.field_id, Counter.number).join(Counter, Counter.id == CounterField.counter_id)
            .where(Counter.centre_id == centre_id, Counter.is_open.is_(True)).order_by(Counter.number)):
        serving.setdefault(field_id, []).append(number)
    return serving


def policy_order(policy: QueuePolicy):
    """The calling rule as ORDER BY clauses."""
    return [getattr(Ticket, name).desc() if direction == "desc" else getattr(Ticket, name).asc()
            for name, direction in policy.order]


def ahead_of(policy: QueuePolicy, ticket) -> object:
    """SQL condition: a ticket comes before `ticket` in calling order (lexicographic on the policy)."""
    condition = None
    for name, direction in reversed(policy.order):
        column, value = getattr(Ticket, name), getattr(ticket, name)
        strictly, equal = _before(column, value, direction), _equal(column, value)
        condition = strictly if condition is None else or_(strictly, and_(equal, condition))
    return condition


def _before(column, value, direction):
    """SQL: `column` sorts strictly before `value` in this direction."""
    if isinstance(value, bool):  # SQL has no < on booleans
        if direction == "desc" and not value:
            return column.is_(True)
        if direction == "asc" and value:
            return column.is_(False)
        return false()
    return column > value if direction == "desc" else column < value


def _equal(column, value):
    return column.is_(value) if isinstance(value, bool) else column == value


def waiting_in_queue_of(ticket):
    """SQL condition: waiting today in the same queue as `ticket` (same field, or same target counter)."""
    same_queue = (Ticket.target_counter_id == ticket.target_counter_id
                  if ticket.target_counter_id else
                  and_(Ticket.field_id == ticket.field_id, Ticket.target_counter_id.is_(None)))
    return and_(Ticket.centre_id == ticket.centre_id, Ticket.service_day == ticket.service_day,
                Ticket.status == Status.WAITING, same_queue)
