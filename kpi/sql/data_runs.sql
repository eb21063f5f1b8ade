-- The load history of the data page (kpi.data_status.load_history): one row per file of each
-- run of the loader, newest first. The file is shown by its base name (the server's path, a
-- temporary directory for an upload, is nobody's business); the checksum by its first 12 hex
-- digits; the duration is the batch's (files loaded together share started_at / finished_at).
SELECT
    run_id,
    batch_id,
    started_at,
    finished_at,
    regexp_replace(source, '^.*[/\\]', '') AS file,
    sha256,
    left(sha256, 12) AS sha256_short,
    kind,
    coalesce(rows_read, 0) AS rows_read,
    coalesce(rows_inserted, 0) AS rows_inserted,
    coalesce(rows_updated, 0) AS rows_updated,
    coalesce(rows_unchanged, 0) AS rows_unchanged,
    coalesce(rows_rejected, 0) AS rows_rejected,
    status,
    message,
    epoch(finished_at - started_at) AS duration_seconds
FROM etl_runs
ORDER BY run_id DESC
LIMIT $limit
