"""Periods: presets and their kinds, the comparison period of metrics.md §6, the same period
last year. Every expected date below is counted by hand on the calendar."""

from __future__ import annotations

from datetime import date

import pytest

from kpi.periods import (
    PRESETS,
    Kind,
    Period,
    PeriodError,
    infer_kind,
    preset_period,
    resolve_period,
)

# A Thursday in the middle of a quarter.
TODAY = date(2026, 11, 19)
D = date  # the tables below are mostly dates


@pytest.mark.parametrize(
    ("preset", "expected"),
    [
        ("today", Period(D(2026, 11, 19), D(2026, 11, 19), Kind.DAY)),
        ("this_week", Period(D(2026, 11, 16), D(2026, 11, 19), Kind.WEEK)),  # from Monday
        ("this_month", Period(D(2026, 11, 1), D(2026, 11, 19), Kind.MONTH)),
        ("last_month", Period(D(2026, 10, 1), D(2026, 10, 31), Kind.MONTH)),
        ("this_quarter", Period(D(2026, 10, 1), D(2026, 11, 19), Kind.QUARTER)),
        ("last_quarter", Period(D(2026, 7, 1), D(2026, 9, 30), Kind.QUARTER)),
        ("this_year", Period(D(2026, 1, 1), D(2026, 11, 19), Kind.YEAR)),
        ("last_year", Period(D(2025, 1, 1), D(2025, 12, 31), Kind.YEAR)),
        ("last_7_days", Period(D(2026, 11, 13), D(2026, 11, 19), Kind.ROLLING)),
        ("last_30_days", Period(D(2026, 10, 21), D(2026, 11, 19), Kind.ROLLING)),
        ("last_90_days", Period(D(2026, 8, 22), D(2026, 11, 19), Kind.ROLLING)),
        ("since_2025_07", Period(D(2025, 7, 1), D(2026, 11, 19), Kind.CUSTOM)),
    ],
)
def test_each_preset_is_the_range_and_kind_it_names(preset: str, expected: Period) -> None:
    assert preset_period(preset, TODAY) == expected


def test_every_listed_preset_resolves_to_a_period_ending_by_today() -> None:
    ends = {name: preset_period(name, TODAY).date_to for name in PRESETS}
    whole = {"last_month": D(2026, 10, 31), "last_quarter": D(2026, 9, 30)}
    whole["last_year"] = D(2025, 12, 31)
    assert ends == {name: whole.get(name, TODAY) for name in PRESETS}


@pytest.mark.parametrize(
    ("preset", "today", "expected"),
    [
        ("this_quarter", D(2026, 3, 31), Period(D(2026, 1, 1), D(2026, 3, 31))),  # whole Q1
        ("last_quarter", D(2026, 1, 15), Period(D(2025, 10, 1), D(2025, 12, 31))),  # across years
        ("last_month", D(2026, 1, 15), Period(D(2025, 12, 1), D(2025, 12, 31))),
    ],
)
def test_quarters_and_months_start_and_end_on_the_calendar(
    preset: str, today: date, expected: Period
) -> None:
    assert preset_period(preset, today) == expected


# Explicit dates: exactly a calendar unit counts as one, anything else is a custom range.
@pytest.mark.parametrize(
    ("date_from", "date_to", "kind"),
    [
        (D(2026, 11, 4), D(2026, 11, 4), Kind.DAY),
        (D(2026, 11, 9), D(2026, 11, 15), Kind.WEEK),  # Monday to Sunday
        (D(2026, 11, 10), D(2026, 11, 16), Kind.CUSTOM),  # seven days, Tuesday to Monday
        (D(2026, 2, 1), D(2026, 2, 28), Kind.MONTH),
        (D(2028, 2, 1), D(2028, 2, 28), Kind.CUSTOM),  # a leap February has 29 days
        (D(2028, 2, 1), D(2028, 2, 29), Kind.MONTH),
        (D(2026, 12, 1), D(2026, 12, 4), Kind.CUSTOM),  # a month so far, typed as dates
        (D(2026, 7, 1), D(2026, 9, 30), Kind.QUARTER),
        (D(2026, 8, 1), D(2026, 10, 31), Kind.CUSTOM),  # three months, not a quarter
        (D(2025, 1, 1), D(2025, 12, 31), Kind.YEAR),
        (D(2025, 7, 1), D(2026, 6, 30), Kind.CUSTOM),  # a fiscal-style year
    ],
)
def test_the_kind_of_explicit_dates_is_inferred(date_from: date, date_to: date, kind: Kind) -> None:
    assert infer_kind(date_from, date_to) == kind
    assert Period(date_from, date_to).kind == kind


