"""calendar_days: the government's yearly decisions on days off and make-up working days, shipped
for 2025 and 2026 (the rows the holidays package does not hold as such), each with its source

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 11:10:00
"""
from datetime import date

from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

VPCP_8726 = ("Công văn 8726/VPCP-KGVX ngày 26/11/2024 (Văn phòng Chính phủ) về nghỉ Tết Âm lịch và các dịp lễ "
             "năm 2025: hoán đổi ngày làm việc thứ Sáu 02/5/2025 sang thứ Bảy 26/4/2025 — "
             "https://www.tet-amlich.com/2024/11/cac-ngay-nghi-le-2025.html")
VPCP_12729 = ("Công văn 12729/VPCP-KGVX ngày 25/12/2025 (Văn phòng Chính phủ): nghỉ từ thứ Năm 01/01 đến hết "
              "Chủ nhật 04/01/2026, hoán đổi ngày làm việc thứ Sáu 02/01/2026 sang thứ Bảy 10/01/2026 — "
              "https://vietnamnews.vn/society/1732658/government-approves-four-day-new-year-holiday.html")
BNV_9441 = ("Thông báo 9441/TB-BNV ngày 16/10/2025 (Bộ Nội vụ): Quốc khánh 2026 nghỉ từ thứ Bảy 29/8 đến hết "
            "thứ Tư 02/9/2026, làm bù thứ Bảy 22/8/2026 cho thứ Hai 31/8/2026 — https://vietnamnews.vn/"
            "politics-laws/1727514/ministry-of-home-affairs-announces-2026-holiday-schedule-for-lunar-new-year-"
            "national-day.html")
SHIPPED = [
    (date(2025, 4, 26), "work", "Làm bù cho thứ Sáu 02/5/2025 (dịp 30/4 – 1/5)", VPCP_8726),
    (date(2025, 5, 2), "off", "Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 26/4/2025)", VPCP_8726),
    (date(2026, 1, 2), "off", "Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/01/2026)", VPCP_12729),
    (date(2026, 1, 10), "work", "Làm bù cho thứ Sáu 02/01/2026 (dịp Tết Dương lịch)", VPCP_12729),
    (date(2026, 8, 22), "work", "Làm bù cho thứ Hai 31/8/2026 (dịp Quốc khánh)", BNV_9441),
    (date(2026, 8, 31), "off", "Nghỉ hoán đổi dịp Quốc khánh (làm bù thứ Bảy 22/8/2026)", BNV_9441),
]


def upgrade() -> None:
    table = op.create_table(
        'calendar_days',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('day', sa.Date(), nullable=False, unique=True),
        sa.Column('kind', sa.String(8), nullable=False),
        sa.Column('reason', sa.String(300), nullable=False),
        sa.Column('source', sa.String(1000), nullable=False, server_default=''),
    )
    op.bulk_insert(table, [{"day": day, "kind": kind, "reason": reason, "source": source}
                           for day, kind, reason, source in SHIPPED])


def downgrade() -> None:
    op.drop_table('calendar_days')
