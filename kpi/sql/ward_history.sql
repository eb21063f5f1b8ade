
WITH
freshness AS ({data_as_of}),
mine AS (
    SELECT *
    FROM ({facts}) AS x
    WHERE x.ward_code = $ward_code AND x.received_at < CAST($before AS TIMESTAMP)
),
periods AS (
    SELECT
        y AS year,
        make_date(y, 1, 1) AS date_from,
        least(make_date(y, 12, 31), CAST($before AS DATE) - 1) AS date_to
    FROM (
        SELECT unnest(range(year(min(received_at)), year(max(received_at)) + 1)) AS y FROM mine
    )
),
bounds AS (
    SELECT
        p.*,
        CAST(p.date_from AS TIMESTAMP) AS p_start,
        CAST(p.date_to AS TIMESTAMP) + INTERVAL 1 DAY AS p_end,
        {as_of} AS as_of
    FROM periods AS p, freshness AS f
),
population AS (
    SELECT
        x.*, p.year, p.date_from, p.date_to, p.as_of,
        x.received_at >= p.p_start AS is_received,
        coalesce(x.ended_at <= p.as_of, false) AS is_ended
    FROM mine AS x JOIN bounds AS p ON {population}
),
classified AS (
    SELECT *, {klass} AS klass FROM population
),
counted AS (
    SELECT
        ward_name_source AS old_ward_name,
        district_name_source AS old_district_name,
        year,
        date_from,
        date_to,
        count(CASE WHEN is_received THEN 1 END) AS received,
        count(CASE WHEN is_ended THEN 1 END) AS completed,
        count(*) AS to_process,
        count(CASE WHEN klass = 'early' THEN 1 END) AS early,
        count(CASE WHEN klass = 'on_time' THEN 1 END) AS on_time,
        count(CASE WHEN klass = 'late' THEN 1 END) AS late,
        count(CASE WHEN klass = 'in_time' THEN 1 END) AS in_time,
        count(CASE WHEN klass = 'overdue' THEN 1 END) AS overdue
    FROM classified
    GROUP BY ALL
)
SELECT *, on_time_rate(early, on_time, late, in_time, overdue) AS on_time_rate
FROM counted
ORDER BY old_ward_name COLLATE vi NULLS LAST, old_district_name COLLATE vi NULLS LAST, year
