UNION ALL
    SELECT b.period, 'all' AS key, {sums}, CAST(count(d.key) AS BIGINT) AS wards_total
    FROM bounds AS b
    LEFT JOIN d ON d.period = b.period
     AND ($total_wards IS NULL OR list_contains($total_wards, d.key))
    GROUP BY b.period