freshness AS (
    {data_as_of}
),
periods AS (
    SELECT i AS period, CAST(f AS DATE) AS date_from, CAST(t AS DATE) AS date_to
    FROM (SELECT unnest($froms) AS f, unnest($tos) AS t, generate_subscripts($froms, 1) AS i)
),
clocked AS (
    SELECT
        p.*,
        CAST(p.date_from AS TIMESTAMP) AS p_start,
        CAST(p.date_to AS TIMESTAMP) + INTERVAL 1 DAY AS p_end,
        f.data_as_of,
        {as_of} AS as_of,
        (SELECT count(*) FROM calendar AS c
          WHERE c.is_working AND c.d BETWEEN p.date_from AND p.date_to) AS working_days
    FROM periods AS p, freshness AS f
),
bounds AS (
    SELECT c.*, {due_soon_before} AS due_soon_before
    FROM clocked AS c
)