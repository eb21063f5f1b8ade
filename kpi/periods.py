"""Reporting periods: closed ranges of whole days, how they were chosen, and their comparisons.

A period P = [date_from, date_to] includes both days. Timestamps are local and naive
(Asia/Ho_Chi_Minh), so "today" and "now" are taken in that zone whatever the server's zone is.

A period also knows how it was chosen (its :class:`Kind`), because metrics.md §6 compares it
the way a leader reads it: October with September, 1–4/12 (this month so far) with 1–4/11,
the last 30 days with the 30 days before. A preset says its kind; explicit dates are a day, an
ISO week, a month, a quarter or a year when they are exactly one, otherwise a custom range.
:meth:`Period.previous` is the one place that rule lives.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

# Re-exported: the time zone and the clock are defined with the configuration.
from kpi.config import TIMEZONE as TIMEZONE
from kpi.config import local_now as local_now
from marks import N_

# The two-tier local government (and today's ward codes) started on this day.
REFORM_DAY = date(2025, 7, 1)

DEFAULT_PRESET = "this_month"

# Preset name → Vietnamese label, in the order a menu shows them.
PRESETS: dict[str, str] = {
    "today": N_("Hôm nay"),
    "this_week": N_("Tuần này"),
    "this_month": N_("Tháng này"),
    "last_month": N_("Tháng trước"),
    "this_quarter": N_("Quý này"),
    "last_quarter": N_("Quý trước"),
    "this_year": N_("Năm nay"),
    "last_year": N_("Năm trước"),
    "last_7_days": N_("7 ngày qua"),
    "last_30_days": N_("30 ngày qua"),
    "last_90_days": N_("90 ngày qua"),
    "since_2025_07": N_("Kể từ 1/7/2025"),
}


class PeriodError(ValueError):
    """A period parameter is invalid; the message is Vietnamese and names the parameter."""


class Kind(StrEnum):
    """How a period was chosen, which decides what it is compared with (metrics.md §6)."""

    DAY = "day"
    WEEK = "week"  # an ISO week, Monday to Sunday
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    ROLLING = "rolling"  # the last 7/30/90 days
    CUSTOM = "custom"  # any other range


# The calendar kinds: a period of one of them starts on the first day of its day/week/month/…
# and ends by its last day (before it: the period is still in progress).
CALENDAR = (Kind.DAY, Kind.WEEK, Kind.MONTH, Kind.QUARTER, Kind.YEAR)
_MONTHS = {Kind.MONTH: 1, Kind.QUARTER: 3, Kind.YEAR: 12}


def _add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, its day capped at the target month's length (31/3 → 28/2)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _shift(day: date, kind: Kind, units: int) -> date:
    """``day`` moved by ``units`` days/weeks/months/quarters/years of a calendar ``kind``."""
    if kind == Kind.DAY:
        return day + timedelta(days=units)
    if kind == Kind.WEEK:
        return day + timedelta(weeks=units)
    return _add_months(day, _MONTHS[kind] * units)


def unit_start(kind: Kind, day: date) -> date:
    """The first day of the calendar ``kind``'s unit (day, ISO week, month, …) holding ``day``."""
    if kind == Kind.DAY:
        return day
    if kind == Kind.WEEK:
        return day - timedelta(days=day.weekday())
    first_month = (day.month - 1) // _MONTHS[kind] * _MONTHS[kind] + 1
    return date(day.year, first_month, 1)


def unit_end(kind: Kind, day: date) -> date:
    """The last day of the calendar ``kind``'s unit holding ``day``."""
    return _shift(unit_start(kind, day), kind, 1) - timedelta(days=1)


def _fits(kind: Kind, date_from: date, date_to: date) -> bool:
    """Whether a period of a calendar ``kind`` can have these dates (whole or to date)."""
    return unit_start(kind, date_from) == date_from and date_to <= unit_end(kind, date_from)


def infer_kind(date_from: date, date_to: date) -> Kind:
    """The kind of explicit dates: a calendar unit when they are exactly one, else custom."""
    for kind in CALENDAR:
        if unit_start(kind, date_from) == date_from and unit_end(kind, date_from) == date_to:
            return kind
    return Kind.CUSTOM


