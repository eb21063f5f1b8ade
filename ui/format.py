"""Vietnamese number and date formats (product.md conventions): 12.439 · 99,94% · 21/11/2026.

Rates arrive as fractions with full precision (metrics.md) and are rounded half-up on their
decimal value, as a spreadsheet does, so that an evaluator's own figure matches ours.
A missing value (``None``: no data, a zero denominator) is shown as :data:`NO_DATA`, never 0.
In English (:func:`ui.i18n.current_lang`, or ``lang=``) the separators are swapped: 12,439 ·
99.94%; dates stay day first.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from ui.i18n import current_lang

NO_DATA = "—"
NO_DATA_LABEL = "không có dữ liệu"  # what NO_DATA means, for screen readers and tooltips


def _group(number: str, lang: str | None) -> str:
    """Swap Python's ``1,234.5`` separators for Vietnamese ``1.234,5`` (English keeps them)."""
    if (lang or current_lang()) == "en":
        return number
    return number.replace(",", " ").replace(".", ",").replace(" ", ".")


def fmt_int(value: float | None, *, lang: str | None = None) -> str:
    """Format a count: ``12439`` → ``'12.439'``; ``None`` → ``'—'``."""
    if value is None:
        return NO_DATA
    return _group(f"{int(value):,d}", lang)


def _decimal(value: Decimal, digits: int, lang: str | None) -> str:
    """Round ``value`` half-up to ``digits`` decimals and write it the reader's way."""
    rounded = value.quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
    return _group(f"{rounded:,.{digits}f}", lang)


def fmt_number(value: float | None, digits: int = 1, *, lang: str | None = None) -> str:
    """Format a decimal number: ``1234.56`` → ``'1.234,6'``; ``None`` → ``'—'``."""
    if value is None:
        return NO_DATA
    # repr() is the shortest decimal that reads back as the same float: what a person typed.
    return _decimal(Decimal(repr(float(value))), digits, lang)


def fmt_pct(rate: float | None, digits: int = 2, *, lang: str | None = None) -> str:
    """Format a fraction as a percentage: ``0.99943`` → ``'99,94%'``; ``None`` → ``'—'``."""
    if rate is None:
        return NO_DATA
    return _decimal(Decimal(repr(float(rate))) * 100, digits, lang) + "%"


def fmt_date(value: date | None) -> str:
    """Format a day: ``date(2026, 11, 21)`` → ``'21/11/2026'``; ``None`` → ``'—'``."""
    if value is None:
        return NO_DATA
    return f"{value:%d/%m/%Y}"


def fmt_datetime(value: datetime | None) -> str:
    """Format a moment, time first: ``datetime(2026, 11, 21, 14, 30)`` → ``'14:30 21/11/2026'``."""
    if value is None:
        return NO_DATA
    return f"{value:%H:%M %d/%m/%Y}"


def as_date(value: date | datetime) -> date:
    """The day of a date or a timestamp (metrics frames give dates as timestamps)."""
    return value.date() if isinstance(value, datetime) else value


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fmt_span(date_from: date, date_to: date, *, lang: str | None = None) -> str:
    """A short range of days, day first, the year written once when both ends share it.

    ``1/11–4/11/2026``, one day ``4/11/2026``, across years ``29/12/2025–4/1/2026``; in English
    the month is a word (``1 Nov–4 Nov 2026``), since ``1/11`` reads as 11 January to many.
    """

    def day(value: date, *, year: bool) -> str:
        if (lang or current_lang()) == "en":
            text = f"{value.day} {_MONTHS_EN[value.month - 1]}"
            return f"{text} {value.year}" if year else text
        return f"{value.day}/{value.month}/{value.year}" if year else f"{value.day}/{value.month}"

    if date_from == date_to:
        return day(date_to, year=True)
    return f"{day(date_from, year=date_from.year != date_to.year)}–{day(date_to, year=True)}"


# The last second of a day. A date given without a time is stored as the end of that day
# (23:59:59.999999, the loader's end_of_day_if_date); some systems write 23:59:59 for the same.
DAY_END = time(23, 59, 59)


def is_day_end(moment: datetime) -> bool:
    """True for a moment in the last second of its day: a date given without a time."""
    return moment.time() >= DAY_END


def fmt_moment(value: datetime | None) -> str:
    """Format a due time or an end: the day alone for the end of a day (a date given without a
    time: ``'27/10/2026'``), else time first (``'16:30 27/10/2026'``); ``None`` → ``'—'``.

    The Excel export shows such a cell the same way (:mod:`ui.export`)."""
    if value is None:
        return NO_DATA
    return fmt_date(value.date()) if is_day_end(value) else fmt_datetime(value)
