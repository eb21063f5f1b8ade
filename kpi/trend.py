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
from datetime import date, datetime, timedelta

import duckdb
import pandas as pd

from kpi import facts
from kpi.db import NoWarehouse
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
EVENT_DAYS_SQL = """
-- Events per ward and day, computed once whatever the number of periods: receipts, and ends by
-- class. ``seen``: the event happened by the clock (a clipped period counts only those).
received_days AS (
    SELECT
        key,
        ward_code,
        rd AS day,
        received_at <= (SELECT t FROM clock) AS seen,
        count(*) AS received,
        count(CASE WHEN channel = 'online' THEN 1 END) AS online,
        count(CASE WHEN channel = 'online' AND online_level = 'full' THEN 1 END) AS full_online,
        count(CASE WHEN channel = 'postal' THEN 1 END) AS postal,
        count(CASE WHEN channel = 'direct' THEN 1 END) AS direct,
        count(CASE WHEN has_fee THEN 1 END) AS fee_received,
        count(CASE WHEN has_fee AND paid_online IS NOT NULL THEN 1 END) AS paid_online_known,
        count(CASE WHEN has_fee AND paid_online THEN 1 END) AS paid_online,
        count(CASE WHEN digitized IS NOT NULL THEN 1 END) AS digitized_known,
        count(CASE WHEN digitized THEN 1 END) AS digitized,
        count(CASE WHEN reused_data IS NOT NULL THEN 1 END) AS reused_known,
        count(CASE WHEN reused_data THEN 1 END) AS reused,
        count(CASE WHEN no_wait IS NOT NULL THEN 1 END) AS no_wait_known,
        count(CASE WHEN no_wait THEN 1 END) AS no_wait,
        count(CASE WHEN interagency IS NOT NULL THEN 1 END) AS interagency_known,
        count(CASE WHEN interagency THEN 1 END) AS interagency
    FROM dated
    GROUP BY ALL
),
-- An ended dossier's class (the macro on_time_class, as kpi.metrics classifies it).
ended_days AS (
    SELECT
        key,
        ward_code,
        ed AS day,
        ended_at <= (SELECT t FROM clock) AS seen,
        count(*) AS completed,
        count(CASE WHEN status = 'withdrawn' THEN 1 END) AS withdrawn,
        count(CASE WHEN status = 'stopped' THEN 1 END) AS stopped,
        count(CASE WHEN klass = 'early' THEN 1 END) AS early,
        count(CASE WHEN klass = 'on_time' THEN 1 END) AS on_time,
        count(CASE WHEN klass = 'late' THEN 1 END) AS late,
        count(CASE WHEN klass = 'no_due' THEN 1 END) AS no_due_ended,
        count(CASE WHEN klass = 'late' AND interagency THEN 1 END) AS late_interagency,
        count(CASE WHEN klass IN ('early', 'on_time') AND has_complaint THEN 1 END)
            AS complained_ended,
        count(CASE WHEN e_result IS NOT NULL THEN 1 END) AS e_result_known,
        count(CASE WHEN e_result THEN 1 END) AS e_result,
        -- the sums behind the mean durations (kpi.metrics: avg_days, avg_working_days)
        sum(epoch(ended_at - received_at) / 86400.0) AS days_sum,
        sum(working_days_taken) AS working_days_sum,
        count(working_days_taken) AS working_days_n
    FROM (
        SELECT
            *,
            on_time_class(true, supplements, due, ended_at, status, NULL) AS klass
        FROM dated
        WHERE ended_at IS NOT NULL
    )
    GROUP BY ALL
)
"""

