
-- Due soon (kpi.metrics.DUE_SOON_SQL) at the end of day z: due before the (N+1)th working day
-- after z, i.e. at most N working days after z up to the due day: z on or after the working
-- day N working days before the due day (or the calendar's first day if there is none).
soon_days AS (
    SELECT c.d AS due_day, coalesce(w.d, (SELECT min(d) FROM calendar)) AS soon_day
    FROM calendar AS c
    LEFT JOIN calendar AS w ON w.is_working AND w.wd_seq = c.wd_seq - $due_soon_days
),
-- Open on the days [rd, ed); in time on [rd, turn), overdue on [turn, ed). At the end of day z
-- a dossier is in time while due >= z + 1 day - 1 µs, i.e. up to the day before the day of
-- (due + 1 µs). More than one supplement: overdue throughout; a single supplement awaited:
-- in time throughout, never due soon; no due time: no_due. Due soon on [soon, turn).
spans AS (
    SELECT *, CASE WHEN soon_from < turn THEN soon_from END AS soon
    FROM (
        SELECT
            x.key, x.rd, x.ed, x.has_complaint,
            x.status IN ('supplement', 'obligation') AS awaiting,
            x.supplements <= 1 AND x.due IS NULL AS undated,
            CASE
                WHEN x.supplements > 1 THEN x.rd
                WHEN x.due IS NULL THEN NULL
                WHEN x.status = 'supplement' AND x.supplements = 1 THEN x.ed
                ELSE CASE
                    WHEN x.ed IS NOT NULL
                     AND x.ed < CAST(x.due + INTERVAL 1 MICROSECOND AS DATE) THEN x.ed
                    WHEN x.rd > CAST(x.due + INTERVAL 1 MICROSECOND AS DATE) THEN x.rd
                    ELSE CAST(x.due + INTERVAL 1 MICROSECOND AS DATE)
                END
            END AS turn,
            CASE WHEN x.supplements <= 1 AND NOT (x.status = 'supplement' AND x.supplements = 1)
                 THEN greatest(x.rd, s.soon_day) END AS soon_from
        FROM dated AS x
        LEFT JOIN soon_days AS s ON s.due_day = CAST(x.due AS DATE)
        WHERE x.ed IS NULL OR x.ed > x.rd
    )
),
steps AS (
    SELECT
        key, rd AS day, 1 AS open, CAST(awaiting AS INTEGER) AS awaiting,
        CAST(undated AS INTEGER) AS undated,
        CAST(NOT undated AS INTEGER) AS in_time, 0 AS overdue, 0 AS due_soon,
        CAST(NOT undated AND has_complaint AS INTEGER) AS complained
    FROM spans
    UNION ALL
    SELECT
        key, turn, 0, 0, 0, -1, 1, -CAST(soon IS NOT NULL AS INTEGER),
        -CAST(has_complaint AS INTEGER)
    FROM spans WHERE turn IS NOT NULL
    UNION ALL
    SELECT
        key, ed, -1, -CAST(awaiting AS INTEGER), -CAST(undated AS INTEGER), 0,
        -CAST(NOT undated AS INTEGER), 0, 0
    FROM spans WHERE ed IS NOT NULL
    UNION ALL
    SELECT key, soon, 0, 0, 0, 0, 0, 1, 0
    FROM spans WHERE soon IS NOT NULL
),
changes AS (
    SELECT
        key, day, sum(open) AS open, sum(awaiting) AS awaiting, sum(undated) AS undated,
        sum(in_time) AS in_time, sum(overdue) AS overdue, sum(due_soon) AS due_soon,
        sum(complained) AS complained
    FROM steps
    GROUP BY key, day
)
