"""Reporting periods: closed ranges of whole days, presets and the previous period (metrics.md).

A period P = [date_from, date_to] includes both days. Timestamps are local and naive
(Asia/Ho_Chi_Minh), so "today" and "now" are taken in that zone whatever the server's zone is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# Re-exported: the time zone and the clock are defined with the configuration.
from kpi.config import TIMEZONE as TIMEZONE
from kpi.config import local_now as local_now

# The two-tier local government (and today's ward codes) started on this day.
REFORM_DAY = date(2025, 7, 1)

DEFAULT_PRESET = "this_month"

# Preset name → Vietnamese label, in the order a menu shows them.
PRESETS: dict[str, str] = {
    "today": "Hôm nay",
    "this_week": "Tuần này",
    "this_month": "Tháng này",
    "last_month": "Tháng trước",
    "this_quarter": "Quý này",
    "this_year": "Năm nay",
    "last_7_days": "7 ngày qua",
    "last_30_days": "30 ngày qua",
    "last_90_days": "90 ngày qua",
    "since_2025_07": "Kể từ 1/7/2025",
}


class PeriodError(ValueError):
    """A period parameter is invalid; the message is Vietnamese and names the parameter."""


@dataclass(frozen=True)
class Period:
    """A closed range of whole days ``[date_from, date_to]``."""

    date_from: date
    date_to: date

    def __post_init__(self) -> None:
        """Reject a range that ends before it starts."""
        if self.date_from > self.date_to:
            raise PeriodError(
                f"Ngày bắt đầu ({self.date_from:%d/%m/%Y}) sau ngày kết thúc "
                f"({self.date_to:%d/%m/%Y})."
            )

    @property
    def days(self) -> int:
        """Number of days in the period, both ends included."""
        return (self.date_to - self.date_from).days + 1

    def previous(self) -> Period:
        """The period of the same number of days that ends the day before this one starts."""
        to = self.date_from - timedelta(days=1)
        return Period(to - timedelta(days=self.days - 1), to)

    def same_last_year(self) -> Period:
        """The same days one year earlier (29 February becomes 28 February)."""
        return Period(_year_earlier(self.date_from), _year_earlier(self.date_to))


def _year_earlier(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def local_today() -> date:
    """Today's date in Vietnam."""
    return local_now().date()


def preset_period(preset: str, today: date) -> Period:
    """Return the period a preset name stands for on ``today``."""
    if preset == "today":
        return Period(today, today)
    if preset == "this_week":  # Monday to today
        return Period(today - timedelta(days=today.weekday()), today)
    if preset == "this_month":
        return Period(today.replace(day=1), today)
    if preset == "this_quarter":
        return Period(today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1), today)
    if preset.startswith("last_") and preset.endswith("_days") and preset in PRESETS:
        days = int(preset.split("_")[1])
        return Period(today - timedelta(days=days - 1), today)
    if preset == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return Period(last.replace(day=1), last)
    if preset == "this_year":
        return Period(today.replace(month=1, day=1), today)
    if preset == "since_2025_07":
        return Period(REFORM_DAY, max(today, REFORM_DAY))
    raise PeriodError(f"Kỳ báo cáo không hợp lệ: period={preset!r}.")


def parse_day(value: str, name: str) -> date:
    """Parse a ``YYYY-MM-DD`` URL parameter; ``name`` is the parameter, for the message."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise PeriodError(
            f"Ngày không hợp lệ: {name}={value!r} (cần dạng YYYY-MM-DD, ví dụ 2026-11-21)."
        ) from None


def resolve_period(
    preset: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    today: date | None = None,
) -> Period:
    """Turn URL parameters into a :class:`Period`.

    An explicit ``from``/``to`` range wins over a preset and needs both ends; with neither, the
    preset applies (``this_month`` by default). Raises :class:`PeriodError` on bad values.
    """
    today = today or local_today()
    if date_from or date_to:
        if not (date_from and date_to):
            missing = "to" if date_from else "from"
            raise PeriodError(f"Thiếu tham số {missing}: cần cả from và to (YYYY-MM-DD).")
        return Period(parse_day(date_from, "from"), parse_day(date_to, "to"))
    return preset_period(preset or DEFAULT_PRESET, today)
