-- 002: the working-day calendar, filled by etl.refdata.build_reference for 2015..2035.
-- Time limits of administrative procedures count working days ("ngày làm việc"), so the Nth
-- working day after a date is a lookup on wd_seq instead of a loop over dates.

CREATE TABLE IF NOT EXISTS calendar (
    d          DATE NOT NULL,      -- one row per day, no gaps
    is_working BOOLEAN NOT NULL,   -- Mon–Fri (or an official make-up Saturday) and not a holiday
    holiday    VARCHAR,            -- the holiday's Vietnamese name, NULL on ordinary days
    wd_seq     INTEGER NOT NULL    -- working days from the calendar's start up to and including d
);
