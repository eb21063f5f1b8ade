"""Trend buckets from day-grain events: the flow of many consecutive periods in one pass.

:func:`kpi.metrics.kpis` joins every dossier to every period it belongs to, so the 31 days of a
month's trend multiply the dossiers still open by 31. A trend's buckets are consecutive and
disjoint, so the same figures follow from what happens on each day, computed once:

- received that day (and its channel, fee, digitisation flags): summed over the bucket;
- ended that day, by class (early/on_time/late/no_due: the class of an ended dossier does not
  depend on the bucket), summed over the bucket;
- open at the end of each day, split in_time/overdue/no_due: a dossier is open on the days
  [received, ended) and in time until its due time, so it adds +1/-1 at three days (received,
  the day it falls overdue, ended) and a cumulative sum over days gives the counts at every day
  (difference arrays: O(dossiers + days), not O(dossiers × buckets)). A bucket's
  ``in_time``/``overdue`` are the counts at the end of its last day, its ``carried_over`` the
  open count at the end of the day before its first. "Due soon" is one more span of an open
  dossier in time: from the working day N working days before its due day until it turns
  overdue (two steps more).

A bucket whose ``as_of`` falls before its end (it holds "now" or the newest record) is judged at
that instant, exactly as :func:`kpis` does, by a join of the open dossiers with those few buckets
(usually one). The answers equal :func:`kpis`'s to the last bit on :data:`COLUMNS`
(``tests/test_trend.py`` asserts it on random periods, grains and filters); the columns left out
(ratings, petitions, mean durations, distinct counts over ratings) need the dossiers themselves
and are not part of a trend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

import duckdb
import pandas as pd

from kpi import facts
from kpi.db import NoWarehouse, alongside
from kpi.facts import FACTS_SQL
from kpi.metrics import (
    AS_OF_SQL,
    DATA_AS_OF_BOUND_SQL,
    DOSSIER_RATES_SQL,
    DUE_SOON_SQL,
    PERIOD_BOUNDS_SQL,
    SATISFACTION_766_SQL,
    Filters,
    data_as_of_param,
    from_rollups,
    kpis,
    query_params,
)
from kpi.periods import Period
from kpi.sql_files import fill, sql_file

RECEIVED_COUNTS = (
    "received", "online", "full_online", "postal", "direct", "fee_received",
    "paid_online_known", "paid_online", "digitized_known", "digitized", "reused_known", "reused",
    "no_wait_known", "no_wait", "interagency_known", "interagency",
)  # fmt: skip
ENDED_COUNTS = (
    "completed", "withdrawn", "stopped", "early", "on_time", "late", "no_due_ended",
    "late_interagency", "complained_ended", "e_result_known", "e_result",
)  # fmt: skip
OPEN_COUNTS = ("in_process", "awaiting_citizen", "in_time", "overdue", "due_soon",
               "no_due_open", "complained_open")  # fmt: skip

# The columns of a kpis() frame this module computes, in kpis() order.
COLUMNS = (
    "period", "date_from", "date_to", "as_of", "data_as_of", "working_days", "key",
    "received", "carried_over", "to_process", "completed", "in_process", "awaiting_citizen",
    "withdrawn", "stopped", "early", "on_time", "late", "in_time", "overdue", "due_soon",
    "no_due", "late_interagency", "complained_not_late", "online", "full_online", "postal",
    "direct", "fee_received", "paid_online_known", "paid_online", "e_result_known", "e_result",
    "digitized_known", "digitized", "reused_known", "reused", "no_wait_known", "no_wait",
    "interagency_known", "interagency", "wards_with_data",
    "per_working_day", "on_time_rate", "resolved_on_time_rate", "online_share",
    "full_online_share", "postal_share", "direct_share", "paid_online_rate", "e_result_rate",
    "digitized_rate", "reuse_rate", "no_wait_share", "interagency_share", "satisfaction_766",
    "wards_total",
)  # fmt: skip

# The events of each (key, day) of the dossiers of a CTE ``dated`` (with ``clock``: ``seen`` says
# the event happened by its instant): received_days and ended_days. Shared with the loader's rollups
# (kpi/rollup.py), which store them per ward and day.
EVENT_DAYS_SQL = sql_file("trend_event_days")

# The changes of the open counts of each (key, day) of ``dated`` (difference arrays, see the module
# docstring): soon_days, spans, steps, changes. Shared with kpi/rollup.py.
OPEN_CHANGES_SQL = sql_file("trend_open_changes")

_SQL = fill(
    sql_file("trend"),
    bounds=PERIOD_BOUNDS_SQL,
    event_days=EVENT_DAYS_SQL,
    open_changes=OPEN_CHANGES_SQL,
)

# With a total: the wards' rows summed as well, row key 'all' (every count is additive: a
# dossier belongs to one ward, ``wards_with_data`` is 0 or 1 per ward), over the wards of
# ``$total_wards`` (all: NULL). A period in which none of them is in scope counts nothing.
_TOTAL = sql_file("trend_total")

_COUNTS = {
    **{c: f"r.{c}" for c in RECEIVED_COUNTS},
    **{c: f"e.{c}" for c in ENDED_COUNTS if c not in ("no_due_ended", "complained_ended")},
    "carried_over": "o.carried_over",
    "in_process": "o.in_process",
    "awaiting_citizen": "o.awaiting_citizen",
    "in_time": "o.in_time",
    "overdue": "o.overdue",
    "due_soon": "o.due_soon",
    "no_due": "coalesce(e.no_due_ended, 0) + coalesce(o.no_due_open, 0)",
    "complained_not_late": "coalesce(e.complained_ended, 0) + coalesce(o.complained_open, 0)",
    "to_process": "coalesce(r.received, 0) + coalesce(o.carried_over, 0)",
    "wards_with_data": "w.wards_with_data",
}


# The counts, in kpis() order: all additive over wards.
_ADDITIVE = COLUMNS[COLUMNS.index("received") : COLUMNS.index("wards_with_data") + 1]

# Grouping → (key of a dossier, the keys listed, wards_total), as kpi.metrics groups.
GROUPS: dict[str | None, tuple[str, str, str]] = {
    None: ("'all'", "SELECT 'all' AS key", "(SELECT count(*) FROM scope)"),
    "ward": ("f.ward_code", "SELECT ward_code AS key FROM scope", "1"),
    "province": (
        "(SELECT s.province_code FROM scope AS s WHERE s.ward_code = f.ward_code)",
        "SELECT DISTINCT province_code AS key FROM scope",
        "(SELECT count(*) FROM scope AS s WHERE s.province_code = d.key)",
    ),
}


def _from_rollups(
    cur: duckdb.DuckDBPyConnection,
    *,
    periods: Sequence[Period],
    filters: Filters,
    by: str | None,
    now: datetime,
    total: bool,
    total_of: list[str] | None,
    due_soon_days: int,
) -> pd.DataFrame:
    """:func:`_run`'s frame from the loader's rollups (a question they answer): the same
    figures from :func:`kpis`, whose rollup query costs a few days' rows per ward and period;
    the total of ``total_of`` is its own ungrouped query over those wards (every count is a sum
    over them, the rates the same SQL over the sums), run alongside the wards' one
    (:func:`kpi.db.alongside`)."""

    def ask(on: duckdb.DuckDBPyConnection, scope: Filters, grouping: str | None) -> pd.DataFrame:
        frame = kpis(
            on, periods=periods, filters=scope, by=grouping, now=now, source="rollups",
            due_soon_days=due_soon_days,
        )  # fmt: skip
        return frame[list(COLUMNS)]

    if not total:
        return ask(cur, filters, by)
    wards = tuple(total_of) if total_of is not None else None
    total_scope = replace(filters, ward_codes=wards)  # the same field and channel
    with alongside(cur, lambda other: ask(other, total_scope, None)) as total_answer:
        frame = ask(cur, filters, by)
        summed = total_answer()
    summed["wards_total"] = summed["wards_total"].astype("int64")
    rows = pd.concat([frame, summed], ignore_index=True)
    return rows.sort_values(["period", "key"], kind="stable", ignore_index=True)


def _gaps(periods: Sequence[Period]) -> list[tuple[date, date]]:
    """The runs of days between the periods that no count looks at, as [start, end) days.

    Each period looks at its days and the day before its first (the carried-over count)."""
    covered = sorted((p.date_from - timedelta(days=1), p.date_to) for p in periods)
    gaps = []
    reach = covered[0][1]
    for start, end in covered[1:]:
        if start > reach + timedelta(days=1):
            gaps.append((reach + timedelta(days=1), start))
        reach = max(reach, end)
    return gaps


def _sql(by: str | None, *, stored_facts: bool, gaps: int = 0, total: bool = False) -> str:
    if by not in GROUPS:
        raise ValueError(f"unknown grouping {by!r} (the day-grain path: ward, province or none)")
    key, keys, wards_total = GROUPS[by]
    select = ",\n        ".join(
        f"CAST(coalesce({_COUNTS[c]}, 0) AS BIGINT) AS {c}" for c in _ADDITIVE
    )
    sums = ", ".join(f"CAST(coalesce(sum(d.{c}), 0) AS BIGINT) AS {c}" for c in _ADDITIVE)
    return _SQL.format(
        total=_TOTAL.format(sums=sums) if total else "",
        counts=select,
        received_sums=", ".join(f"sum({c}) AS {c}" for c in RECEIVED_COUNTS),
        ended_sums=", ".join(f"sum({c}) AS {c}" for c in ENDED_COUNTS),
        key=key,
        keys=keys,
        wards_total=wards_total,
        dossier_rates=DOSSIER_RATES_SQL,
        satisfaction_766=SATISFACTION_766_SQL,
        due_soon=DUE_SOON_SQL,
        data_as_of=DATA_AS_OF_BOUND_SQL,
        as_of=AS_OF_SQL,
        gaps="\n      ".join(
            f"AND NOT coalesce(f.received_at >= CAST($gap_from_{i} AS TIMESTAMP)"
            f" AND f.ended_at < CAST($gap_to_{i} AS TIMESTAMP), false)"
            for i in range(gaps)
        ),
        facts="SELECT * FROM dossier_facts" if stored_facts else FACTS_SQL,
    )


def flow(
    cur: duckdb.DuckDBPyConnection,
    *,
    periods: Sequence[Period],
    filters: Filters,
    by: str | None = None,
    now: datetime | None = None,
    source: str = "auto",
    due_soon_days: int | None = None,
) -> pd.DataFrame:
    """The dossier-flow metrics of each period, from day-grain events (any periods, any length).

    Equal to ``kpis(cur, periods=periods, filters=filters, by=by, now=now)[list(COLUMNS)]``:
    one row per period (column ``period``, 1-based in the order given) and key (``'all'``, or
    every ward of the scope when ``by="ward"``). ``source`` and ``due_soon_days`` as in
    :func:`kpi.metrics.kpis`. Raises :class:`NoWarehouse` when the warehouse has no tables.
    """
    return _run(
        cur, periods=periods, filters=filters, by=by, now=now, source=source,
        due_soon_days=due_soon_days,
    )  # fmt: skip


def wards_and_total(
    cur: duckdb.DuckDBPyConnection,
    *,
    periods: Sequence[Period],
    filters: Filters,
    total_of: Sequence[str] | None = None,
    now: datetime | None = None,
    source: str = "auto",
    due_soon_days: int | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every ward's flow and the total of some of them, in one query.

    The first frame is ``flow(..., by="ward")`` of ``filters`` (which must not name wards: the
    scope is the province), the second ``flow(...)`` ungrouped with ``total_of`` as the ward
    filter (``None``: every ward), bit for bit: the counts are summed in the same query and the
    rates computed from the sums by the same SQL (``tests/test_trend.py``). So a page showing the
    wards and their total scans the dossiers once.
    """
    if filters.ward_codes is not None:
        raise ValueError("the wards' scope is the province: give the wards to total as total_of")
    frame = _run(
        cur, periods=periods, filters=filters, by="ward", now=now, source=source,
        total_of=list(total_of) if total_of is not None else None, total=True,
        due_soon_days=due_soon_days,
    )  # fmt: skip
    is_total = frame["key"] == "all"
    wards = frame[~is_total].reset_index(drop=True)
    # The union made it BIGINT; a ward's own row says 1 as an INTEGER, as kpis() does.
    wards["wards_total"] = wards["wards_total"].astype("int32")
    return wards, frame[is_total].reset_index(drop=True)


