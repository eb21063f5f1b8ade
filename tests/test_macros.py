"""Each formula of kpi/sql/macros.sql alone, against rows worked out by hand (metrics.md §1–§5).

Every metrics query, dossier list, rollup and hall screen calls these macros by name, so these
rows pin the definitions themselves; the loader-to-page tests pin their use."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from kpi import macros
from kpi.db import cursor


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    macros.install(connection)
    yield connection
    connection.close()


def _one(con: duckdb.DuckDBPyConnection, expression: str, params: list | None = None):
    return con.execute(f"SELECT {expression}", params or []).fetchone()[0]


DUE = datetime(2026, 3, 10, 23, 59, 59, 999999)  # end of the due day, as effective_due gives

# (is_ended, supplements, due, ended_at, status, as_of) → class, one row per branch of §2.
CLASSES = [
    # Ended
    (True, 0, DUE, datetime(2026, 3, 9, 16, 0), "done", datetime(2026, 3, 31), "early"),
    (True, 0, DUE, datetime(2026, 3, 10, 8, 0), "done", datetime(2026, 3, 31), "on_time"),
    (True, 0, DUE, datetime(2026, 3, 11, 8, 0), "done", datetime(2026, 3, 31), "late"),
    # two supplement requests: late whatever the dates, even without a due time
    (True, 2, DUE, datetime(2026, 3, 2, 8, 0), "done", datetime(2026, 3, 31), "late"),
    (True, 2, None, datetime(2026, 3, 2, 8, 0), "done", datetime(2026, 3, 31), "late"),
    (True, 1, None, datetime(2026, 3, 2, 8, 0), "done", datetime(2026, 3, 31), "no_due"),
    # In process, judged at as_of
    (False, 0, DUE, None, "processing", datetime(2026, 3, 10, 12, 0), "in_time"),
    (False, 0, DUE, None, "processing", DUE, "in_time"),
    (False, 0, DUE, None, "processing", datetime(2026, 3, 11, 0, 0), "overdue"),
    (False, 0, None, None, "processing", datetime(2026, 3, 11), "no_due"),
    # waiting for its single supplement: the clock is stopped, in time even past the due day
    (False, 1, DUE, None, "supplement", datetime(2026, 4, 30), "in_time"),
    # a single supplement received back, processing again: the clock runs
    (False, 1, DUE, None, "processing", datetime(2026, 4, 30), "overdue"),
    # two supplement requests: overdue while in process, waiting or not, due or not
    (False, 2, DUE, None, "supplement", datetime(2026, 3, 1), "overdue"),
    (False, 2, None, None, "processing", datetime(2026, 3, 1), "overdue"),
]


@pytest.mark.parametrize(
    ("is_ended", "supplements", "due", "ended_at", "status", "as_of", "expected"), CLASSES
)
def test_on_time_class(con, is_ended, supplements, due, ended_at, status, as_of, expected) -> None:
    got = _one(
        con,
        "on_time_class(?, ?, CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP), ?, CAST(? AS TIMESTAMP))",
        [is_ended, supplements, due, ended_at, status, as_of],
    )
    assert got == expected


def test_one_open_dossier_changes_class_as_the_clock_passes_its_due_time(con) -> None:
    moments = [datetime(2026, 3, 2), DUE, datetime(2026, 3, 11), datetime(2026, 6, 1)]
    got = con.execute(
        "SELECT on_time_class(false, 0, CAST(? AS TIMESTAMP), NULL, 'processing', m)"
        " FROM unnest(CAST(? AS TIMESTAMP[])) AS t(m) ORDER BY m",
        [DUE, moments],
    ).fetchall()
    assert [row[0] for row in got] == ["in_time", "in_time", "overdue", "overdue"]


@pytest.mark.parametrize(
    ("due_at", "received_at", "limit_days", "limit_day", "paused_days", "expected"),
    [
        # the source's due time wins over the catalogue's
        (datetime(2026, 3, 5, 17, 0), datetime(2026, 3, 2, 9, 0), 3, date(2026, 3, 5), None,
         datetime(2026, 3, 5, 17, 0)),
        # 3 working days: the end of the working day the calendar gives
        (None, datetime(2026, 3, 2, 9, 0), 3, date(2026, 3, 5), 0,
         datetime(2026, 3, 5, 23, 59, 59, 999999)),
        # 0 working days: the day of receipt
        (None, datetime(2026, 3, 2, 9, 0), 0, None, None,
         datetime(2026, 3, 2, 23, 59, 59, 999999)),
        # paused 1.5 days: 36 hours later
        (datetime(2026, 3, 5, 17, 0), datetime(2026, 3, 2, 9, 0), None, None, 1.5,
         datetime(2026, 3, 7, 5, 0)),
        # neither a due time nor a time limit: none
        (None, datetime(2026, 3, 2, 9, 0), None, None, 2, None),
    ],
)  # fmt: skip
def test_effective_due(con, due_at, received_at, limit_days, limit_day, paused_days, expected):
    got = _one(
        con,
        "effective_due(CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP), CAST(? AS DOUBLE),"
        " CAST(? AS DATE), CAST(? AS DOUBLE))",
        [due_at, received_at, limit_days, limit_day, paused_days],
    )
    assert got == expected


def test_period_as_of_is_the_earliest_of_the_period_end_now_and_the_data(con) -> None:
    sql = "period_as_of(CAST(? AS DATE), CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP))"
    end = datetime(2026, 3, 31, 23, 59, 59, 999999)
    assert _one(con, sql, [date(2026, 3, 31), datetime(2026, 5, 1), datetime(2026, 5, 1)]) == end
    now = datetime(2026, 3, 20, 10, 0)
    assert _one(con, sql, [date(2026, 3, 31), now, datetime(2026, 5, 1)]) == now
    data = datetime(2026, 3, 18, 16, 30)
    assert _one(con, sql, [date(2026, 3, 31), now, data]) == data


@pytest.mark.parametrize(
    ("klass", "status", "supplements", "due", "before", "expected"),
    [
        ("in_time", "processing", 0, datetime(2026, 3, 10), datetime(2026, 3, 12), True),
        ("in_time", "processing", 0, datetime(2026, 3, 12), datetime(2026, 3, 12), False),
        ("overdue", "processing", 0, datetime(2026, 3, 10), datetime(2026, 3, 12), False),
        # waiting for its single supplement: the clock is stopped, never due soon
        ("in_time", "supplement", 1, datetime(2026, 3, 10), datetime(2026, 3, 12), False),
        ("in_time", "processing", 1, datetime(2026, 3, 10), datetime(2026, 3, 12), True),
    ],
)
def test_is_due_soon(con, klass, status, supplements, due, before, expected) -> None:
    got = _one(
        con,
        "is_due_soon(?, ?, ?, CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP))",
        [klass, status, supplements, due, before],
    )
    assert got is expected


def test_rates_of_the_on_time_classes(con) -> None:
    # early 3, on time 2, late 1, in time 4, overdue 2 (no_due is never an argument)
    assert _one(con, "classified(3, 2, 1, 4, 2)") == 12
    assert _one(con, "on_time_rate(3, 2, 1, 4, 2)") == pytest.approx(9 / 12)
    assert _one(con, "resolved_on_time_rate(3, 2, 1)") == pytest.approx(5 / 6)
    # 5.4: 1 − (late 1 + overdue 2 + 3 complained about though not late) / 12
    assert _one(con, "satisfaction_766(3, 2, 1, 4, 2, 3)") == pytest.approx(1 - 6 / 12)
    assert _one(con, "on_time_rate(0, 0, 0, 0, 0)") is None
    assert _one(con, "resolved_on_time_rate(0, 0, 0)") is None
    assert _one(con, "satisfaction_766(0, 0, 0, 0, 0, 0)") is None


def test_rate_and_mean_of_nothing_are_no_data(con) -> None:
    assert _one(con, "rate(3, 4)") == 0.75
    assert _one(con, "rate(0, 4)") == 0.0
    assert _one(con, "rate(0, 0)") is None
    assert _one(con, "rate(NULL, 4)") is None
    assert _one(con, "mean_of(10.5, 3)") == 3.5
    assert _one(con, "mean_of(0, 0)") is None


def test_satisfied_ratings_and_petitions(con) -> None:
    ratings = con.execute(
        "SELECT r, is_satisfied(r) FROM unnest([1, 2, 3, 4, 5, NULL]) AS t(r) ORDER BY r"
    ).fetchall()
    assert ratings == [(1, False), (2, False), (3, False), (4, True), (5, True), (None, None)]
    assert _one(con, "petition_satisfaction(10, 3)") == pytest.approx(0.7)
    assert _one(con, "petition_satisfaction(0, 0)") is None


@pytest.mark.parametrize(
    ("handled_at", "due_at", "as_of", "expected"),
    [
        (datetime(2026, 3, 5), datetime(2026, 3, 10), datetime(2026, 3, 31), False),
        (datetime(2026, 3, 12), datetime(2026, 3, 10), datetime(2026, 3, 31), True),
        # handled after as_of: still open then, past its due time
        (datetime(2026, 4, 2), datetime(2026, 3, 10), datetime(2026, 3, 31), True),
        (None, datetime(2026, 3, 10), datetime(2026, 3, 9), False),
        (None, datetime(2026, 3, 10), datetime(2026, 3, 11), True),
        (None, None, datetime(2026, 3, 11), False),  # no due time: never late
    ],
)
def test_petition_late(con, handled_at, due_at, as_of, expected) -> None:
    got = _one(
        con,
        "petition_late(CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP))",
        [handled_at, due_at, as_of],
    )
    assert got is expected


def test_the_reading_cursor_has_the_macros_and_the_warehouse_has_none(
    access_warehouse: Path,
) -> None:
    with cursor(access_warehouse) as cur:
        assert cur.execute("SELECT rate(1, 4)").fetchone()[0] == 0.25
        stored = cur.execute(
            "SELECT count(*) FROM duckdb_functions() WHERE database_name = 'wh'"
            " AND function_type = 'macro'"
        ).fetchone()[0]
    assert stored == 0  # the formulas are the code's, never an older loader's copy
