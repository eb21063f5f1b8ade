-- The rejected input rows of the data page (kpi.data_status.rejects), filtered by run, reason
-- and column (each NULL: any), most recent run first, then in the file's order; at most
-- $limit rows (NULL: all, for the export), each with the number of rows the filters match.
SELECT
    j.run_id,
    regexp_replace(j.source, '^.*[/\\]', '') AS file,
    j.row_number AS line,
    j."column" AS "column",
    j.value,
    j.reason,
    count(*) OVER () AS matching
FROM etl_rejects AS j
WHERE ($run_id IS NULL OR j.run_id = $run_id)
  AND ($reason IS NULL OR j.reason = $reason)
  AND ($column IS NULL OR j."column" = $column)
ORDER BY j.run_id DESC, j.row_number, j.rowid
LIMIT $limit
