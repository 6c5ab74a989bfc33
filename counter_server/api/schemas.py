"""Request and response schemas: validation and the OpenAPI document come from these."""
from apiflask import Schema
from apiflask.fields import AwareDateTime, Boolean, Date, DateTime, Dict, Float, Integer, List, Nested, String
from apiflask.validators import Length, OneOf, Range, Regexp
from marshmallow import validates_schema, ValidationError

from ..domain.dossiers import PHONE_AS_TYPED
from ..domain.tickets import Status
from .fields import MAX_ID, Id, Text

CODE = Length(min=1, max=32)


class Page(Schema):
    limit = Integer(load_default=50, validate=Range(min=1, max=500))
    offset = Integer(load_default=0, validate=Range(min=0, max=MAX_ID))


class CentreQuery(Schema):
    centre = Text(load_default=None, validate=CODE, metadata={"description": "centre code; the default centre if absent"})


class CentrePage(Page, CentreQuery):
    pass


class ProcedureQuery(Page, CentreQuery):
    q = Text(load_default=None, validate=Length(max=200))
    field = Text(load_default=None, validate=CODE)


class TicketRequest(Schema):
    field = Text(required=True, validate=CODE, metadata={"example": "HT"})
    procedure = Text(load_default=None, allow_none=True, validate=CODE, metadata={"example": "1.001193"})
    priority = Text(load_default=None, allow_none=True, validate=CODE, metadata={"example": "elderly"})
    dossier_code = Text(load_default=None, allow_none=True, validate=Length(min=1, max=80), metadata={
        "description": "collecting a result: the dossier code on the slip (typed or scanned); the counter that "
                       "calls the ticket sees that dossier", "example": "PHUONG-DEMO-261126-0001"})


class IssuedTicketOut(Schema):
    id = Integer()
    number = String(metadata={"example": "A012"})
    field = String()
    procedure = String(allow_none=True)
    priority = String(allow_none=True)
    status = String()
    issued_at = DateTime()
    dossier_code = String(allow_none=True, metadata={"description": "the dossier this ticket collects, when "
                                                                   "the code given was found in this centre"})
    waiting_ahead = Integer()
    estimated_wait_minutes = Integer()
    track_url = String()


class TrackOut(Schema):
    number = String()
    field = String()
    field_name = String()
    status = String()
    issued_at = DateTime()
    waiting_ahead = Integer()
    estimated_wait_minutes = Integer()
    counter = Integer(allow_none=True)
    called_at = DateTime(allow_none=True)


class FieldOut(Schema):
    code = String()
    name_vi = String()
    name_en = String()
    prefix = String()
    waiting = Integer()
    is_open = Boolean()
    closed_reason = String(allow_none=True, metadata={"description": "field_closed | outside_opening_hours | daily_cap_reached"})
    closed_message = String(allow_none=True)
    target_wait_minutes = Integer()
    daily_cap = Integer(allow_none=True)
    issued_today = Integer()
    for_results = Boolean(metadata={"description": "the queue for collecting results (the kiosk's «Nhận kết quả»)"})
    counters = List(Integer(), metadata={"description": "the numbers of the open counters that call this field"})


class FieldList(Schema):
    items = List(Nested(FieldOut))
    total = Integer()


class PriorityOut(Schema):
    code = String()
    name_vi = String()
    name_en = String()
    display_order = Integer()


class PriorityList(Schema):
    items = List(Nested(PriorityOut))
    total = Integer()


class RequiredDocumentOut(Schema):
    name = String()
    kind = String(metadata={"description": "submit_original | submit_copy | submit_certified_copy | show_only "
                                           "(xuất trình: shown at the counter and taken back)"})
    originals = Integer(metadata={"description": "bản chính"})
    copies = Integer(metadata={"description": "bản sao"})
    case = String(allow_none=True, metadata={"description": "only in this case (trường hợp …); null: always"})


