"""Public surfaces (metrics.md §7, kpi.public.publish): only the figures asked for, counts below 5
shown as "< 5", rates over fewer than 10 as "chưa đủ dữ liệu", and no suppressed count recoverable
from the total of its breakdown."""

from __future__ import annotations

from typing import Any

import pytest

from kpi.public import HIDDEN, NOT_ENOUGH, SMALL_COUNT, denominators, publish

# A metrics row as kpi.metrics returns it (only the keys the tests read), plus things that must
# never reach a public surface.
ROW: dict[str, Any] = {
    "key": "00004",
    "dossier_id": "HS-0001",  # never in a metrics row; publish must not pass it on anyway
    "received": 60,
    "carried_over": 8,
    "to_process": 68,
    "completed": 4,
    "in_process": 0,
    "withdrawn": 5,
    "stopped": 1,
    "early": 40,
    "on_time": 12,
    "late": 3,
    "in_time": 7,
    "overdue": 0,
    "no_due": 6,
    "online": 30,
    "postal": 0,
    "direct": 30,
    "ratings": 9,
    "petitions": 10,
    "digitized_known": 9,
    "on_time_rate": (40 + 12 + 7) / (68 - 6),
    "resolved_on_time_rate": (40 + 12) / (40 + 12 + 3),
    "satisfied_rate": 8 / 9,
    "petition_on_time_rate": 7 / 10,
    "digitized_rate": 5 / 9,
    "online_share": 30 / 60,
}


@pytest.mark.parametrize(
    ("count", "shown"),
    [
        ("completed", SMALL_COUNT),  # 4
        ("stopped", SMALL_COUNT),  # 1
        ("in_process", 0),  # 0 is not a small cell: nothing to protect
        ("withdrawn", 5),  # 5 is shown
        ("to_process", 68),
    ],
)
def test_counts_below_five_are_shown_as_less_than_five(count: str, shown: Any) -> None:
    assert publish(ROW, counts=[count], rates=[]) == {count: shown}


def test_a_missing_count_is_published_as_zero() -> None:
    assert publish({}, counts=["received", "late"], rates=[]) == {"received": 0, "late": 0}


@pytest.mark.parametrize(
    ("rate", "shown"),
    [
        # denominators: early + on_time + late + in_time + overdue = 62 → shown
        ("on_time_rate", (40 + 12 + 7) / 62),
        ("resolved_on_time_rate", 52 / 55),  # early + on_time + late = 55
        ("satisfied_rate", NOT_ENOUGH),  # 9 ratings
        ("petition_on_time_rate", 7 / 10),  # 10 petitions: exactly enough
        ("digitized_rate", NOT_ENOUGH),  # 60 received, but the flag is known for only 9
        ("online_share", 30 / 60),
        ("e_result_rate", NOT_ENOUGH),  # not in the row at all
    ],
)
def test_rates_over_fewer_than_ten_are_not_enough_data(rate: str, shown: Any) -> None:
    assert publish(ROW, counts=[], rates=[rate]) == {rate: shown}


def test_denominators_of_the_rates_come_from_their_counts() -> None:
    denoms = denominators(ROW)
    keys = (
        "on_time_rate", "resolved_on_time_rate", "satisfied_rate", "petition_on_time_rate",
        "digitized_rate", "online_share", "response_rate", "satisfaction_766",
    )  # fmt: skip
    assert {k: denoms[k] for k in keys} == {
        "on_time_rate": 40 + 12 + 3 + 7 + 0,
        "resolved_on_time_rate": 40 + 12 + 3,
        "satisfied_rate": 9,
        "petition_on_time_rate": 10,
        "digitized_rate": 9,
        "online_share": 60,
        "response_rate": 4,
        "satisfaction_766": 62,
    }


def test_only_the_requested_figures_are_published() -> None:
    published = publish(ROW, counts=["received", "early"], rates=["online_share"])
    assert published == {"received": 60, "early": 40, "online_share": 0.5}
    assert "dossier_id" not in published and "key" not in published


def test_one_small_class_hides_the_next_smallest_so_the_total_cannot_reveal_it() -> None:
    classes = ["early", "on_time", "late", "in_time", "overdue", "no_due"]
    published = publish(ROW, counts=["to_process", *classes], rates=[])
    assert published == {
        "to_process": 68,
        "early": 40,
        "on_time": 12,
        "late": SMALL_COUNT,  # 3
        "in_time": 7,
        "overdue": 0,  # zero parts are shown and never chosen to hide
        "no_due": HIDDEN,  # 6, the smallest non-zero other part: hidden, but not called "< 5"
    }
    # What a reader can work out: late + no_due = 68 − 40 − 12 − 7 − 0 = 9, not late itself.
    known = [published[k] for k in classes if isinstance(published[k], int)]
    assert published["to_process"] - sum(known) == 3 + 6


@pytest.mark.parametrize(
    ("row", "counts", "expected"),
    [
        (  # two small parts already hide each other: nothing more to hide
            {"early": 40, "on_time": 12, "late": 3, "in_time": 7, "overdue": 2},
            ["early", "on_time", "late", "in_time", "overdue"],
            {"early": 40, "on_time": 12, "late": SMALL_COUNT, "in_time": 7,
             "overdue": SMALL_COUNT},
        ),
        (  # received / carried over: the small one takes the other with it
            {"received": 50, "carried_over": 2, "to_process": 52},
            ["received", "carried_over", "to_process"],
            {"received": HIDDEN, "carried_over": SMALL_COUNT, "to_process": 52},
        ),
        (  # channels: the smallest other part goes (postal 6 before direct 50)
            {"online": 3, "postal": 6, "direct": 50, "received": 59},
            ["online", "postal", "direct", "received"],
            {"online": SMALL_COUNT, "postal": HIDDEN, "direct": 50, "received": 59},
        ),
        (  # ties on size: the first by name goes
            {"online": 1, "postal": 9, "direct": 9, "received": 19},
            ["online", "postal", "direct", "received"],
            {"online": SMALL_COUNT, "postal": 9, "direct": HIDDEN, "received": 19},
        ),
        (  # parts without their total: nothing can be subtracted, nothing more is hidden
            {"online": 1, "postal": 9, "direct": 9},
            ["online", "postal", "direct"],
            {"online": SMALL_COUNT, "postal": 9, "direct": 9},
        ),
        (  # the rating distribution is a breakdown too
            {"rating_1": 2, "rating_2": 0, "rating_3": 5, "rating_4": 30, "rating_5": 60,
             "ratings": 97},
            ["rating_1", "rating_2", "rating_3", "rating_4", "rating_5", "ratings"],
            {"rating_1": SMALL_COUNT, "rating_2": 0, "rating_3": HIDDEN, "rating_4": 30,
             "rating_5": 60, "ratings": 97},
        ),
        (  # the other parts are not published: no total to subtract them from
            {"early": 40, "late": 3},
            ["late"],
            {"late": SMALL_COUNT},
        ),
    ],
    ids=["two-small", "received", "channels", "tie", "no-total", "ratings", "alone"],
)  # fmt: skip
def test_complementary_suppression_in_every_breakdown(
    row: dict[str, Any], counts: list[str], expected: dict[str, Any]
) -> None:
    assert publish(row, counts=counts, rates=[]) == expected
