"""Targets and colours of the headline KPIs (metrics.md §6), read from ``data/targets.toml``.

Green at or beyond the target, amber within the amber band, red beyond it; each metric has a
direction (higher is better for rates, lower for overdue and late counts). A metric without a
target, or without data, has no colour.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from kpi.config import DATA_DIR

TARGETS_FILE = DATA_DIR / "targets.toml"

GREEN, AMBER, RED = "green", "amber", "red"


@dataclass(frozen=True)
class Target:
    """The target of one metric, its amber threshold (optional) and direction."""

    metric: str
    target: float
    amber: float | None
    higher_is_better: bool


def load_targets(path: Path = TARGETS_FILE) -> dict[str, Target]:
    """Read every target of the config file."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    out = {}
    for metric, spec in raw.items():
        direction = spec.get("direction", "higher")
        if direction not in ("higher", "lower"):
            raise ValueError(f"{path}: [{metric}] direction must be 'higher' or 'lower'")
        amber = spec.get("amber")
        out[metric] = Target(
            metric=metric,
            target=float(spec["target"]),
            amber=None if amber is None else float(amber),
            higher_is_better=direction == "higher",
        )
    return out


def colour(
    metric: str, value: float | None, targets: dict[str, Target] | None = None
) -> str | None:
    """``'green'``, ``'amber'``, ``'red'`` for a metric's value, or ``None`` (no target/data)."""
    targets = load_targets() if targets is None else targets
    spec = targets.get(metric)
    if spec is None or value is None:
        return None
    sign = 1 if spec.higher_is_better else -1
    if sign * value >= sign * spec.target:
        return GREEN
    if spec.amber is not None and sign * value >= sign * spec.amber:
        return AMBER
    return RED
