"""Colours and labels shared by tiles, tables and figures: one place to change them.

Target colours (metrics.md §6) always travel with a text label and a symbol, never alone, so a
reader who cannot tell green from red (or prints in black and white) still gets the status.
"""

from __future__ import annotations

from dataclasses import dataclass

from kpi.targets import AMBER, GREEN, RED
from marks import N_


@dataclass(frozen=True)
class Status:
    """How one target status is shown: a label, a symbol, a marker colour, Bootstrap classes."""

    label: str
    symbol: str
    colour: str  # markers and lines (figures)
    badge: str  # Bootstrap classes of a badge (text colour chosen for contrast)
    cell: str  # Bootstrap class of a table cell (light background, dark text)
    marker: str  # plotly marker symbol, so the map does not rely on colour either


STATUSES: dict[str, Status] = {
    GREEN: Status(N_("Đạt mục tiêu"), "✓", "#198754", "text-bg-success", "table-success", "circle"),
    AMBER: Status(
        N_("Gần đạt mục tiêu"), "!", "#b58100", "text-bg-warning", "table-warning", "diamond"
    ),
    RED: Status(N_("Chưa đạt mục tiêu"), "✗", "#c0392b", "text-bg-danger", "table-danger", "x"),
}
NO_STATUS = Status(N_("Không có dữ liệu"), "", "#8a8f94", "text-bg-secondary", "", "circle-open")

# The on-time classes of metrics.md §2 in report order, with their labels and colours
# (colour-blind-safe: greens for resolved in time, red for late, blue/orange for in process).
CLASS_LABELS: dict[str, str] = {
    "early": N_("Trước hạn"),
    "on_time": N_("Đúng hạn"),
    "late": N_("Quá hạn"),
    "in_time": N_("Đang giải quyết trong hạn"),
    "overdue": N_("Đang giải quyết quá hạn"),
}
CLASS_COLOURS: dict[str, str] = {
    "early": "#1b7837",
    "on_time": "#7fbf7b",
    "late": "#b2182b",
    "in_time": "#4393c3",
    "overdue": "#f4a259",
}

# The 1–5 rating scale (metrics §4) with its labels, and a diverging colour-blind-safe palette
# (red for unhappy, grey for neutral, blue for happy; ColorBrewer RdBu).
# "4 – Hài lòng" as one text: "Hài lòng" alone is also the page's name in English.
RATING_LABELS: dict[int, str] = {
    1: N_("1 – Rất không hài lòng"),
    2: N_("2 – Không hài lòng"),
    3: N_("3 – Bình thường"),
    4: N_("4 – Hài lòng"),
    5: N_("5 – Rất hài lòng"),
}
RATING_COLOURS: dict[int, str] = {
    1: "#b2182b",
    2: "#ef8a62",
    3: "#8a8f94",
    4: "#67a9cf",
    5: "#2166ac",
}
SATISFACTION_COLOURS: dict[str, str] = {
    "satisfied_rate": "#0d6efd",
    "ratings": "#adb5bd",
    "sipas": "#6f42c1",
}

# Trend lines: metric → (label, line colour).
TREND_LINES: dict[str, tuple[str, str]] = {
    "on_time_rate": (N_("Tỷ lệ đúng hạn"), "#0d6efd"),
    "online_share": (N_("Tỷ lệ trực tuyến"), "#6f42c1"),
}

SPARK_COLOUR = "#495057"
