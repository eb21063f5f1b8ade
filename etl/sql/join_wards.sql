-- Staged rows of a kind that names a ward (dossiers, ratings, petitions) with the ward each one
-- resolved to (`ward_map`, one row per distinct raw ward reference: see etl/wards.py).
CREATE OR REPLACE TEMP VIEW joined AS
SELECT s.*, m.ward_code AS _ward_code, m.ward_error AS _ward_error, m.ward_column AS _ward_column
FROM stage AS s
LEFT JOIN ward_map AS m
  ON s.ward_code IS NOT DISTINCT FROM m.wc_raw AND s.ward_name IS NOT DISTINCT FROM m.wn_raw
 AND s.district_name IS NOT DISTINCT FROM m.dn_raw AND s.province IS NOT DISTINCT FROM m.pv_raw;
