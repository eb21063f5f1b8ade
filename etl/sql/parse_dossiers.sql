-- Dossiers: staged text (table `stage`, one VARCHAR column per canonical name, `_line`) and the
-- resolved wards (`ward_map`) → typed rows with the list of what is wrong with each (`_errors`).
CREATE OR REPLACE TEMP TABLE parsed AS
WITH typed AS (
    SELECT
        *,
        ts_ok(ts_any(received_at))  AS t_received,
        ts_ok(ts_any(submitted_at)) AS t_submitted,
        end_of_day_if_date(ts_ok(ts_any(due_at))) AS t_due,
        ts_ok(ts_any(ended_at))     AS t_ended,
        ts_ok(ts_any(returned_at))  AS t_returned,
        vocab_status(vk(status))    AS v_status,
        coalesce(vocab_channel(vk(channel)), CASE WHEN txt(channel) IS NULL THEN 'direct' END) AS v_channel,
        vocab_online_level(vk(online_level)) AS v_online_level,
        num(supplement_count)       AS n_supplement,
        try_cast(num(supplement_count) AS INTEGER) AS i_supplement,  -- NULL beyond INTEGER
        num(paused_days)            AS n_paused,
        flag(interagency)           AS b_interagency,
        flag(digitized)             AS b_digitized,
        flag(e_result)              AS b_e_result,
        flag(reused_data)           AS b_reused_data,
        flag(has_fee)               AS b_has_fee,
        -- national sync codes: 1 and 2 both mean paid online
        coalesce(flag(paid_online), CASE WHEN trim(paid_online) = '2' THEN true END) AS b_paid_online,
        flag(no_wait)               AS b_no_wait,
        vocab_applicant_type(vk(applicant_type)) AS v_applicant_type
    FROM joined  -- etl/sql/join_wards.sql
),
derived AS (
    SELECT
        *,
        coalesce(t_received, t_submitted) AS t_start,
        -- An end given as a date alone (midnight) on the day of receipt means "that same day":
        -- it is stored as the moment of receipt rather than rejected as ending before it.
        CASE
            WHEN coalesce(t_ended, t_returned) = date_trunc('day', coalesce(t_ended, t_returned))
             AND CAST(coalesce(t_ended, t_returned) AS DATE)
                 = CAST(coalesce(t_received, t_submitted) AS DATE)
            THEN greatest(coalesce(t_ended, t_returned), coalesce(t_received, t_submitted))
            ELSE coalesce(t_ended, t_returned)
        END AS t_end,
        coalesce(v_status, CASE
            WHEN coalesce(t_ended, t_returned) IS NULL THEN 'processing'
            WHEN t_returned IS NOT NULL THEN 'returned'
            ELSE 'processed' END) AS v_status_final
    FROM typed
)
SELECT
    _line,
    txt(dossier_id)          AS dossier_id,
    _ward_code               AS ward_code,
    txt(ward_name)           AS ward_name_source,
    txt(district_name)       AS district_name_source,
    txt(procedure_code)      AS procedure_code,
    txt(procedure_name)      AS procedure_name,
    coalesce(txt(field), 'Khác') AS field,
    v_channel                AS channel,
    v_online_level           AS online_level,
    t_start                  AS received_at,
    t_submitted              AS submitted_at,
    t_due                    AS due_at,
    t_end                    AS ended_at,
    t_returned               AS returned_at,
    v_status_final           AS status,
    i_supplement             AS supplement_count,
    n_paused                 AS paused_days,
    b_interagency            AS interagency,
    b_digitized              AS digitized,
    b_e_result               AS e_result,
    b_reused_data            AS reused_data,
    b_has_fee                AS has_fee,
    b_paid_online            AS paid_online,
    b_no_wait                AS no_wait,
    v_applicant_type         AS applicant_type,
    greatest(t_start, t_submitted, t_end, t_returned) AS _latest,
    list_filter([
        err(txt(dossier_id) IS NULL, 'dossier_id', dossier_id, 'thiếu mã hồ sơ'),
        err(sci_id(dossier_id), 'dossier_id', dossier_id,
            'mã hồ sơ ở dạng số mũ (bảng tính đã làm tròn mã): định dạng cột là văn bản'),
        err(_ward_error IS NOT NULL, _ward_column, ward_value(_ward_column, ward_code, ward_name, province),
            _ward_error),
        err(txt(received_at) IS NULL AND txt(submitted_at) IS NULL, 'received_at', NULL,
            'thiếu ngày tiếp nhận'),
        err(txt(received_at) IS NOT NULL AND t_received IS NULL, 'received_at', received_at,
            date_error(received_at)),
        err(txt(submitted_at) IS NOT NULL AND t_submitted IS NULL, 'submitted_at', submitted_at,
            date_error(submitted_at)),
        err(txt(due_at) IS NOT NULL AND t_due IS NULL, 'due_at', due_at,
            date_error(due_at)),
        err(txt(ended_at) IS NOT NULL AND t_ended IS NULL, 'ended_at', ended_at,
            date_error(ended_at)),
        err(txt(returned_at) IS NOT NULL AND t_returned IS NULL, 'returned_at', returned_at,
            date_error(returned_at)),
        err(t_due < t_start, 'due_at', due_at, 'ngày hẹn trả trước ngày tiếp nhận'),
        err(t_end < t_start, CASE WHEN t_ended IS NOT NULL THEN 'ended_at' ELSE 'returned_at' END,
            coalesce(ended_at, returned_at), 'ngày có kết quả trước ngày tiếp nhận'),
        err(txt(status) IS NOT NULL AND v_status IS NULL, 'status', status,
            'trạng thái không có trong danh mục (mã 1–10 hoặc tên trạng thái)'),
        err(v_status IN ('withdrawn', 'stopped', 'processed', 'returned') AND t_end IS NULL
            AND txt(ended_at) IS NULL AND txt(returned_at) IS NULL, 'status', status,
            'trạng thái đã kết thúc nhưng thiếu ngày có kết quả'),
        err(v_channel IS NULL, 'channel', channel,
            'kênh nộp không hợp lệ (Trực tiếp, Trực tuyến, Bưu chính hoặc 1/2/3)'),
        err(txt(online_level) IS NOT NULL AND v_online_level IS NULL, 'online_level', online_level,
            'mức độ không hợp lệ (toàn trình, một phần hoặc 4/3/2)'),
        err(txt(supplement_count) IS NOT NULL AND (i_supplement IS NULL OR i_supplement < 0
            OR n_supplement <> i_supplement), 'supplement_count', supplement_count,
            'số lần bổ sung phải là số nguyên ≥ 0'),
        err(txt(paused_days) IS NOT NULL AND (n_paused IS NULL OR n_paused < 0), 'paused_days',
            paused_days, 'số ngày tạm dừng phải là số ≥ 0'),
        err(txt(interagency) IS NOT NULL AND b_interagency IS NULL, 'interagency', interagency,
            'giá trị có/không không hợp lệ'),
        err(txt(digitized) IS NOT NULL AND b_digitized IS NULL, 'digitized', digitized,
            'giá trị có/không không hợp lệ'),
        err(txt(e_result) IS NOT NULL AND b_e_result IS NULL, 'e_result', e_result,
            'giá trị có/không không hợp lệ'),
        err(txt(reused_data) IS NOT NULL AND b_reused_data IS NULL, 'reused_data', reused_data,
            'giá trị có/không không hợp lệ'),
        err(txt(has_fee) IS NOT NULL AND b_has_fee IS NULL, 'has_fee', has_fee,
            'giá trị có/không không hợp lệ'),
        err(txt(paid_online) IS NOT NULL AND b_paid_online IS NULL, 'paid_online', paid_online,
            'giá trị có/không không hợp lệ'),
        err(txt(no_wait) IS NOT NULL AND b_no_wait IS NULL, 'no_wait', no_wait,
            'giá trị có/không không hợp lệ'),
        err(txt(applicant_type) IS NOT NULL AND v_applicant_type IS NULL, 'applicant_type',
            applicant_type, 'loại đối tượng không hợp lệ (công dân hoặc tổ chức)')
    ], lambda e: e IS NOT NULL) AS _errors
FROM derived;
