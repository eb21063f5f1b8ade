"""The day-grain path (kpi.trend) answers exactly like kpi.metrics.kpis, and its cache is safe.

Two warehouses built by the real loader: a hand-written one with every edge the metrics know
(more than one supplement, ended or open, with or without a due date; a single supplement
awaited; no due date and no catalogue limit; a due date derived from the catalogue with paused
days; carried over from long before; ended after the clock; received after the clock; ended the
day it was received; due at the end of the day; withdrawn, stopped, awaiting payment; three
wards, three fields, three channels, flags, complaints) and a generated one (6 wards, 90 days).
For random periods, presets, grains, filters and clocks, :func:`kpi.trend.flow` must return
``kpis(...)[COLUMNS]`` bit for bit (``check_exact``: counts are integers and the rates are the
same integer divisions), and the overview's frames must equal their naive versions.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.demo import write_demo_files
from etl.loader import load_files
from kpi import cache
from kpi.db import cursor
from kpi.metrics import Filters, cached_kpis, kpis
from kpi.overview import allowed_grains, board, buckets, headline, league, trend
from kpi.periods import PRESETS, Kind, Period, preset_period
from kpi.trend import COLUMNS, flow, wards_and_total
from tests.test_metrics import (
    DOSSIER_HEADER,
    PETITION_HEADER,
    PROCEDURE_HEADER,
    RATING_HEADER,
    csv_text,
    dossier,
)

HANOI = "01"
BA_DINH, NGOC_HA, HOAN_KIEM = "00004", "00008", "00070"
DONE, OPEN = "Đã trả kết quả", "Đang xử lý"
SUPPLEMENT, OBLIGATION = "Yêu cầu bổ sung giấy tờ", "Yêu cầu thực hiện nghĩa vụ tài chính"
YES = ("Có", "Có", "Có", "Có", "Có", "Có", "Có")
FULL = "Toàn trình"
NO = ("Không", "Không", "Không", "Không", "Có", "Không", "Không")

# Received, due, ended, status, keyword options. October–November 2025.
EDGES = [
    ("E01", "03/10/2025 08:00", "10/10/2025", "08/10/2025 10:00", DONE, {}),  # early
    ("E02", "03/10/2025 09:00", "10/10/2025", "10/10/2025 16:00", DONE, {}),  # on time
    ("E03", "06/10/2025 08:00", "08/10/2025", "09/10/2025 08:00", DONE, {}),  # late
    ("E04", "06/10/2025 08:00", "", "07/10/2025 08:00", DONE, {}),  # no due, ended
    ("E05", "06/10/2025 08:00", "", "", OPEN, {"ward": NGOC_HA}),  # no due, open
    ("E06", "07/10/2025 08:00", "30/10/2025", "20/10/2025 08:00", DONE, {"supplements": "2"}),
    ("E07", "07/10/2025 08:00", "30/11/2025", "", OPEN, {"supplements": "3"}),  # overdue
    ("E08", "07/10/2025 08:00", "", "", OPEN, {"supplements": "2", "ward": NGOC_HA}),
    ("E09", "08/10/2025 08:00", "09/10/2025", "", SUPPLEMENT, {"supplements": "1"}),  # in time
    ("E10", "08/10/2025 08:00", "", "", SUPPLEMENT, {"supplements": "1"}),  # no due
    ("E11", "08/10/2025 08:00", "", "", OBLIGATION, {"procedure": "T2"}),  # catalogue due
    ("E12", "09/10/2025 08:00", "", "21/10/2025 08:00", DONE, {"procedure": "T2", "paused": "2.5"}),
    ("E13", "10/07/2025 08:00", "15/07/2025", "", OPEN, {"ward": HOAN_KIEM}),  # carried, overdue
    ("E14", "10/07/2025 08:00", "15/12/2025", "", OPEN, {}),  # carried, in time
    ("E15", "15/09/2025 08:00", "20/09/2025", "05/10/2025 10:00", DONE, {}),  # carried, ends
    ("E16", "14/10/2025 08:00", "16/10/2025", "16/10/2025 23:00", DONE, {}),  # on the due day
    ("E17", "14/10/2025 08:00", "14/10/2025", "14/10/2025 11:00", DONE, {}),  # same day
    ("E18", "15/10/2025 08:00", "20/10/2025", "21/10/2025 08:00", "Rút hồ sơ", {}),  # late
    ("E19", "15/10/2025 08:00", "24/10/2025", "17/10/2025 08:00", "Rút hồ sơ", {}),
    ("E20", "16/10/2025 08:00", "18/10/2025", "22/10/2025 08:00", "Dừng xử lý", {}),
    ("E21", "20/10/2025 09:30", "22/10/2025", "", OPEN, {"channel": "Trực tuyến", "level": FULL}),
    ("E22", "20/10/2025 10:00", "21/10/2025", "21/10/2025 17:00", DONE, {"channel": "Bưu chính"}),
    ("E23", "20/10/2025 11:00", "29/10/2025", "", OPEN, {"channel": "Trực tuyến", "flags": YES}),
    ("E24", "20/10/2025 16:00", "21/10/2025", "27/10/2025 08:00", DONE, {"flags": NO}),
    ("E25", "21/10/2025 08:00", "05/11/2025", "", OPEN, {"field": "Đất đai", "ward": NGOC_HA}),
    ("E26", "24/10/2025 08:00", "25/10/2025", "04/11/2025 08:00", DONE, {"field": "Chứng thực"}),
    ("E27", "30/10/2025 08:00", "03/11/2025", "", OPEN, {"ward": HOAN_KIEM, "field": "Đất đai"}),
    ("E28", "31/10/2025 23:30", "04/11/2025", "01/11/2025 09:00", DONE, {"channel": "Trực tuyến"}),
    ("E29", "03/11/2025 08:00", "06/11/2025", "05/11/2025 08:00", DONE, {}),
    ("E30", "05/11/2025 08:00", "07/11/2025", "", OPEN, {"ward": NGOC_HA}),
    ("E31", "06/11/2025 08:00", "07/11/2025 00:00", "", OPEN, {"supplements": "1"}),
    ("E32", "10/11/2025 08:00", "12/11/2025", "11/11/2025 08:00", DONE, {"channel": "Trực tuyến"}),
]  # fmt: skip
# E03, E24 complained about (a petition, a rating of 2): E24 is late, E03 too; E23 open in time.
PETITIONS = [
    ["PA1", BA_DINH, "10/10/2025 08:00", "20/10/2025", "", "Khác", "Có", "E03"],
    ["PA2", BA_DINH, "25/10/2025 08:00", "", "", "Khác", "Không", "E23"],
]
RATINGS = [
    ["R1", "E24", BA_DINH, "28/10/2025 08:00", "2", "", "", "", "", ""],
    ["R2", "E01", BA_DINH, "09/10/2025 08:00", "5", "", "", "", "", ""],
]
CATALOGUE = csv_text(PROCEDURE_HEADER, [["T2", "Thủ tục T2", "Hộ tịch", "2"]])

# Clocks: in the middle of a day inside the data (records ahead of the clock), after it all.
CLOCKS = (datetime(2025, 10, 20, 10, 30), datetime(2025, 11, 5, 7, 0), datetime(2026, 1, 9, 9))


def _edge_rows() -> list[list[str]]:
    rows = []
    for dossier_id, received, due, ended, status, options in EDGES:
        options = {"ward": BA_DINH, **options}
        rows.append(dossier(dossier_id, received, due, ended, status, **options))
    return rows


def _load(directory: Path, empty_warehouse: Path, files: dict[str, str]) -> Path:
    db = directory / "motcua.duckdb"
    if not db.exists():
        shutil.copyfile(empty_warehouse, db)
    paths = []
    for name, text in files.items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    with pytest.MonkeyPatch.context() as mp:
        for name in ("MOTCUA_DB", "MOTCUA_PROVINCE", "MOTCUA_MAX_REJECT_SHARE"):
            mp.delenv(name, raising=False)
        mp.setenv("MOTCUA_CONFIG", str(directory / "no-such-config.toml"))
        result = load_files(paths, db=db)
    assert result.ok, result
    assert [f.rejected for f in result.files] == [0] * len(paths), result
    return db


@pytest.fixture(scope="module")
def edges_db(empty_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-written warehouse of :data:`EDGES`."""
    return _load(
        tmp_path_factory.mktemp("trend-edges"),
        empty_warehouse,
        {
            "thu_tuc.csv": CATALOGUE,
            "ho_so.csv": csv_text(DOSSIER_HEADER, _edge_rows()),
            "phan_anh.csv": csv_text(PETITION_HEADER, PETITIONS),
            "danh_gia.csv": csv_text(RATING_HEADER, RATINGS),
        },
    )


