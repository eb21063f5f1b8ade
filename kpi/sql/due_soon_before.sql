CAST((
            SELECT min(w.d) FROM calendar AS a, calendar AS w
            WHERE a.d = CAST(c.as_of AS DATE) AND w.is_working
              AND w.wd_seq = a.wd_seq + $due_soon_days + 1
        ) AS TIMESTAMP)