-- The formulas of metrics.md §1–§5, each written once, as DuckDB macros.
--
-- kpi.db.install_macros creates them in the in-memory catalog `kpi` of every connection that
-- computes a figure (the app's reading instance, the loader's writing connection, a test's) and
-- puts that catalog on the connection's search path after its own database: every metrics
-- query, dossier list, rollup, export, API answer and hall screen calls these names, so
-- changing a formula means editing its macro here. tests/test_macros.py checks each one alone
-- against rows computed by hand. Nothing here is stored in the warehouse file.

-- A share of a whole; no whole is no data (NULL), never 0.
CREATE OR REPLACE MACRO kpi.rate(part, whole) AS part / nullif(whole, 0);

-- §2 The effective due time of a dossier: the due time the source gave, else the end of the
-- working day `limit_day` (the Nth working day after the day of receipt, N = `limit_days` of
-- the procedure; N = 0: the day of receipt itself); plus the days the clock was paused.
CREATE OR REPLACE MACRO kpi.effective_due(due_at, received_at, limit_days, limit_day, paused_days) AS
    coalesce(
        due_at,
        CAST(CASE WHEN ceil(limit_days) = 0 THEN CAST(received_at AS DATE) ELSE limit_day END
             AS TIMESTAMP) + INTERVAL 1 DAY - INTERVAL 1 MICROSECOND
    ) + to_microseconds(CAST(round(coalesce(paused_days, 0) * 86400e6) AS BIGINT));

-- A period's clock: the earliest of the end of its last day, now and the newest loaded record.
CREATE OR REPLACE MACRO kpi.period_as_of(date_to, now, data_as_of) AS
    least(CAST(date_to AS TIMESTAMP) + INTERVAL 1 DAY - INTERVAL 1 MICROSECOND,
          CAST(now AS TIMESTAMP), data_as_of);

-- §2 The on-time class of a dossier of a period's population, judged at `as_of` (`is_ended`:
-- it ended by then; `due`: its effective due time): early, on_time, late (ended); in_time,
-- overdue (in process); no_due (no due time to judge by).
CREATE OR REPLACE MACRO kpi.on_time_class(is_ended, supplements, due, ended_at, status, as_of) AS
    CASE
        -- More than one supplement request is late "whatever the dates", due or not.
        WHEN is_ended AND supplements > 1 THEN 'late'
        WHEN NOT is_ended AND supplements > 1 THEN 'overdue'
        WHEN due IS NULL THEN 'no_due'
        WHEN is_ended AND ended_at > due THEN 'late'
        WHEN is_ended AND CAST(ended_at AS DATE) < CAST(due AS DATE) THEN 'early'
        WHEN is_ended THEN 'on_time'
        -- Waiting for its single supplement: the clock is stopped.
        WHEN status = 'supplement' AND supplements = 1 THEN 'in_time'
        WHEN due >= as_of THEN 'in_time'
        ELSE 'overdue'
    END;

-- §2 "Sắp đến hạn": in time, its clock running, and due before `due_soon_before` (the start of
-- the (N+1)th working day after the as-of day; kpi.metrics.DUE_SOON_BEFORE_SQL).
CREATE OR REPLACE MACRO kpi.is_due_soon(klass, status, supplements, due, due_soon_before) AS
    (klass = 'in_time' AND NOT (status = 'supplement' AND supplements = 1)
     AND due < due_soon_before);

-- §2 The dossiers the on-time rate judges: every class but no_due.
CREATE OR REPLACE MACRO kpi.classified(early, on_time, late, in_time, overdue) AS
    early + on_time + late + in_time + overdue;

-- §2 Tỷ lệ đúng hạn: ended early or on time, or in process and in time, of those judged.
CREATE OR REPLACE MACRO kpi.on_time_rate(early, on_time, late, in_time, overdue) AS
    rate(early + on_time + in_time, classified(early, on_time, late, in_time, overdue));

-- §2 The on-time rate of the ended dossiers alone.
CREATE OR REPLACE MACRO kpi.resolved_on_time_rate(early, on_time, late) AS
    rate(early + on_time, early + on_time + late);

-- §5.4 (Bộ chỉ số 766) 1 − (late or overdue, plus complained about though not late) ÷ judged.
CREATE OR REPLACE MACRO kpi.satisfaction_766(early, on_time, late, in_time, overdue, complained_not_late) AS
    1 - rate((late + overdue) + complained_not_late,
             classified(early, on_time, late, in_time, overdue));

-- §4 A satisfied rating: 4 or 5 stars.
CREATE OR REPLACE MACRO kpi.is_satisfied(rating) AS rating >= 4;

-- §4 A petition handled late, or still open past its due time at `as_of` (no due time: never).
CREATE OR REPLACE MACRO kpi.petition_late(handled_at, due_at, as_of) AS
    coalesce(CASE WHEN handled_at <= as_of THEN handled_at > due_at ELSE due_at < as_of END,
             false);

-- §4 Petitions handled in time and not unsatisfied, of all petitions.
CREATE OR REPLACE MACRO kpi.petition_satisfaction(petitions, unsatisfied_or_late) AS
    rate(petitions - unsatisfied_or_late, petitions);

-- A mean from its parts (the rollups keep sums and counts): no count is no data (NULL).
CREATE OR REPLACE MACRO kpi.mean_of(total, n) AS total / nullif(n, 0);