@dataclass(frozen=True)
class Period:
    """A closed range of whole days ``[date_from, date_to]`` and how it was chosen.

    ``kind`` left out is inferred from the dates (:func:`infer_kind`), so explicit dates that
    are exactly a month count as that month. A calendar kind must fit the dates (it starts on
    its unit's first day and ends by its last). The kind is part of equality and hash: the
    same days chosen as "the last 30 days" or as "November" have different comparisons, so
    they must not share a cached answer that includes one.
    """

    date_from: date
    date_to: date
    kind: Kind | None = None  # always a Kind once built

    def __post_init__(self) -> None:
        """Reject a range that ends before it starts or a kind its dates do not fit."""
        if self.date_from > self.date_to:
            raise PeriodError(
                f"Ngày bắt đầu ({self.date_from:%d/%m/%Y}) sau ngày kết thúc "
                f"({self.date_to:%d/%m/%Y})."
            )
        if self.kind is None:
            kind = infer_kind(self.date_from, self.date_to)
        else:
            kind = Kind(self.kind)
            if kind in CALENDAR and not _fits(kind, self.date_from, self.date_to):
                raise ValueError(f"{self.date_from}–{self.date_to} is not a {kind} (or part)")
        object.__setattr__(self, "kind", kind)  # frozen: set once, here

    @property
    def days(self) -> int:
        """Number of days in the period, both ends included."""
        return (self.date_to - self.date_from).days + 1

    @property
    def in_progress(self) -> bool:
        """True for a calendar period that ends before its unit does (this month so far)."""
        return self.kind in CALENDAR and self.date_to < unit_end(self.kind, self.date_from)

    def previous(self) -> Period:
        """The comparison period of metrics.md §6, the one rule every page, export and API uses.

        - a whole calendar period: the previous one of its kind (October → September, Q3 → Q2,
          2025 → 2024, an ISO week → the week before, a day → the day before);
        - a calendar period in progress: the same stretch of the previous one, its end moved
          back one unit and capped at that unit's length (1–4/12 → 1–4/11, 1–30/3 → 1–28/2,
          Monday–Thursday → last Monday–Thursday, 1/1–29/2/2028 → 1/1–28/2/2027);
        - a rolling window or a custom range: the same number of days just before it.
        """
        kind = self.kind
        assert kind is not None  # set by __post_init__
        if kind in CALENDAR:
            start = _shift(self.date_from, kind, -1)
            last = self.date_from - timedelta(days=1)  # the previous unit's last day
            end = min(_shift(self.date_to, kind, -1), last) if self.in_progress else last
            return Period(start, end, kind)
        to = self.date_from - timedelta(days=1)
        return Period(to - timedelta(days=self.days - 1), to, kind)

    def same_last_year(self) -> Period:
        """The same days one year earlier (29 February becomes 28 February).

        The kind stays when the shifted dates still are one (a month, a quarter, a year, a day,
        a rolling window); a week's days a year earlier are not a week, so they are custom.
        """
        date_from, date_to = _year_earlier(self.date_from), _year_earlier(self.date_to)
        kind = self.kind
        if kind in CALENDAR and not _fits(kind, date_from, date_to):
            kind = Kind.CUSTOM
        return Period(date_from, date_to, kind)


def _year_earlier(day: date) -> date:
    return _add_months(day, -12)  # 29 February → 28 February


def local_today() -> date:
    """Today's date in Vietnam."""
    return local_now().date()


# Presets of the calendar: preset → (kind, how many units back: 0 = the one holding today).
_CALENDAR_PRESETS: dict[str, tuple[Kind, int]] = {
    "today": (Kind.DAY, 0),
    "this_week": (Kind.WEEK, 0),
    "this_month": (Kind.MONTH, 0),
    "last_month": (Kind.MONTH, 1),
    "this_quarter": (Kind.QUARTER, 0),
    "last_quarter": (Kind.QUARTER, 1),
    "this_year": (Kind.YEAR, 0),
    "last_year": (Kind.YEAR, 1),
}


def preset_period(preset: str, today: date) -> Period:
    """Return the period a preset name stands for on ``today``, with its kind.

    ``this_…`` runs from the start of today's week (Monday), month, quarter or year to today
    (in progress until its last day); ``last_…`` is the whole previous one; ``last_N_days`` is a
    rolling window ending today; ``since_2025_07`` a custom range from the reform day.
    """
    if preset in _CALENDAR_PRESETS:
        kind, back = _CALENDAR_PRESETS[preset]
        start = _shift(unit_start(kind, today), kind, -back)
        return Period(start, today if back == 0 else unit_end(kind, start), kind)
    if preset.startswith("last_") and preset.endswith("_days") and preset in PRESETS:
        days = int(preset.split("_")[1])
        return Period(today - timedelta(days=days - 1), today, Kind.ROLLING)
    if preset == "since_2025_07":
        return Period(REFORM_DAY, max(today, REFORM_DAY), Kind.CUSTOM)
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