class ProcedureOut(Schema):
    code = String()
    name = String()
    field = String()
    field_name = String()
    documents = List(Nested(RequiredDocumentOut))
    processing_time = String()
    fees = String()
    legal_basis = String()
    where_to_submit = String()
    effective_from = String(allow_none=True, metadata={"description": "YYYY-MM-DD"})
    last_verified = String(allow_none=True, metadata={"description": "YYYY-MM-DD: the record last checked against the law"})
    ticketable = Boolean(metadata={"description": "false: the desk does not receive it; public_note says where to go"})
    public_note = String()


class ProcedureItem(ProcedureOut):
    """ProcedureOut inside a list (a separate class: APIFlask 3.1 names a schema used both nested
    and at the top level twice in the spec)."""


class ProcedureList(Schema):
    items = List(Nested(ProcedureItem))
    total = Integer()


class TicketOut(Schema):
    id = Integer()
    number = String()
    field = String()
    field_name = String()
    status = String()
    issued_at = DateTime()
    called_at = DateTime(allow_none=True)
    started_at = DateTime(allow_none=True)
    finished_at = DateTime(allow_none=True)
    counter = Integer(allow_none=True)
    procedure = String(allow_none=True)
    procedure_name = String(allow_none=True)
    priority = String(allow_none=True)
    priority_name = String(allow_none=True)
    call_count = Integer()
    dossier_id = Integer(allow_none=True, metadata={"description": "collecting a result: the dossier named at the kiosk"})
    dossier_code = String(allow_none=True)


class TicketItem(TicketOut):
    """TicketOut inside another schema (see ProcedureItem)."""


class TicketList(Schema):
    items = List(Nested(TicketItem))
    total = Integer()


class TicketLogQuery(Page):
    day = Date(load_default=None, metadata={"description": "service day YYYY-MM-DD; today if absent"})
    status = String(load_default=None, validate=OneOf([status.value for status in Status]))


class CounterOut(Schema):
    id = Integer()
    number = Integer()
    name = String()
    is_open = Boolean()
    fields = List(String())
    current = Nested(TicketItem, allow_none=True)


class CounterList(Schema):
    items = List(Nested(CounterOut))
    total = Integer()


class WaitingTicketOut(Schema):
    id = Integer()
    number = String()
    field = String()
    field_name = String()
    procedure_name = String(allow_none=True)
    priority_name = String(allow_none=True)
    status = String()
    issued_at = DateTime()
    waited_minutes = Integer()


class KioskFaultOut(Schema):
    kiosk = String(metadata={"description": "the kiosk's name"})
    state = String(metadata={"description": "the printer state code the kiosk reported, or `silent`"})
    message = String(metadata={"description": "what is wrong and what to do, in Vietnamese"})
    reported_at = DateTime(allow_none=True, metadata={"description": "the kiosk's last report"})


class DeskOut(Schema):
    counter_id = Integer()
    counter_number = Integer()
    counter_name = String()
    is_open = Boolean()
    paused_since = DateTime(allow_none=True, metadata={"description": "set while the counter is on a break"})
    fields = List(String())
    field_names = List(String())
    kiosk_faults = List(Nested(KioskFaultOut), metadata={
        "description": "the centre's kiosks whose printer needs a person, or which stopped reporting today"})
    current = Nested(TicketItem, allow_none=True)
    waiting = List(Nested(WaitingTicketOut))
    no_shows = List(Nested(WaitingTicketOut))
    served_today = Integer()
    no_shows_today = Integer()


class CounterStateOut(Schema):
    counter = Integer()
    paused = Boolean()
    paused_since = DateTime(allow_none=True)


class CallRequest(Schema):
    ticket_id = Id(required=True)


class TransferRequest(Schema):
    field = Text(load_default=None, allow_none=False, validate=CODE)
    counter = Id(load_default=None, allow_none=False, metadata={"description": "target counter id"})

    @validates_schema
    def exactly_one(self, data, **kwargs):
        if (data.get("field") is None) == (data.get("counter") is None):
            raise ValidationError("give exactly one of field or counter", "_schema")


class LoginRequest(Schema):
    username = Text(required=True, validate=Length(min=1, max=80))
    password = Text(required=True, validate=Length(min=1, max=200))


class TokenOut(Schema):
    token = String()
    role = String()
    expires_in = Integer()


class StatusOut(Schema):
    status = String()


