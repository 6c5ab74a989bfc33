"""Made-up dossiers for the generated past (demo_history.py): about a third of the tickets leave a
dossier at the counter, due by the real working-day calendar, handed to the unit that decides,
mostly back early or on time, some late, a few refused, withdrawn or sent back for a missing
paper; those not yet due are still being processed. The people are invented (names from common
Vietnamese family, middle and given names; numbers at random), never real.

Rows go in with bulk inserts like the tickets, with the steps and events the services would write."""
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, update

from .domain import dossiers as rules
from .domain.workdays import appointment
from .models import Centre, Dossier, DossierDay, DossierStep, Field, Procedure, TicketEvent
from .services.workdays import ProcessingTime, time_allowed

SHARE = 0.37                      # of completed tickets (about 9 in 10): a third of all tickets
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương")
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Xuân")
GIVEN = ("An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Linh", "Mai", "Nam", "Phúc",
         "Quân", "Tâm", "Thảo", "Trang", "Tuấn", "Yến", "Khánh", "Long", "Nga", "Sơn")
STREETS = ("Tổ 3, khu phố 2", "Tổ 7, khu phố 5", "Số 12 đường Lê Lợi", "Số 45 đường Trần Phú", "Thôn Đông", "Thôn Tây")
UNITS = {"HT": "Văn phòng HĐND và UBND (Tư pháp – Hộ tịch)", "CT": "Văn phòng HĐND và UBND (Tư pháp – Hộ tịch)",
         "CTRU": "Công an phường", "DD": "Phòng Kinh tế, Hạ tầng và Đô thị", "XD": "Phòng Kinh tế, Hạ tầng và Đô thị",
         "HKD": "Phòng Kinh tế, Hạ tầng và Đô thị", "BTXH": "Phòng Văn hóa – Xã hội", "NCC": "Phòng Văn hóa – Xã hội"}
ONE_STOP = "Bộ phận một cửa"
# how results come back, of dossiers already due
EARLY, ON_TIME, LATE, REFUSED, WITHDRAWN = 0.55, 0.33, 0.07, 0.03, 0.02
SUPPLEMENT = 0.05
STUCK = 0.01                      # of those due: still with the unit, late (the morning list's «Quá hạn»)


@dataclass(frozen=True)
class Served:
    """A completed ticket that left a dossier: its field, officer and when service ended."""

    ticket_id: int
    field_id: int
    staff_id: int | None
    finished_at: datetime