# The comparison period of metrics.md §6, case by case.
COMPARISONS = [
    # A whole calendar period: the previous one of the same kind.
    ("whole month", Period(D(2026, 10, 1), D(2026, 10, 31)), (D(2026, 9, 1), D(2026, 9, 30))),
    ("last month on 4/12", preset_period("last_month", D(2026, 12, 4)),
     (D(2026, 10, 1), D(2026, 10, 31))),  # November with all of October
    ("March after February", Period(D(2026, 3, 1), D(2026, 3, 31)),
     (D(2026, 2, 1), D(2026, 2, 28))),
    ("January after December", Period(D(2026, 1, 1), D(2026, 1, 31)),
     (D(2025, 12, 1), D(2025, 12, 31))),
    ("whole quarter", Period(D(2026, 7, 1), D(2026, 9, 30)), (D(2026, 4, 1), D(2026, 6, 30))),
    ("first quarter", Period(D(2026, 1, 1), D(2026, 3, 31)),
     (D(2025, 10, 1), D(2025, 12, 31))),
    ("whole year", Period(D(2025, 1, 1), D(2025, 12, 31)), (D(2024, 1, 1), D(2024, 12, 31))),
    ("whole ISO week", Period(D(2026, 11, 9), D(2026, 11, 15)),
     (D(2026, 11, 2), D(2026, 11, 8))),
    ("ISO week across the new year", Period(D(2025, 12, 29), D(2026, 1, 4)),
     (D(2025, 12, 22), D(2025, 12, 28))),
    ("a day", Period(D(2026, 3, 1), D(2026, 3, 1)), (D(2026, 2, 28), D(2026, 2, 28))),
    ("today", preset_period("today", D(2026, 1, 1)), (D(2025, 12, 31), D(2025, 12, 31))),
    # A calendar period in progress: the same stretch of the previous one, capped at its end.
    ("this month on 4/12", preset_period("this_month", D(2026, 12, 4)),
     (D(2026, 11, 1), D(2026, 11, 4))),
    ("this month on 30/3", preset_period("this_month", D(2026, 3, 30)),
     (D(2026, 2, 1), D(2026, 2, 28))),  # capped at February's end
    ("this month on 31/3 (whole March)", preset_period("this_month", D(2026, 3, 31)),
     (D(2026, 2, 1), D(2026, 2, 28))),
    ("this month on 31/3 of a leap year", preset_period("this_month", D(2028, 3, 31)),
     (D(2028, 2, 1), D(2028, 2, 29))),
    ("this month on 31/5, after 30-day April", preset_period("this_month", D(2026, 5, 31)),
     (D(2026, 4, 1), D(2026, 4, 30))),
    ("this month on 31/12", preset_period("this_month", D(2026, 12, 31)),
     (D(2026, 11, 1), D(2026, 11, 30))),
    ("this month on 30/11 (whole November)", preset_period("this_month", D(2026, 11, 30)),
     (D(2026, 10, 1), D(2026, 10, 31))),  # complete: all of October, 31/10 included
    ("this month on 28/2 of a leap year", preset_period("this_month", D(2028, 2, 28)),
     (D(2028, 1, 1), D(2028, 1, 28))),  # 29/2 is still to come: in progress
    ("this month on 29/2 of a leap year", preset_period("this_month", D(2028, 2, 29)),
     (D(2028, 1, 1), D(2028, 1, 31))),  # the whole leap February: all of January
    ("this quarter on 19/11", preset_period("this_quarter", TODAY),
     (D(2026, 7, 1), D(2026, 8, 19))),
    ("this quarter on 31/5", preset_period("this_quarter", D(2026, 5, 31)),
     (D(2026, 1, 1), D(2026, 2, 28))),  # capped at February's end
    ("this quarter on 15/1", preset_period("this_quarter", D(2026, 1, 15)),
     (D(2025, 10, 1), D(2025, 10, 15))),
    ("this year on 19/11", preset_period("this_year", TODAY), (D(2025, 1, 1), D(2025, 11, 19))),
    ("this year on 29/2 of a leap year", preset_period("this_year", D(2028, 2, 29)),
     (D(2027, 1, 1), D(2027, 2, 28))),
    ("this week to Thursday", preset_period("this_week", TODAY),
     (D(2026, 11, 9), D(2026, 11, 12))),
    ("this week on Monday", preset_period("this_week", D(2026, 11, 16)),
     (D(2026, 11, 9), D(2026, 11, 9))),
    # A rolling window or a custom range: the same number of days just before it.
    ("last 30 days", preset_period("last_30_days", TODAY), (D(2026, 9, 21), D(2026, 10, 20))),
    ("last 30 days ending 30/11", preset_period("last_30_days", D(2026, 11, 30)),
     (D(2026, 10, 2), D(2026, 10, 31))),  # the days of November, but not "November"
    ("last 7 days", preset_period("last_7_days", TODAY), (D(2026, 11, 6), D(2026, 11, 12))),
    ("custom range", Period(D(2026, 11, 3), D(2026, 11, 19)), (D(2026, 10, 17), D(2026, 11, 2))),
    ("a month so far typed as dates", Period(D(2026, 12, 1), D(2026, 12, 4)),
     (D(2026, 11, 27), D(2026, 11, 30))),
    ("since 1/7/2025 (507 days)", preset_period("since_2025_07", TODAY),
     (D(2024, 2, 10), D(2025, 6, 30))),
]  # fmt: skip