class BoardCounter(Schema):
    number = Integer()
    name = String()
    ticket = String(allow_none=True)
    field = String(allow_none=True)
    status = String(allow_none=True)
    paused = Boolean(metadata={"description": "the officer is on a break: the counter calls nobody"})
    fields = List(String(), metadata={"description": "the names of the fields it serves, in its order"})


class BoardCall(Schema):
    event_id = Integer()
    number = String()
    field = String()
    counter = Integer(allow_none=True)
    at = DateTime()
    kind = String()


class BoardOut(Schema):
    centre = String()
    service_day = String()
    now = DateTime()
    counters = List(Nested(BoardCounter))
    recent_calls = List(Nested(BoardCall))
    waiting = Dict(keys=String(), values=Integer())
    last_event_id = Integer()
    serving = Dict(keys=String(), values=List(Integer()),
                   metadata={"description": "field code: the open counters that call it"})


class EventsQuery(CentreQuery):
    last_event_id = Integer(load_default=None, validate=Range(min=0, max=MAX_ID),
                            metadata={"description": "resume after this id (or the Last-Event-ID header)"})


class HeartbeatRequest(Schema):
    printer_state = Text(required=True, validate=Length(min=1, max=40), metadata={
        "description": "ok | paper_near_end | paper_out | cover_open | offline | no_answer | device_absent | error"})


class HeartbeatOut(Schema):
    status = String()
    server_time = DateTime()


class KioskRequest(Schema):
    name = Text(required=True, validate=Length(min=1, max=100))


class KioskOut(Schema):
    id = Integer()
    name = String()
    is_active = Boolean()
    created_at = DateTime()
    last_heartbeat_at = DateTime(allow_none=True)
    printer_state = String(allow_none=True)


class KioskCreated(KioskOut):
    token = String(metadata={"description": "shown once; store it in the kiosk's settings"})


class KioskList(Schema):
    items = List(Nested(KioskOut))
    total = Integer()


class UserOut(Schema):
    id = Integer()
    username = String()
    full_name = String()
    role = String(validate=OneOf(["staff", "manager", "admin"]))
    is_active = Boolean()


class UserList(Schema):
    items = List(Nested(UserOut))
    total = Integer()


HHMM = r"^([01]\d|2[0-3]):[0-5]\d$"


class AppointmentQuery(CentreQuery):
    received_at = AwareDateTime(required=True, format="iso", metadata={
        "description": "when the complete dossier was received, ISO 8601 with its offset",
        "example": "2026-02-13T15:30:00+07:00"})
    procedure = Text(load_default=None, validate=CODE, metadata={
        "description": "a catalogue procedure: its processing time and cut-off", "example": "1.001193"})
    amount = Float(load_default=None, validate=Range(min=0, max=3650), metadata={
        "description": "processing time without a procedure; 0 working_days: a same-day procedure"})
    unit = Text(load_default=None, validate=OneOf(["working_days", "days", "hours"]))
    cutoff = Text(load_default=None, validate=Regexp(HHMM), metadata={
        "description": "received after it: counted from the next working day", "example": "15:00"})

    @validates_schema
    def procedure_or_time(self, data, **kwargs):
        if (data.get("procedure") is None) == (data.get("amount") is None or data.get("unit") is None):
            raise ValidationError("give either procedure, or amount and unit", "procedure")


class SkippedDay(Schema):
    date = Date()
    reason = String()


class AppointmentOut(Schema):
    received_at = DateTime()
    due_at = DateTime()
    due_date = Date()
    counted_from = Date()
    skipped = List(Nested(SkippedDay))


class YearQuery(Schema):
    year = Integer(required=True, validate=Range(min=2000, max=2100))


class CalendarDayOut(Schema):
    date = Date()
    kind = String(metadata={"description": "off: a weekday off; work: a weekend day worked (làm bù)"})
    reason = String()
    source = String()


class CalendarYearOut(Schema):
    year = Integer()
    items = List(Nested(CalendarDayOut))


