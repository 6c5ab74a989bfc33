"""SQLAlchemy 2 typed models. Every row belongs to a centre, directly or through its parent,
so that one database can hold a whole province."""
from datetime import date, datetime, timezone

from sqlalchemy import (
    JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String,
    TypeDecorator, UniqueConstraint, false, true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back time-zone aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware one")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def utcnow() -> datetime:
    """Now, aware, in UTC."""
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class Centre(Base):
    """Trung tâm phục vụ hành chính công / bộ phận một cửa: one site."""

    __tablename__ = "centres"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20))  # "province" | "commune"
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Ho_Chi_Minh")
    opening_hours: Mapped[dict] = mapped_column(JSON, default=dict)
    address: Mapped[str] = mapped_column(String(300), default="")
    # Satisfaction levels offered on the rating tablets, best first: [{"level": 3, "label": ...}].
    # Empty: the three levels of domain/rating.py.
    rating_levels: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    # Goes up whenever the procedure catalogue changes, so kiosks know to fetch a fresh copy.
    catalogue_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Dossier codes (domain/dossiers.py): the agency code in them ("" : the centre's code) and the format.
    agency_code: Mapped[str] = mapped_column(String(40), default="", server_default="")
    dossier_code_format: Mapped[str] = mapped_column(String(80), default="{agency}-{yymmdd}-{seq:04d}",
                                                     server_default="{agency}-{yymmdd}-{seq:04d}")
    # The province whose table of council-set fees applies (catalogue/provinces.py); "": none.
    province: Mapped[str] = mapped_column(String(40), default="", server_default="")


class Field(Base):
    """Lĩnh vực: a group of procedures with its own ticket prefix and queue."""

    __tablename__ = "fields"
    __table_args__ = (UniqueConstraint("centre_id", "code"), UniqueConstraint("centre_id", "ticket_prefix"))
    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    # The field's code in the national procedure database (e.g. G15-TP07 for Hộ tịch); "": none known.
    national_code: Mapped[str] = mapped_column(String(40), default="", server_default="")
    ticket_prefix: Mapped[str] = mapped_column(String(4))
    daily_cap: Mapped[int | None] = mapped_column(Integer)
    target_wait_minutes: Mapped[int] = mapped_column(Integer, default=30)
    default_service_minutes: Mapped[int] = mapped_column(Integer, default=10)
    is_open: Mapped[bool] = mapped_column(Boolean, default=True)
    display_order: Mapped[int] = mapped_column(Integer, default=0)
    # The queue for collecting results (Nhận kết quả): the kiosk offers it on its home screen, not
    # among the fields; the counters that serve it are the ones that hand results back.
    for_results: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    procedures: Mapped[list["Procedure"]] = relationship(back_populates="field", order_by="Procedure.code")


class Procedure(Base):
    """Thủ tục hành chính (TTHC); the catalogue issue extends it."""

    __tablename__ = "procedures"
    __table_args__ = (UniqueConstraint("field_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    field_id: Mapped[int] = mapped_column(ForeignKey("fields.id"), index=True)
    code: Mapped[str] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(String(300))
    # The national record (catalogue/record.py): levels, ways, steps, documents, applicants,
    # conditions, result, legal_basis, agency, decision, notes.
    details: Mapped[dict] = mapped_column(JSON, default=dict, server_default="{}")
    # The catalogue (counter_server/catalogue): the rest of the national record lives in details.
    status: Mapped[str] = mapped_column(String(20), default="active", server_default="active")
    effective_from: Mapped[date | None] = mapped_column(Date)
    last_verified: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    # False: the desk does not receive it (the kiosk gives no number for it); read on every ticket.
    ticketable: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    field: Mapped[Field] = relationship(back_populates="procedures")


class ProcedureChange(Base):
    """One change to a procedure of the catalogue: who, when, how (import or edit) and what,
    as {item: [before, after]}."""

    __tablename__ = "procedure_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"), index=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changed_by: Mapped[str] = mapped_column(String(100))
    via: Mapped[str] = mapped_column(String(20))      # import | edit
    action: Mapped[str] = mapped_column(String(20))   # added | changed | retired
    changes: Mapped[dict] = mapped_column(JSON, default=dict)


class Counter(Base):
    """Quầy: a desk that serves an ordered set of fields."""

    __tablename__ = "counters"
    __table_args__ = (UniqueConstraint("centre_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200), default="")
    is_open: Mapped[bool] = mapped_column(Boolean, default=True)
    # Set while the officer is on a break: the counter calls nobody and the board says so.
    paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    served: Mapped[list["CounterField"]] = relationship(
        order_by="CounterField.position", cascade="all, delete-orphan")
    # Officers named to work here; none named: any officer of the centre may (the default).
    officers: Mapped[list["CounterOfficer"]] = relationship(cascade="all, delete-orphan")


class CounterField(Base):
    """A field a counter serves, in the counter's order."""

    __tablename__ = "counter_fields"
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"), primary_key=True)
    field_id: Mapped[int] = mapped_column(ForeignKey("fields.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    field: Mapped[Field] = relationship()


class CounterOfficer(Base):
    """An officer named to a counter by an admin: once a counter has any, only they operate it."""

    __tablename__ = "counter_officers"
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    user: Mapped["User"] = relationship()


class DossierDay(Base):
    """One centre's dossiers on one day: the code sequence, taken by an atomic upsert."""

    __tablename__ = "dossier_days"
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_sequence: Mapped[int] = mapped_column(Integer, default=0)


class Dossier(Base):
    """Hồ sơ: a dossier received for one procedure, from the ticket served at the counter or not.
    The applicant's columns are personal data: never in events, logs, the board or public pages."""

    __tablename__ = "dossiers"
    __table_args__ = (UniqueConstraint("centre_id", "code"), Index("ix_dossiers_received", "centre_id", "received_at"),
                      Index("ix_dossiers_due", "centre_id", "status", "due_at"))
    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"), index=True)
    code: Mapped[str] = mapped_column(String(80))
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    status: Mapped[str] = mapped_column(String(24))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    counted_from: Mapped[date] = mapped_column(Date)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    due_reason: Mapped[str] = mapped_column(String(500), default="", server_default="")   # a later date: why
    applicant_name: Mapped[str] = mapped_column(String(200))
    id_number: Mapped[str] = mapped_column(String(12))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(300), default="")
    documents: Mapped[list] = mapped_column(JSON, default=list)
    sets: Mapped[int] = mapped_column(Integer, default=1)
    notes: Mapped[str] = mapped_column(String(2000), default="")
    unit: Mapped[str] = mapped_column(String(200), default="", server_default="")   # who holds it now
    first_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)   # the slip's date, before extensions
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)    # result ready, refused, withdrawn, stopped
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    steps: Mapped[list["DossierStep"]] = relationship(order_by="DossierStep.id", cascade="all, delete-orphan")


class DossierStep(Base):
    """One line of the processing control sheet (form 06): the receipt, each hand-off, each move,
    who made it, from which unit to which, why, and the due date in force after it."""

    __tablename__ = "dossier_steps"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    from_status: Mapped[str | None] = mapped_column(String(24))
    to_status: Mapped[str] = mapped_column(String(24))
    by_user: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    from_unit: Mapped[str] = mapped_column(String(200), default="")
    to_unit: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(String(2000), default="")
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CalendarDay(Base):
    """A row of the government's yearly decisions on the civil service's days: an extra day off
    (a swapped weekday, a new holiday) or a weekend day worked to make up for one (làm bù). The
    Labour Code's holidays themselves are computed (domain/workdays.py); admins edit these rows."""

    __tablename__ = "calendar_days"
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    kind: Mapped[str] = mapped_column(String(8))        # off | work
    reason: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(1000), default="", server_default="")


class Kiosk(Base):
    """A ticket kiosk; authenticates with a device token stored only as a hash."""

    __tablename__ = "kiosks"
    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    printer_state: Mapped[str | None] = mapped_column(String(40))


class User(Base):
    """A staff member (cán bộ), manager (lãnh đạo) or administrator."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"), index=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))  # staff | manager | admin
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # A manager's reports, or an administrator's centres, reach every centre in the database.
    whole_province: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class UserCentre(Base):
    """Another centre a manager's reports cover, besides their own (one row per centre)."""

    __tablename__ = "user_centres"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id", ondelete="CASCADE"), primary_key=True)


class WebSession(Base):
    """A sign-in on the web pages. The session cookie names it; every request checks it here, so
    signing out, or an administrator disabling the user, ends it on the server, not only in the
    browser that held the cookie."""

    __tablename__ = "web_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)   # random; only in the signed cookie
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PriorityCategory(Base):
    """Đối tượng ưu tiên: editable data, checked by staff at the counter."""

    __tablename__ = "priority_categories"
    __table_args__ = (UniqueConstraint("centre_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    display_order: Mapped[int] = mapped_column(Integer, default=0)


class FieldDay(Base):
    """One field on one service day: the ticket sequence and running counts.

    The sequence is taken by an atomic upsert (never "max + 1"), and the counts let issuing and
    the estimate avoid counting tickets. The service layer keeps the counts in step with tickets.
    """

    __tablename__ = "field_days"
    field_id: Mapped[int] = mapped_column(ForeignKey("fields.id"), primary_key=True)
    service_day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_sequence: Mapped[int] = mapped_column(Integer, default=0)
    waiting: Mapped[int] = mapped_column(Integer, default=0)
    waiting_priority: Mapped[int] = mapped_column(Integer, default=0)
    completed: Mapped[int] = mapped_column(Integer, default=0)
    service_seconds: Mapped[float] = mapped_column(default=0.0)


class Ticket(Base):
    """Số thứ tự: one citizen's place in a field's queue on one service day."""

    __tablename__ = "tickets"
    __table_args__ = (
        # The number a citizen holds is unique in its centre and day: the database's own guard
        # behind the atomic sequence in field_days.
        UniqueConstraint("centre_id", "service_day", "number", name="uq_ticket_number"),
        UniqueConstraint("kiosk_id", "idempotency_key", name="uq_ticket_idempotency"),
        Index("ix_tickets_counter_status", "counter_id", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"))
    field_id: Mapped[int] = mapped_column(ForeignKey("fields.id"))
    origin_field_id: Mapped[int] = mapped_column(ForeignKey("fields.id"))
    procedure_id: Mapped[int | None] = mapped_column(ForeignKey("procedures.id"))
    priority_id: Mapped[int | None] = mapped_column(ForeignKey("priority_categories.id"))
    # collecting this dossier's result (dossiers name their ticket too: the key is added after both tables)
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id", use_alter=True, name="fk_tickets_dossier_id"))
    is_priority: Mapped[bool] = mapped_column(Boolean, default=False)
    service_day: Mapped[date] = mapped_column(Date)
    sequence: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    target_counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosks.id"))
    # Stored led by the service day ("b4xxx:<key>", services/issuing.py): up to 110 characters.
    idempotency_key: Mapped[str | None] = mapped_column(String(110))
    tracking_token: Mapped[str] = mapped_column(String(64), unique=True)
    call_count: Mapped[int] = mapped_column(Integer, default=0)
    # For the reports: the first call ends the wait (called_at moves with each new call), and
    # how often the citizen missed a call or was sent elsewhere.
    first_called_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    no_show_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    transfer_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


# The calling order (queue_policy: priority first, then issue time) read straight off the index,
# so that calling the next of thousands waiting needs no sort.
Index("ix_tickets_queue", Ticket.centre_id, Ticket.service_day, Ticket.status, Ticket.is_priority.desc(),
      Ticket.issued_at, Ticket.id)


class TicketEvent(Base):
    """Append-only log of what happened to tickets: the single source for the live display
    stream and for every report."""

    __tablename__ = "ticket_events"
    __table_args__ = (Index("ix_ticket_events_centre_id", "centre_id", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"), index=True)   # None: a dossier's move
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    data: Mapped[dict] = mapped_column(JSON, default=dict)


class RatingDevice(Base):
    """A citizen-facing tablet paired to one counter (thiết bị đánh giá mức độ hài lòng); it
    authenticates with its own secret, stored only as a hash, so nobody else can post ratings."""

    __tablename__ = "rating_devices"
    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"), index=True)
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Rating(Base):
    """How satisfied the citizen was with one served ticket: at most one per ticket."""

    __tablename__ = "ratings"
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), unique=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"), index=True)
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    device_id: Mapped[int] = mapped_column(ForeignKey("rating_devices.id"))
    level: Mapped[int] = mapped_column(Integer)
    rated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TicketFigures(Base):
    """One past ticket's report figures, worked out once when its service day has closed
    (reports/stored.py), so that a report over a year reads numbers instead of timestamps.
    Durations in milliseconds; day is the service day's ordinal (date.toordinal); hours local."""

    __tablename__ = "ticket_figures"
    # Kept in (centre, day) order on SQLite (a table without rowid is stored in its key's order),
    # so that a report reads a range of days straight through.
    __table_args__ = (UniqueConstraint("ticket_id", name="uq_ticket_figures_ticket"), {"sqlite_with_rowid": False})
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"), primary_key=True)
    day: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), primary_key=True, autoincrement=False)
    hour: Mapped[int] = mapped_column(Integer)
    finished_hour: Mapped[int | None] = mapped_column(Integer)
    field_id: Mapped[int] = mapped_column(Integer)
    counter_id: Mapped[int | None] = mapped_column(Integer)
    staff_id: Mapped[int | None] = mapped_column(Integer)
    priority_id: Mapped[int | None] = mapped_column(Integer)
    is_priority: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[int] = mapped_column(Integer)        # reports.facts: OPEN, SERVED, NO_SHOW, EXPIRED, …
    transferred: Mapped[int] = mapped_column(Integer)
    wait_ms: Mapped[int | None] = mapped_column(Integer)
    walk_ms: Mapped[int | None] = mapped_column(Integer)
    service_ms: Mapped[int | None] = mapped_column(Integer)
    on_time: Mapped[int] = mapped_column(Integer)
    on_time_of: Mapped[int] = mapped_column(Integer)
    rating: Mapped[int | None] = mapped_column(Integer)


class ReportDay(Base):
    """A service day whose tickets' figures are stored in ticket_figures."""

    __tablename__ = "report_days"
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    stored_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
