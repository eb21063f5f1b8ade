"""Dossier flow and on-time figures of a period (metrics.md §1, §2, §3 ``online_share``, §6).

One question, one query: :func:`summary` answers every headline number of a period and scope in a
single pass over the dossiers, so a city and a ward are computed the same way and a city figure is
always summed numerators over summed denominators, never a mean of ward rates.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TypedDict, cast

import duckdb
import pandas as pd

from kpi.db import NoWarehouse
from kpi.periods import local_now

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


_SUMMARY_SQL = """
WITH
params AS (
    SELECT
        CAST($date_from AS TIMESTAMP) AS p_start,
        CAST($date_to AS TIMESTAMP) + INTERVAL 1 DAY AS p_end      -- exclusive
),
-- The newest moment the loaded data knows about, over the whole warehouse.
freshness AS (
    SELECT max(greatest(received_at, ended_at, returned_at)) AS data_as_of FROM dossiers
),
bounds AS (
    SELECT
        p_start,
        p_end,
        data_as_of,
        least(p_end - INTERVAL 1 MICROSECOND, CAST($now AS TIMESTAMP), data_as_of) AS as_of
    FROM params, freshness
),
scope AS (
    SELECT ward_code
    FROM wards
    WHERE province_code = $province_code
      AND ($ward_code IS NULL OR ward_code = $ward_code)
),
limits AS (
    SELECT procedure_code, max(time_limit_working_days) AS limit_days
    FROM procedures
    WHERE time_limit_working_days >= 0
    GROUP BY procedure_code
),
workdays AS (
    SELECT wd_seq, d FROM calendar WHERE is_working
),
-- to_process: received in P, or received before P and not ended before P starts.
population AS (
    SELECT d.*
    FROM dossiers AS d, bounds AS b
    WHERE d.ward_code IN (SELECT ward_code FROM scope)
      AND d.status NOT IN ('submitted', 'refused')
      AND d.received_at < b.p_end
      AND (d.received_at >= b.p_start OR d.ended_at IS NULL OR d.ended_at >= b.p_start)
),
-- Effective due: the given due time, else the end of the working day N working days after the
-- day of receipt (N from the procedure catalogue, N = 0: that same day); plus paused days.
dated AS (
    SELECT
        p.ward_code,
        p.channel,
        p.status,
        p.received_at,
        p.ended_at,
        coalesce(p.supplement_count, 0) AS supplements,
        coalesce(
            p.due_at,
            CAST(
                CASE WHEN ceil(l.limit_days) = 0 THEN CAST(p.received_at AS DATE) ELSE w.d END
                AS TIMESTAMP
            ) + INTERVAL 1 DAY - INTERVAL 1 MICROSECOND
        ) + to_microseconds(CAST(round(coalesce(p.paused_days, 0) * 86400e6) AS BIGINT)) AS due
    FROM population AS p
    LEFT JOIN limits AS l
        ON p.due_at IS NULL AND l.procedure_code = p.procedure_code
    LEFT JOIN calendar AS c
        ON l.limit_days IS NOT NULL AND c.d = CAST(p.received_at AS DATE)
    LEFT JOIN workdays AS w
        ON w.wd_seq = c.wd_seq + CAST(ceil(l.limit_days) AS INTEGER)
),
flagged AS (
    SELECT
        x.*,
        x.received_at >= b.p_start AS is_received,
        -- Ended by as_of; for this population that is also "ended in P" (as_of <= end of P).
        coalesce(x.ended_at <= b.as_of, false) AS is_ended,
        b.as_of
    FROM dated AS x, bounds AS b
),
classified AS (
    SELECT
        *,
        CASE
            WHEN due IS NULL THEN 'no_due'
            WHEN is_ended AND (supplements > 1 OR ended_at > due) THEN 'late'
            WHEN is_ended AND CAST(ended_at AS DATE) < CAST(due AS DATE) THEN 'early'
            WHEN is_ended THEN 'on_time'
            -- Decision: an open dossier sent back for documents more than once is overdue.
            WHEN supplements > 1 THEN 'overdue'
            -- Waiting for its single supplement: the clock is stopped.
            WHEN status = 'supplement' AND supplements = 1 THEN 'in_time'
            WHEN due >= as_of THEN 'in_time'
            ELSE 'overdue'
        END AS klass
    FROM flagged
),
counts AS (
    SELECT
        count(*) FILTER (WHERE is_received) AS received,
        count(*) FILTER (WHERE is_ended) AS completed,
        count(*) FILTER (WHERE NOT is_received) AS carried_over,
        count(*) AS to_process,
        count(*) FILTER (WHERE klass = 'early') AS early,
        count(*) FILTER (WHERE klass = 'on_time') AS on_time,
        count(*) FILTER (WHERE klass = 'late') AS late,
        count(*) FILTER (WHERE klass = 'in_time') AS in_time,
        count(*) FILTER (WHERE klass = 'overdue') AS overdue,
        count(*) FILTER (WHERE klass = 'no_due') AS no_due,
        count(*) FILTER (WHERE is_received AND channel = 'online') AS online,
        count(DISTINCT ward_code) FILTER (WHERE is_received OR is_ended) AS wards_with_data
    FROM classified
)
SELECT
    c.received,
    c.completed,
    c.carried_over,
    c.to_process,
    c.early,
    c.on_time,
    c.late,
    c.in_time,
    c.overdue,
    c.no_due,
    c.online,
    (c.early + c.on_time + c.in_time)
        / nullif(c.early + c.on_time + c.late + c.in_time + c.overdue, 0) AS on_time_rate,
    (c.early + c.on_time) / nullif(c.early + c.on_time + c.late, 0) AS resolved_on_time_rate,
    c.online / nullif(c.received, 0) AS online_share,
    b.as_of,
    b.data_as_of,
    c.wards_with_data,
    (SELECT count(*) FROM scope) AS wards_total
FROM counts AS c, bounds AS b
"""

_WARD_OPTIONS_SQL = """
SELECT ward_code, ward_name
FROM wards
WHERE province_code = $province_code
ORDER BY ward_short COLLATE vi, ward_code
"""


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
    params = {
        "date_from": date_from,
        "date_to": date_to,
        "province_code": province_code,
        "ward_code": ward_code,
        "now": now or local_now(),
    }
    try:
        result = cur.execute(_SUMMARY_SQL, params)
    except duckdb.CatalogException as exc:
        raise NoWarehouse(f"the warehouse has no tables yet: {exc}") from exc
    names = [col[0] for col in result.description]
    return cast(Summary, dict(zip(names, result.fetchone(), strict=True)))


def ward_options(cur: duckdb.DuckDBPyConnection, *, province_code: str) -> pd.DataFrame:
    """Return the wards of a province (``ward_code``, ``ward_name``) in Vietnamese name order."""
    try:
        return cur.execute(_WARD_OPTIONS_SQL, {"province_code": province_code}).df()
    except duckdb.CatalogException as exc:
        raise NoWarehouse(f"the warehouse has no tables yet: {exc}") from exc
