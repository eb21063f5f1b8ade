"""``make bench SCALE=1m|10m|50m``: ingest and the overview's questions against the naive peer,
in one run, written to ``bench/results/<scale>.json`` and printed as a Markdown table.

1. **Data**: ``bench/generate.py`` at the scale (kept in ``bench/data/<scale>/``, reused when
   present: it is deterministic).
2. **Ingest**: ``python -m etl load`` of the Parquet and of the CSV dossiers into a fresh
   warehouse (a subprocess: its wall time and peak RSS), against DuckDB's bare read of the same
   file into a table (``CREATE TABLE AS SELECT * FROM read_parquet/read_csv``).
3. **Questions**: the flow and on-time counts per ward of a province (metrics §1–§2) for the
   usual presets, answered by the app's metrics layer (``kpi.metrics.kpis``, no cache) and by the
   naive peer (``bench/peer.py``: pandas and polars over every dossier in memory, loaded before
   timing). The peer's answers are checked equal to the app's first; a difference stops the run.

Medians of ``--runs`` runs. Machines are noisy: compare the columns of one run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import generate, peer  # noqa: E402

PRESETS = ("last_month", "this_quarter", "this_year")
PROVINCE = "01"


def _median(call: Callable[[], Any], runs: int, before: Callable[[], None] = lambda: None):
    times, result = [], None
    for _ in range(runs):
        before()
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def data(scale: str) -> Path:
    out = ROOT / "bench" / "data" / scale
    if not (out / "ho_so.parquet").exists() or not (out / "ho_so.csv").exists():
        generate.generate(generate.Options(rows=generate.SCALES[scale], out=out,
                                           formats=("parquet", "csv")))  # fmt: skip
    return out


# Runs the load in a child of its own and prints that child's peak RSS (KiB): a process's
# RUSAGE_CHILDREN peak is the largest of all its children, so each load gets a fresh parent.
_PEAK = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True,"
    " stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def _load(files: list[Path], db: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of ``python -m etl load`` in a fresh process."""
    env = {**os.environ, "MOTCUA_CONFIG": str(db.parent / "none.toml")}
    command = [sys.executable, "-m", "etl", "load", *map(str, files), "--db", str(db)]
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PEAK, *command], cwd=ROOT, env=env,
                          check=True, capture_output=True, text=True)  # fmt: skip
    seconds = time.perf_counter() - started
    return seconds, int(done.stdout.split()[-1]) / 1024


def _bare(path: Path, work: Path) -> float:
    reader = "read_parquet(?)" if path.suffix == ".parquet" else "read_csv(?, header = true)"
    db = work / f"bare-{path.suffix[1:]}.duckdb"
    db.unlink(missing_ok=True)
    con = duckdb.connect(str(db))
    started = time.perf_counter()
    con.execute(f"CREATE TABLE t AS SELECT * FROM {reader}", [str(path)])
    con.close()
    return time.perf_counter() - started


def ingest(files: Path, work: Path) -> tuple[dict[str, Any], Path]:
    results: dict[str, Any] = {}
    warehouse = work / "motcua.duckdb"
    for suffix in ("csv", "parquet"):
        db = work / f"load-{suffix}.duckdb"
        seconds, rss = _load([files / f"ho_so.{suffix}"], db)
        bare = _bare(files / f"ho_so.{suffix}", work)
        results[suffix] = {
            "load_s": round(seconds, 2),
            "bare_s": round(bare, 2),
            "ratio": round(seconds / bare, 1),
            "peak_rss_mib": round(rss),
        }
        if suffix == "parquet":
            shutil.move(db, warehouse)
        else:
            db.unlink()
    _load([files / "danh_gia.parquet"], warehouse)
    return results, warehouse


def _periods(as_of: datetime) -> list[tuple[str, date, date]]:
    from kpi.periods import preset_period

    return [(name, p.date_from, p.date_to) for name in PRESETS
            for p in [preset_period(name, as_of.date())]]  # fmt: skip


