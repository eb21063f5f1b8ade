"""The loader's rollups (kpi/rollup.py) answer exactly what the dossier-level query answers.

Three warehouses built by the real loader: the hand-written edge cases of tests/test_trend.py
(supplement clock-stops, more than one supplement, no due time, due exactly at a day's end,
petitions, repeated ratings), the demo generator's six wards, and the benchmark generator's
three provinces. On each, a few hundred random questions (one to five periods — presets, custom
ranges, their comparison periods —, clocks at the end of a day, after the newest record or on
it, a province or the whole country, some wards, a field, a channel; no grouping, by ward, by
province, by field or by channel: the rollups per ward and those per ward, field and channel)
are asked of both paths; every column must be equal (the mean durations to 1e-9: a sum of
sums).
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from bench import generate
from etl.loader import load_files
from kpi import rollup
from kpi.cache import newest_record
from kpi.db import cursor
from kpi.metrics import Filters, kpis
from kpi.periods import PRESETS, Period, preset_period
from tests.test_trend import HANOI, demo_db, edges_db  # noqa: F401 (fixtures)

FLOAT_SUMS = ("avg_days", "avg_working_days")


@pytest.fixture(scope="module")
def generated_db(empty_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmark generator's dossiers and ratings (three provinces), loaded."""
    folder = tmp_path_factory.mktemp("rollup-generated")
    generate.generate(generate.Options(rows=6000, out=folder, formats=("parquet",)))
    db = folder / "motcua.duckdb"
    shutil.copyfile(empty_warehouse, db)
    assert load_files([folder / "ho_so.parquet", folder / "danh_gia.parquet"], db=db).ok
    return db


def _end_of(day: date) -> datetime:
    return datetime.combine(day, time.max)


def _periods(rng: random.Random, today: date) -> list[Period]:
    if rng.random() < 0.5:
        first = preset_period(rng.choice(list(PRESETS)), today)
    else:
        start = today - timedelta(days=rng.randrange(0, 200))
        first = Period(start, start + timedelta(days=rng.randrange(0, 100)))
    periods = [first, first.previous(), first.same_last_year()]
    rng.shuffle(periods)
    extra = [
        Period(d, d + timedelta(days=rng.randrange(0, 40)))
        for d in (today - timedelta(days=rng.randrange(0, 150)) for _ in range(2))
    ]
    return (periods + extra)[: rng.randint(1, 5)]


def _clock(rng: random.Random, newest: datetime) -> datetime:
    """A clock the rollups answer at: the end of a day before the newest record, the newest
    record itself, or any time after it."""
    choice = rng.random()
    if choice < 0.35:
        return _end_of(newest.date() - timedelta(days=rng.randrange(0, 60)))
    if choice < 0.5:
        return newest
    return newest + timedelta(hours=rng.choice([0.01, 5, 30, 24 * 40]))


def _question(rng: random.Random, cur: duckdb.DuckDBPyConnection) -> dict:
    newest = newest_record(cur)
    provinces = [r[0] for r in cur.execute(
        "SELECT DISTINCT w.province_code FROM dossiers JOIN wards AS w USING (ward_code)"
    ).fetchall()]  # fmt: skip
    province = rng.choice([*provinces, None]) if len(provinces) > 1 else provinces[0]
    wards = [r[0] for r in cur.execute(
        "SELECT DISTINCT d.ward_code FROM dossiers AS d JOIN wards AS w USING (ward_code)"
        " WHERE $p IS NULL OR w.province_code = $p ORDER BY 1", {"p": province}
    ).fetchall()]  # fmt: skip
    chosen = None
    if rng.random() < 0.3:
        chosen = tuple(rng.sample(wards, rng.randint(1, min(3, len(wards)))))
    field = channel = None
    if rng.random() < 0.25:
        fields = [r[0] for r in cur.execute(
            "SELECT DISTINCT field FROM dossiers WHERE field IS NOT NULL ORDER BY 1"
        ).fetchall()]  # fmt: skip
        field = rng.choice(fields)
    if rng.random() < 0.25:
        channel = rng.choice(["direct", "online", "postal"])
    now = _clock(rng, newest)
    # A period that starts after the clock is left to the dossiers (kpi.rollup.answers).
    periods = [p for p in _periods(rng, newest.date()) if p.date_from <= now.date()]
    return {
        "periods": periods or [Period(now.date(), now.date())],
        "filters": Filters(province, ward_codes=chosen, field=field, channel=channel),
        "by": rng.choice([None, "ward", "province", "field", "channel"]),
        "now": now,
    }


