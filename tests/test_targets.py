"""Targets and colours (metrics.md §6) from the tracked config file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpi.targets import AMBER, GREEN, RED, Target, colour, load_targets


def test_the_config_file_holds_the_spec_defaults() -> None:
    assert load_targets() == {
        "on_time_rate": Target("on_time_rate", 0.98, 0.95, True),
        "resolved_on_time_rate": Target("resolved_on_time_rate", 0.98, None, True),
        "online_share": Target("online_share", 0.50, None, True),
        "satisfied_rate": Target("satisfied_rate", 0.90, 0.80, True),
        "digitized_rate": Target("digitized_rate", 0.80, None, True),
        "overdue": Target("overdue", 0, None, False),
        "late": Target("late", 0, None, False),
    }


@pytest.mark.parametrize(
    ("metric", "value", "expected"),
    [
        ("on_time_rate", 0.98, GREEN),  # at target
        ("on_time_rate", 0.9999, GREEN),
        ("on_time_rate", 0.9799, AMBER),
        ("on_time_rate", 0.95, AMBER),  # at the amber line
        ("on_time_rate", 0.9499, RED),
        ("online_share", 0.5, GREEN),  # the 766 full-points line
        ("online_share", 0.4999, RED),  # no amber band: short of target is red
        ("satisfied_rate", 0.85, AMBER),
        ("satisfied_rate", 0.79, RED),
        ("overdue", 0, GREEN),  # lower is better
        ("overdue", 3, RED),
        ("on_time_rate", None, None),  # no data, no colour
        ("avg_days", 2.0, None),  # no target
    ],
)
def test_colour_against_target_amber_band_and_direction(
    metric: str, value: float | None, expected: str | None
) -> None:
    assert colour(metric, value) == expected


def test_a_lower_is_better_metric_with_an_amber_band(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text('[avg_days]\ntarget = 3\namber = 5\ndirection = "lower"\n', encoding="utf-8")
    targets = load_targets(path)
    assert [colour("avg_days", v, targets) for v in (2, 3, 4, 5, 6)] == [
        GREEN, GREEN, AMBER, AMBER, RED,
    ]  # fmt: skip


def test_a_bad_direction_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text('[x]\ntarget = 1\ndirection = "up"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="direction"):
        load_targets(path)
