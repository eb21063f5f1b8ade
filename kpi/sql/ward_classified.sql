
WITH
freshness AS ({data_as_of}),
periods AS (SELECT CAST($date_from AS DATE) AS date_from, CAST($date_to AS DATE) AS date_to),
bounds AS (
    SELECT
        CAST(p.date_from AS TIMESTAMP) AS p_start,
        CAST(p.date_to AS TIMESTAMP) + INTERVAL 1 DAY AS p_end,
        {as_of} AS as_of
    FROM periods AS p, freshness AS f
),
population AS (
    SELECT x.*, p.as_of, coalesce(x.ended_at <= p.as_of, false) AS is_ended
    FROM ({facts}) AS x, bounds AS p
    WHERE x.ward_code = $ward_code
      AND ($field IS NULL OR x.field = $field)
      AND ($channel IS NULL OR x.channel = $channel)
      AND {population}
),
classified AS (
    SELECT *, {klass} AS klass FROM population
)