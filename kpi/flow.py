"""The headline flow and on-time figures of a period (metrics.md §1, §2, §3, §6).

A narrow, typed view of :func:`kpi.metrics.summary` for the pages: the numbers come from the one
metrics query, so a city and a ward are computed the same way and a city figure is always summed
numerators over summed denominators, never a mean of ward rates.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TypedDict, cast

import duckdb

from kpi import metrics
from kpi.metrics import Filters
from kpi.periods import Period

# Classes of metrics.md §2, in the order of the periodic report. A dossier of ``to_process`` is in
# exactly one of them or in ``no_due`` (no due date and no catalogue limit: left out of the rates).
CLASSES: tuple[str, ...] = ("early", "on_time", "late", "in_time", "overdue")


class Summary(TypedDict):
    """What :func:`summary` returns; rates are fractions, ``None`` when there is no data."""

    received: int
    completed: int
    carried_over: int
    to_process: int
    early: int
    on_time: int
    late: int
    in_time: int
    overdue: int
    no_due: int
    online: int
    on_time_rate: float | None
    resolved_on_time_rate: float | None
    online_share: float | None
    as_of: datetime
    data_as_of: datetime | None
    wards_with_data: int
    wards_total: int


def summary(
    cur: duckdb.DuckDBPyConnection,
    *,
    date_from: date,
    date_to: date,
    province_code: str,
    ward_code: str | None = None,
    now: datetime | None = None,
) -> Summary:
    """Return the flow and on-time figures of ``[date_from, date_to]`` for a ward or a province.

    Keys: ``received``, ``completed``, ``carried_over``, ``to_process``, the classes ``early``,
    ``on_time``, ``late``, ``in_time``, ``overdue`` and ``no_due``, ``online`` (received online),
    the rates ``on_time_rate``, ``resolved_on_time_rate``, ``online_share`` (fractions, ``None``
    when the denominator is zero), ``as_of`` (the moment in-process dossiers are judged at: the
    end of the period, now, or the newest loaded data, whichever is earliest), ``data_as_of``
    (``None`` when nothing is loaded), ``wards_with_data`` and ``wards_total``.

    ``now`` defaults to the local time in Vietnam. Raises :class:`NoWarehouse` when the warehouse
    has no tables yet.
    """
    filters = Filters(province_code, (ward_code,) if ward_code else None)
    row = metrics.summary(cur, period=Period(date_from, date_to), filters=filters, now=now)
    return cast(Summary, {key: row[key] for key in Summary.__annotations__})