class DemoDossiers:
    """Collects served tickets while the past is generated, then writes their dossiers."""

    def __init__(self, connection, centre_id: int, calendar, rng, now: datetime, events: bool):
        self.connection, self.centre_id, self.calendar, self.rng = connection, centre_id, calendar, rng
        self.now, self.events, self.served = now, events, []
        centre = connection.execute(select(Centre.timezone, Centre.opening_hours, Centre.dossier_code_format,
                                           Centre.agency_code, Centre.code).where(Centre.id == centre_id)).one()
        self.zone, self.hours = ZoneInfo(centre.timezone), centre.opening_hours
        self.format, self.agency = centre.dossier_code_format, centre.agency_code or centre.code
        self.procedures: dict[int, list[tuple[int, ProcessingTime]]] = {}
        self.field_codes = {}
        for procedure_id, field_id, field_code, details in connection.execute(
                select(Procedure.id, Procedure.field_id, Field.code, Procedure.details).join(Field)
                .where(Field.centre_id == centre_id, Procedure.status == "active")):
            allowed = time_allowed(details or {})
            if allowed is not None:
                self.procedures.setdefault(field_id, []).append((procedure_id, allowed))
                self.field_codes[field_id] = field_code

    def maybe(self, served: Served) -> None:
        if served.field_id in self.procedures and self.rng.random() < SHARE:
            self.served.append(served)

    def write(self, batch: int = 5000) -> int:
        """Every collected dossier, its steps and events; the days' code sequences. How many."""
        next_id = (self.connection.scalar(select(Dossier.id).order_by(Dossier.id.desc()).limit(1)) or 0) + 1
        sequences = self.known = dict(self.connection.execute(
            select(DossierDay.day, DossierDay.last_sequence).where(DossierDay.centre_id == self.centre_id)).all())
        sequences = dict(sequences)
        dossiers, steps, events = [], [], []
        for number, served in enumerate(sorted(self.served, key=lambda s: s.finished_at), start=next_id):
            row, its_steps = self._dossier(number, served, sequences)
            dossiers.append(row)
            steps += its_steps
            if self.events:
                events += [dict(centre_id=self.centre_id, ticket_id=None, kind="dossier", at=step["at"],
                                staff_id=step["by_user"], data={"dossier": number, "status": step["to_status"]})
                           for step in its_steps]
            if len(dossiers) >= batch:
                self._flush(dossiers, steps, events)
        self._flush(dossiers, steps, events)
        self._sequences(sequences)
        return len(self.served)

    def _dossier(self, number: int, served: Served, sequences: dict) -> tuple[dict, list[dict]]:
        rng = self.rng
        procedure_id, allowed = rng.choice(self.procedures[served.field_id])
        received = served.finished_at - timedelta(seconds=rng.uniform(30, 120))
        local = received.astimezone(self.zone)
        due = appointment(local, allowed.amount, allowed.unit, self.calendar, allowed.cutoff, self.hours)
        day = local.date()
        sequences[day] = sequences.get(day, 0) + 1
        unit = UNITS.get(self.field_codes[served.field_id], "Bộ phận chuyên môn")
        due_at = due.due_at.astimezone(timezone.utc)
        steps = [self._step(number, received, None, "received", served.staff_id, "", "", due_at)]
        row = dict(id=number, centre_id=self.centre_id, procedure_id=procedure_id, ticket_id=served.ticket_id,
                   code=rules.dossier_code(self.format, self.agency, day, sequences[day]), received_at=received,
                   received_by=served.staff_id, counted_from=due.counted_from, due_at=due_at, first_due_at=due_at,
                   due_reason="", **self._applicant(), documents=[], sets=1, notes="", unit=ONE_STOP,
                   status="received", finished_at=None, returned_at=None)
        handed = received + timedelta(hours=rng.uniform(1, 6))
        if handed < self.now and due_at > received + timedelta(hours=8):
            steps.append(self._step(number, handed, "received", "processing", served.staff_id, ONE_STOP, unit, due_at))
            row.update(status="processing", unit=unit)
        if due_at > self.now or rng.random() < STUCK:
            return row, steps                                   # not yet due (or stuck): still with the unit
        roll = rng.random()
        if roll < REFUSED + WITHDRAWN:
            to = "refused" if roll < REFUSED else "withdrawn"
            at = min(handed + timedelta(days=rng.uniform(0.5, 2)), due_at)
            note = "Không đủ điều kiện theo quy định" if to == "refused" else "Công dân đề nghị rút hồ sơ"
            steps.append(self._step(number, at, row["status"], to, None, row["unit"], "", due_at, note))
            row.update(status=to, finished_at=at)
            return row, steps
        roll = rng.random()
        if roll < EARLY / (EARLY + ON_TIME + LATE):
            result = due_at - timedelta(days=rng.randint(1, 3), hours=rng.uniform(0, 5))
        elif roll < (EARLY + ON_TIME) / (EARLY + ON_TIME + LATE):
            result = due_at - timedelta(hours=rng.uniform(0.5, 7))
        else:
            result = due_at + timedelta(days=rng.randint(1, 4), hours=rng.uniform(0, 3))
        if result <= due_at:   # an early or on-time result comes after the receipt (same-day ones: within the day)
            result = max(result, min(received + timedelta(minutes=rng.uniform(10, 90)), due_at))
        if result > self.now:
            return row, steps
        if rng.random() < SUPPLEMENT and result - handed > timedelta(days=1):
            asked = handed + (result - handed) / 3
            steps += [self._step(number, asked, "processing", "supplement_requested", None, unit, "", due_at,
                                 "Bổ sung bản sao giấy tờ chứng minh nhân thân"),
                      self._step(number, asked + (result - asked) / 2, "supplement_requested", "processing",
                                 served.staff_id, unit, "", due_at)]
        steps.append(self._step(number, result, steps[-1]["to_status"], "result_ready", None, row["unit"], ONE_STOP,
                                due_at))
        row.update(status="result_ready", unit=ONE_STOP, finished_at=result)
        collected = result + timedelta(days=rng.choice((0, 0, 1, 1, 2, 3, 5)), hours=rng.uniform(0, 2))
        if collected < self.now:
            steps.append(self._step(number, collected, "result_ready", "returned", served.staff_id, ONE_STOP, "",
                                    due_at, f"{row['applicant_name']} nhận"))
            row.update(status="returned", returned_at=collected)
        return row, steps

    def _applicant(self) -> dict:
        rng = self.rng
        return dict(applicant_name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                    id_number=f"0{rng.randrange(10 ** 11):011d}", date_of_birth=None,
                    phone=f"09{rng.randrange(10 ** 8):08d}", address=f"{rng.choice(STREETS)}, Phường Hòa Bình",
                    email="", organisation="")

    @staticmethod
    def _step(dossier_id, at, from_status, to_status, by_user, from_unit, to_unit, due_at, note="") -> dict:
        return dict(dossier_id=dossier_id, at=at, from_status=from_status, to_status=to_status, by_user=by_user,
                    from_unit=from_unit if from_status else "", to_unit=to_unit, note=note, due_at=due_at)

    def _flush(self, dossiers, steps, events) -> None:
        for table, rows in ((Dossier, dossiers), (DossierStep, steps), (TicketEvent, events)):
            if rows:
                self.connection.execute(insert(table), rows)
                rows.clear()

    def _sequences(self, sequences: dict) -> None:
        """The days' code counters, so that a dossier received later on such a day never repeats a code."""
        for day, last in sequences.items():
            if day in self.known:
                self.connection.execute(update(DossierDay).where(DossierDay.centre_id == self.centre_id,
                                                                 DossierDay.day == day).values(last_sequence=last))
            else:
                self.connection.execute(insert(DossierDay).values(centre_id=self.centre_id, day=day,
                                                                  last_sequence=last))
        if self.connection.dialect.name == "postgresql":
            for table in ("dossiers", "dossier_steps"):
                self.connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table} HAVING max(id) IS NOT NULL")