@pytest.mark.parametrize(
    ("period", "expected"), [c[1:] for c in COMPARISONS], ids=[c[0] for c in COMPARISONS]
)
def test_the_comparison_period_follows_how_the_period_was_chosen(
    period: Period, expected: tuple[date, date]
) -> None:
    compared = period.previous()
    assert (compared.date_from, compared.date_to) == expected
    assert compared.kind == period.kind  # the previous one of the same kind


def test_a_period_in_progress_is_only_a_calendar_period_that_has_not_ended() -> None:
    assert preset_period("this_month", D(2026, 12, 4)).in_progress
    assert not preset_period("this_month", D(2026, 11, 30)).in_progress
    assert not preset_period("last_7_days", D(2026, 12, 4)).in_progress
    assert not Period(D(2026, 12, 1), D(2026, 12, 4)).in_progress  # custom


def test_dates_from_the_url_get_the_kind_they_have() -> None:
    october = resolve_period(None, "2026-10-01", "2026-10-31", today=TODAY)
    assert october == Period(D(2026, 10, 1), D(2026, 10, 31), Kind.MONTH)
    assert october.previous() == Period(D(2026, 9, 1), D(2026, 9, 30), Kind.MONTH)
    assert resolve_period("last_month", today=TODAY) == october


def test_the_same_dates_chosen_two_ways_are_different_periods() -> None:
    # A cache keyed by the period must not give "November" the comparison of "the last 30 days".
    november = Period(D(2026, 11, 1), D(2026, 11, 30))
    rolling = preset_period("last_30_days", D(2026, 11, 30))
    assert (rolling.date_from, rolling.date_to) == (november.date_from, november.date_to)
    assert rolling != november
    assert len({rolling: 1, november: 2}) == 2
    assert rolling.previous() != november.previous()


def test_a_calendar_kind_must_fit_its_dates() -> None:
    with pytest.raises(ValueError, match="not a month"):
        Period(D(2026, 11, 2), D(2026, 11, 30), Kind.MONTH)  # does not start on the 1st
    with pytest.raises(ValueError, match="not a week"):
        Period(D(2026, 11, 16), D(2026, 11, 23), Kind.WEEK)  # Monday to the next Monday


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (Period(D(2024, 2, 29), D(2024, 3, 31)), Period(D(2023, 2, 28), D(2023, 3, 31))),
        (preset_period("this_month", TODAY), Period(D(2025, 11, 1), D(2025, 11, 19), Kind.MONTH)),
        (Period(D(2028, 2, 29), D(2028, 2, 29)), Period(D(2027, 2, 28), D(2027, 2, 28))),
        (Period(D(2028, 2, 1), D(2028, 2, 29)), Period(D(2027, 2, 1), D(2027, 2, 28))),  # month
        (preset_period("this_year", D(2028, 2, 29)),
         Period(D(2027, 1, 1), D(2027, 2, 28), Kind.YEAR)),
        (preset_period("last_7_days", TODAY),
         Period(D(2025, 11, 13), D(2025, 11, 19), Kind.ROLLING)),
        # A week's days a year earlier are Sunday to Saturday: no longer a week.
        (Period(D(2026, 11, 9), D(2026, 11, 15)),
         Period(D(2025, 11, 9), D(2025, 11, 15), Kind.CUSTOM)),
    ],
)  # fmt: skip
def test_same_period_last_year_shifts_the_dates_and_folds_29_february(
    period: Period, expected: Period
) -> None:
    assert period.same_last_year() == expected


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
