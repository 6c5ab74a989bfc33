"""What the database must show after the load and crash benchmarks, read once the server has
stopped: every ticket and dossier the API acknowledged is there as acknowledged, no number is used
twice in a centre's day, no ticket was called at a counter while it was still at one, every ticket
stands where its last event says, and the numbering is ahead of every number issued."""
from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import create_engine, func, select

from bench.load_clients import Board, Tally
from counter_server.models import Centre, Dossier, FieldDay, Ticket, TicketEvent

# The status a ticket has after each kind of event (the service writes both in one transaction).
STATUS_AFTER = {"issued": "waiting", "requeued": "waiting", "transferred": "waiting", "called": "called",
                "recalled": "called", "started": "serving", "completed": "completed", "no_show": "no_show",
                "cancelled": "cancelled", "expired": "expired"}
AT_A_COUNTER = ("called", "serving")
# The invariants: each of these must be 0.
FAULTS = ("missing_tickets", "duplicate_numbers", "numbers_acknowledged_twice", "double_calls",
          "calls_acknowledged_twice", "calls_without_event", "called_without_event", "status_not_last_event",
          "numbering_behind", "missing_dossiers", "duplicate_dossier_codes")


def check_database(url: str, tally: Tally) -> dict:
    """The invariants' counts (FAULTS, each 0 when all is well) and what the database holds."""
    engine = create_engine(url)
    with engine.connect() as connection:
        codes = dict(connection.execute(select(Centre.id, Centre.code)).all())
        tickets = {row.id: row for row in connection.execute(select(
            Ticket.id, Ticket.centre_id, Ticket.service_day, Ticket.number, Ticket.status, Ticket.origin_field_id,
            Ticket.sequence))}
        events = connection.execute(select(TicketEvent.ticket_id, TicketEvent.kind, TicketEvent.counter_id)
                                    .where(TicketEvent.ticket_id.is_not(None)).order_by(TicketEvent.id)).all()
        dossiers = {row.id: row for row in connection.execute(select(Dossier.id, Dossier.centre_id, Dossier.code))}
        numbered = dict(((row.field_id, row.service_day), row.last_sequence) for row in connection.execute(
            select(FieldDay.field_id, FieldDay.service_day, FieldDay.last_sequence)))
        dossier_codes = connection.execute(select(func.count(Dossier.code.distinct()))).scalar_one()
    engine.dispose()
    replay = replay_events(events)
    return {"tickets_in_database": len(tickets), "events_in_database": len(events),
            "dossiers_in_database": len(dossiers),
            **acknowledged_tickets(tally, tickets, codes), **acknowledged_calls(tally, replay),
            **numbering(tickets, numbered), **statuses(tickets, replay),
            "double_calls": replay["double_calls"],
            **acknowledged_dossiers(tally, dossiers, codes),
            "duplicate_dossier_codes": len(dossiers) - dossier_codes}


def replay_events(events) -> dict:
    """Walk the event log in order: calls made while the ticket was still at a counter (double
    calls), the counters that called each ticket, and each ticket's last event."""
    at_counter, called_by, last = {}, defaultdict(set), {}
    double = 0
    for ticket_id, kind, counter_id in events:
        if kind == "called":
            double += ticket_id in at_counter
            at_counter[ticket_id] = counter_id
            called_by[ticket_id].add(counter_id)
        elif STATUS_AFTER.get(kind) not in AT_A_COUNTER:
            at_counter.pop(ticket_id, None)
        last[ticket_id] = kind
    return {"double_calls": double, "called_by": called_by, "last": last}


def acknowledged_tickets(tally: Tally, tickets: dict, codes: dict) -> dict:
    """Acknowledged (201, or 200 to a repeated key) tickets absent or different in the database, and
    numbers the API handed out for two different tickets."""
    acknowledged = {(centre, ticket_id, number) for centre, ticket_id, number, _ in tally.tickets}
    missing = sum(1 for centre, ticket_id, number in acknowledged
                  if ticket_id not in tickets or (codes[tickets[ticket_id].centre_id], tickets[ticket_id].number)
                  != (centre, number))
    # Every run here lies within one service day: a number is its centre's for the whole run.
    holders = Counter((centre, number) for centre, _, number in acknowledged)
    return {"acknowledged_tickets": len(acknowledged), "missing_tickets": missing,
            "numbers_acknowledged_twice": sum(1 for count in holders.values() if count > 1)}


def acknowledged_calls(tally: Tally, replay: dict) -> dict:
    """Calls answered 200 with no "called" event at that counter, and tickets handed to two calls."""
    handed = Counter(ticket_id for _, _, ticket_id in tally.calls)
    return {"acknowledged_calls": len(tally.calls),
            "calls_without_event": sum(1 for _, counter, ticket_id in tally.calls
                                       if counter not in replay["called_by"].get(ticket_id, ())),
            "calls_acknowledged_twice": sum(1 for count in handed.values() if count > 1)}


def numbering(tickets: dict, numbered: dict) -> dict:
    """Numbers used twice in a centre's day, and field-days whose sequence is behind a number issued
    (the next ticket would reuse it)."""
    uses = Counter((row.centre_id, row.service_day, row.number) for row in tickets.values())
    highest = defaultdict(int)
    for row in tickets.values():
        key = (row.origin_field_id, row.service_day)
        highest[key] = max(highest[key], row.sequence)
    return {"duplicate_numbers": sum(count - 1 for count in uses.values() if count > 1),
            "numbering_behind": sum(1 for key, top in highest.items() if numbered.get(key, 0) < top)}


def statuses(tickets: dict, replay: dict) -> dict:
    """Tickets at a counter with no event saying so, and tickets whose status is not the one their
    last event leads to."""
    last = replay["last"]
    return {"called_without_event": sum(1 for row in tickets.values() if row.status in AT_A_COUNTER
                                        and STATUS_AFTER.get(last.get(row.id)) != row.status),
            "status_not_last_event": sum(1 for row in tickets.values()
                                         if STATUS_AFTER.get(last.get(row.id)) != row.status),
            "tickets_by_status": dict(Counter(row.status for row in tickets.values()))}


def acknowledged_dossiers(tally: Tally, dossiers: dict, codes: dict) -> dict:
    """Dossiers answered 201 that are absent or different in the database."""
    missing = sum(1 for centre, dossier_id, code, _ in tally.dossiers
                  if dossier_id not in dossiers or (codes[dossiers[dossier_id].centre_id], dossiers[dossier_id].code)
                  != (centre, code))
    return {"acknowledged_dossiers": len(tally.dossiers), "missing_dossiers": missing}


def faults(checked: dict) -> dict:
    """The invariants that failed, with their counts."""
    return {name: checked[name] for name in FAULTS if checked[name]}


def missed_by(board: Board, url: str, centre: str) -> dict:
    """The centre's events, between the first and the last the board received, that it never
    received: their count by kind (a board that resumes with Last-Event-ID must see every one)."""
    received = {event_id for event_id, _ in board.events}
    if not received:
        return {}
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            select(TicketEvent.id, TicketEvent.kind).join(Centre, Centre.id == TicketEvent.centre_id)
            .where(Centre.code == centre, TicketEvent.id.between(min(received), max(received)))).all()
    engine.dispose()
    return dict(Counter(kind for event_id, kind in rows if event_id not in received))
