-- Petitions (phản ánh, kiến nghị): staged text + resolved wards → typed rows with `_errors`.
CREATE OR REPLACE TEMP TABLE parsed AS
WITH typed AS (
    SELECT
        *,
        ts_ok(ts_any(received_at)) AS t_received,
        end_of_day_if_date(ts_ok(ts_any(due_at))) AS t_due,
        ts_ok(ts_any(handled_at)) AS t_handled,
        coalesce(vocab_category(vk(category)), CASE WHEN txt(category) IS NULL THEN 'other' END) AS v_category,
        flag(unsatisfied) AS b_unsatisfied
    FROM joined  -- etl/sql/join_wards.sql
)
SELECT
    _line,
    txt(petition_id)  AS petition_id,
    _ward_code        AS ward_code,
    txt(ward_name)    AS ward_name_source,
    t_received        AS received_at,
    t_due             AS due_at,
    t_handled         AS handled_at,
    v_category        AS category,
    b_unsatisfied     AS unsatisfied,
    txt(dossier_id)   AS dossier_id,
    greatest(t_received, t_handled) AS _latest,
    list_filter([
        err(txt(petition_id) IS NULL, 'petition_id', petition_id, 'thiếu mã phản ánh'),
        err(sci_id(petition_id), 'petition_id', petition_id, 'mã ở dạng số mũ: định dạng cột là văn bản'),
        err(_ward_error IS NOT NULL, _ward_column, ward_value(_ward_column, ward_code, ward_name, province),
            _ward_error),
        err(txt(received_at) IS NULL, 'received_at', NULL, 'thiếu ngày tiếp nhận'),
        err(txt(received_at) IS NOT NULL AND t_received IS NULL, 'received_at', received_at,
            date_error(received_at)),
        err(txt(due_at) IS NOT NULL AND t_due IS NULL, 'due_at', due_at,
            date_error(due_at)),
        err(txt(handled_at) IS NOT NULL AND t_handled IS NULL, 'handled_at', handled_at,
            date_error(handled_at)),
        err(t_due < t_received, 'due_at', due_at, 'hạn xử lý trước ngày tiếp nhận'),
        err(t_handled < t_received, 'handled_at', handled_at, 'ngày xử lý trước ngày tiếp nhận'),
        err(v_category IS NULL, 'category', category,
            'phân loại không hợp lệ (thủ tục hành chính, thái độ công chức, khác)'),
        err(txt(unsatisfied) IS NOT NULL AND b_unsatisfied IS NULL, 'unsatisfied', unsatisfied,
            'giá trị có/không không hợp lệ')
    ], lambda e: e IS NOT NULL) AS _errors
FROM typed;
