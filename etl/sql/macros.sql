-- Parsing helpers shared by the parse_*.sql files. Temporary: they live only in the loader's
-- session. Vocabulary macros (vocab_status, vocab_bool, ...) are generated from etl/columns.py
-- and installed before this file.

-- The matching key of a word: NFC, lower case, no accents (đ → d), only [a-z0-9].
-- Must agree with etl.normalize.name_key (tests/test_normalize.py checks it).
CREATE OR REPLACE TEMP MACRO vk(x) AS
    regexp_replace(strip_accents(lower(replace(replace(nfc_normalize(trim(x)), 'Đ', 'd'), 'đ', 'd'))),
                   '[^a-z0-9]+', '', 'g');

-- Stored text: NFC, trimmed, empty → NULL.
CREATE OR REPLACE TEMP MACRO txt(x) AS nullif(nfc_normalize(trim(x)), '');

-- A yes/no cell of a flag column (Kind.flags in etl/columns.py; metrics §3). The loader stages a
-- flag column the file has with '' for a blank cell, and one it lacks as NULL: a blank cell is
-- "no", a missing column unknown. A word outside the vocabulary is NULL (the parse_*.sql files
-- reject that row).
CREATE OR REPLACE TEMP MACRO flag(x) AS CASE
    WHEN x IS NULL THEN NULL
    WHEN txt(x) IS NULL THEN false
    ELSE vocab_bool(vk(x))
END;

-- Excel serial day numbers (1954..2119), possibly with a fraction of a day.
CREATE OR REPLACE TEMP MACRO is_serial(x) AS regexp_full_match(trim(x), '[0-9]{5}(\.[0-9]+)?');

-- Day-first dates and date-times, ISO 8601, Excel serials. Never month-first.
CREATE OR REPLACE TEMP MACRO ts_any(x) AS CASE
    WHEN txt(x) IS NULL THEN NULL
    WHEN is_serial(x) THEN CASE WHEN try_cast(trim(x) AS DOUBLE) BETWEEN 20000 AND 80000 THEN
        TIMESTAMP '1899-12-30' + to_microseconds(CAST(round(try_cast(trim(x) AS DOUBLE) * 86400000000) AS BIGINT))
    END
    ELSE coalesce(
        try_strptime(trim(x), ['%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y', '%d/%m/%Y %H:%M:%S.%f',
                               '%d-%m-%Y %H:%M:%S', '%d-%m-%Y %H:%M', '%d-%m-%Y',
                               '%H:%M:%S %d/%m/%Y', '%H:%M %d/%m/%Y']),
        try_cast(trim(x) AS TIMESTAMP))
END;

-- A timestamp with a plausible year, else NULL (a two-digit year such as 05/03/24 is refused).
CREATE OR REPLACE TEMP MACRO ts_ok(t) AS CASE WHEN year(t) BETWEEN 1990 AND 2100 THEN t END;

-- Day, month and year as written in a date text of an accepted shape (day first: dd/mm/yyyy or
-- dd-mm-yyyy, a time before or after it; or ISO yyyy-mm-dd), whether or not that day exists;
-- NULL for any other text. Only used to explain a date ts_any could not read.
CREATE OR REPLACE TEMP MACRO date_written(x) AS CASE
    WHEN regexp_full_match(trim(x), '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([ T][0-9:.]+)?') THEN {
        'd': CAST(regexp_extract(trim(x), '^[0-9]{4}-[0-9]{1,2}-([0-9]{1,2})', 1) AS INTEGER),
        'm': CAST(regexp_extract(trim(x), '^[0-9]{4}-([0-9]{1,2})', 1) AS INTEGER),
        'y': CAST(regexp_extract(trim(x), '^([0-9]{4})', 1) AS INTEGER)}
    WHEN regexp_full_match(trim(x), '([0-9]{1,2}:[0-9]{2}(:[0-9]{2})? )?[0-9]{1,2}[/-][0-9]{1,2}[/-][0-9]{4}'
                                    || '( [0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?') THEN {
        'd': CAST(regexp_extract(trim(x), '([0-9]{1,2})[/-][0-9]{1,2}[/-][0-9]{4}', 1) AS INTEGER),
        'm': CAST(regexp_extract(trim(x), '[0-9]{1,2}[/-]([0-9]{1,2})[/-][0-9]{4}', 1) AS INTEGER),
        'y': CAST(regexp_extract(trim(x), '[0-9]{1,2}[/-][0-9]{1,2}[/-]([0-9]{4})', 1) AS INTEGER)}
