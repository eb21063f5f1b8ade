-- Procedure catalogue: staged text → typed rows with `_errors`. No ward: `ward_map` is unused.
CREATE OR REPLACE TEMP TABLE parsed AS
WITH typed AS (
    SELECT
        *,
        num(time_limit_working_days) AS n_limit,
        vocab_online_level(vk(online_level)) AS v_online_level,
        flag(has_fee) AS b_has_fee,
        flag(paper_result) AS b_paper_result
    FROM stage
)
SELECT
    _line,
    txt(procedure_code) AS procedure_code,
    txt(procedure_name) AS procedure_name,
    txt(field)          AS field,
    n_limit             AS time_limit_working_days,
    v_online_level      AS online_level,
    b_has_fee           AS has_fee,
    b_paper_result      AS paper_result,
    CAST(NULL AS TIMESTAMP) AS _latest,
    list_filter([
        err(txt(procedure_code) IS NULL, 'procedure_code', procedure_code, 'thiếu mã thủ tục'),
        err(txt(time_limit_working_days) IS NOT NULL AND (n_limit IS NULL OR n_limit < 0),
            'time_limit_working_days', time_limit_working_days, 'thời hạn phải là số ngày ≥ 0'),
        err(txt(online_level) IS NOT NULL AND v_online_level IS NULL, 'online_level', online_level,
            'mức độ không hợp lệ (toàn trình, một phần hoặc 4/3/2)'),
        err(txt(has_fee) IS NOT NULL AND b_has_fee IS NULL, 'has_fee', has_fee,
            'giá trị có/không không hợp lệ'),
        err(txt(paper_result) IS NOT NULL AND b_paper_result IS NULL, 'paper_result', paper_result,
            'giá trị có/không không hợp lệ')
    ], lambda e: e IS NOT NULL) AS _errors
FROM typed;
