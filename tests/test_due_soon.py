"""Due soon ("Sắp đến hạn", metrics.md §2) in the metrics layer, on a warehouse built by the real
loader from tests/due_soon_fixture.py, where every dossier's case is worked out by hand.

The rule (README "Due soon"): a dossier in time at ``as_of`` (not one waiting for its single
supplement) is due soon when at most N working days lie after ``as_of``'s day up to its due day;
``working_days_left`` is that number. Across the Hùng Vương and 30/4–1/5 holidays of 2026, at
Friday 24/4 16:00: Saturday, Sunday and the Monday off in lieu leave 0 working days, Tuesday 28/4
1, Wednesday 29/4 2, Thursday 30/4 (a holiday) still 2, Monday 4/5 3.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.loader import load_files
from kpi.config import settings
from kpi.db import cursor
from kpi.metrics import Filters, cached_kpis, kpis
from kpi.overview import board, buckets
from kpi.periods import Period
from kpi.trend import COLUMNS, flow, wards_and_total
from kpi.ward import DUE_SOON_COLUMNS, due_soon_dossiers
from tests.due_soon_fixture import FILES

BA_DINH, NGOC_HA = "00004", "00008"
APRIL = Period(date(2026, 4, 1), date(2026, 4, 30))
TO_23_APRIL = Period(date(2026, 4, 1), date(2026, 4, 23))
FEBRUARY = Period(date(2026, 2, 1), date(2026, 2, 28))
FRIDAY = datetime(2026, 4, 24, 16, 0)  # as_of of April for this clock (data runs to 28/4 10:00)
LATER = datetime(2026, 12, 1, 9, 0)  # after every record: April is judged at 28/4 10:00
LAND = ("Đất đai", "DD1", "Cấp giấy chứng nhận")
BIRTH = ("Hộ tịch", "HT1", "Đăng ký khai sinh")
DEED = ("Chứng thực", "CT5", "Chứng thực hợp đồng")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("due-soon")
    paths = []
    for name, content in FILES.items():
        (directory / name).write_text(content, encoding="utf-8")
        paths.append(directory / name)
    db = directory / "motcua.duckdb"
    result = load_files(paths, db=db)
    assert result.ok, result
    assert [f.rejected for f in result.files] == [0, 0], result
    return db


@pytest.fixture
def cur(warehouse: Path) -> duckdb.DuckDBPyConnection:
    with cursor(warehouse) as c:
        yield c


def _end(day: str) -> pd.Timestamp:
    return pd.Timestamp(f"{day} 23:59:59.999999")


def _rows(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(r) for r in frame.itertuples(index=False, name=None)]


def test_list_across_a_weekend_and_holidays_soonest_first(cur: duckdb.DuckDBPyConnection) -> None:
    frame = due_soon_dossiers(cur, ward_code=BA_DINH, period=APRIL, now=FRIDAY, due_soon_days=2)
    assert list(frame.columns) == list(DUE_SOON_COLUMNS)
    # Not listed: D02 (overdue since 12:00), D08 and D13 (3 working days left: Monday 4/5, D13
    # only through its 5 paused days), D09 (waiting for its single supplement), D10 (two
    # supplement requests: overdue), D11 (ended), D16 (received after as_of).
    assert _rows(frame) == [
        ("D01", *BIRTH, _end("2026-04-24"), 0),  # today, before the end of the day
        ("D03", *BIRTH, _end("2026-04-25"), 0),  # Saturday
        ("D04", *LAND, _end("2026-04-27"), 0),  # Monday off in lieu of Giỗ Tổ Hùng Vương
        ("D05", *LAND, _end("2026-04-28"), 1),  # Tuesday
        ("D12", *LAND, _end("2026-04-28"), 1),  # 21/4 + 7 paused days
        ("D14", *DEED, _end("2026-04-28"), 1),  # catalogue: 5 working days from Monday 20/4
        ("D15", *BIRTH, _end("2026-04-28"), 1),  # ends on 28/4, after as_of: open at as_of
        ("D06", *BIRTH, _end("2026-04-29"), 2),  # Wednesday
        ("D07", *LAND, _end("2026-04-30"), 2),  # a holiday right after Wednesday
    ]


@pytest.mark.parametrize(
    ("days", "ba_dinh", "ngoc_ha"),
    [
        (0, ["D01", "D03", "D04"], []),
        (1, ["D01", "D03", "D04", "D05", "D12", "D14", "D15"], []),
        (2, ["D01", "D03", "D04", "D05", "D12", "D14", "D15", "D06", "D07"], ["N01"]),
        (3, ["D01", "D03", "D04", "D05", "D12", "D14", "D15", "D06", "D07", "D08", "D13"],
         ["N01"]),
    ],
)  # fmt: skip
def test_n_working_days_per_ward_and_for_the_province(
    cur: duckdb.DuckDBPyConnection, days: int, ba_dinh: list[str], ngoc_ha: list[str]
) -> None:
    for ward, expected in ((BA_DINH, ba_dinh), (NGOC_HA, ngoc_ha)):
        listed = due_soon_dossiers(
            cur, ward_code=ward, period=APRIL, now=FRIDAY, due_soon_days=days
        )
        assert listed["dossier_id"].tolist() == expected
    wards = kpis(
        cur, periods=[APRIL], filters=Filters("01"), by="ward", now=FRIDAY, due_soon_days=days
    ).set_index("key")
    assert wards.loc[BA_DINH, "due_soon"] == len(ba_dinh)
    assert wards.loc[NGOC_HA, "due_soon"] == len(ngoc_ha)
    assert wards["due_soon"].sum() == len(ba_dinh) + len(ngoc_ha)  # no other ward has any
    total = kpis(cur, periods=[APRIL], filters=Filters("01"), now=FRIDAY, due_soon_days=days)
    assert total["due_soon"].tolist() == [len(ba_dinh) + len(ngoc_ha)]


def test_the_setting_changes_n(
    cur: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch, clean_settings: None
) -> None:
    assert settings().due_soon_days == 2  # the documented default
    mine = Filters("01", (BA_DINH,))
    assert kpis(cur, periods=[APRIL], filters=mine, now=FRIDAY)["due_soon"].tolist() == [9]
    monkeypatch.setenv("MOTCUA_DUE_SOON_DAYS", "3")
    assert settings().due_soon_days == 3
    assert kpis(cur, periods=[APRIL], filters=mine, now=FRIDAY)["due_soon"].tolist() == [11]
    # The cached answers and the overview's board know N as part of their question.
    assert cached_kpis(cur, periods=[APRIL], filters=mine, now=FRIDAY)["due_soon"].tolist() == [11]
    head, league = board(cur, period=APRIL, filters=Filters("01"), grain="week", now=FRIDAY)
    assert head["due_soon"].iloc[0] == 12
    assert _league_counts(league) == {BA_DINH: 11, NGOC_HA: 1}
    monkeypatch.setenv("MOTCUA_DUE_SOON_DAYS", "1")
    assert cached_kpis(cur, periods=[APRIL], filters=mine, now=FRIDAY)["due_soon"].tolist() == [7]
    head, league = board(cur, period=APRIL, filters=Filters("01"), grain="week", now=FRIDAY)
    assert head["due_soon"].iloc[0] == 7
    assert _league_counts(league) == {BA_DINH: 7, NGOC_HA: 0}
    listed = due_soon_dossiers(cur, ward_code=BA_DINH, period=APRIL, now=FRIDAY)
    assert len(listed) == 7


def _league_counts(league: pd.DataFrame) -> dict[str, int]:
    """The league's due-soon column of the wards with data (the others have none: null)."""
    known = league[league["due_soon"].notna()]
    assert len(league) == 126 and len(known) == 2
    return dict(zip(known["ward_code"], known["due_soon"].astype(int), strict=True))


