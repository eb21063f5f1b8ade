"""Public surfaces (metrics.md §7): aggregates only, small cells suppressed.

Every public surface (hall screens, the public API) passes its figures through :func:`publish`,
so the rules live in one place:

- a count below ``MIN_COUNT`` (5) is shown as ``"< 5"``;
- a rate whose denominator is below ``MIN_DENOMINATOR`` (10) is ``"chưa đủ dữ liệu"``;
- a suppressed count must not be recoverable from a total shown beside it: when exactly one part
  of a published breakdown is suppressed, the next smallest part is suppressed too, and shown as
  ``"ẩn"`` (hidden), not ``"< 5"``: it is not below 5, and saying so would be false.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

MIN_COUNT = 5
MIN_DENOMINATOR = 10
SMALL_COUNT = f"< {MIN_COUNT}"
NOT_ENOUGH = "chưa đủ dữ liệu"
HIDDEN = "ẩn"  # a count of 5 or more hidden so that a small neighbour cannot be recovered

# Rate → the count it is a share of (its denominator), as computed by kpi.metrics.
RATE_DENOMINATORS: dict[str, str] = {
    "on_time_rate": "classified",
    "resolved_on_time_rate": "resolved",
    "online_share": "received",
    "full_online_share": "received",
    "postal_share": "received",
    "direct_share": "received",
    "paid_online_rate": "paid_online_known",
    "e_result_rate": "e_result_known",
    "digitized_rate": "digitized_known",
    "reuse_rate": "reused_known",
    "no_wait_share": "no_wait_known",
    "interagency_share": "interagency_known",
    "satisfied_rate": "ratings",
    "mean_rating": "ratings",  # not a rate, but a mean of fewer than 10 ratings says as little
    "response_rate": "completed",
    "satisfaction_766": "classified",
    "petition_on_time_rate": "petitions",
    "petition_satisfaction": "petitions",
}

# Groups of counts tied by an identity (the total first, then its parts): if one member is hidden
# and the others are shown, it can be worked out, so a second member is hidden too.
# ``completed`` and ``in_process`` carry the dossiers without a due date, so ``no_due`` belongs
# to their groups.
BREAKDOWNS: tuple[tuple[str, ...], ...] = (
    ("to_process", "early", "on_time", "late", "in_time", "overdue", "no_due"),
    ("completed", "early", "on_time", "late", "no_due"),
    ("in_process", "in_time", "overdue", "no_due"),
    ("to_process", "received", "carried_over"),
    ("received", "online", "postal", "direct"),
    ("ratings", "rating_1", "rating_2", "rating_3", "rating_4", "rating_5"),
)

# Shares that are a published count divided by a published count: hiding the count hides them.
RATE_NUMERATORS: dict[str, str] = {
    "online_share": "online",
    "full_online_share": "full_online",
    "postal_share": "postal",
    "direct_share": "direct",
}


def denominators(row: Mapping[str, Any]) -> dict[str, int]:
    """The denominators of every rate of a :mod:`kpi.metrics` row."""
    classes = ("early", "on_time", "late", "in_time", "overdue")
    classified = sum(int(row.get(k) or 0) for k in classes)
    resolved = sum(int(row.get(k) or 0) for k in ("early", "on_time", "late"))
    extra = {"classified": classified, "resolved": resolved}
    return {
        rate: int(extra.get(base, row.get(base) or 0)) for rate, base in RATE_DENOMINATORS.items()
    }


def publish(
    row: Mapping[str, Any], *, counts: Sequence[str], rates: Sequence[str]
) -> dict[str, Any]:
    """The public form of a metrics row: only ``counts`` and ``rates``, small cells suppressed."""
    out: dict[str, Any] = {}
    hidden: set[str] = {c for c in counts if 0 < int(row.get(c) or 0) < MIN_COUNT}
    complementary: set[str] = set()
    changed = True
    while changed:  # hiding one cell may expose another group: repeat until nothing changes
        changed = False
        for group in BREAKDOWNS:
            if group[0] not in counts:  # without its total, a group's identity gives nothing away
                continue
            shown = [p for p in group if p in counts]
            secret = [p for p in shown if p in hidden or p in complementary]
            if len(secret) != 1:
                continue
            others = sorted(
                (p for p in shown if p not in secret and int(row.get(p) or 0) > 0),
                key=lambda p: (int(row.get(p) or 0), p),
            )
            if others:
                complementary.add(others[0])
                changed = True
    for c in counts:
        if c in hidden:
            out[c] = SMALL_COUNT
        elif c in complementary:
            out[c] = HIDDEN
        else:
            out[c] = int(row.get(c) or 0)
    denoms = denominators(row)
    for r in rates:
        value = row.get(r)
        numerator = RATE_NUMERATORS.get(r)
        if (
            value is None
            or denoms.get(r, 0) < MIN_DENOMINATOR
            or (numerator in counts and (numerator in hidden or numerator in complementary))
        ):
            out[r] = NOT_ENOUGH
        else:
            out[r] = float(value)
    return out
