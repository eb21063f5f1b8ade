
SELECT DISTINCT old_ward_name, old_district_name, old_province_name, is_default
FROM ward_crosswalk
WHERE ward_code = $ward_code
ORDER BY old_district_name COLLATE vi, old_ward_name COLLATE vi
