
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
