-- Ratings: staged text + resolved wards → typed rows with `_errors`. Comments are masked here,
-- before anything is stored. Without a rating id, the key is a hash of dossier, time and ward.
CREATE OR REPLACE TEMP TABLE parsed AS
WITH typed AS (
    SELECT
        *,
        ts_ok(ts_any(rated_at)) AS t_rated,
        vocab_rating(vk(rating)) AS v_rating,
        vocab_rating(vk(access)) AS v_access,
        vocab_rating(vk("procedure")) AS v_procedure,
        vocab_rating(vk(staff)) AS v_staff,
        vocab_rating(vk("result")) AS v_result,
        vocab_rating(vk(feedback)) AS v_feedback,
        vocab_rating_channel(vk(rating_channel)) AS v_channel
    FROM joined  -- etl/sql/join_wards.sql
)
SELECT
    _line,
    coalesce(txt(rating_id),
             'h:' || md5(concat_ws('|', txt(dossier_id), CAST(t_rated AS VARCHAR), _ward_code))) AS rating_id,
    txt(dossier_id)      AS dossier_id,
    _ward_code           AS ward_code,
    txt(ward_name)       AS ward_name_source,
    t_rated              AS rated_at,
    CAST(v_rating AS TINYINT)    AS rating,
    CAST(v_access AS TINYINT)    AS access,
    CAST(v_procedure AS TINYINT) AS "procedure",
    CAST(v_staff AS TINYINT)     AS staff,
    CAST(v_result AS TINYINT)    AS "result",
    CAST(v_feedback AS TINYINT)  AS feedback,
    v_channel            AS rating_channel,
    mask_personal(txt(comment)) AS comment,
    t_rated              AS _latest,
    list_filter([
        err(sci_id(rating_id), 'rating_id', rating_id, 'mã đánh giá ở dạng số mũ: định dạng cột là văn bản'),
        err(_ward_error IS NOT NULL, _ward_column, ward_value(_ward_column, ward_code, ward_name, province),
            _ward_error),
        err(txt(rated_at) IS NULL, 'rated_at', NULL, 'thiếu thời gian đánh giá'),
        err(txt(rated_at) IS NOT NULL AND t_rated IS NULL, 'rated_at', rated_at,
            date_error(rated_at)),
        err(v_rating IS NULL, 'rating', rating,
            'mức độ hài lòng không hợp lệ (1–5 hoặc Rất hài lòng … Rất không hài lòng)'),
        err(txt(access) IS NOT NULL AND v_access IS NULL, 'access', access, 'điểm phải từ 1 đến 5'),
        err(txt("procedure") IS NOT NULL AND v_procedure IS NULL, 'procedure', "procedure", 'điểm phải từ 1 đến 5'),
        err(txt(staff) IS NOT NULL AND v_staff IS NULL, 'staff', staff, 'điểm phải từ 1 đến 5'),
        err(txt("result") IS NOT NULL AND v_result IS NULL, 'result', "result", 'điểm phải từ 1 đến 5'),
        err(txt(feedback) IS NOT NULL AND v_feedback IS NULL, 'feedback', feedback, 'điểm phải từ 1 đến 5'),
        err(txt(rating_channel) IS NOT NULL AND v_channel IS NULL, 'rating_channel', rating_channel,
            'kênh đánh giá không hợp lệ (kiosk, qr, web, app, zalo, paper)')
    ], lambda e: e IS NOT NULL) AS _errors
FROM typed;
