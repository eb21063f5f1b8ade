
SELECT
    dossier_id,
    field,
    procedure_code,
    procedure_name,
    due,
    CASE WHEN is_ended THEN ended_at END AS ended_at,
    klass,
    -- calendar days (started) past the effective due time: to the end, or to as_of if open
    greatest(0, CAST(ceil(epoch(CASE WHEN is_ended THEN ended_at ELSE as_of END - due) / 86400.0)
                     AS INTEGER)) AS days_over
FROM classified
WHERE klass IN ('late', 'overdue')
ORDER BY days_over DESC NULLS LAST, dossier_id
LIMIT $limit
