-- The periodic report on dossier handling (Biểu II.06a; metrics.md §1–§2, data-contract §5
-- `/report`): rows of the metrics query (kpi.metrics.kpis, one per field or the one total row),
-- which kpi/report.py registers as `report_kpis`, named as the report's columns. Nothing is
-- counted or classified here: every figure is the metrics layer's own count, so the total row
-- is the one `/api/v1/kpis` answers for the same filters. The identities the columns keep:
--   to_process = received + carried_over = completed + in_process             (§1)
--   received   = received_online + received_direct_or_postal                  (§3: the loader
--                stores a dossier without a channel as direct, the national rule)
--   completed  = early + on_time + late, in_process = in_time + overdue          (§2), but for
--                the dossiers without a due date (no_due), counted in completed or in_process
--                and in no class.
-- $keep_empty: keep a row with nothing to process (the total row of an empty period).
SELECT
    CAST(key AS VARCHAR) AS field,  -- VARCHAR even when no row told pandas it is text
    to_process,
    received,
    online AS received_online,
    direct + postal AS received_direct_or_postal,
    carried_over,
    completed,
    early,
    on_time,
    late,
    in_process,
    in_time,
    overdue,
    no_due
FROM report_kpis
WHERE $keep_empty OR to_process > 0
ORDER BY field COLLATE vi, field
