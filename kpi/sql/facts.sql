
SELECT
    d.dossier_id, d.ward_code, d.ward_name_source, d.district_name_source,
    d.field, d.procedure_code, d.procedure_name, d.channel,
    d.online_level, d.status, d.received_at, d.ended_at, d.interagency, d.digitized, d.e_result,
    d.reused_data, d.has_fee, d.paid_online, d.no_wait,
    coalesce(d.supplement_count, 0) AS supplements,
    effective_due(d.due_at, d.received_at, l.limit_days, w.d, d.paused_days) AS due,
    ce.wd_seq - cr.wd_seq AS working_days_taken,
    c.dossier_id IS NOT NULL AS has_complaint
FROM dossiers AS d
LEFT JOIN (
    SELECT procedure_code, max(time_limit_working_days) AS limit_days
    FROM procedures
    WHERE time_limit_working_days >= 0
    GROUP BY procedure_code
) AS l ON d.due_at IS NULL AND l.procedure_code = d.procedure_code
LEFT JOIN calendar AS cr ON cr.d = CAST(d.received_at AS DATE)
LEFT JOIN calendar AS w
    ON l.limit_days IS NOT NULL AND w.is_working
   AND w.wd_seq = cr.wd_seq + CAST(ceil(l.limit_days) AS INTEGER)
LEFT JOIN calendar AS ce ON ce.d = CAST(d.ended_at AS DATE)
LEFT JOIN (
    SELECT dossier_id FROM petitions WHERE dossier_id IS NOT NULL
    UNION
    SELECT dossier_id FROM ratings WHERE rating <= 2 AND dossier_id IS NOT NULL
) AS c ON c.dossier_id = d.dossier_id
WHERE d.status NOT IN ('submitted', 'refused')
