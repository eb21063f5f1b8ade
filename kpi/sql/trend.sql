
WITH
{bounds},
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
{event_days},

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
{open_changes},

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