def questions(warehouse: Path, runs: int) -> dict[str, Any]:
    os.environ["MOTCUA_DB"] = str(warehouse)
    import polars as pl

    from kpi.periods import Period

    con = duckdb.connect(str(warehouse), read_only=True)
    frame = con.execute(peer.DOSSIERS_SQL).df()
    polars_frame = pl.from_pandas(frame)
    as_of = con.execute("SELECT max(greatest(received_at, ended_at, returned_at)) FROM dossiers"
                        ).fetchone()[0]  # fmt: skip
    con.close()
    rows = []
    for name, start, end in _periods(as_of):
        app_ms, answer = _median(partial(_app_counts, Period(start, end), as_of), runs)
        pandas_ms, by_pandas = _median(
            partial(peer.pandas_counts, frame, PROVINCE, start, end, as_of), runs
        )
        polars_ms, by_polars = _median(
            partial(peer.polars_counts, polars_frame, PROVINCE, start, end, as_of), runs
        )
        _check_equal(name, answer, by_pandas, by_polars.to_pandas().set_index("ward_code"))
        rows.append({"question": f"counts per ward, {name}", "app_ms": round(app_ms, 1),
                     "pandas_ms": round(pandas_ms, 1), "polars_ms": round(polars_ms, 1),
                     "pandas_over_app": round(pandas_ms / app_ms, 2),
                     "polars_over_app": round(polars_ms / app_ms, 2)})  # fmt: skip
    return {"as_of": as_of.isoformat(), "province": PROVINCE, "rows": rows}


def _app_counts(period: Any, as_of: datetime) -> Any:
    """The app's answer: its metrics layer, as the overview's league asks it (no cache)."""
    from kpi.db import cursor
    from kpi.metrics import Filters, kpis

    with cursor() as cur:
        return kpis(cur, periods=[period], filters=Filters(PROVINCE), by="ward", now=as_of)


def _check_equal(name: str, app: Any, by_pandas: Any, by_polars: Any) -> None:
    ours = app.set_index("key")[list(peer.COUNTS)].astype("int64")
    ours = ours[ours["to_process"] > 0].sort_index()
    for label, theirs in (("pandas", by_pandas), ("polars", by_polars)):
        theirs = theirs[list(peer.COUNTS)].astype("int64").sort_index()
        if not ours.equals(theirs):
            same_shape = ours.shape == theirs.shape
            diff = ours.compare(theirs) if same_shape else (ours.shape, theirs.shape)
            raise SystemExit(f"{name}: the app and {label} disagree:\n{diff}")


def markdown(result: dict[str, Any]) -> str:
    lines = [
        f"Scale {result['scale']} ({result['rows']:,} dossiers), {result['machine']}, "
        f"{result['date']}; medians of {result['runs']} runs.",
        "",
        "| ingest | load s | bare read s | × bare | loader peak RSS MiB |",
        "|---|---|---|---|---|",
    ]
    for fmt, r in result["ingest"].items():
        cells = (fmt, r["load_s"], r["bare_s"], r["ratio"], r["peak_rss_mib"])
        lines.append("| " + " | ".join(map(str, cells)) + " |")
    lines += ["", "| question | app ms | pandas ms | polars ms | pandas ÷ app | polars ÷ app |",
              "|---|---|---|---|---|---|"]  # fmt: skip
    for r in result["questions"]["rows"]:
        lines.append(f"| {r['question']} | {r['app_ms']} | {r['pandas_ms']} | {r['polars_ms']} | "
                     f"{r['pandas_over_app']} | {r['polars_over_app']} |")  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(generate.SCALES), default="1m")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    files = data(args.scale)
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp:
        work = Path(tmp)
        ingest_results, warehouse = ingest(files, work)
        asked = questions(warehouse, args.runs)
    result = {
        "scale": args.scale, "rows": generate.SCALES[args.scale], "runs": args.runs,
        "date": date.today().isoformat(),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
                   f"Python {platform.python_version()}, DuckDB {duckdb.__version__}",
        "ingest": ingest_results, "questions": asked,
    }  # fmt: skip
    out = ROOT / "bench" / "results" / f"{args.scale}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
