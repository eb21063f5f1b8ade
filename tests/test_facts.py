"""The per-dossier facts table the loader maintains answers exactly like the dossier table."""

from __future__ import annotations

import random
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.demo import write_demo_files
from etl.loader import load_files
from kpi import facts, macros
from kpi.db import cursor
from kpi.metrics import GROUPS, Filters, kpis
from kpi.periods import Period

TODAY = date(2025, 10, 15)
NOW = datetime(2025, 10, 15, 18, 0)


@pytest.fixture(scope="module")
def demo_db(empty_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Demo data for 6 wards over 90 days, loaded by the real loader."""
    folder = tmp_path_factory.mktemp("facts-demo")
    db = folder / "motcua.duckdb"
    shutil.copyfile(empty_warehouse, db)
    files = write_demo_files(folder / "files", wards=6, days=90, seed=7, today=TODAY)
    assert load_files(files, db=db).ok
    return db


def _random_question(rng: random.Random, cur: duckdb.DuckDBPyConnection) -> dict:
    wards = [r[0] for r in cur.execute("SELECT DISTINCT ward_code FROM dossiers").fetchall()]
    fields = [r[0] for r in cur.execute("SELECT DISTINCT field FROM dossiers").fetchall()]
    procedures = [
        r[0] for r in cur.execute("SELECT DISTINCT procedure_code FROM dossiers").fetchall()
    ]
    start = TODAY - timedelta(days=rng.randrange(0, 120))
    periods = [Period(start, min(start + timedelta(days=rng.randrange(0, 60)), TODAY))]
    if rng.random() < 0.5:
        periods.append(periods[0].previous())
    filters = Filters(
        "01",
        ward_codes=tuple(rng.sample(wards, rng.randint(1, 3))) if rng.random() < 0.5 else None,
        field=rng.choice(fields) if rng.random() < 0.3 else None,
        procedure_code=rng.choice(procedures) if rng.random() < 0.2 else None,
        channel=rng.choice(["direct", "online", "postal"]) if rng.random() < 0.3 else None,
    )
    return {"periods": periods, "filters": filters, "by": rng.choice(list(GROUPS))}


def test_the_loader_leaves_the_facts_current_and_equal_to_their_definition(demo_db: Path) -> None:
    con = cursor(demo_db)  # the app's reading connection, with the metrics' macros
    try:
        assert facts.is_current(con)
        stored = con.execute("SELECT * FROM dossier_facts ORDER BY dossier_id").df()
        computed = con.execute(f"SELECT * FROM ({facts.FACTS_SQL}) ORDER BY dossier_id").df()
    finally:
        con.close()
    assert len(stored) > 1000
    pd.testing.assert_frame_equal(stored, computed)


@pytest.mark.parametrize("seed", range(30))
def test_facts_table_and_dossier_table_give_identical_answers(demo_db: Path, seed: int) -> None:
    cur = cursor(demo_db)
    question = _random_question(random.Random(seed), cur)
    from_table = kpis(cur, now=NOW, source="facts", **question)
    computed = kpis(cur, now=NOW, source="dossiers", **question)
    pd.testing.assert_frame_equal(from_table, computed)


def test_stale_facts_are_not_used(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "motcua.duckdb"
    shutil.copyfile(demo_db, db)
    con = duckdb.connect(str(db))
    macros.install(con)
    try:
        # What an older loader would leave: data changed after the facts were built.
        con.execute("UPDATE meta SET value = 'newer' WHERE key = 'data_version'")
        con.execute("DELETE FROM dossier_facts WHERE ward_code = (SELECT min(ward_code) FROM wards"
                    " WHERE ward_code IN (SELECT ward_code FROM dossiers))")  # fmt: skip
        assert not facts.is_current(con)
        period = [Period(date(2025, 9, 1), date(2025, 9, 30))]
        auto = kpis(con, periods=period, filters=Filters("01"), now=NOW)
        computed = kpis(con, periods=period, filters=Filters("01"), now=NOW, source="dossiers")
        stale = kpis(con, periods=period, filters=Filters("01"), now=NOW, source="facts")
    finally:
        con.close()
    pd.testing.assert_frame_equal(auto, computed)
    assert stale["received"].iloc[0] < computed["received"].iloc[0]


def test_an_unknown_source_is_refused(demo_db: Path) -> None:
    with pytest.raises(ValueError, match="source"):
        kpis(cursor(demo_db), periods=[Period(TODAY, TODAY)], filters=Filters("01"), source="x")
