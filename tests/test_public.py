"""Public surfaces (metrics.md §7, kpi.public): only the figures asked for; counts exact, small
ones included; a rate over fewer than 10 cases (or without data) "chưa đủ dữ liệu"; in a public
ranking, such wards after the ranked ones, unranked."""

from __future__ import annotations

from typing import Any

import pytest

from kpi.public import NOT_ENOUGH, denominators, publish, ranked

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


def test_counts_are_exact_small_ones_included() -> None:
    counts = ["completed", "stopped", "in_process", "withdrawn", "late", "no_due", "to_process",
              "postal", "carried_over"]  # fmt: skip
    assert publish(ROW, counts=counts, rates=[]) == {
        "completed": 4,
        "stopped": 1,
        "in_process": 0,
        "withdrawn": 5,
        "late": 3,
        "no_due": 6,
        "to_process": 68,
        "postal": 0,
        "carried_over": 8,
    }


def test_a_missing_count_is_published_as_zero() -> None:
    assert publish({}, counts=["received", "late"], rates=[]) == {"received": 0, "late": 0}


@pytest.mark.parametrize(
    ("rate", "shown"),
    [
        # denominators: early + on_time + late + in_time + overdue = 62 → shown
        ("on_time_rate", (40 + 12 + 7) / 62),
        ("resolved_on_time_rate", 52 / 55),  # early + on_time + late = 55
        ("satisfied_rate", NOT_ENOUGH),  # 9 ratings
        ("mean_rating", NOT_ENOUGH),  # 9 ratings (and not in the row)
        ("petition_on_time_rate", 7 / 10),  # 10 petitions: exactly enough
        ("digitized_rate", NOT_ENOUGH),  # 60 received, but the flag is known for only 9
        ("online_share", 30 / 60),
        ("e_result_rate", NOT_ENOUGH),  # not in the row at all: no data
    ],
)
def test_rates_over_fewer_than_ten_are_not_enough_data(rate: str, shown: Any) -> None:
    assert publish(ROW, counts=[], rates=[rate]) == {rate: shown}


def test_a_ward_with_3_late_of_7_shows_its_counts_and_not_its_rate() -> None:
    """3 late and 4 on time of 7 to process: late = 3 (exact), on-time rate 4/7 over fewer than
    10 cases: "chưa đủ dữ liệu"."""
    row = {"to_process": 7, "received": 7, "completed": 7, "on_time": 4, "late": 3,
           "on_time_rate": 4 / 7, "online": 2, "online_share": 2 / 7}  # fmt: skip
    published = publish(
        row,
        counts=["to_process", "completed", "on_time", "late", "online"],
        rates=["on_time_rate", "online_share"],
    )
    assert published == {
        "to_process": 7,
        "completed": 7,
        "on_time": 4,
        "late": 3,
        "online": 2,
        "on_time_rate": NOT_ENOUGH,
        "online_share": NOT_ENOUGH,
    }


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


def test_a_public_ranking_lists_unreliable_rates_after_the_ranked_wards_unranked() -> None:
    rows = [
        {"ward": "A", "rate": 0.9, "late": 1},
        {"ward": "B", "rate": NOT_ENOUGH, "late": 3},
        {"ward": "C", "rate": 0.95, "late": 0},
        {"ward": "D", "rate": 0.9, "late": 2},  # ties A: the same rank, the given order kept
        {"ward": "E", "rate": NOT_ENOUGH, "late": 0},
        {"ward": "F", "rate": 0.5, "late": 9},
    ]
    assert ranked(rows, by="rate") == [
        {"ward": "C", "rate": 0.95, "late": 0, "rank": 1},
        {"ward": "A", "rate": 0.9, "late": 1, "rank": 2},
        {"ward": "D", "rate": 0.9, "late": 2, "rank": 2},
        {"ward": "F", "rate": 0.5, "late": 9, "rank": 4},
        {"ward": "B", "rate": NOT_ENOUGH, "late": 3, "rank": None},  # its count stays visible
        {"ward": "E", "rate": NOT_ENOUGH, "late": 0, "rank": None},
    ]


def test_a_ranking_without_a_reliable_rate_ranks_nobody() -> None:
    rows = [{"ward": "A", "rate": NOT_ENOUGH}, {"ward": "B", "rate": NOT_ENOUGH}]
    assert [r["rank"] for r in ranked(rows, by="rate")] == [None, None]
    assert ranked([], by="rate") == []
