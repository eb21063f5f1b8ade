"""Number and date formats (ui.format): Vietnamese as product.md writes them, and English."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from babel.numbers import format_decimal, format_percent
from hypothesis import given, settings
from hypothesis import strategies as st

from ui.format import (
    NO_DATA,
    fmt_date,
    fmt_datetime,
    fmt_int,
    fmt_moment,
    fmt_number,
    fmt_pct,
    fmt_span,
    round_half_up,
)


@pytest.mark.parametrize(
    ("func", "value", "kwargs", "expected"),
    [
        (fmt_int, 12439, {}, "12.439"),
        (fmt_int, 0, {}, "0"),
        (fmt_int, 999, {}, "999"),
        (fmt_int, 1_234_567, {}, "1.234.567"),
        (fmt_int, -4063, {}, "-4.063"),
        (fmt_int, None, {}, NO_DATA),
        (fmt_pct, 12432 / 12439, {}, "99,94%"),  # Hồng Hà 2021 (metrics.md §8)
        (fmt_pct, 1.0, {}, "100,00%"),
        (fmt_pct, 0.0, {}, "0,00%"),
        (fmt_pct, 0.125, {}, "12,50%"),
        (fmt_pct, 7 / 9, {}, "77,78%"),
        (fmt_pct, 0.12345, {}, "12,35%"),  # half-up on the decimal value, as a spreadsheet
        (fmt_pct, 1824 / 4063, {"digits": 1}, "44,9%"),  # Hàng Bài "không chờ"
        (fmt_pct, 0.966, {"digits": 0}, "97%"),
        (fmt_pct, 12.5, {"digits": 0}, "1.250%"),
        (fmt_pct, None, {}, NO_DATA),  # zero denominator: no data, never 0%
        (fmt_number, 1234.56, {}, "1.234,6"),
        (fmt_number, 2.25, {"digits": 1}, "2,3"),
        (fmt_number, 3, {"digits": 2}, "3,00"),
        (fmt_number, None, {}, NO_DATA),
        (fmt_date, date(2026, 11, 21), {}, "21/11/2026"),
        (fmt_date, date(2025, 7, 1), {}, "01/07/2025"),
        (fmt_date, datetime(2026, 11, 21, 14, 30), {}, "21/11/2026"),
        (fmt_date, None, {}, NO_DATA),
        (fmt_datetime, datetime(2026, 11, 21, 14, 30), {}, "14:30 21/11/2026"),
        (fmt_datetime, datetime(2026, 1, 5, 8, 5, 59), {}, "08:05 05/01/2026"),
        (fmt_datetime, None, {}, NO_DATA),
        # a due date given without a time is stored as the end of that day: the day alone
        (fmt_moment, datetime(2026, 10, 27, 23, 59, 59, 999999), {}, "27/10/2026"),
        (fmt_moment, datetime(2026, 10, 27, 23, 59, 59), {}, "27/10/2026"),
        (fmt_moment, datetime(2026, 10, 27, 16, 30), {}, "16:30 27/10/2026"),
        (fmt_moment, datetime(2026, 10, 27, 23, 59), {}, "23:59 27/10/2026"),
        (fmt_moment, datetime(2026, 10, 27), {}, "00:00 27/10/2026"),
        (fmt_moment, None, {}, NO_DATA),
    ],
)
def test_vietnamese_format(
    func: Callable[..., str], value: Any, kwargs: dict[str, Any], expected: str
) -> None:
    assert func(value, **kwargs) == expected


@pytest.mark.parametrize(
    ("date_from", "date_to", "lang", "expected"),
    [
        (date(2026, 11, 1), date(2026, 11, 4), "vi", "1/11–4/11/2026"),
        (date(2026, 11, 4), date(2026, 11, 4), "vi", "4/11/2026"),
        (date(2025, 12, 29), date(2026, 1, 4), "vi", "29/12/2025–4/1/2026"),
        (date(2026, 11, 1), date(2026, 11, 4), "en", "1 Nov–4 Nov 2026"),
        (date(2026, 11, 4), date(2026, 11, 4), "en", "4 Nov 2026"),
        (date(2025, 12, 29), date(2026, 1, 4), "en", "29 Dec 2025–4 Jan 2026"),
    ],
)
def test_a_comparison_span_is_short_day_first_with_the_year_once(
    date_from: date, date_to: date, lang: str, expected: str
) -> None:
    assert fmt_span(date_from, date_to, lang=lang) == expected


@pytest.mark.parametrize(
    ("func", "value", "kwargs", "vietnamese", "english"),
    [
        (fmt_int, 12439, {}, "12.439", "12,439"),
        (fmt_pct, 0.99943, {}, "99,94%", "99.94%"),
        (fmt_number, 1234.56, {}, "1.234,6", "1,234.6"),
        (fmt_date, date(2026, 11, 21), {}, "21/11/2026", "21 Nov 2026"),
        (fmt_date, date(2025, 7, 1), {}, "01/07/2025", "1 Jul 2025"),
        (fmt_datetime, datetime(2026, 11, 21, 14, 30), {}, "14:30 21/11/2026", "14:30 21 Nov 2026"),
        (fmt_pct, 0.9996, {"digits": 1, "below_full": True}, "99,9%", "99.9%"),
        (fmt_pct, 1.0, {"digits": 1, "below_full": True}, "100,0%", "100.0%"),
        (fmt_pct, 0.99949, {"digits": 1, "below_full": True}, "99,9%", "99.9%"),
    ],
)
def test_each_language_writes_numbers_and_dates_its_own_way(
    func: Callable[..., str], value: Any, kwargs: dict[str, Any], vietnamese: str, english: str
) -> None:
    assert func(value, **kwargs, lang="vi") == vietnamese
    assert func(value, **kwargs, lang="en") == english


@settings(max_examples=400, deadline=None)
@given(
    value=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    digits=st.integers(min_value=0, max_value=3),
    lang=st.sampled_from(["vi", "en"]),
)
def test_numbers_are_written_as_babel_writes_the_rounded_value(
    value: float, digits: int, lang: str
) -> None:
    """The separators come from the locale: the same text as babel.numbers' own formatting of
    the half-up rounded value (Babel alone would round half-even)."""
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    rounded = round_half_up(value, digits)
    assert fmt_number(value, digits, lang=lang) == format_decimal(rounded, pattern, locale=lang)
    percent = round_half_up(Decimal(repr(value)) * 100, digits)
    assert fmt_pct(value, digits, lang=lang) == format_percent(
        percent / 100, pattern + "%", locale=lang
    )
    assert fmt_int(value, lang=lang) == format_decimal(int(value), "#,##0", locale=lang)


def test_rounding_is_half_up_on_the_decimal_a_person_typed() -> None:
    assert (fmt_number(2.25, 1), fmt_number(0.125, 2), fmt_pct(0.00125)) == ("2,3", "0,13", "0,13%")
    assert fmt_number(-2.25, 1, lang="en") == "-2.3"  # half away from zero, as a spreadsheet
