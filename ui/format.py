"""Numbers and dates the reader's way, from Babel's ``vi`` and ``en`` locales (CLDR).

Vietnamese (the default): 12.439 · 99,94% · 21/11/2026; English (:func:`ui.i18n.current_lang`,
or ``lang=``): 12,439 · 99.94% · 21 Nov 2026, the month a word since ``11/21`` and ``21/11``
read differently to different readers. Rates arrive as fractions with full precision
(metrics.md) and are rounded half-up on their decimal value, as a spreadsheet does, so that an
evaluator's own figure matches ours (Babel's own rounding is half-even).

The separators and the percent sign are the locale's (``babel.numbers``), read once; the digits
are written by Python's format, because Babel's pattern engine takes about 10 µs a number and a
page writes thousands (``tests/test_format.py`` checks both agree with
``babel.numbers.format_decimal``/``format_percent`` on many values). Dates go through
``babel.dates`` with the patterns below. A missing value (``None``: no data, a zero
denominator) is shown as :data:`NO_DATA`, never 0.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from babel import Locale
from babel.dates import DateTimePattern
from babel.dates import parse_pattern as parse_date_pattern
from babel.numbers import get_decimal_symbol, get_group_symbol

from marks import N_
from ui.i18n import current_lang

NO_DATA = "—"
NO_DATA_LABEL = N_("không có dữ liệu")  # what NO_DATA means, for screen readers and tooltips

# CLDR date patterns, the day first in both languages: a whole date, a day and month of a span
# whose year is written once, a date of such a span.
DATE_PATTERNS = {"vi": "dd/MM/yyyy", "en": "d MMM y"}
DAY_MONTH_PATTERNS = {"vi": "d/M", "en": "d MMM"}
SPAN_DATE_PATTERNS = {"vi": "d/M/y", "en": "d MMM y"}


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


@cache
def _separators(lang: str) -> dict[int, str]:
    """Python's ``,`` and ``.`` mapped to the locale's group and decimal symbols."""
    return str.maketrans({",": get_group_symbol(lang), ".": get_decimal_symbol(lang)})


@cache
def _percent_affixes(lang: str) -> tuple[str, str]:
    """What the locale writes before and after a positive percentage: ``("", "%")``."""
    pattern = _locale(lang).percent_formats[None]
    return pattern.prefix[0], pattern.suffix[0]


def round_half_up(value: float | Decimal, digits: int) -> Decimal:
    """``value`` rounded half-up to ``digits`` decimals, on the decimal a person typed
    (``repr()``, the shortest decimal that reads back as the same float): 0.125 → 0.13."""
    exact = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    return exact.quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)


def _write(number: Decimal | int, digits: int, lang: str | None) -> str:
    chosen = lang or current_lang()
    return f"{number:,.{digits}f}".translate(_separators(chosen))


def fmt_int(value: float | None, *, lang: str | None = None) -> str:
    """Format a count: ``12439`` → ``'12.439'``; ``None`` → ``'—'``."""
    if value is None:
        return NO_DATA
    return _write(int(value), 0, lang)


def fmt_number(value: float | None, digits: int = 1, *, lang: str | None = None) -> str:
    """Format a decimal number: ``1234.56`` → ``'1.234,6'``; ``None`` → ``'—'``."""
    if value is None:
        return NO_DATA
    return _write(round_half_up(value, digits), digits, lang)


def fmt_pct(
    rate: float | None, digits: int = 2, *, lang: str | None = None, below_full: bool = False
) -> str:
    """Format a fraction as a percentage: ``0.99943`` → ``'99,94%'``; ``None`` → ``'—'``.

    ``below_full``: a rate under 1 never reads "100%" (0.9996 at one decimal: ``'99,9%'``), for
    the hall screen, where "100%" says that every case counted."""
    if rate is None:
        return NO_DATA
    exact = Decimal(repr(float(rate))) * 100
    percent = round_half_up(exact, digits)
    if below_full and percent >= 100 > exact:
        percent = Decimal(100) - Decimal(1).scaleb(-digits)
    chosen = lang or current_lang()
    prefix, suffix = _percent_affixes(chosen)
    return prefix + _write(percent, digits, chosen) + suffix


@cache
def _date_pattern(pattern: str) -> DateTimePattern:
    return parse_date_pattern(pattern)


def _day(value: date, patterns: dict[str, str], lang: str | None) -> str:
    chosen = lang or current_lang()
    return _date_pattern(patterns[chosen]).apply(value, _locale(chosen))


def fmt_date(value: date | None, *, lang: str | None = None) -> str:
    """Format a day: ``date(2026, 11, 21)`` → ``'21/11/2026'`` (English ``'21 Nov 2026'``);
    ``None`` → ``'—'``."""
    if value is None:
        return NO_DATA
    return _day(value, DATE_PATTERNS, lang)


def fmt_datetime(value: datetime | None, *, lang: str | None = None) -> str:
    """Format a moment, time first: ``datetime(2026, 11, 21, 14, 30)`` → ``'14:30 21/11/2026'``
    (English ``'14:30 21 Nov 2026'``)."""
    if value is None:
        return NO_DATA
    return f"{value:%H:%M} {fmt_date(value.date(), lang=lang)}"


def as_date(value: date | datetime) -> date:
    """The day of a date or a timestamp (metrics frames give dates as timestamps)."""
    return value.date() if isinstance(value, datetime) else value


def fmt_span(date_from: date, date_to: date, *, lang: str | None = None) -> str:
    """A short range of days, day first, the year written once when both ends share it.

    ``1/11–4/11/2026``, one day ``4/11/2026``, across years ``29/12/2025–4/1/2026``; in English
    the month is a word (``1 Nov–4 Nov 2026``), since ``1/11`` reads as 11 January to many.
    """

    def day(value: date, *, year: bool) -> str:
        return _day(value, SPAN_DATE_PATTERNS if year else DAY_MONTH_PATTERNS, lang)

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
