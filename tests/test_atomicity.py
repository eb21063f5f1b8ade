"""Idempotency, atomicity and concurrency of loads (quality.md "Reliability", data-contract §2).

What "identical" means after a reload: every table is compared whole, except the three that
record loads rather than data. ``etl_runs`` is a log and gains one row per file per run (its
counts are checked instead); ``etl_rejects`` is per run, so a reload reports the same bad lines
again under its own run id (checked equal apart from that id); ``meta.data_version`` is bumped by
every landed batch so caches keyed by it refresh (checked to be the only change in ``meta``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from etl.loader import BatchResult, load_files
from etl.warehouse import WarehouseBusy

ROOT = Path(__file__).resolve().parent.parent
LOG_TABLES = {"etl_runs", "etl_rejects", "meta"}
BIG_ROWS = 300_000


def fetch(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every table of the warehouse, whole, in a canonical order."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = sorted(
            r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        )
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY ALL').fetchall() for t in tables}
    finally:
        con.close()


def data_tables(snap: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    return {t: rows for t, rows in snap.items() if t not in LOG_TABLES}


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def summary(batch: BatchResult) -> list[tuple]:
    """(status, rows read, inserted, updated, unchanged, rejected, duplicates) per file."""
    return [
        (f.status, f.rows_read, f.inserted, f.updated, f.unchanged, f.rejected, f.duplicates)
        for f in batch.files
    ]


def stray_copies(db: Path) -> list[Path]:
    return sorted(db.parent.glob(db.name + ".next-*"))


HEADER = ["Mã hồ sơ", "Mã xã", "Ngày tiếp nhận", "Ngày có kết quả", "Trạng thái"]


# --- idempotency ---------------------------------------------------------------------------------


def test_reload_same_file_changes_nothing(tmp_path: Path, warehouse: Path) -> None:
    path = write_csv(
        tmp_path / "export.csv",
        [HEADER,
         ["A1", "00073", "05/03/2025 08:00", "", ""],
         ["A2", "00073", "05/03/2025 09:00", "06/03/2025 10:00", ""],
         ["A3", "00073", "31/02/2025", "", ""],
         ["A1", "00073", "04/03/2025 08:00", "", ""]],  # older duplicate of A1
    )  # fmt: skip
    first = load_files([path], db=warehouse)
    assert summary(first) == [("ok", 4, 2, 0, 1, 1, 1)]
    before = snapshot(warehouse)

    second = load_files([path], db=warehouse)
    assert summary(second) == [("ok", 4, 0, 0, 3, 1, 1)]
    after = snapshot(warehouse)

    assert data_tables(after) == data_tables(before)
    run1 = [r[1:] for r in before["etl_rejects"]]
    assert after["etl_rejects"] == before["etl_rejects"] + [(2, *r) for r in run1]
    runs = fetch(
        warehouse,
        "SELECT run_id, source, sha256, rows_read, rows_inserted, rows_updated, rows_unchanged,"
        " rows_rejected, status FROM etl_runs ORDER BY run_id",
    )
    digest = file_digest(path)
    assert runs == [
        (1, str(path), digest, 4, 2, 0, 1, 1, "ok"),
        (2, str(path), digest, 4, 0, 0, 3, 1, "ok"),
    ]
    assert [r[0] for r in after["meta"]] == [r[0] for r in before["meta"]]


@pytest.mark.parametrize("together", [False, True], ids=["two-batches", "one-batch"])
def test_overlapping_files_update_without_duplicates_and_the_later_file_wins(
    tmp_path: Path, warehouse: Path, together: bool
) -> None:
    a = write_csv(
        tmp_path / "a.csv",
        [HEADER,
         ["O1", "00073", "05/03/2025 08:00", "", "Đang xử lý"],
         ["O2", "00073", "05/03/2025 08:00", "", "Đang xử lý"]],
    )  # fmt: skip
    # b.csv says O2 was received earlier than a.csv did: still, b.csv comes later and wins.
    b = write_csv(
        tmp_path / "b.csv",
        [HEADER,
         ["O2", "00073", "01/03/2025 08:00", "02/03/2025 16:00", "Đã xử lý xong"],
         ["O3", "00073", "05/03/2025 10:00", "", ""]],
    )  # fmt: skip
    if together:
        assert summary(load_files([a, b], db=warehouse)) == [
            ("ok", 2, 2, 0, 0, 0, 0),
            ("ok", 2, 1, 1, 0, 0, 0),
        ]
    else:
        assert summary(load_files([a], db=warehouse)) == [("ok", 2, 2, 0, 0, 0, 0)]
        assert summary(load_files([b], db=warehouse)) == [("ok", 2, 1, 1, 0, 0, 0)]
    assert fetch(
        warehouse,
        "SELECT dossier_id, received_at, ended_at, status, run_id, source_row FROM dossiers"
        " ORDER BY dossier_id",
    ) == [
        ("O1", datetime(2025, 3, 5, 8), None, "processing", 1, 2),
        ("O2", datetime(2025, 3, 1, 8), datetime(2025, 3, 2, 16), "processed", 2, 2),
        ("O3", datetime(2025, 3, 5, 10), None, "processing", 2, 3),
    ]


def test_duplicate_ids_in_one_file_keep_the_latest_timestamp_then_the_last_line(
    tmp_path: Path, warehouse: Path
) -> None:
    path = write_csv(
        tmp_path / "dups.csv",
        [HEADER,
         ["D1", "00073", "05/03/2025 10:00", "", ""],  # line 2: latest → wins though first
         ["D1", "00073", "05/03/2025 09:00", "", ""],  # line 3
         ["D2", "00073", "05/03/2025 08:00", "", "Đang xử lý"],  # line 4: tie
         ["D2", "00073", "05/03/2025 08:00", "", "Yêu cầu bổ sung giấy tờ"],  # line 5: last → wins
         ["D3", "00073", "05/03/2025 08:00", "06/03/2025 16:00", ""],  # line 6: ended latest
         ["D3", "00073", "05/03/2025 09:00", "", ""]],  # line 7
    )  # fmt: skip
    batch = load_files([path], db=warehouse)
    assert summary(batch) == [("ok", 6, 3, 0, 3, 0, 3)]
    expected = [
        ("D1", datetime(2025, 3, 5, 10), "processing", 2),
        ("D2", datetime(2025, 3, 5, 8), "supplement", 5),
        ("D3", datetime(2025, 3, 5, 8), "processed", 6),
    ]
    query = "SELECT dossier_id, received_at, status, source_row FROM dossiers ORDER BY 1"
    assert fetch(warehouse, query) == expected
    # The same winners every time: a reload finds everything unchanged.
    assert summary(load_files([path], db=warehouse)) == [("ok", 6, 0, 0, 6, 0, 3)]
    assert fetch(warehouse, query) == expected


# --- atomicity -----------------------------------------------------------------------------------


@pytest.mark.parametrize("refused_first", [False, True], ids=["refused-second", "refused-first"])
def test_a_refused_file_lands_nothing_of_its_batch(
    tmp_path: Path, warehouse: Path, refused_first: bool
) -> None:
    earlier = write_csv(tmp_path / "earlier.csv", [HEADER, ["E1", "00073", "05/03/2025", "", ""]])
    assert load_files([earlier], db=warehouse).ok
    before = snapshot(warehouse)

    good = write_csv(
        tmp_path / "good.csv",
        [HEADER, ["E1", "00073", "06/03/2025", "", ""], ["G1", "00073", "31/02/2025", "", ""],
         ["G2", "00073", "06/03/2025", "", ""]],
    )  # fmt: skip
    refused = write_csv(tmp_path / "no_date.csv", [["Mã hồ sơ", "Mã xã"], ["X1", "00073"]])
    files = [refused, good] if refused_first else [good, refused]
    batch = load_files(files, db=warehouse)

    message = "no_date.csv: thiếu cột ngày tiếp nhận (tệp hồ sơ)"
    assert (batch.ok, batch.message) == (False, message)
    after = snapshot(warehouse)
    assert {t: rows for t, rows in after.items() if t != "etl_runs"} == {
        t: rows for t, rows in before.items() if t != "etl_runs"
    }
    skipped = "không nạp vì tệp no_date.csv bị từ chối"
    rows = {
        str(good): (str(good), "skipped", skipped, 0, 0, 0, 0, 0),
        str(refused): (str(refused), "refused", message, 0, 0, 0, 0, 0),
    }
    assert fetch(
        warehouse,
        "SELECT source, status, message, rows_read, rows_inserted, rows_updated, rows_unchanged,"
        " rows_rejected FROM etl_runs WHERE run_id > 1 ORDER BY run_id",
    ) == [rows[str(p)] for p in files]
    for f in batch.files:
        assert f.inserted + f.updated + f.unchanged + f.rejected == f.rows_read


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dossier export of 300,000 rows: a load of a few seconds, long enough to interrupt."""
    path = tmp_path_factory.mktemp("big") / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("Mã hồ sơ,Mã xã,Ngày tiếp nhận,Ngày hẹn trả,Trạng thái\r\n")
        fh.writelines(
            f"B{i:07d},00073,{1 + i % 28:02d}/03/2025 08:00,{1 + i % 28:02d}/04/2025,4\r\n"
            for i in range(BIG_ROWS)
        )
    return path