# The changes of the open counts of each (key, day) of ``dated`` (difference arrays, see the module
# docstring): soon_days, spans, steps, changes. Shared with kpi/rollup.py.
OPEN_CHANGES_SQL = """
-- Due soon (kpi.metrics.DUE_SOON_SQL) at the end of day z: due before the (N+1)th working day
-- after z, i.e. at most N working days after z up to the due day: z on or after the working
-- day N working days before the due day (or the calendar's first day if there is none).
soon_days AS (
    SELECT c.d AS due_day, coalesce(w.d, (SELECT min(d) FROM calendar)) AS soon_day
    FROM calendar AS c
    LEFT JOIN calendar AS w ON w.is_working AND w.wd_seq = c.wd_seq - $due_soon_days
),
-- Open on the days [rd, ed); in time on [rd, turn), overdue on [turn, ed). At the end of day z
-- a dossier is in time while due >= z + 1 day - 1 µs, i.e. up to the day before the day of
-- (due + 1 µs). More than one supplement: overdue throughout; a single supplement awaited:
-- in time throughout, never due soon; no due time: no_due. Due soon on [soon, turn).
spans AS (
    SELECT *, CASE WHEN soon_from < turn THEN soon_from END AS soon
    FROM (
        SELECT
            x.key, x.rd, x.ed, x.has_complaint,
            x.status IN ('supplement', 'obligation') AS awaiting,
            x.supplements <= 1 AND x.due IS NULL AS undated,
            CASE
                WHEN x.supplements > 1 THEN x.rd
                WHEN x.due IS NULL THEN NULL
                WHEN x.status = 'supplement' AND x.supplements = 1 THEN x.ed
                ELSE CASE
                    WHEN x.ed IS NOT NULL
                     AND x.ed < CAST(x.due + INTERVAL 1 MICROSECOND AS DATE) THEN x.ed
                    WHEN x.rd > CAST(x.due + INTERVAL 1 MICROSECOND AS DATE) THEN x.rd
                    ELSE CAST(x.due + INTERVAL 1 MICROSECOND AS DATE)
                END
            END AS turn,
            CASE WHEN x.supplements <= 1 AND NOT (x.status = 'supplement' AND x.supplements = 1)
                 THEN greatest(x.rd, s.soon_day) END AS soon_from
        FROM dated AS x
        LEFT JOIN soon_days AS s ON s.due_day = CAST(x.due AS DATE)
        WHERE x.ed IS NULL OR x.ed > x.rd
    )
),
steps AS (
    SELECT
        key, rd AS day, 1 AS open, CAST(awaiting AS INTEGER) AS awaiting,
        CAST(undated AS INTEGER) AS undated,
        CAST(NOT undated AS INTEGER) AS in_time, 0 AS overdue, 0 AS due_soon,
        CAST(NOT undated AND has_complaint AS INTEGER) AS complained
    FROM spans
    UNION ALL
    SELECT
        key, turn, 0, 0, 0, -1, 1, -CAST(soon IS NOT NULL AS INTEGER),
        -CAST(has_complaint AS INTEGER)
    FROM spans WHERE turn IS NOT NULL
    UNION ALL
    SELECT
        key, ed, -1, -CAST(awaiting AS INTEGER), -CAST(undated AS INTEGER), 0,
        -CAST(NOT undated AS INTEGER), 0, 0
    FROM spans WHERE ed IS NOT NULL
    UNION ALL
    SELECT key, soon, 0, 0, 0, 0, 0, 1, 0
    FROM spans WHERE soon IS NOT NULL
),
changes AS (
    SELECT
        key, day, sum(open) AS open, sum(awaiting) AS awaiting, sum(undated) AS undated,
        sum(in_time) AS in_time, sum(overdue) AS overdue, sum(due_soon) AS due_soon,
        sum(complained) AS complained
    FROM steps
    GROUP BY key, day
)
"""

