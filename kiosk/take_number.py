"""Taking a number, from the tap to the paper (plain Python: the screens call it from a worker
thread). The server issues first and the printer prints after, so a printed ticket is always one
the server knows; when printing fails the ticket stays valid, is shown on screen, and can be
printed again."""
from dataclasses import dataclass

from .client import CounterServerClient, IssuedTicket, Refused, ServerUnavailable
from .printing import PrintResult, print_ticket, ticket_from_server


@dataclass(frozen=True)
class Outcome:
    """What the ticket screen shows: the ticket (if issued), how printing went, or why not."""

    ticket: IssuedTicket | None
    printed: PrintResult | None = None
    refusal_code: str | None = None
    message_vi: str = ""
    message_en: str = ""

    @property
    def can_reprint(self) -> bool:
        """A ticket exists but its paper did not come out."""
        return self.ticket is not None and self.printed is not None and not self.printed.printed


@dataclass(frozen=True)
class Choice:
    """What the citizen chose, with the names to print."""

    field: str
    field_name: str
    procedure: str | None = None
    procedure_name: str | None = None
    priority: str | None = None
    priority_label: str | None = None
    dossier_code: str | None = None   # collecting a result: the code on the citizen's slip
    counters: tuple[int, ...] = ()    # the open counters that call the field, as the server last said


class NumberTaker:
    """Issues through the server, then prints on the kiosk's printer."""

    def __init__(self, client: CounterServerClient, printer_url: str, centre_name: str, footer: str = "",
                 time_zone: str = "Asia/Ho_Chi_Minh"):
        self.client, self.printer_url, self.centre_name = client, printer_url, centre_name
        self.footer, self.time_zone = footer, time_zone

    def take(self, choice: Choice) -> Outcome:
        """One tap's whole job: issue (retried safely), then print."""
        try:
            ticket = self.client.take_ticket(choice.field, choice.procedure, choice.priority,
                                             dossier_code=choice.dossier_code)
        except Refused as refused:
            return Outcome(None, refusal_code=refused.code, message_vi=refused.message, message_en=refused.message)
        except ServerUnavailable as down:
            return Outcome(None, refusal_code="server_unavailable", message_vi=down.message_vi,
                           message_en=down.message_en)
        return self._print(ticket, choice)

    def reprint(self, outcome: Outcome, choice: Choice) -> Outcome:
        """Print the same ticket again (after staff refilled the paper or closed the cover)."""
        return self._print(outcome.ticket, choice)

    def _print(self, ticket: IssuedTicket, choice: Choice) -> Outcome:
        data = ticket_from_server(
            vars(ticket), centre_name=self.centre_name, field_name=choice.field_name,
            procedure_name=choice.procedure_name, priority_label=choice.priority_label, footer=self.footer,
            time_zone=self.time_zone, dossier_code=ticket.dossier_code, counters=choice.counters)
        result = print_ticket(self.printer_url, data)
        return Outcome(ticket, result, message_vi=result.message_vi, message_en=result.message_en)
