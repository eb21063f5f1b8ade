
SELECT rated_at, rating, comment
FROM ratings
WHERE ward_code = $ward_code
  AND rated_at >= CAST($date_from AS TIMESTAMP)
  AND rated_at < CAST($date_to AS TIMESTAMP) + INTERVAL 1 DAY
  AND rated_at <= CAST($now AS TIMESTAMP)
  AND nullif(trim(comment), '') IS NOT NULL
ORDER BY rated_at DESC, rating_id
LIMIT $limit