@pytest.mark.parametrize("value", ["-1", "two", "1.5"])
def test_a_bad_setting_names_itself(
    value: str, monkeypatch: pytest.MonkeyPatch, clean_settings: None
) -> None:
    monkeypatch.setenv("MOTCUA_DUE_SOON_DAYS", value)
    with pytest.raises(ValueError, match="MOTCUA_DUE_SOON_DAYS"):
        settings()


def test_a_closed_period_is_judged_at_its_end(cur: duckdb.DuckDBPyConnection) -> None:
    """1–23/4 seen on 24/4: as of Thursday 23/4 23:59:59.999999, the next working days are
    Friday 24/4 and Tuesday 28/4; D11 (ended 24/4 10:00) and D02 (due 24/4 12:00) were still in
    time then, N02 (due at the very end of 23/4) was due the same instant."""
    frame = due_soon_dossiers(
        cur, ward_code=BA_DINH, period=TO_23_APRIL, now=FRIDAY, due_soon_days=2
    )
    assert _rows(frame) == [
        ("D02", *BIRTH, pd.Timestamp("2026-04-24 12:00"), 1),
        ("D01", *BIRTH, _end("2026-04-24"), 1),
        ("D03", *BIRTH, _end("2026-04-25"), 1),
        ("D04", *LAND, _end("2026-04-27"), 1),
        ("D05", *LAND, _end("2026-04-28"), 2),
        ("D11", *BIRTH, _end("2026-04-28"), 2),
        ("D12", *LAND, _end("2026-04-28"), 2),
        ("D14", *DEED, _end("2026-04-28"), 2),
        ("D15", *BIRTH, _end("2026-04-28"), 2),
    ]
    ngoc_ha = due_soon_dossiers(cur, ward_code=NGOC_HA, period=TO_23_APRIL, now=FRIDAY)
    assert _rows(ngoc_ha) == [("N02", *BIRTH, _end("2026-04-23"), 0)]
    row = kpis(cur, periods=[TO_23_APRIL], filters=Filters("01"), now=FRIDAY, due_soon_days=2)
    assert row["as_of"].iloc[0] == _end("2026-04-23")
    assert row["due_soon"].tolist() == [10]