def start_loader(path: Path, db: Path) -> subprocess.Popen:
    """Run ``load_files([path], db=db)`` in another process."""
    code = (
        "import sys; from etl.loader import load_files; load_files([sys.argv[1]], db=sys.argv[2])"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", code, str(path), str(db)], cwd=ROOT, env=env)


def wait_for_copy(db: Path, proc: subprocess.Popen, timeout: float = 30.0) -> None:
    """Wait until the loader has started writing its private copy of the warehouse."""
    deadline = time.monotonic() + timeout
    while not stray_copies(db):
        assert proc.poll() is None, "the loader ended before it started writing"
        assert time.monotonic() < deadline, "the loader never started writing"
        time.sleep(0.01)


@pytest.mark.parametrize("delay", [0.2, 1.0])
def test_loader_killed_mid_load_leaves_the_previous_warehouse_and_the_next_run_works(
    tmp_path: Path, warehouse: Path, big_csv: Path, delay: float
) -> None:
    first = write_csv(tmp_path / "first.csv", [HEADER, ["K1", "00073", "05/03/2025", "", ""]])
    assert load_files([first], db=warehouse).ok
    before, digest = snapshot(warehouse), file_digest(warehouse)

    proc = start_loader(big_csv, warehouse)
    try:
        wait_for_copy(warehouse, proc)
        time.sleep(delay)
        assert proc.poll() is None, "the loader finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL

    assert file_digest(warehouse) == digest  # the live file was never written
    assert snapshot(warehouse) == before

    nxt = write_csv(tmp_path / "next.csv", [HEADER, ["K2", "00073", "06/03/2025", "", ""]])
    batch = load_files([nxt], db=warehouse)
    assert summary(batch) == [("ok", 1, 1, 0, 0, 0, 0)]
    assert stray_copies(warehouse) == []
    assert fetch(warehouse, "SELECT dossier_id FROM dossiers ORDER BY 1") == [("K1",), ("K2",)]
    assert fetch(warehouse, "SELECT run_id, status FROM etl_runs ORDER BY 1") == [
        (1, "ok"),
        (2, "ok"),
    ]


def test_second_loader_refuses_when_told_not_to_wait_and_waits_otherwise(
    tmp_path: Path, warehouse: Path, big_csv: Path
) -> None:
    small = write_csv(tmp_path / "small.csv", [HEADER, ["S1", "00073", "05/03/2025", "", ""]])
    proc = start_loader(big_csv, warehouse)
    try:
        wait_for_copy(warehouse, proc)
        with pytest.raises(WarehouseBusy) as busy:
            load_files([small], db=warehouse, wait=False)
        assert str(busy.value) == f"{warehouse}: một tiến trình nạp dữ liệu khác đang chạy"
        assert proc.poll() is None

        batch = load_files([small], db=warehouse)  # waits for the first loader
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()
        proc.wait()
    # Had the second loader not waited, it would have copied the warehouse from before the
    # first load and published it after: one of the two loads would be lost.
    assert summary(batch) == [("ok", 1, 1, 0, 0, 0, 0)]
    assert fetch(warehouse, "SELECT count(*) FROM dossiers") == [(BIG_ROWS + 1,)]
    assert fetch(warehouse, "SELECT source, rows_inserted FROM etl_runs ORDER BY run_id") == [
        (str(big_csv), BIG_ROWS),
        (str(small), 1),
    ]


# --- readers during loads ------------------------------------------------------------------------

READER = """
import json, sys, time
from pathlib import Path
from kpi.db import query

db, stop = Path(sys.argv[1]), Path(sys.argv[2])
SQL = '''
SELECT (SELECT count(*) FROM dossiers) AS n,
       (SELECT coalesce(sum(rows_inserted), 0) FROM etl_runs WHERE status = 'ok') AS inserted,
       (SELECT count(*) FROM etl_runs) AS runs,
       (SELECT coalesce(list(DISTINCT c ORDER BY c), []) FROM
           (SELECT count(*) AS c FROM dossiers GROUP BY split_part(dossier_id, '-', 1))) AS sizes
'''
while not stop.exists():
    try:
        row = query(SQL, db=db).iloc[0]
        print(json.dumps({"n": int(row.n), "inserted": int(row.inserted), "runs": int(row.runs),
                          "sizes": [int(s) for s in row.sizes]}), flush=True)
    except Exception as exc:  # report, never stop: the test counts these
        print(json.dumps({"error": repr(exc)}), flush=True)
"""


def test_reader_during_loads_never_errors_and_sees_only_whole_loads(
    tmp_path: Path, warehouse: Path
) -> None:
    per_load, loads = 5000, 5

    def export(k: int) -> Path:
        rows = [[f"M{k}-{i}", "00073", "05/03/2025 08:00", "", ""] for i in range(per_load)]
        return write_csv(tmp_path / f"load{k}.csv", [HEADER, *rows])

    files = [export(k) for k in range(loads + 1)]
    assert load_files([files[0]], db=warehouse).ok

    stop = tmp_path / "stop"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(warehouse), str(stop)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    lines: list[str] = []
    collector = threading.Thread(target=lambda: lines.extend(reader.stdout), daemon=True)
    collector.start()
    try:
        deadline = time.monotonic() + 30
        while not lines:  # the reader is up and answering
            assert reader.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        for path in files[1:]:
            assert load_files([path], db=warehouse).ok
            time.sleep(0.1)
        seen = len(lines)
        while len(lines) < seen + 3:  # a few answers after the last load
            assert reader.poll() is None and time.monotonic() < deadline + 30
            time.sleep(0.05)
    finally:
        stop.touch()
        reader.wait(timeout=30)
        collector.join(timeout=10)

    answers = [json.loads(line) for line in lines]
    assert [a for a in answers if "error" in a] == []
    for a in answers:
        k = a["runs"]
        assert (a["n"], a["inserted"], a["sizes"]) == (k * per_load, k * per_load, [per_load])
    assert answers[-1]["n"] == (loads + 1) * per_load
    assert len({a["n"] for a in answers}) >= 3, "the reader saw too few versions to prove much"
