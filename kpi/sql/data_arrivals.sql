-- When each ward's data last arrived (kpi.data_status.coverage): the wards of a province (or,
-- $province_code NULL, of every province with loaded dossiers), the newest receipt of a
-- dossier that counts as received (metrics.md: not `submitted`, not `refused`) and the working
-- days after that day up to the day of the warehouse's newest record ($as_of), by the
-- calendar's running count of working days (wd_seq). NULL for a ward with no dossier at all.
WITH scope AS (
    SELECT ward_code, ward_name, ward_short
    FROM wards
    WHERE ($province_code IS NOT NULL AND province_code = $province_code)
       OR ($province_code IS NULL AND province_code IN (
            SELECT DISTINCT w.province_code
            FROM (SELECT DISTINCT ward_code FROM dossiers) AS d
            JOIN wards AS w USING (ward_code)))
),
arrived AS (
    SELECT ward_code, max(received_at) AS last_received
    FROM dossiers
    WHERE status NOT IN ('submitted', 'refused')
      AND ward_code IN (SELECT ward_code FROM scope)
    GROUP BY ward_code
)
SELECT
    s.ward_code,
    s.ward_name,
    a.last_received,
    (SELECT wd_seq FROM calendar WHERE d = $as_of) - c.wd_seq AS working_days_silent
FROM scope AS s
LEFT JOIN arrived AS a USING (ward_code)
LEFT JOIN calendar AS c ON c.d = CAST(a.last_received AS DATE)
ORDER BY s.ward_short COLLATE vi, s.ward_code
