"""Public surfaces (metrics.md §7): aggregates only, exact counts, unreliable rates marked.

Every public surface (hall screens, the public API) passes its figures through :func:`publish`,
and every public ranking through :func:`ranked`, so the rules live in one place:

- Counts are exact, small ones included: a late count of 3 is shown as 3. They are the ward's
  own operational statistics, which wards publish exactly; hiding them would hide exactly the
  failures the public is owed.
- A rate whose denominator is below :data:`MIN_DENOMINATOR` (10), or that has no data, is shown
  as :data:`NOT_ENOUGH` ("chưa đủ dữ liệu") instead of a percentage. This is about reliability,
  not secrecy: the counts beside it stay visible.
- In a public ranking such a ward comes after the ranked wards, unranked (rank ``None``).
- Aggregates only: never a dossier id, applicant detail, staff name, comment or list of
  dossiers. The finest public breakdown is ward × field × period (the API's ``/kpis`` with
  ``ward`` and ``field``); never by procedure, applicant type or staff, so no public surface
  asks :func:`kpi.metrics.kpis` for another grouping than the ward.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kpi.metrics import FLAG_RATES
from marks import N_

MIN_DENOMINATOR = 10
NOT_ENOUGH = N_("chưa đủ dữ liệu")

# Rate → the count it is a share of (its denominator), as computed by kpi.metrics. A flag rate
# is over the dossiers whose flag is known (kpi.metrics.FLAG_RATES).
RATE_DENOMINATORS: dict[str, str] = {
    "on_time_rate": "classified",
    "resolved_on_time_rate": "resolved",
    "online_share": "received",
    "full_online_share": "received",
    "postal_share": "received",
    "direct_share": "received",
    **{rate: known for rate, (known, _population) in FLAG_RATES.items()},
    "satisfied_rate": "ratings",
    "mean_rating": "ratings",  # not a rate, but a mean of fewer than 10 ratings says as little
    "response_rate": "completed",
    "satisfaction_766": "classified",
    "petition_on_time_rate": "petitions",
    "petition_satisfaction": "petitions",
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
    """The public form of a metrics row: only ``counts`` (exact ints) and ``rates`` (fractions
    at full precision, or :data:`NOT_ENOUGH` over fewer than 10 cases or without data)."""
    out: dict[str, Any] = {c: int(row.get(c) or 0) for c in counts}
    denoms = denominators(row)
    for r in rates:
        value = row.get(r)
        unreliable = value is None or denoms.get(r, 0) < MIN_DENOMINATOR
        out[r] = NOT_ENOUGH if unreliable else float(value)
    return out


def ranked(rows: Sequence[Mapping[str, Any]], *, by: str) -> list[dict[str, Any]]:
    """The rows of a public ranking by their published rate ``by``, best (highest) first.

    Each row gets ``rank``: ties share the smaller rank (1, 1, 3), and rows with the same rate
    keep their given order. Rows whose ``by`` is :data:`NOT_ENOUGH` follow the ranked ones in
    their given order, with ``rank`` ``None``: unranked, their counts still shown.
    """
    scored = [r for r in rows if not isinstance(r[by], str)]
    unranked = [r for r in rows if isinstance(r[by], str)]
    out: list[dict[str, Any]] = []
    for position, row in enumerate(sorted(scored, key=lambda r: -r[by]), start=1):
        tied = out and out[-1][by] == row[by]
        out.append({**row, "rank": out[-1]["rank"] if tied else position})
    return out + [{**row, "rank": None} for row in unranked]
