"""Rollups: what happens per ward and day, counted by the loader once (docs/rollups.md).

A period's population splits into three disjoint sides (docs/rollups.md): the dossiers ended in
the period by its ``as_of`` (their class does not depend on ``as_of``), those open at ``as_of``,
and, overlapping them, those received in it. The loader keeps, in the same atomic load as
``dossier_facts`` (:func:`refresh`):

- ``roll_received`` and ``roll_ended``: the receipts and the ends by class per ward and day
  (kpi.trend's day-grain events, the same SQL);
- ``roll_open``: the open counts (in process, awaiting the citizen, in time, overdue, due soon,
  no due, complained) per ward at the end of every day, from kpi.trend's difference arrays;
- ``roll_open_now``: the same at the newest record, where the current period is judged;
- ``roll_ratings`` (counts and sums per ward and day) and ``rating_repeats`` (the ratings of
  the dossiers rated more than once, for the distinct count of rated dossiers).

Each is kept per ward, field and channel (``<table>_fc``) and, summed over those, per ward
(``<table>``: fewer rows, for the questions with no field or channel, :func:`needs_detail`).

:func:`answers` says when a question can be read from them: no procedure filter, no grouping but
ward, province, field or channel, "due soon" with the loader's N, and every period judged
at the end of a day (a closed period: its last day) or at the newest record (the current one).
:func:`dossier_agg_sql` and :func:`rating_agg_sql` are then the CTEs that
:func:`kpi.metrics.compose` puts in place of the dossier-level ones; the answers are the same
(``tests/test_rollup.py`` asks a few hundred random questions of both paths).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import duckdb

from kpi.db import remembered
from kpi.metrics import CLASS_SQL, DATA_AS_OF_SQL, DUE_SOON_BEFORE_SQL, DUE_SOON_SQL, Filters
from kpi.periods import Period
from kpi.trend import ENDED_COUNTS, EVENT_DAYS_SQL, OPEN_CHANGES_SQL, OPEN_COUNTS, RECEIVED_COUNTS

# Bump when a rollup table's shape or meaning changes: tables of another format are not read.
ROLLUP_FORMAT = "2"  # 2: keyed by ward, field and channel

SIPAS = ("access", "procedure", "staff", "result", "feedback")

# The dossiers of dossier_facts, keyed by ward, field and channel (a struct: DuckDB compares a
# NULL field of two keys as equal), with the instant every event is seen by (the newest record:
# all of them), as kpi.trend's event fragments read them.
_FROM_FACTS = """freshness AS (SELECT CAST($data_as_of AS TIMESTAMP) AS data_as_of),
clock AS (SELECT data_as_of AS t FROM freshness),
dated AS (
    SELECT
        f.ward_code, f.field, f.status, f.channel, f.online_level, f.received_at, f.ended_at,
        f.interagency, f.digitized, f.e_result, f.reused_data, f.has_fee, f.paid_online,
        f.no_wait, f.supplements, f.due, f.has_complaint, f.working_days_taken,
        CAST(f.received_at AS DATE) AS rd,
        CAST(f.ended_at AS DATE) AS ed,
        {'w': f.ward_code, 'f': f.field, 'c': f.channel} AS key
    FROM dossier_facts AS f
)"""


# A rolled-up row's key columns, from the struct ``key`` of _FROM_FACTS.
_KEY_COLUMNS = (
    "struct_extract(key, 'w') AS ward_code, struct_extract(key, 'f') AS field,"
    " struct_extract(key, 'c') AS channel"
)
_ORDER = "ORDER BY day, ward_code, field, channel"


def _bigint(columns: Sequence[str], template: str = "{c}") -> str:
    return ", ".join(f"CAST({template.format(c=c)} AS BIGINT) AS {c}" for c in columns)


_RECEIVED_BUILD = f"""CREATE OR REPLACE TABLE roll_received_fc AS
WITH {_FROM_FACTS},
{EVENT_DAYS_SQL}
SELECT day, {_KEY_COLUMNS}, {_bigint(RECEIVED_COUNTS)}
FROM received_days
{_ORDER}"""

_ENDED_BUILD = f"""CREATE OR REPLACE TABLE roll_ended_fc AS
WITH {_FROM_FACTS},
{EVENT_DAYS_SQL}
SELECT day, {_KEY_COLUMNS}, {_bigint(ENDED_COUNTS)}, days_sum,
       CAST(working_days_sum AS BIGINT) AS working_days_sum, working_days_n