class ApplicantIn(Schema):
    # Each rule is one pattern that also bounds the length (a pattern beside a length rule lets a
    # fuzzer's boundary value pass one and not the other).
    name = Text(required=True, validate=Regexp(r"^[ \t]{0,20}[^ \t\r\n\x00][^\x00]{0,179}$"), metadata={"example": "Nguyễn Văn An"})
    id_number = Text(required=True, validate=Regexp(r"^[0-9]{12}$"), metadata={
        "description": "số định danh cá nhân (CCCD): 12 digits", "example": "001085012345"})
    date_of_birth = Date(load_default=None, allow_none=True)
    phone = Text(required=True, validate=Regexp(PHONE_AS_TYPED), metadata={"example": "0912345678"})
    address = Text(load_default="", validate=Length(max=300))
    email = Text(load_default="", validate=Regexp(r"^$|^[^@ \t\r\n\x00]{1,64}@[^@ \t\r\n\x00]{1,120}\.[^@ \t\r\n\x00]{1,12}$"))
    organisation = Text(load_default="", validate=Length(max=300))


class DocumentIn(Schema):
    name = Text(required=True, validate=Length(min=1, max=500))
    received = Boolean(load_default=True)
    originals = Integer(load_default=0, validate=Range(min=0, max=20))
    copies = Integer(load_default=0, validate=Range(min=0, max=20))


class DossierRequest(Schema):
    procedure = Text(required=True, validate=CODE, metadata={"example": "1.001193"})
    ticket_id = Id(load_default=None, allow_none=True, metadata={"description": "the ticket served at the counter"})
    applicant = Nested(ApplicantIn, required=True)
    documents = List(Nested(DocumentIn), load_default=None, validate=Length(max=100), metadata={
        "description": "what was handed in; absent: the procedure's checklist, nothing ticked"})
    sets = Integer(load_default=1, validate=Range(min=1, max=20))
    notes = Text(load_default="", validate=Length(max=2000))
    due_date = Date(load_default=None, allow_none=True, metadata={
        "description": "a later appointment than the procedure's time (never an earlier one), with due_reason"})
    due_reason = Text(load_default="", validate=Length(max=500))


class DossierReceivedOut(Schema):
    id = Integer()
    code = String(metadata={"example": "TEST-260213-0001"})
    status = String()
    received_at = DateTime()
    due_at = DateTime()
    due_date = Date()
    receipt_url = String()
    lookup_url = String()


class ApplicantOut(Schema):
    name = String()
    id_number = String()
    date_of_birth = Date(allow_none=True)
    phone = String()
    address = String()
    email = String()
    organisation = String()


class DocumentOut(Schema):
    name = String()
    originals = Integer()
    copies = Integer()
    case = String(allow_none=True)
    received = Boolean()


class DossierOut(DossierReceivedOut):
    procedure = String()
    procedure_name = String()
    ticket_id = Integer(allow_none=True)
    received_by = String(allow_none=True)
    counted_from = Date()
    due_reason = String()
    applicant = Nested(ApplicantOut)
    documents = List(Nested(DocumentOut))
    sets = Integer()
    notes = String()


class PaperQuery(Schema):
    paper = Text(load_default="a4", validate=OneOf(["a4", "a5"]))


class LookupQuery(CentreQuery):
    code = Text(required=True, validate=Length(min=1, max=80), metadata={"example": "TEST-261126-0001"})
    phone_last4 = Text(required=True, validate=Regexp(r"^[0-9]{4}$"), metadata={
        "description": "the last four digits of the phone number on the slip", "example": "5678"})


class DossierStatusOut(Schema):
    code = String()
    procedure = String()
    procedure_name = String()
    status = String()
    status_words = String()
    received_date = Date()
    due_date = Date()
    collect_at = String()


class ScanIn(Schema):
    text = Text(required=True, validate=Length(min=1, max=2000), metadata={
        "description": "what the 2D scanner typed from the ID card's QR code",
        "example": "001090123456|012345678|Nguyễn Văn An|01011990|Nam|Thôn 3, xã Tân Lập|15042021"})


class CardOut(Schema):
    id_number = String()
    old_id_number = String()
    name = String()
    date_of_birth = Date()
    sex = String()
    address = String()
    issued_on = Date(allow_none=True)
    extra = List(String())
