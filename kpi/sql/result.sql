petition_rows AS (
    SELECT t.*, {petition_key} AS key
    FROM petitions AS t
    {petition_join}
    WHERE t.ward_code IN (SELECT ward_code FROM scope){linked_filter}
),
petition_flags AS (
    SELECT
        p.period,
        t.key,
        t.unsatisfied,
        t.handled_at <= p.as_of AS handled,
        -- handled late, or still open past its due time (no due time: never late)
        petition_late(t.handled_at, t.due_at, p.as_of) AS overdue
    FROM petition_rows AS t
    JOIN bounds AS p
      ON t.received_at >= p.p_start AND t.received_at < p.p_end AND t.received_at <= p.as_of
),
petition_agg AS (
    SELECT
        period,
        key,
        count(*) AS petitions,
        count(CASE WHEN NOT overdue THEN 1 END) AS petitions_on_time,
        count(CASE WHEN unsatisfied THEN 1 END) AS petitions_unsatisfied,
        count(CASE WHEN unsatisfied OR overdue THEN 1 END) AS petitions_unsatisfied_or_overdue
    FROM petition_flags
    GROUP BY ALL
),
keys AS (
    {keys}
)
SELECT
    k.period,
    b.date_from,
    b.date_to,
    b.as_of,
    b.data_as_of,
    b.working_days,
    k.key,
    d.label,
    {counts},
    {rating_counts},
    coalesce(t.petitions, 0) AS petitions,
    coalesce(t.petitions_on_time, 0) AS petitions_on_time,
    coalesce(t.petitions_unsatisfied, 0) AS petitions_unsatisfied,
    d.avg_days,
    d.avg_working_days,
    r.mean_rating,
    r.sipas_access, r.sipas_procedure, r.sipas_staff, r.sipas_result, r.sipas_feedback,
    {dossier_rates},
    rate(r.satisfied, r.ratings) AS satisfied_rate,
    rate(r.rated_dossiers, d.completed) AS response_rate,
    {satisfaction_766},
    rate(t.petitions_on_time, t.petitions) AS petition_on_time_rate,
    petition_satisfaction(t.petitions, t.petitions_unsatisfied_or_overdue)
        AS petition_satisfaction,
    {wards_total} AS wards_total
FROM keys AS k
JOIN bounds AS b ON b.period = k.period
LEFT JOIN dossier_agg AS d ON d.period = k.period AND d.key = k.key
LEFT JOIN rating_agg AS r ON r.period = k.period AND r.key = k.key
LEFT JOIN petition_agg AS t ON t.period = k.period AND t.key = k.key
ORDER BY k.period, k.key
