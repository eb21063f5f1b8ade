"""Vietnamese number and date formats (ui.format), as product.md writes them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

from ui.format import (
    NO_DATA,
    fmt_date,
    fmt_datetime,
    fmt_int,
    fmt_moment,
    fmt_number,
    fmt_pct,
    fmt_span,
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