DEMO_TODAY = date(2025, 10, 15)


@pytest.fixture(scope="module")
def demo_db(empty_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated data for 6 wards over 90 days, loaded by the real loader."""
    folder = tmp_path_factory.mktemp("trend-demo")
    db = folder / "motcua.duckdb"
    shutil.copyfile(empty_warehouse, db)
    files = write_demo_files(folder / "files", wards=6, days=90, seed=11, today=DEMO_TODAY)
    assert load_files(files, db=db).ok
    return db


def _distinct(cur: duckdb.DuckDBPyConnection, column: str) -> list[str]:
    sql = f"SELECT DISTINCT {column} FROM dossiers WHERE {column} IS NOT NULL ORDER BY 1"
    return [r[0] for r in cur.execute(sql).fetchall()]


def _question(rng: random.Random, cur: duckdb.DuckDBPyConnection, today: date) -> dict:
    """A random period (a preset or a custom range), grain, filters and clock."""
    if rng.random() < 0.6:
        period = preset_period(rng.choice(list(PRESETS)), today)
    else:
        start = today - timedelta(days=rng.randrange(0, 150))
        period = Period(start, start + timedelta(days=rng.randrange(0, 120)))
    wards = _distinct(cur, "ward_code")
    filters = Filters(
        HANOI,
        ward_codes=tuple(rng.sample(wards, rng.randint(1, 2))) if rng.random() < 0.4 else None,
        field=rng.choice(_distinct(cur, "field")) if rng.random() < 0.25 else None,
        procedure_code=rng.choice(_distinct(cur, "procedure_code")) if rng.random() < 0.1 else None,
        channel=rng.choice(["direct", "online", "postal"]) if rng.random() < 0.25 else None,
    )
    now = datetime.combine(today, datetime.min.time()) + timedelta(
        hours=rng.choice([0, 7.5, 12, 23.99]), days=rng.choice([0, 0, 1, -3, 40])
    )
    return {"period": period, "grain": rng.choice(allowed_grains(period)), "filters": filters,
            "now": now}  # fmt: skip


def _assert_flow_equals_kpis(
    cur: duckdb.DuckDBPyConnection,
    periods: list[Period],
    filters: Filters,
    now: datetime,
    by: str | None = None,
    sources: tuple[str, ...] = ("auto",),
) -> None:
    expected = kpis(cur, periods=periods, filters=filters, by=by, now=now, source="dossiers")[
        list(COLUMNS)
    ]
    for source in sources:
        got = flow(cur, periods=periods, filters=filters, by=by, now=now, source=source)
        pd.testing.assert_frame_equal(got, expected, check_exact=True)


@pytest.mark.parametrize("clock", CLOCKS)
@pytest.mark.parametrize("grain", ["day", "week", "month"])
def test_every_edge_bucket_by_bucket(edges_db: Path, clock: datetime, grain: str) -> None:
    cur = cursor(edges_db)
    period = Period(date(2025, 9, 29), date(2025, 11, 16))
    steps = buckets(period, grain)
    _assert_flow_equals_kpis(cur, steps, Filters(HANOI), clock, sources=("facts", "dossiers"))
    _assert_flow_equals_kpis(cur, steps[:5], Filters(HANOI), clock, by="ward")


@pytest.mark.parametrize("seed", range(25))
def test_random_questions_on_the_edges(edges_db: Path, seed: int) -> None:
    rng = random.Random(seed)
    cur = cursor(edges_db)
    q = _question(rng, cur, rng.choice([date(2025, 10, 20), date(2025, 11, 5), date(2025, 11, 30)]))
    steps = buckets(q["period"], q["grain"])
    comparisons = [q["period"], q["period"].previous(), q["period"].same_last_year()]
    _assert_flow_equals_kpis(cur, comparisons + steps, q["filters"], q["now"])
    _assert_flow_equals_kpis(cur, comparisons[:2], q["filters"], q["now"], by="ward")


@pytest.mark.parametrize("seed", range(12))
def test_random_questions_on_generated_data(demo_db: Path, seed: int) -> None:
    rng = random.Random(1000 + seed)
    cur = cursor(demo_db)
    q = _question(rng, cur, DEMO_TODAY)
    steps = buckets(q["period"], q["grain"])
    comparisons = [q["period"], q["period"].previous(), q["period"].same_last_year()]
    _assert_flow_equals_kpis(cur, comparisons + steps, q["filters"], q["now"])
    _assert_flow_equals_kpis(cur, comparisons[:2], q["filters"], q["now"], by="ward")


@pytest.mark.parametrize("seed", range(5))
def test_overview_frames_equal_their_naive_versions(demo_db: Path, seed: int) -> None:
    rng = random.Random(2000 + seed)
    cur = cursor(demo_db)
    q = _question(rng, cur, DEMO_TODAY)
    args = {"period": q["period"], "filters": q["filters"], "now": q["now"]}
    grain = q["grain"]
    for fast, naive in (
        (headline(cur, grain=grain, **args), headline(cur, grain=grain, naive=True, **args)),
        (trend(cur, grain=grain, **args), trend(cur, grain=grain, naive=True, **args)),
        (league(cur, **args), league(cur, naive=True, **args)),
    ):
        pd.testing.assert_frame_equal(fast, naive, check_exact=True)
    head, table = board(cur, grain=grain, **args)
    expected = headline(cur, grain=grain, naive=True, **args)
    pd.testing.assert_frame_equal(head, expected, check_exact=True)
    pd.testing.assert_frame_equal(table, league(cur, naive=True, **args), check_exact=True)


def _assert_wards_and_total_equal_flow(
    cur: duckdb.DuckDBPyConnection, periods: list[Period], filters: Filters, now: datetime
) -> None:
    """One query's wards and total = the by-ward flow of the province and the filter's total."""
    scope = replace(filters, ward_codes=None)
    wards, total = wards_and_total(
        cur, periods=periods, filters=scope, total_of=filters.ward_codes, now=now
    )
    by_ward = flow(cur, periods=periods, filters=scope, by="ward", now=now)
    pd.testing.assert_frame_equal(wards, by_ward, check_exact=True)
    pd.testing.assert_frame_equal(total, flow(cur, periods=periods, filters=filters, now=now),
                                  check_exact=True)  # fmt: skip


@pytest.mark.parametrize("seed", range(20))
def test_wards_and_their_total_in_one_query_on_the_edges(edges_db: Path, seed: int) -> None:
    rng = random.Random(3000 + seed)
    cur = cursor(edges_db)
    q = _question(rng, cur, rng.choice([date(2025, 10, 20), date(2025, 11, 5), date(2025, 11, 30)]))
    periods = [q["period"], q["period"].previous(), *buckets(q["period"], q["grain"])]
    _assert_wards_and_total_equal_flow(cur, periods, q["filters"], q["now"])


def test_a_total_of_wards_outside_the_scope_counts_nothing(edges_db: Path) -> None:
    """No chosen ward in the province: every count 0 and no rate, exactly as the filter gives."""
    cur = cursor(edges_db)
    period = Period(date(2025, 10, 1), date(2025, 10, 31))
    filters = Filters(HANOI, ward_codes=("99999",))
    _assert_wards_and_total_equal_flow(cur, [period, period.previous()], filters,
                                       datetime(2025, 11, 5, 9))  # fmt: skip
    total = wards_and_total(cur, periods=[period], filters=Filters(HANOI), total_of=["99999"],
                            now=datetime(2025, 11, 5, 9))[1]  # fmt: skip
    assert total[["received", "completed", "wards_total"]].values.tolist() == [[0, 0, 0]]
    assert pd.isna(total["on_time_rate"].iloc[0])


def test_wards_and_total_refuses_a_ward_scope(edges_db: Path) -> None:
    with pytest.raises(ValueError, match="total_of"):
        wards_and_total(cursor(edges_db), periods=[Period(date(2025, 10, 1), date(2025, 10, 31))],
                        filters=Filters(HANOI, ward_codes=(BA_DINH,)))  # fmt: skip


def test_an_edge_figure_counted_by_hand(edges_db: Path) -> None:
    """20/10/2025, the whole city judged at 10:30 that day (the clock), by day.

    Received that day by 10:30: E21 (09:30), E22 (10:00); E23 (11:00) and E24 (16:00) are after
    the clock → received 2, online 1 (E21) → online share 1/2. Nothing ended on 20/10 (E06 at
    08:00 did: completed 1, late: 2 supplements). Open at 10:30 among those received by then and
    not ended: E05 (no due), E07 (overdue: 3 supplements), E08 (overdue: 2 supplements), E09
    (in time: 1 supplement awaited), E10 (no due: its single supplement has no due date), E11
    (catalogue due 10/10 end of day: overdue), E12 (due 13/10 + 2.5 days: overdue, ends 21/10),
    E13 (overdue), E14 (in time), E18 (withdrawn on 21/10, due 20/10 end of day: in
    time), E20 (ends 22/10, due 18/10: overdue), E21 (due 22/10: in time), E22 (ends 21/10,
    due 21/10: in time). In time: E09, E14, E18, E21, E22 = 5; overdue: E07, E08, E11, E12,
    E13, E20 = 6; no due: E05, E10 = 2; in process = 13. Carried over = open at the end of
    19/10: the 13 minus E21 and E22 (received 20/10) plus E06 (ended 20/10) = 12; to process =
    2 + 12 = 14. on_time_rate = in time / (late E06 + in time 5 + overdue 6) = 5/12.
    """
    cur = cursor(edges_db)
    day = Period(date(2025, 10, 20), date(2025, 10, 20))
    got = flow(cur, periods=[day], filters=Filters(HANOI), now=datetime(2025, 10, 20, 10, 30))
    row = got.iloc[0]
    assert {c: int(row[c]) for c in ("received", "online", "completed", "late", "in_time",
            "overdue", "no_due", "in_process", "carried_over", "to_process")} == {
        "received": 2, "online": 1, "completed": 1, "late": 1, "in_time": 5, "overdue": 6,
        "no_due": 2, "in_process": 13, "carried_over": 12, "to_process": 14,
    }  # fmt: skip
    assert row["on_time_rate"] == 5 / 12
    assert row["online_share"] == 1 / 2


def test_the_cache_answers_again_and_forgets_an_old_data_version(
    empty_warehouse: Path, tmp_path: Path
) -> None:
    db = _load(tmp_path, empty_warehouse, {"ho_so.csv": csv_text(DOSSIER_HEADER, _edge_rows())})
    period = Period(date(2025, 10, 1), date(2025, 10, 31))
    now = datetime(2026, 1, 9, 9)
    first = headline(cursor(db), period=period, filters=Filters(HANOI), grain="day", now=now)
    hits = cache.RESULTS.hits
    again = headline(cursor(db), period=period, filters=Filters(HANOI), grain="day", now=now)
    assert cache.RESULTS.hits == hits + 1
    pd.testing.assert_frame_equal(again, first, check_exact=True)
    # The cached frame is the caller's to change: a changed copy does not leak into the next.
    again.loc[0, "received"] = -1
    third = headline(cursor(db), period=period, filters=Filters(HANOI), grain="day", now=now)
    pd.testing.assert_frame_equal(third, first, check_exact=True)

    late = dossier("X01", "30/10/2025 09:00", "05/11/2025", "", OPEN, ward=BA_DINH)
    _load(tmp_path, empty_warehouse, {"ho_so_them.csv": csv_text(DOSSIER_HEADER, [late])})
    cur = cursor(db)
    after = headline(cur, period=period, filters=Filters(HANOI), grain="day", now=now)
    naive = headline(cur, period=period, filters=Filters(HANOI), grain="day", now=now, naive=True)
    pd.testing.assert_frame_equal(after, naive, check_exact=True)
    current = after[after["role"] == "current"].iloc[0]
    assert current["received"] == first[first["role"] == "current"].iloc[0]["received"] + 1


def test_cached_kpis_answer_as_kpis_once_per_data_version(
    empty_warehouse: Path, tmp_path: Path
) -> None:
    """The pages' cached metrics (satisfaction, fields, ward, 766) are kpis(), asked once."""
    db = _load(tmp_path, empty_warehouse, {"ho_so.csv": csv_text(DOSSIER_HEADER, _edge_rows())})
    periods = [Period(date(2025, 10, 1), date(2025, 10, 31))]
    now = datetime(2026, 1, 9, 9)
    args = {"periods": periods, "filters": Filters(HANOI), "by": "ward", "now": now}
    first = cached_kpis(cursor(db), **args)
    pd.testing.assert_frame_equal(first, kpis(cursor(db), **args), check_exact=True)
    hits = cache.RESULTS.hits
    first.loc[0, "received"] = -1  # the caller's copy: the cached frame stays as computed
    again = cached_kpis(cursor(db), **args)
    assert cache.RESULTS.hits == hits + 1
    pd.testing.assert_frame_equal(again, kpis(cursor(db), **args), check_exact=True)

    late = dossier("X01", "30/10/2025 09:00", "05/11/2025", "", OPEN, ward=BA_DINH)
    _load(tmp_path, empty_warehouse, {"ho_so_them.csv": csv_text(DOSSIER_HEADER, [late])})
    after = cached_kpis(cursor(db), **args)
    pd.testing.assert_frame_equal(after, kpis(cursor(db), **args), check_exact=True)
    assert after["received"].sum() == again["received"].sum() + 1


def test_the_same_days_chosen_two_ways_keep_their_own_comparison_in_the_cache(
    edges_db: Path,
) -> None:
    """October typed as dates is a month (compared with September); the same 31 days as a
    rolling window are compared with the 31 days before (31/08–30/09). Both are cached, each
    under its own key, whichever is asked first."""
    cur = cursor(edges_db)
    now = datetime(2026, 1, 9, 9)
    month = Period(date(2025, 10, 1), date(2025, 10, 31))
    rolling = Period(month.date_from, month.date_to, Kind.ROLLING)
    for period, start in ((month, date(2025, 9, 1)), (rolling, date(2025, 8, 31))) * 2:
        for frame in (
            headline(cur, period=period, filters=Filters(HANOI), grain="week", now=now),
            board(cur, period=period, filters=Filters(HANOI), grain="week", now=now)[0],
        ):
            previous = frame[frame["role"] == "previous"].iloc[0]
            days = [pd.Timestamp(previous[c]).date() for c in ("date_from", "date_to")]
            assert days == [start, date(2025, 9, 30)]
        both = cached_kpis(cur, periods=[period, period.previous()], filters=Filters(HANOI))
        assert pd.Timestamp(both.iloc[1]["date_from"]).date() == start


def test_the_clock_is_part_of_the_key_while_it_falls_inside_the_period(edges_db: Path) -> None:
    cur = cursor(edges_db)
    period = Period(date(2025, 10, 1), date(2025, 10, 31))
    early = headline(cur, period=period, filters=Filters(HANOI), grain="week",
                     now=datetime(2025, 10, 20, 10, 30))  # fmt: skip
    later = headline(cur, period=period, filters=Filters(HANOI), grain="week",
                     now=datetime(2025, 10, 20, 16, 30))  # fmt: skip
    current = {"early": early.iloc[0], "later": later.iloc[0]}
    assert (current["early"]["received"], current["later"]["received"]) == (17 + 2, 17 + 4)