def assert_same(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Every column equal; the mean durations to 1e-9 (sums of per-day sums)."""
    exact = [c for c in expected.columns if c not in FLOAT_SUMS]
    pd.testing.assert_frame_equal(got[exact], expected[exact], check_exact=True)
    pd.testing.assert_frame_equal(
        got[list(FLOAT_SUMS)], expected[list(FLOAT_SUMS)], check_exact=False, rtol=1e-9
    )


def _ask(cur: duckdb.DuckDBPyConnection, q: dict) -> None:
    assert rollup.answers(
        periods=q["periods"], filters=q["filters"], by=q["by"], now=q["now"],
        data_as_of=newest_record(cur),
    ), q  # fmt: skip
    got = kpis(cur, source="rollups", **q)
    expected = kpis(cur, source="dossiers", **q)
    # Grouped by field or channel, a question with no dossier has no group: no row either way.
    assert len(expected) > 0 or q["by"] in ("field", "channel")
    assert_same(got, expected)


@pytest.mark.parametrize("seed", range(100))
def test_random_questions_on_the_edge_cases(edges_db: Path, seed: int) -> None:  # noqa: F811
    cur = cursor(edges_db)
    _ask(cur, _question(random.Random(seed), cur))


@pytest.mark.parametrize("seed", range(100))
def test_random_questions_on_demo_data(demo_db: Path, seed: int) -> None:  # noqa: F811
    cur = cursor(demo_db)
    _ask(cur, _question(random.Random(5000 + seed), cur))


@pytest.mark.parametrize("seed", range(100))
def test_random_questions_on_three_generated_provinces(generated_db: Path, seed: int) -> None:
    cur = cursor(generated_db)
    _ask(cur, _question(random.Random(9000 + seed), cur))


def test_the_loader_keeps_the_rollups_current_and_auto_reads_them(generated_db: Path) -> None:
    cur = cursor(generated_db)
    assert rollup.is_current(cur, due_soon_days=2)
    # counted with another N of "due soon": not read (the dossier-level query answers)
    assert not rollup.is_current(cur, due_soon_days=3)
    rows = cur.execute(
        "SELECT (SELECT sum(received) FROM roll_received), (SELECT count(*) FROM dossier_facts),"
        " (SELECT sum(ratings) FROM roll_ratings), (SELECT count(*) FROM ratings),"
        " (SELECT sum(in_process) FROM roll_open_now),"
        " (SELECT count(*) FROM dossier_facts WHERE ended_at IS NULL)"
    ).fetchone()
    assert rows[0] == rows[1] and rows[2] == rows[3] and rows[4] == rows[5]
    # Per ward, field and channel: the same totals, split.
    fine = cur.execute(
        "SELECT (SELECT sum(received) FROM roll_received_fc),"
        " (SELECT sum(ratings) FROM roll_ratings_fc),"
        " (SELECT sum(in_process) FROM roll_open_now_fc),"
        " (SELECT count(DISTINCT (field, channel)) FROM roll_received_fc)"
    ).fetchone()
    assert fine[:3] == (rows[0], rows[2], rows[4]) and fine[3] > 3
    q = _question(random.Random(3), cur)
    assert_same(kpis(cur, **q), kpis(cur, source="dossiers", **q))


def _question_of(periods: Sequence[Period], **kw) -> dict:
    return {"periods": list(periods), "filters": Filters(HANOI), "by": None, **kw}


def test_what_the_rollups_cannot_answer_goes_to_the_dossiers(demo_db: Path) -> None:  # noqa: F811
    cur = cursor(demo_db)
    newest = newest_record(cur)
    month = Period(newest.date().replace(day=1), newest.date())
    midday = datetime.combine(newest.date() - timedelta(days=3), time(12))
    ok = {"periods": [month], "by": None, "data_as_of": newest}
    assert rollup.answers(filters=Filters(HANOI), now=newest + timedelta(days=1), **ok)
    assert rollup.answers(filters=Filters(HANOI), now=_end_of(midday.date()), **ok)
    # a clock within a day before the newest record; a procedure (filter or grouping)
    assert not rollup.answers(filters=Filters(HANOI), now=midday, **ok)
    # the end of a day before the period starts: what was open then may end before it starts
    later = Period(newest.date() - timedelta(days=2), newest.date())
    early_clock = _end_of(newest.date() - timedelta(days=5))
    assert not rollup.answers(**{**ok, "periods": [later]}, filters=Filters(HANOI), now=early_clock)
    assert not rollup.answers(filters=Filters(HANOI, procedure_code="x"), now=newest, **ok)
    assert not rollup.answers(filters=Filters(HANOI), now=newest, **{**ok, "by": "procedure"})
    # a field and a channel, filtered or grouped by: the rollups are kept per field and channel
    for chosen in ({"field": "x"}, {"channel": "online"}):
        assert rollup.answers(filters=Filters(HANOI, **chosen), now=newest, **ok)
    for by in ("field", "channel"):
        assert rollup.answers(filters=Filters(HANOI), now=newest, **{**ok, "by": by})
    with pytest.raises(ValueError, match="rollups cannot answer"):
        kpis(cur, source="rollups", now=midday, **_question_of([month]))
    # auto still answers, from the dossiers, the same as they do
    q = _question_of([month], now=midday)
    assert_same(kpis(cur, **q), kpis(cur, source="dossiers", **q))
