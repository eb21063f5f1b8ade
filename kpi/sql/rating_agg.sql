rating_rows AS (
    SELECT r.*, {rating_key} AS key
    FROM ratings AS r
    {rating_join}
    WHERE r.ward_code IN (SELECT ward_code FROM scope){linked_filter}
),
rating_agg AS (
    SELECT
        p.period,
        r.key,
        count(*) AS ratings,
        count(CASE WHEN is_satisfied(r.rating) THEN 1 END) AS satisfied,
        avg(r.rating) AS mean_rating,
        count(CASE WHEN r.rating = 1 THEN 1 END) AS rating_1,
        count(CASE WHEN r.rating = 2 THEN 1 END) AS rating_2,
        count(CASE WHEN r.rating = 3 THEN 1 END) AS rating_3,
        count(CASE WHEN r.rating = 4 THEN 1 END) AS rating_4,
        count(CASE WHEN r.rating = 5 THEN 1 END) AS rating_5,
        avg(r.access) AS sipas_access,
        avg(r."procedure") AS sipas_procedure,
        avg(r.staff) AS sipas_staff,
        avg(r."result") AS sipas_result,
        avg(r.feedback) AS sipas_feedback,
        count(DISTINCT r.dossier_id) AS rated_dossiers
    FROM rating_rows AS r
    JOIN bounds AS p ON r.rated_at >= p.p_start AND r.rated_at < p.p_end AND r.rated_at <= p.as_of
    GROUP BY ALL
)