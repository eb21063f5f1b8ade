"""Periods: presets, previous period and the same period last year (metrics.md conventions)."""

from __future__ import annotations

from datetime import date

import pytest

from kpi.periods import PRESETS, Period, PeriodError, preset_period, resolve_period

# A Thursday in the middle of a quarter.
TODAY = date(2026, 11, 19)


@pytest.mark.parametrize(
    ("preset", "expected"),
    [
        ("today", Period(date(2026, 11, 19), date(2026, 11, 19))),
        ("this_week", Period(date(2026, 11, 16), date(2026, 11, 19))),  # from Monday
        ("this_month", Period(date(2026, 11, 1), date(2026, 11, 19))),
        ("last_month", Period(date(2026, 10, 1), date(2026, 10, 31))),
        ("this_quarter", Period(date(2026, 10, 1), date(2026, 11, 19))),
        ("this_year", Period(date(2026, 1, 1), date(2026, 11, 19))),
        ("last_7_days", Period(date(2026, 11, 13), date(2026, 11, 19))),
        ("last_30_days", Period(date(2026, 10, 21), date(2026, 11, 19))),
        ("last_90_days", Period(date(2026, 8, 22), date(2026, 11, 19))),
        ("since_2025_07", Period(date(2025, 7, 1), date(2026, 11, 19))),
    ],
)
def test_each_preset_is_the_range_it_names(preset: str, expected: Period) -> None:
    assert preset_period(preset, TODAY) == expected


def test_every_listed_preset_resolves_to_a_period_ending_by_today() -> None:
    ends = {name: preset_period(name, TODAY).date_to for name in PRESETS}
    assert ends == {name: date(2026, 10, 31) if name == "last_month" else TODAY for name in PRESETS}


def test_first_quarter_starts_in_january() -> None:
    assert preset_period("this_quarter", date(2026, 3, 31)) == Period(
        date(2026, 1, 1), date(2026, 3, 31)
    )


def test_previous_period_has_the_same_length_and_ends_the_day_before() -> None:
    assert Period(date(2026, 3, 1), date(2026, 3, 31)).previous() == Period(
        date(2026, 1, 29), date(2026, 2, 28)
    )


def test_same_period_last_year_keeps_the_days_and_folds_29_february() -> None:
    assert Period(date(2024, 2, 29), date(2024, 3, 31)).same_last_year() == Period(
        date(2023, 2, 28), date(2023, 3, 31)
    )
    assert Period(date(2026, 11, 1), date(2026, 11, 19)).same_last_year() == Period(
        date(2025, 11, 1), date(2025, 11, 19)
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("last_8_days", None, None), "period"),
        (("nope", None, None), "period"),
        ((None, "2026-11-01", None), "to"),
        ((None, "2026-11-31", "2026-12-01"), "from"),
        ((None, "2026-11-02", "2026-11-01"), "Ngày bắt đầu"),
    ],
)
def test_bad_period_parameters_are_refused_naming_the_parameter(args: tuple, message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        resolve_period(*args, today=TODAY)
