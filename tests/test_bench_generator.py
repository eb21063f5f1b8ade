"""The benchmark's data and its naive peer (bench/generate.py, bench/peer.py): a generated sample
loads through the real loader with zero rejects, a seed always gives the same files, the shares
are those documented, and the pandas peer's counts — written from metrics.md, apart from the
app — equal the app's metrics layer on that warehouse for every preset period."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from bench import generate, peer
from etl.loader import load_files
from kpi.db import cursor
from kpi.metrics import Filters, kpis
from kpi.periods import PRESETS, preset_period

ROWS = 4000


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    generate.generate(generate.Options(rows=ROWS, out=out, formats=("csv", "parquet")))
    return out


@pytest.fixture(scope="module")
def loaded(sample: Path) -> Path:
    db = sample / "motcua.duckdb"
    result = load_files([sample / "ho_so.parquet", sample / "danh_gia.parquet"], db=db)
    assert result.ok, result
    return db


def test_a_generated_sample_loads_with_zero_rejects(sample: Path, loaded: Path) -> None:
    con = duckdb.connect(str(loaded), read_only=True)
    assert con.execute("SELECT count(*) FROM etl_rejects").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM dossiers").fetchone() == (ROWS,)
    ratings = duckdb.connect().execute(
        "SELECT count(*) FROM read_parquet(?)", [str(sample / "danh_gia.parquet")]
    )
    assert con.execute("SELECT count(*) FROM ratings").fetchone() == ratings.fetchone()
    # the CSV of the same rows loads the same way
    other = sample / "csv.duckdb"
    assert load_files([sample / "ho_so.csv", sample / "danh_gia.csv"], db=other).ok
    csv = duckdb.connect(str(other), read_only=True)
    columns = "dossier_id, ward_code, field, channel, received_at, due_at, ended_at, status"
    query = f"SELECT {columns} FROM dossiers ORDER BY dossier_id"
    assert csv.execute(query).fetchall() == con.execute(query).fetchall()


def test_the_sample_covers_three_provinces_20_fields_and_realistic_shares(loaded: Path) -> None:
    con = duckdb.connect(str(loaded), read_only=True)
    provinces = con.execute(
        "SELECT DISTINCT w.province_code FROM dossiers JOIN wards w USING (ward_code) ORDER BY 1"
    ).fetchall()
    assert provinces == [("01",), ("22",), ("79",)]
    fields, procedures, online, postal, ended_late, open_ = con.execute(
        """SELECT count(DISTINCT field), count(DISTINCT procedure_code),
                  avg((channel = 'online')::INT), avg((channel = 'postal')::INT),
                  avg((ended_at > due_at)::INT) FILTER (WHERE ended_at IS NOT NULL),
                  avg((ended_at IS NULL)::INT)
           FROM dossiers"""
    ).fetchone()
    assert fields == 20 and 200 <= procedures <= generate.N_PROCEDURES
    assert 0.38 <= online <= 0.46 and 0.02 <= postal <= 0.06
    assert 0.04 <= ended_late <= 0.14 and 0 < open_ < 0.1


def test_a_seed_always_gives_the_same_files(sample: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    generate.generate(generate.Options(rows=ROWS, out=again, formats=("csv",)))
    assert (again / "ho_so.csv").read_bytes() == (sample / "ho_so.csv").read_bytes()
    assert (again / "danh_gia.csv").read_bytes() == (sample / "danh_gia.csv").read_bytes()
    other = tmp_path / "other"
    generate.generate(generate.Options(rows=ROWS, out=other, formats=("csv",), seed=7))
    assert (other / "ho_so.csv").read_bytes() != (sample / "ho_so.csv").read_bytes()


@pytest.mark.parametrize("preset", [p for p in PRESETS if p != "today"])
@pytest.mark.parametrize("province", ["01", "79"])
def test_the_pandas_peer_answers_what_the_metrics_layer_answers(
    loaded: Path, monkeypatch: pytest.MonkeyPatch, clean_settings: None, preset: str, province: str
) -> None:
    monkeypatch.setenv("MOTCUA_DB", str(loaded))
    con = duckdb.connect(str(loaded), read_only=True)
    frame = con.execute(peer.DOSSIERS_SQL).df()
    as_of = con.execute(
        "SELECT max(greatest(received_at, ended_at, returned_at)) FROM dossiers"
    ).fetchone()[0]
    period = preset_period(preset, as_of.date())
    with cursor() as cur:
        app = kpis(cur, periods=[period], filters=Filters(province), by="ward", now=as_of)
    ours = app.set_index("key")[list(peer.COUNTS)].astype("int64")
    ours = ours[ours["to_process"] > 0].sort_index()
    theirs = peer.pandas_counts(frame, province, period.date_from, period.date_to, as_of)
    assert len(ours) > 0
    assert ours.equals(theirs[list(peer.COUNTS)])


def test_a_past_period_is_counted_at_its_end_a_current_one_at_the_newest_data() -> None:
    newest = datetime(2026, 11, 30, 12)
    assert peer._bounds(date(2026, 10, 1), date(2026, 10, 31), newest) == (
        datetime(2026, 10, 1),
        datetime(2026, 10, 31, 23, 59, 59, 999999),
    )
    assert peer._bounds(date(2026, 11, 1), date(2026, 11, 30), newest) == (
        datetime(2026, 11, 1),
        newest,
    )


# --- the loader's bounded memory --------------------------------------------------------------


@pytest.mark.parametrize(("limit", "shown"), [(None, "953.6 MiB"), ("96MiB", "96.0 MiB")])
def test_the_loader_runs_under_its_memory_limit(
    sample: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    clean_settings: None,
    limit: str | None,
    shown: str,
) -> None:
    """``MOTCUA_LOADER_MEMORY_LIMIT`` (default 1GB) is the limit of the loader's DuckDB; the
    sample loads whole under a small one (DuckDB spills beyond it)."""
    import etl.loader
    from etl.warehouse import next_version

    if limit:
        monkeypatch.setenv("MOTCUA_LOADER_MEMORY_LIMIT", limit)
    seen = []

    @contextlib.contextmanager
    def recording(db: Path, **options: Any) -> Iterator[Any]:
        with next_version(db, **options) as con:
            seen.append(con.execute("SELECT current_setting('memory_limit')").fetchone()[0])
            yield con

    monkeypatch.setattr(etl.loader, "next_version", recording)
    db = tmp_path / "motcua.duckdb"
    assert load_files([sample / "ho_so.csv"], db=db).ok
    assert seen == [shown]
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM dossiers").fetchone() == (ROWS,)


def test_a_loader_memory_limit_not_a_size_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from kpi.config import settings

    monkeypatch.setenv("MOTCUA_LOADER_MEMORY_LIMIT", "lots")
    with pytest.raises(ValueError, match="MOTCUA_LOADER_MEMORY_LIMIT"):
        settings()
