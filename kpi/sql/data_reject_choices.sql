-- What the rejects filters of the data page offer (kpi.data_status.reject_choices): each run,
-- reason and column that some rejected row has, with how many rows; runs newest first, the
-- most frequent reasons and columns first.
SELECT facet, choice, label, n_rows
FROM (
    SELECT 'run' AS facet, CAST(j.run_id AS VARCHAR) AS choice,
           any_value(regexp_replace(j.source, '^.*[/\\]', '')) AS label, count(*) AS n_rows,
           -j.run_id AS sort_key
    FROM etl_rejects AS j
    GROUP BY j.run_id
    UNION ALL
    SELECT 'reason', j.reason, j.reason, count(*), -count(*)
    FROM etl_rejects AS j
    GROUP BY j.reason
    UNION ALL
    SELECT 'column', j."column", j."column", count(*), -count(*)
    FROM etl_rejects AS j
    WHERE j."column" IS NOT NULL
    GROUP BY j."column"
) AS c
ORDER BY facet, sort_key, choice
