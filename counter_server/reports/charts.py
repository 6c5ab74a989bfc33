"""Report charts drawn with matplotlib as SVG, on the server: they print sharp on A4 and need no
script from the internet. Figure objects only (no pyplot), so threads do not share state."""
import io
from datetime import date

import matplotlib
from matplotlib.figure import Figure

matplotlib.rcParams["svg.fonttype"] = "none"   # text stays text: smaller, selectable, the browser's Vietnamese font

from .figures import WAIT_BUCKET_MINUTES, WAIT_BUCKETS

BLUE, GREEN, ORANGE, GREY = "#1f5fa8", "#2e8b57", "#d9822b", "#888888"


def _svg(figure: Figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})
    return out.getvalue()


def _figure(title: str, width: float = 7.5, height: float = 3.2):
    figure = Figure(figsize=(width, height))
    axes = figure.subplots()
    axes.set_title(title, loc="left", fontsize=12, fontweight="bold", pad=24)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#dddddd", linewidth=0.8)
    axes.set_axisbelow(True)
    return figure, axes


def hours_chart(arrivals: dict[int, int], services: dict[int, int]) -> bytes:
    """Tickets issued and served in each hour of the day: the peak."""
    hours = sorted(set(arrivals) | set(services)) or list(range(7, 17))
    hours = list(range(min(hours), max(hours) + 1))
    figure, axes = _figure("Lượt lấy số và lượt phục vụ theo giờ")
    positions = range(len(hours))
    axes.bar([p - 0.2 for p in positions], [arrivals.get(h, 0) for h in hours], 0.4, label="Lấy số", color=BLUE)
    axes.bar([p + 0.2 for p in positions], [services.get(h, 0) for h in hours], 0.4, label="Phục vụ xong",
             color=GREEN)
    axes.set_xticks(list(positions), [f"{h}h" for h in hours])
    axes.set_ylabel("Số lượt")
    axes.legend(frameon=False)
    return _svg(figure)


def waits_chart(histogram: list[int], target_minutes: int | None = None) -> bytes:
    """How long people waited: tickets in each 5-minute band."""
    labels = [f"{i * WAIT_BUCKET_MINUTES}–{(i + 1) * WAIT_BUCKET_MINUTES}" for i in range(WAIT_BUCKETS)]
    labels.append(f"≥{WAIT_BUCKETS * WAIT_BUCKET_MINUTES}")
    figure, axes = _figure("Phân bố thời gian chờ (phút)")
    colours = [BLUE if target_minutes is None or (i + 1) * WAIT_BUCKET_MINUTES <= target_minutes else ORANGE
               for i in range(WAIT_BUCKETS + 1)]
    axes.bar(range(len(labels)), histogram, 0.8, color=colours)
    axes.set_xticks(range(len(labels)), labels, rotation=45, ha="right", fontsize=8)
    axes.set_ylabel("Số người")
    if target_minutes is not None:
        axes.text(0.99, 0.95, f"cam: chờ quá {target_minutes} phút", transform=axes.transAxes, ha="right",
                  va="top", fontsize=9, color=ORANGE)
    return _svg(figure)


def days_chart(days: list[tuple[date, int, float | None]]) -> bytes:
    """Tickets per day (bars) and the median wait (line): the trend. Days without tickets
    (weekends, holidays) are left out."""
    days = [day for day in days if day[1]] or days
    figure, axes = _figure("Xu hướng theo ngày")
    labels = [day.strftime("%d/%m") for day, _, _ in days]
    issued = [count for _, count, _ in days]
    many = len(days) > 62      # a long range: one drawn collection instead of a bar and a marker each
    if many:
        axes.vlines(range(len(days)), 0, issued, color=BLUE, linewidth=1.2, label="Số đã cấp")
        axes.set_ylim(bottom=0)
    else:
        axes.bar(range(len(days)), issued, 0.7, color=BLUE, label="Số đã cấp")
    axes.set_ylabel("Số đã cấp")
    step = max(1, len(days) // 12)
    axes.set_xticks(list(range(0, len(days), step)), labels[::step], rotation=45, ha="right", fontsize=8)
    waits = axes.twinx()
    waits.plot(range(len(days)), [None if m is None else m / 60 for _, _, m in days], color=ORANGE,
               marker=None if many else "o", markersize=3, label="Chờ trung vị (phút)")
    waits.set_ylabel("Chờ trung vị (phút)")
    waits.spines[["top"]].set_visible(False)
    waits.set_ylim(bottom=0)
    handles = axes.get_legend_handles_labels()[0] + waits.get_legend_handles_labels()[0]
    axes.legend(handles, [h.get_label() for h in handles], frameon=False, loc="lower right",
                bbox_to_anchor=(1, 1.0), ncol=2, fontsize=9)
    return _svg(figure)


def satisfaction_chart(counts: dict[int, int], labels: dict[int, str]) -> bytes:
    """Ratings at each level, best at the top."""
    levels = sorted(set(labels) | set(counts), reverse=True)
    figure, axes = _figure("Mức độ hài lòng", width=6, height=2.4)
    axes.barh(range(len(levels)), [counts.get(level, 0) for level in levels], color=GREEN)
    axes.set_yticks(range(len(levels)), [labels.get(level, str(level)) for level in levels])
    axes.invert_yaxis()
    axes.grid(axis="x", color="#dddddd", linewidth=0.8)
    axes.grid(axis="y", visible=False)
    axes.set_xlabel("Số lượt đánh giá")
    return _svg(figure)