_SQL = (
    """
WITH
"""
    + PERIOD_BOUNDS_SQL
    + """,
-- Whole buckets are judged at the end of their last day; the others (as_of = now or the newest
-- record, before the bucket's end) at that instant.
whole AS (
    SELECT * FROM bounds
    WHERE as_of = CAST(date_to AS TIMESTAMP) + INTERVAL 1 DAY - INTERVAL 1 MICROSECOND
),
clipped AS (SELECT * FROM bounds WHERE period NOT IN (SELECT period FROM whole)),
days AS (
    SELECT period, unnest(generate_series(date_from, date_to, INTERVAL 1 DAY))::DATE AS day
    FROM bounds
),
scope AS (
    SELECT ward_code, province_code
    FROM wards
    WHERE ($province_code IS NULL OR province_code = $province_code)
      AND ($ward_codes IS NULL OR list_contains($ward_codes, ward_code))
),
keys AS (
    {keys}
),
facts AS (
    {facts}
),
-- Only what some period can count: received before the last day ends, not ended before the
-- first day, not received and ended within a gap between the periods (constants, so that the
-- scan skips row groups). A dossier of a gap is in no period and open at no day counted.
dated AS (
    SELECT
        f.ward_code, f.status, f.channel, f.online_level, f.received_at, f.ended_at,
        f.interagency, f.digitized, f.e_result, f.reused_data, f.has_fee, f.paid_online,
        f.no_wait, f.supplements, f.due, f.has_complaint, f.working_days_taken,
        CAST(f.received_at AS DATE) AS rd,
        CAST(f.ended_at AS DATE) AS ed,
        {key} AS key
    FROM facts AS f
    WHERE f.ward_code IN (SELECT ward_code FROM scope)
      AND ($field IS NULL OR f.field = $field)
      AND ($procedure_code IS NULL OR f.procedure_code = $procedure_code)
      AND ($channel IS NULL OR f.channel = $channel)
      AND f.received_at < CAST($last_end AS TIMESTAMP)
      AND (f.ended_at IS NULL OR f.ended_at >= CAST($first_start AS TIMESTAMP))
      {gaps}
),
-- The instant every clipped period is judged at (a whole period ends before it).
clock AS (SELECT least(CAST($now AS TIMESTAMP), data_as_of) AS t FROM freshness),
"""
    + EVENT_DAYS_SQL
    + """,

received_agg AS (
    SELECT
        y.period,
        r.key,
        {received_sums}
    FROM received_days AS r JOIN days AS y ON y.day = r.day AND r.seen
    GROUP BY ALL
),
ended_agg AS (
    SELECT
        y.period,
        e.key,
        {ended_sums}
    FROM ended_days AS e JOIN days AS y ON y.day = e.day AND e.seen
    GROUP BY ALL
),
ward_agg AS (
    SELECT period, key, count(DISTINCT ward_code) AS wards_with_data
    FROM (SELECT y.period, r.key, r.ward_code
          FROM received_days AS r JOIN days AS y ON y.day = r.day AND r.seen
          UNION ALL
          SELECT y.period, e.key, e.ward_code
          FROM ended_days AS e JOIN days AS y ON y.day = e.day AND e.seen)
    GROUP BY ALL
),
"""
    + OPEN_CHANGES_SQL
    + """,

marks AS (
    SELECT key, day FROM changes
    UNION SELECT k.key, w.date_to FROM keys AS k, whole AS w
    UNION SELECT k.key, w.date_from - 1 FROM keys AS k, whole AS w
),
running AS (
    SELECT
        m.key,
        m.day,
        sum(coalesce(c.open, 0)) OVER w AS open,
        sum(coalesce(c.awaiting, 0)) OVER w AS awaiting,
        sum(coalesce(c.undated, 0)) OVER w AS undated,
        sum(coalesce(c.in_time, 0)) OVER w AS in_time,
        sum(coalesce(c.overdue, 0)) OVER w AS overdue,
        sum(coalesce(c.due_soon, 0)) OVER w AS due_soon,
        sum(coalesce(c.complained, 0)) OVER w AS complained
    FROM marks AS m LEFT JOIN changes AS c ON c.key = m.key AND c.day = m.day
    WINDOW w AS (PARTITION BY m.key ORDER BY m.day
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
whole_open AS (
    SELECT
        b.period,
        k.key,
        s.open AS carried_over,
        e.open AS in_process,
        e.awaiting AS awaiting_citizen,
        e.in_time,
        e.overdue,
        e.due_soon,
        e.undated AS no_due_open,
        e.complained AS complained_open
    FROM whole AS b
    CROSS JOIN keys AS k
    JOIN running AS s ON s.key = k.key AND s.day = b.date_from - 1
    JOIN running AS e ON e.key = k.key AND e.day = b.date_to
),
-- A clipped bucket is judged at its as_of instant, as kpi.metrics does.
clipped_rows AS (
    SELECT *, {due_soon} AS soon
    FROM (
        SELECT
            p.period,
            x.key,
            x.received_at < p.p_start AS carried,
            x.ended_at IS NULL OR x.ended_at > p.as_of AS open,
            x.status, x.has_complaint, x.supplements, x.due, p.due_soon_before,
            CASE
                WHEN x.supplements > 1 THEN 'overdue'
                WHEN x.due IS NULL THEN 'no_due'
                WHEN x.status = 'supplement' AND x.supplements = 1 THEN 'in_time'
                WHEN x.due >= p.as_of THEN 'in_time'
                ELSE 'overdue'
            END AS klass
        FROM dated AS x
        JOIN clipped AS p
          ON x.received_at <= p.as_of
         AND (x.received_at >= p.p_start OR x.ended_at IS NULL OR x.ended_at >= p.p_start)
    )
),
clipped_open AS (
    SELECT
        period,
        key,
        count(CASE WHEN carried THEN 1 END) AS carried_over,
        count(CASE WHEN open THEN 1 END) AS in_process,
        count(CASE WHEN open AND status IN ('supplement', 'obligation') THEN 1 END)
            AS awaiting_citizen,
        count(CASE WHEN open AND klass = 'in_time' THEN 1 END) AS in_time,
        count(CASE WHEN open AND klass = 'overdue' THEN 1 END) AS overdue,
        count(CASE WHEN open AND soon THEN 1 END) AS due_soon,
        count(CASE WHEN open AND klass = 'no_due' THEN 1 END) AS no_due_open,
        count(CASE WHEN open AND klass = 'in_time' AND has_complaint THEN 1 END) AS complained_open
    FROM clipped_rows
    GROUP BY period, key
),
open_agg AS (
    SELECT * FROM whole_open
    UNION ALL
    SELECT c.period, k.key, o.carried_over, o.in_process, o.awaiting_citizen, o.in_time,
           o.overdue, o.due_soon, o.no_due_open, o.complained_open
    FROM clipped AS c
    CROSS JOIN keys AS k
    LEFT JOIN clipped_open AS o ON o.period = c.period AND o.key = k.key
),
d AS (
    SELECT
        b.period,
        k.key,
        {counts}
    FROM bounds AS b
    CROSS JOIN keys AS k
    LEFT JOIN received_agg AS r ON r.period = b.period AND r.key = k.key
    LEFT JOIN ended_agg AS e ON e.period = b.period AND e.key = k.key
    LEFT JOIN open_agg AS o ON o.period = b.period AND o.key = k.key
    LEFT JOIN ward_agg AS w ON w.period = b.period AND w.key = k.key
),
rows AS (
    SELECT *, {wards_total} AS wards_total FROM d
    {total}
)
SELECT
    b.period,
    b.date_from,
    b.date_to,
    b.as_of,
    b.data_as_of,
    b.working_days,
    d.key,
    d.* EXCLUDE (period, key, wards_total),
    {dossier_rates},
    {satisfaction_766},
    d.wards_total
FROM bounds AS b
JOIN rows AS d ON d.period = b.period
ORDER BY b.period, d.key
"""
)

# With a total: the wards' rows summed as well, row key 'all' (every count is additive: a
# dossier belongs to one ward, ``wards_with_data`` is 0 or 1 per ward), over the wards of
# ``$total_wards`` (all: NULL). A period in which none of them is in scope counts nothing.
_TOTAL = """UNION ALL
    SELECT b.period, 'all' AS key, {sums}, CAST(count(d.key) AS BIGINT) AS wards_total
    FROM bounds AS b
    LEFT JOIN d ON d.period = b.period
     AND ($total_wards IS NULL OR list_contains($total_wards, d.key))
    GROUP BY b.period"""

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
    over them, the rates the same SQL over the sums)."""

    def ask(scope: Filters, grouping: str | None) -> pd.DataFrame:
        frame = kpis(
            cur, periods=periods, filters=scope, by=grouping, now=now, source="rollups",
            due_soon_days=due_soon_days,
        )  # fmt: skip
        return frame[list(COLUMNS)]

    frame = ask(filters, by)
    if not total:
        return frame
    wards = tuple(total_of) if total_of is not None else None
    summed = ask(Filters(filters.province_code, ward_codes=wards), None)
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
