scope AS (
    SELECT ward_code, province_code
    FROM wards
    WHERE ($province_code IS NULL OR province_code = $province_code)
      AND ($ward_codes IS NULL OR list_contains($ward_codes, ward_code))
)