FROM ended_days
{_ORDER}"""

# The open counts per ward, field and channel at the end of every day from the key's first
# receipt to the newest record's day (a running sum of kpi.trend's changes), or to its last
# change when nothing of it is open any more; days with nothing open are left out (all zero).
_OPEN_BUILD = f"""CREATE OR REPLACE TABLE roll_open_fc AS
WITH {_FROM_FACTS},
{OPEN_CHANGES_SQL},
grid AS (
    SELECT key, unnest(generate_series(
        min(day),
        CASE WHEN sum(open) > 0 THEN (SELECT CAST(data_as_of AS DATE) FROM freshness)
             ELSE max(day) END,
        INTERVAL 1 DAY))::DATE AS day
    FROM changes
    GROUP BY key
),
running AS (
    SELECT
        g.day,
        g.key,
        sum(coalesce(c.open, 0)) OVER w AS in_process,
        sum(coalesce(c.awaiting, 0)) OVER w AS awaiting_citizen,
        sum(coalesce(c.in_time, 0)) OVER w AS in_time,
        sum(coalesce(c.overdue, 0)) OVER w AS overdue,
        sum(coalesce(c.due_soon, 0)) OVER w AS due_soon,
        sum(coalesce(c.undated, 0)) OVER w AS no_due_open,
        sum(coalesce(c.complained, 0)) OVER w AS complained_open
    FROM grid AS g LEFT JOIN changes AS c ON c.key = g.key AND c.day = g.day
    WINDOW w AS (PARTITION BY g.key ORDER BY g.day
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
SELECT day, {_KEY_COLUMNS}, {_bigint(OPEN_COUNTS)}
FROM running
WHERE in_process > 0
{_ORDER}"""

# The open dossiers at the newest record (nothing ends after it), classified there.
_OPEN_NOW_BUILD = f"""CREATE OR REPLACE TABLE roll_open_now_fc AS
WITH c AS (SELECT CAST($data_as_of AS TIMESTAMP) AS as_of),
b AS (SELECT c.as_of, {DUE_SOON_BEFORE_SQL} AS due_soon_before FROM c),
classified AS (
    SELECT *, {CLASS_SQL} AS klass
    FROM (SELECT f.*, false AS is_ended, b.as_of, b.due_soon_before
          FROM dossier_facts AS f, b
          WHERE f.ended_at IS NULL)
)
SELECT
    ward_code,
    field,
    channel,
    count(*) AS in_process,
    count(CASE WHEN status IN ('supplement', 'obligation') THEN 1 END) AS awaiting_citizen,
    count(CASE WHEN klass = 'in_time' THEN 1 END) AS in_time,
    count(CASE WHEN klass = 'overdue' THEN 1 END) AS overdue,
    count(CASE WHEN {DUE_SOON_SQL} THEN 1 END) AS due_soon,
    count(CASE WHEN klass = 'no_due' THEN 1 END) AS no_due_open,
    count(CASE WHEN klass = 'in_time' AND has_complaint THEN 1 END) AS complained_open
FROM classified
GROUP BY ward_code, field, channel
ORDER BY ward_code, field, channel"""

# One rating's contribution to each of RATING_SUMS, over a ratings row ``r``.
_RATING_TERMS = {
    "ratings": "1",
    "satisfied": "CAST(is_satisfied(r.rating) AS INTEGER)",
    "rating_sum": "r.rating",
    **{f"rating_{k}": f"CAST(r.rating = {k} AS INTEGER)" for k in range(1, 6)},
    **{f"{d}_sum": f'r."{d}"' for d in SIPAS},
    **{f"{d}_n": f'CAST(r."{d}" IS NOT NULL AS INTEGER)' for d in SIPAS},
    "linked": "CAST(r.dossier_id IS NOT NULL AS INTEGER)",
}

# The columns of roll_ratings after its day and ward, in this order (a UNION reads by position).
RATING_SUMS = tuple(_RATING_TERMS)

# A rating's field and channel are its dossier's (NULL when it names no loaded dossier: then it
# is in no field's or channel's figures, as kpi.metrics counts it).
_RATINGS_BUILD = f"""CREATE OR REPLACE TABLE roll_ratings_fc AS
SELECT
    CAST(r.rated_at AS DATE) AS day,
    r.ward_code,
    r.field,
    r.channel,
    {_bigint(RATING_SUMS, "sum({c})")}
FROM (SELECT r.rated_at, r.ward_code, x.field, x.channel,
             {", ".join(f"{t} AS {c}" for c, t in _RATING_TERMS.items())}
      FROM ratings AS r
      LEFT JOIN dossiers AS x ON x.dossier_id = r.dossier_id) AS r
GROUP BY ALL
{_ORDER}"""

_REPEATS_BUILD = """CREATE OR REPLACE TABLE rating_repeats AS
SELECT r.ward_code, x.field, x.channel, r.dossier_id, r.rated_at
FROM ratings AS r
LEFT JOIN dossiers AS x ON x.dossier_id = r.dossier_id
WHERE r.dossier_id IN (SELECT dossier_id FROM ratings WHERE dossier_id IS NOT NULL
                       GROUP BY dossier_id HAVING count(*) > 1)
ORDER BY r.rated_at"""


def _per_ward(table: str, counts: Sequence[str], *, daily: bool = True) -> str:
    """The build of ``table`` (per ward and day: what a question with no field or channel reads,
    a few times fewer rows) from ``<table>_fc``, its field and channel summed away (NULL)."""
    day = "day, " if daily else ""
    sums = ", ".join(
        f"sum(f.{c}) AS {c}" if c == "days_sum" else f"CAST(sum(f.{c}) AS BIGINT) AS {c}"
        for c in counts
    )  # days_sum: a sum of fractional days, the one count that is not one
    return f"""CREATE OR REPLACE TABLE {table} AS
SELECT {day}ward_code, CAST(NULL AS VARCHAR) AS field, CAST(NULL AS VARCHAR) AS channel,
    {sums}
FROM {table}_fc AS f
GROUP BY {day}ward_code
ORDER BY {day}ward_code"""


_BUILDS = (
    _RECEIVED_BUILD,
    _ENDED_BUILD,
    _OPEN_BUILD,
    _OPEN_NOW_BUILD,
    _RATINGS_BUILD,
    _REPEATS_BUILD,
    _per_ward("roll_received", RECEIVED_COUNTS),
    _per_ward("roll_ended", (*ENDED_COUNTS, "days_sum", "working_days_sum", "working_days_n")),
    _per_ward("roll_open", OPEN_COUNTS),
    _per_ward("roll_open_now", OPEN_COUNTS, daily=False),
    _per_ward("roll_ratings", RATING_SUMS),
)

_VERSION_SQL = """
SELECT
    (SELECT value FROM meta WHERE key = 'data_version'),
    (SELECT value FROM meta WHERE key = 'rollup_version')
"""


def _tag(data_version: str | None, due_soon_days: int) -> str:
    return f"{ROLLUP_FORMAT}:{data_version or ''}:{due_soon_days}"


def refresh(con: duckdb.DuckDBPyConnection, *, due_soon_days: int) -> None:
    """Rebuild every rollup from ``dossier_facts`` (which must be current), ratings and the
    calendar, "due soon" counted with N = ``due_soon_days``, and record their version."""
    data_as_of = con.execute(DATA_AS_OF_SQL).fetchone()[0]
    params = {"data_as_of": data_as_of, "due_soon_days": due_soon_days}
    for sql in _BUILDS:
        con.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql})
    version = con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
    con.execute("DELETE FROM meta WHERE key = 'rollup_version'")
    tag = _tag(version[0] if version else None, due_soon_days)
    con.execute("INSERT INTO meta VALUES ('rollup_version', ?)", [tag])


def is_current(cur: duckdb.DuckDBPyConnection, *, due_soon_days: int) -> bool:
    """True when the rollups exist, have this format, were built from the data now loaded and
    count "due soon" with ``due_soon_days``; asked once per attached file and N
    (:func:`kpi.db.remembered`)."""
    return remembered(
        cur, f"rollups_current:{due_soon_days}", lambda: _is_current(cur, due_soon_days)
    )


def _is_current(cur: duckdb.DuckDBPyConnection, due_soon_days: int) -> bool:
    try:
        data_version, rollup_version = cur.execute(_VERSION_SQL).fetchone()
    except duckdb.CatalogException:
        return False
    return rollup_version is not None and rollup_version == _tag(data_version, due_soon_days)


def _end_of(day) -> datetime:
    return datetime.combine(day + timedelta(days=1), datetime.min.time()) - timedelta(
        microseconds=1
    )


def answers(
    *,
    periods: Sequence[Period],
    filters: Filters,
    by: str | None,
    now: datetime,
    data_as_of: datetime | None,
) -> bool:
    """True when the rollups hold the answer: no procedure (filter or grouping), and each
    period judged (``as_of``) at the last instant of a day or at the newest
    record — not at a ``now`` within a day before it. Whether they are current is
    :func:`is_current`'s to say."""
    if by not in _KEYS or filters.procedure_code is not None or data_as_of is None:
        return False
    for p in periods:
        as_of = min(_end_of(p.date_to), now, data_as_of)
        if as_of == data_as_of:
            continue  # the open dossiers at the newest record are those not ended
        # Open at the end of a day; before the period (a clock before it starts), the open
        # ones that end before it starts are not in it: the dossiers tell.
        if as_of != _end_of(as_of.date()) or as_of.date() < p.date_from:
            return False
    return True


def needs_detail(by: str | None, filters: Filters) -> bool:
    """Whether a question needs the rollups per ward, field and channel (``*_fc``): a field or
    channel chosen or grouped by; the others read those per ward, a few times fewer rows."""
    return by in ("field", "channel") or filters.field is not None or filters.channel is not None


# Group key of a rolled-up row ``{a}`` and its scope row ``s``.
_KEYS = {
    None: "'all'",
    "ward": "s.ward_code",
    "province": "s.province_code",
    "field": "{a}.field",
    "channel": "{a}.channel",
}


def _key(by: str | None, alias: str) -> str:
    return _KEYS[by].format(a=alias)


def _chosen(alias: str) -> str:
    """The field and channel filters (``$field``, ``$channel``; NULL: any) on row ``alias``."""
    return (
        f"($field IS NULL OR {alias}.field = $field)"
        f" AND ($channel IS NULL OR {alias}.channel = $channel)"
    )


def _sums(columns: Sequence[str], alias: str) -> str:
    return ",\n        ".join(f"CAST(sum({alias}.{c}) AS BIGINT) AS {c}" for c in columns)


def _zero(columns: Sequence[str], alias: str) -> str:
    """Counts of a side that may have no row: 0, as a count over no dossier is."""
    return ", ".join(f"coalesce({alias}.{c}, 0) AS {c}" for c in columns)


def dossier_agg_sql(by: str | None, *, detail: bool = False) -> str:
    """The CTE ``dossier_agg`` (and its parts) of :data:`kpi.metrics.DOSSIER_AGG_SQL`'s shape,
    from the rollups: received and ended on the period's days up to ``as_of``, open at ``as_of``
    (the end of a day, or the newest record); the field and channel chosen, grouped ``by``
    ward, province, field or channel. ``detail`` (:func:`needs_detail`): read the rollups per
    ward, field and channel, not those per ward."""
    fc = "_fc" if detail else ""
    return f"""r_agg AS (
    SELECT b.period, {_key(by, "r")} AS key,
        {_sums(RECEIVED_COUNTS, "r")}
    FROM bounds AS b
    JOIN roll_received{fc} AS r ON r.day BETWEEN b.date_from AND CAST(b.as_of AS DATE)
    JOIN scope AS s ON s.ward_code = r.ward_code
    WHERE {_chosen("r")}
    GROUP BY ALL
),
e_agg AS (
    SELECT b.period, {_key(by, "e")} AS key,
        {_sums((*ENDED_COUNTS, "working_days_sum", "working_days_n"), "e")},
        sum(e.days_sum) AS days_sum
    FROM bounds AS b
    JOIN roll_ended{fc} AS e ON e.day BETWEEN b.date_from AND CAST(b.as_of AS DATE)
    JOIN scope AS s ON s.ward_code = e.ward_code
    WHERE {_chosen("e")}
    GROUP BY ALL
),
w_agg AS (
    SELECT period, key, count(DISTINCT ward_code) AS wards_with_data
    FROM (SELECT b.period, {_key(by, "r")} AS key, s.ward_code
          FROM bounds AS b
          JOIN roll_received{fc} AS r ON r.day BETWEEN b.date_from AND CAST(b.as_of AS DATE)
          JOIN scope AS s ON s.ward_code = r.ward_code
          WHERE {_chosen("r")}
          UNION ALL
          SELECT b.period, {_key(by, "e")} AS key, s.ward_code
          FROM bounds AS b
          JOIN roll_ended{fc} AS e ON e.day BETWEEN b.date_from AND CAST(b.as_of AS DATE)
          JOIN scope AS s ON s.ward_code = e.ward_code
          WHERE {_chosen("e")})
    GROUP BY ALL
),
o_rows AS (
    SELECT b.period, {_key(by, "o")} AS key, o.* EXCLUDE (day, ward_code, field, channel)
    FROM bounds AS b
    JOIN roll_open{fc} AS o ON o.day = CAST(b.as_of AS DATE) AND b.as_of <> b.data_as_of
    JOIN scope AS s ON s.ward_code = o.ward_code
    WHERE {_chosen("o")}
    UNION ALL
    SELECT b.period, {_key(by, "o")} AS key, o.* EXCLUDE (ward_code, field, channel)
    FROM bounds AS b
    JOIN roll_open_now{fc} AS o ON b.as_of = b.data_as_of
    JOIN scope AS s ON s.ward_code = o.ward_code
    WHERE {_chosen("o")}
),
o_agg AS (
    SELECT period, key,
        {_sums(OPEN_COUNTS, "o")}
    FROM o_rows AS o
    GROUP BY ALL
),
dossier_agg AS (
    SELECT
        k.period,
        k.key,
        NULL AS label,
        coalesce(r.received, 0) AS received,
        coalesce(e.completed, 0) + coalesce(o.in_process, 0) - coalesce(r.received, 0)
            AS carried_over,
        coalesce(e.completed, 0) + coalesce(o.in_process, 0) AS to_process,
        coalesce(e.completed, 0) AS completed,
        coalesce(o.in_process, 0) AS in_process,
        coalesce(o.awaiting_citizen, 0) AS awaiting_citizen,
        {_zero(("withdrawn", "stopped", "early", "on_time", "late"), "e")},
        {_zero(("in_time", "overdue", "due_soon"), "o")},
        coalesce(e.no_due_ended, 0) + coalesce(o.no_due_open, 0) AS no_due,
        coalesce(e.late_interagency, 0) AS late_interagency,
        coalesce(e.complained_ended, 0) + coalesce(o.complained_open, 0) AS complained_not_late,
        mean_of(e.days_sum, e.completed) AS avg_days,
        mean_of(e.working_days_sum, e.working_days_n) AS avg_working_days,
        {_zero(RECEIVED_COUNTS[1:], "r")},
        {_zero(("e_result_known", "e_result"), "e")},
        coalesce(w.wards_with_data, 0) AS wards_with_data
    FROM (SELECT period, key FROM r_agg UNION SELECT period, key FROM e_agg
          UNION SELECT period, key FROM o_agg) AS k
    LEFT JOIN r_agg AS r ON r.period = k.period AND r.key IS NOT DISTINCT FROM k.key
    LEFT JOIN e_agg AS e ON e.period = k.period AND e.key IS NOT DISTINCT FROM k.key
    LEFT JOIN o_agg AS o ON o.period = k.period AND o.key IS NOT DISTINCT FROM k.key
    LEFT JOIN w_agg AS w ON w.period = k.period AND w.key IS NOT DISTINCT FROM k.key
)"""


def rating_agg_sql(by: str | None, *, detail: bool = False) -> str:
    """The CTE ``rating_agg`` of :data:`kpi.metrics.RATING_AGG_SQL`'s shape: whole days from
    ``roll_ratings``, the part of ``as_of``'s day up to it from the ratings themselves, and the
    distinct rated dossiers corrected by the repeats. A rating's field and channel are its
    dossier's (none: it names no loaded dossier)."""
    terms = ", ".join(f"{t} AS {c}" for c, t in _RATING_TERMS.items())
    sums = ",\n        ".join(f"sum(p.{c}) AS {c}" for c in RATING_SUMS)
    # as_of is the last instant of its day: that day is whole in roll_ratings.
    whole = (
        "b.as_of = CAST(CAST(b.as_of AS DATE) AS TIMESTAMP)"
        " + INTERVAL 1 DAY - INTERVAL 1 MICROSECOND"
    )
    fc = "_fc" if detail else ""
    return f"""rating_parts AS (
    SELECT b.period, {_key(by, "r")} AS key, r.* EXCLUDE (day, ward_code, field, channel)
    FROM bounds AS b
    JOIN roll_ratings{fc} AS r
      ON r.day >= b.date_from
     AND (r.day < CAST(b.as_of AS DATE) OR (r.day = CAST(b.as_of AS DATE) AND {whole}))
    JOIN scope AS s ON s.ward_code = r.ward_code
    WHERE {_chosen("r")}
    UNION ALL
    SELECT b.period, {_key(by, "r")} AS key, {terms}
    FROM bounds AS b
    JOIN (SELECT r.*, x.field, x.channel
          FROM ratings AS r
          LEFT JOIN dossiers AS x ON x.dossier_id = r.dossier_id) AS r
      ON NOT ({whole})
     AND r.rated_at >= greatest(b.p_start, CAST(CAST(b.as_of AS DATE) AS TIMESTAMP))
     AND r.rated_at <= b.as_of
    JOIN scope AS s ON s.ward_code = r.ward_code
    WHERE {_chosen("r")}
),
repeat_fix AS (
    SELECT b.period, {_key(by, "r")} AS key, count(*) - count(DISTINCT r.dossier_id) AS extra
    FROM bounds AS b
    JOIN rating_repeats AS r
      ON r.rated_at >= b.p_start AND r.rated_at < b.p_end AND r.rated_at <= b.as_of
    JOIN scope AS s ON s.ward_code = r.ward_code
    WHERE {_chosen("r")}
    GROUP BY ALL
),
rating_sums AS (
    SELECT p.period, p.key,
        {sums}
    FROM rating_parts AS p
    GROUP BY ALL
),
rating_agg AS (
    SELECT
        p.period,
        p.key,
        CAST(p.ratings AS BIGINT) AS ratings,
        CAST(p.satisfied AS BIGINT) AS satisfied,
        p.rating_sum / p.ratings AS mean_rating,
        {", ".join(f"CAST(p.rating_{k} AS BIGINT) AS rating_{k}" for k in range(1, 6))},
        {", ".join(f"mean_of(p.{d}_sum, p.{d}_n) AS sipas_{d}" for d in SIPAS)},
        CAST(p.linked - coalesce(f.extra, 0) AS BIGINT) AS rated_dossiers
    FROM rating_sums AS p
    LEFT JOIN repeat_fix AS f ON f.period = p.period AND f.key IS NOT DISTINCT FROM p.key
    WHERE p.ratings > 0
)"""
