-- The working days after $since up to and including $until (kpi.freshness): how old the
-- newest loaded record is, in the calendar's working days (holidays and weekends not counted).
SELECT count(*) FILTER (WHERE is_working)
FROM calendar
WHERE d > $since AND d <= $until