END;

-- The number of days of month m of year y (m clamped to 1..12, so that it never fails).
CREATE OR REPLACE TEMP MACRO month_days(y, m) AS day(last_day(make_date(y, least(greatest(m, 1), 12), 1)));

-- Why a date text that is not empty gave no date (data-contract §1: an impossible date is a
-- rejected row, never a shifted one): a day that does not exist, named precisely (31/02/2026:
-- "tháng 2/2026 chỉ có 28 ngày"; a month 13 or 31, as a month-first date would give), else a
-- text in no accepted shape.
CREATE OR REPLACE TEMP MACRO date_error(x) AS CASE
    WHEN date_written(x).m NOT BETWEEN 1 AND 12 THEN
        format('ngày không tồn tại (không có tháng {}; cần ngày/tháng/năm)', date_written(x).m)
    WHEN date_written(x).d < 1 THEN 'ngày không tồn tại (không có ngày 0)'
    WHEN date_written(x).d > month_days(date_written(x).y, date_written(x).m) THEN
        format('ngày không tồn tại (tháng {}/{} chỉ có {} ngày)', date_written(x).m,
               date_written(x).y, month_days(date_written(x).y, date_written(x).m))
    ELSE 'ngày giờ không hợp lệ (cần ngày/tháng/năm)'
END;

-- A due date given without a time (or at exactly midnight, as date cells are) means the end of
-- that day.
CREATE OR REPLACE TEMP MACRO end_of_day_if_date(t) AS CASE
    WHEN t = date_trunc('day', t) THEN t + INTERVAL 1 DAY - INTERVAL 1 MICROSECOND ELSE t
END;

-- Numbers: a decimal comma is accepted when there is no decimal point. Not a number, or not a
-- finite one ('inf', 'nan'), is NULL.
CREATE OR REPLACE TEMP MACRO num_any(x) AS try_cast(
    CASE WHEN contains(trim(x), ',') AND NOT contains(trim(x), '.') THEN replace(trim(x), ',', '.')
         ELSE trim(x) END AS DOUBLE);
CREATE OR REPLACE TEMP MACRO num(x) AS CASE WHEN isfinite(num_any(x)) THEN num_any(x) END;

-- Ids are text; a number in scientific notation means a spreadsheet already rounded it.
CREATE OR REPLACE TEMP MACRO sci_id(x) AS regexp_full_match(trim(x), '[0-9]+([.,][0-9]+)?[eE][+-]?[0-9]+');

-- One validation failure, or NULL when the check passes.
CREATE OR REPLACE TEMP MACRO err(bad, col, val, reason) AS
    CASE WHEN bad THEN {'column': col, 'value': val, 'reason': reason} END;

-- Personal data inside free text: emails, phone numbers, ID numbers are replaced before storing.
CREATE OR REPLACE TEMP MACRO mask_personal(x) AS
    regexp_replace(
        regexp_replace(
            regexp_replace(x, '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}', '[email]', 'g'),
            '(\+84|\b0)([ .-]?[0-9]){8,10}\b', '[số điện thoại]', 'g'),
        '\b[0-9]{9}([0-9]{3})?\b', '[số giấy tờ]', 'g');

-- The raw value a ward-resolution error is about (the column named by etl.wards.Resolution).
CREATE OR REPLACE TEMP MACRO ward_value(col, code, name, province) AS CASE col
    WHEN 'province' THEN province WHEN 'ward_code' THEN code ELSE name END;