def _run(
    cur: duckdb.DuckDBPyConnection,
    *,
    periods: Sequence[Period],
    filters: Filters,
    by: str | None,
    now: datetime | None,
    source: str,
    total: bool = False,
    total_of: list[str] | None = None,
    due_soon_days: int | None = None,
) -> pd.DataFrame:
    params = query_params(
        periods=periods, filters=filters, now=now, source=source, due_soon_days=due_soon_days
    )
    params["first_start"] = min(p.date_from for p in periods)
    params["last_end"] = max(p.date_to for p in periods) + timedelta(days=1)
    if total:
        params["total_wards"] = total_of
    gaps = _gaps(periods)
    for i, (start, end) in enumerate(gaps):
        params[f"gap_from_{i}"], params[f"gap_to_{i}"] = start, end
    try:
        params["data_as_of"] = data_as_of_param(cur)
        if from_rollups(cur, params, periods=periods, filters=filters, by=by, source=source):
            return _from_rollups(
                cur, periods=periods, filters=filters, by=by, now=params["now"],
                total=total, total_of=total_of, due_soon_days=params["due_soon_days"],
            )  # fmt: skip
        stored = source == "facts" or (source == "auto" and facts.is_current(cur))
        sql = _sql(by, stored_facts=stored, gaps=len(gaps), total=total)
        return cur.execute(sql, params).df()
    except duckdb.CatalogException as exc:
        raise NoWarehouse(f"the warehouse has no tables yet: {exc}") from exc
