"""What a printed ticket and a requirements slip say: plain data, no drawing."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from .wording import document_kind

DEFAULT_TIME_ZONE = "Asia/Ho_Chi_Minh"


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {moment!r}")


@dataclass(frozen=True, kw_only=True)
class TicketData:
    """A queue ticket (phiếu số thứ tự) as the citizen takes it home."""

    centre_name: str
    number: str
    field_name: str
    procedure_name: str | None = None
    priority_label: str | None = None
    waiting_ahead: int = 0
    estimated_wait_minutes: int = 0
    issued_at: datetime
    track_url: str
    footer: str = ""
    time_zone: str = DEFAULT_TIME_ZONE
    dossier_code: str | None = None   # collecting a result: the dossier the server found
    counters: tuple[int, ...] = ()    # the open counters that call the field

    def __post_init__(self) -> None:
        _require_aware(self.issued_at, "issued_at")
        object.__setattr__(self, "counters", tuple(self.counters))
        ZoneInfo(self.time_zone)  # fail early on a misspelt zone name

    def local_issued_at(self) -> datetime:
        """The issue time in the centre's own time zone."""
        return self.issued_at.astimezone(ZoneInfo(self.time_zone))


@dataclass(frozen=True)
class RequiredDocument:
    """One paper of a dossier (thành phần hồ sơ), how many of it to bring, and in which case
    (trường hợp …) it is needed; no case: always."""

    name: str
    originals: int = 1
    copies: int = 0
    case: str | None = None
    kind: str = "submit_original"   # submit_original | submit_copy | submit_certified_copy | show_only


@dataclass(frozen=True, kw_only=True)
class RequirementsSlip:
    """The documents list of one procedure (thủ tục), printed for the citizen to keep."""

    name: str
    code: str
    field_name: str
    documents: tuple[RequiredDocument, ...] = field(default_factory=tuple)
    processing_time: str = ""
    fees: str = ""
    centre_name: str
    printed_at: datetime
    time_zone: str = DEFAULT_TIME_ZONE

    def __post_init__(self) -> None:
        _require_aware(self.printed_at, "printed_at")
        ZoneInfo(self.time_zone)
        object.__setattr__(self, "documents", tuple(self.documents))

    def local_printed_at(self) -> datetime:
        """The print time in the centre's own time zone."""
        return self.printed_at.astimezone(ZoneInfo(self.time_zone))


def ticket_from_server(
    payload: dict,
    *,
    centre_name: str,
    field_name: str,
    procedure_name: str | None = None,
    priority_label: str | None = None,
    footer: str = "",
    time_zone: str = DEFAULT_TIME_ZONE,
    dossier_code: str | None = None,
    counters: tuple[int, ...] = (),
) -> TicketData:
    """Build a TicketData from the counter server's ticket JSON and the centre's own names."""
    return TicketData(
        centre_name=centre_name,
        number=str(payload["number"]),
        field_name=field_name,
        procedure_name=procedure_name,
        priority_label=priority_label,
        waiting_ahead=int(payload.get("waiting_ahead") or 0),
        estimated_wait_minutes=int(payload.get("estimated_wait_minutes") or 0),
        issued_at=datetime.fromisoformat(payload["issued_at"]),
        track_url=str(payload["track_url"]),
        footer=footer,
        time_zone=time_zone,
        dossier_code=dossier_code,
        counters=counters,
    )


def slip_from_procedure(
    procedure: dict,
    *,
    centre_name: str,
    printed_at: datetime,
    time_zone: str = DEFAULT_TIME_ZONE,
) -> RequirementsSlip:
    """Build the documents list from a procedure as the counter server's API gives it."""
    return RequirementsSlip(
        name=procedure["name"],
        code=procedure["code"],
        field_name=procedure.get("field_name") or "",
        documents=[
            RequiredDocument(
                document["name"],
                int(document.get("originals") or 0),
                int(document.get("copies") or 0),
                (document.get("case") or "").strip() or None,
                document_kind(document),
            )
            for document in procedure.get("documents") or []
        ],
        processing_time=procedure.get("processing_time") or "",
        fees=procedure.get("fees") or "",
        centre_name=centre_name,
        printed_at=printed_at,
        time_zone=time_zone,
    )
