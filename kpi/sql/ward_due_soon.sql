,
horizon AS (
    SELECT {due_soon_before} AS due_soon_before FROM bounds AS c
),
soon AS (
    SELECT x.*, h.due_soon_before FROM classified AS x, horizon AS h
)
SELECT
    x.dossier_id,
    x.field,
    x.procedure_code,
    x.procedure_name,
    x.due,
    dc.wd_seq - ac.wd_seq AS working_days_left
FROM soon AS x
JOIN calendar AS dc ON dc.d = CAST(x.due AS DATE)
JOIN calendar AS ac ON ac.d = CAST(x.as_of AS DATE)
WHERE {due_soon}
ORDER BY x.due, x.dossier_id
LIMIT $limit