def test_the_newest_record_is_the_clock_of_the_current_period(
    cur: duckdb.DuckDBPyConnection,
) -> None:
    """Read later, April is judged at its newest record (D15's end, Tuesday 28/4 10:00): the
    next working days are Wednesday 29/4 and Monday 4/5."""
    frame = due_soon_dossiers(cur, ward_code=BA_DINH, period=APRIL, now=LATER, due_soon_days=2)
    assert _rows(frame) == [
        ("D05", *LAND, _end("2026-04-28"), 0),
        ("D12", *LAND, _end("2026-04-28"), 0),
        ("D14", *DEED, _end("2026-04-28"), 0),
        ("D16", *BIRTH, _end("2026-04-28"), 0),
        ("D06", *BIRTH, _end("2026-04-29"), 1),
        ("D07", *LAND, _end("2026-04-30"), 1),
        ("D08", *LAND, _end("2026-05-04"), 2),
        ("D13", *LAND, _end("2026-05-04"), 2),
    ]


def test_tet_days_leave_no_working_day(cur: duckdb.DuckDBPyConnection) -> None:
    """Friday 13/2/2026 10:00, the last working day before Tết: Saturday 14/2 to Sunday 22/2 are
    all days off, so a dossier due on any of them has 0 working days left."""
    now = datetime(2026, 2, 13, 10, 0)
    frame = due_soon_dossiers(cur, ward_code=NGOC_HA, period=FEBRUARY, now=now, due_soon_days=2)
    assert _rows(frame) == [
        ("T01", *BIRTH, _end("2026-02-13"), 0),
        ("T02", *BIRTH, _end("2026-02-14"), 0),
        ("T03", *BIRTH, _end("2026-02-17"), 0),  # Tết Nguyên Đán
        ("T04", *BIRTH, _end("2026-02-23"), 1),
        ("T05", *BIRTH, _end("2026-02-24"), 2),
    ]
    zero = due_soon_dossiers(cur, ward_code=NGOC_HA, period=FEBRUARY, now=now, due_soon_days=0)
    assert zero["dossier_id"].tolist() == ["T01", "T02", "T03"]


CLOCKS = (
    datetime(2026, 4, 20, 8, 0),
    datetime(2026, 4, 23, 12, 0),
    FRIDAY,
    datetime(2026, 4, 25, 10, 0),  # a Saturday
    datetime(2026, 4, 27, 9, 0),  # a holiday
    LATER,
)


@pytest.mark.parametrize("now", CLOCKS)
@pytest.mark.parametrize("days", [0, 2, 5])
def test_the_list_has_the_metrics_count(
    cur: duckdb.DuckDBPyConnection, now: datetime, days: int
) -> None:
    for period in (APRIL, TO_23_APRIL, FEBRUARY, Period(date(2026, 4, 24), date(2026, 4, 24))):
        rows = kpis(
            cur, periods=[period], filters=Filters("01"), by="ward", now=now, due_soon_days=days
        ).set_index("key")
        for ward in (BA_DINH, NGOC_HA):
            listed = due_soon_dossiers(
                cur, ward_code=ward, period=period, now=now, due_soon_days=days
            )
            assert len(listed) == rows.loc[ward, "due_soon"], (period, ward)
            assert listed["working_days_left"].between(0, days).all()


@pytest.mark.parametrize("now", CLOCKS)
@pytest.mark.parametrize("days", [0, 2, 3])
def test_the_day_grain_path_counts_the_same(
    cur: duckdb.DuckDBPyConnection, now: datetime, days: int
) -> None:
    """Each day around the holidays, each week and month of the spring, whole or cut by the
    clock: kpis() and the difference arrays of kpi/trend.py agree on due_soon (and every other
    flow column)."""
    spring = Period(date(2026, 2, 1), date(2026, 5, 10))
    holidays = Period(date(2026, 4, 17), date(2026, 5, 6))
    periods = [
        spring, *buckets(holidays, "day"), *buckets(spring, "week"), *buckets(spring, "month"),
        TO_23_APRIL, Period(date(2026, 2, 9), date(2026, 2, 24)),
    ]  # fmt: skip
    filters = Filters("01")
    got = flow(cur, periods=periods, filters=filters, by="ward", now=now, due_soon_days=days)
    want = kpis(cur, periods=periods, filters=filters, by="ward", now=now, due_soon_days=days)
    pd.testing.assert_frame_equal(got, want[list(COLUMNS)], check_exact=True)
    wards, total = wards_and_total(
        cur, periods=periods, filters=filters, now=now, due_soon_days=days
    )
    assert total["due_soon"].tolist() == wards.groupby("period")["due_soon"].sum().tolist()
