"""A seeded generator of one-stop exports at benchmark scale (1M, 10M, 50M dossiers and more).

Usage::

    python bench/generate.py --rows 1000000 --out bench/data/1m --format parquet
    python bench/generate.py --scale 10m --out bench/data/10m --format csv --format parquet
    python bench/generate.py --rows 100000 --out bench/data/xlsx --format xlsx

Writes ``ho_so.<ext>`` (dossiers) and ``danh_gia.<ext>`` (ratings of about a third of the ended
dossiers) in the Vietnamese-header layout the loader reads (that of ``python -m etl demo``):
day-first dates, Vietnamese words for channels, statuses and ratings.

- **Wards**: the real 2025 ward codes and names of Hà Nội (01), Quảng Ninh (22) and Hồ Chí Minh
  City (79) by default (``--province``), from the reference data the loader builds (offline).
- **Procedures**: 300 over 20 fields: the demo's real catalogue (etl.demo) and variants of it,
  their legal time limits kept; a few procedures take most dossiers, as in the field.
- **Shares**: ~42% online, ~4% by post; ~6–12% of ended dossiers late (by field); 8% with one
  supplement request, 2% with two; 1% withdrawn, 0.5% stopped; dossiers received near the end
  still in process, some of them overdue.

Deterministic: every random draw is ``hash(row, seed, draw)`` computed by DuckDB, so a seed gives
the same files whatever the machine's threads, and rows are generated in time order (an export
sorted by reception), with no sort. Streaming: DuckDB writes the files from ``range(rows)`` under
a memory limit, so memory stays bounded whatever the size; only XLSX (for ≤ 1M rows) passes
through Python, in batches.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from etl.demo import CHANNELS, FIELDS, PROCEDURES, RATING_WORDS, STATUSES  # noqa: E402

SCALES = {"100k": 100_000, "1m": 1_000_000, "10m": 10_000_000, "50m": 50_000_000}
PROVINCES = ("01", "22", "79")
START = date(2025, 7, 1)
AS_OF = date(2026, 11, 30)
N_PROCEDURES = 300
EXTRA_FIELDS = ("Lao động, tiền lương", "Giáo dục và đào tạo")
XLSX_MAX = 1_000_000


@dataclass(frozen=True)
class Options:
    rows: int
    out: Path
    formats: tuple[str, ...]
    seed: int = 2025
    provinces: tuple[str, ...] = PROVINCES
    memory_limit: str = "1GB"
    threads: int = 2


def wards(provinces: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(code, name, province) of every current ward of ``provinces``, from the reference data
    the loader builds (vietnam-provinces and vietnamadminunits, offline)."""
    from etl.refdata import build_reference
    from etl.warehouse import apply_schema

    con = duckdb.connect()
    apply_schema(con)
    build_reference(con)
    rows = con.execute(
        "SELECT ward_code, ward_name, province_code FROM wards"
        " WHERE list_contains(?, province_code) ORDER BY ward_code",
        [list(provinces)],
    ).fetchall()
    missing = set(provinces) - {r[2] for r in rows}
    if missing:
        raise SystemExit(f"không có tỉnh {sorted(missing)} trong dữ liệu tham chiếu")
    return rows


def procedures() -> list[tuple[str, str, str, float]]:
    """(code, name, field, working days) of :data:`N_PROCEDURES` procedures over 20 fields."""
    fields = [f.name for f in FIELDS] + list(EXTRA_FIELDS)
    chosen = [(p.code, p.name, p.field, max(p.days, 0.5)) for p in PROCEDURES]
    k = 0
    while len(chosen) < N_PROCEDURES:
        base = PROCEDURES[k % len(PROCEDURES)]
        field = fields[k % len(fields)] if k % 7 == 0 else base.field
        days = max(base.days, 0.5) * (1 + k % 3)
        chosen.append((f"9.{k:06d}", f"{base.name} (trường hợp {k // len(PROCEDURES) + 2})",
                       field, days))  # fmt: skip
        k += 1
    return chosen


# One uniform draw in [0, 1) per (row, draw number): hash-based, so deterministic and parallel.
MACROS = """
CREATE OR REPLACE MACRO u(i, k) AS (hash(i, getvariable('seed'), k) % 1000003)::DOUBLE / 1000003;
CREATE OR REPLACE MACRO vn_time(t) AS strftime(t, '%d/%m/%Y %H:%M');
"""

# Every generated dossier with its hidden truth (late, ended, ...), in reception order.
DOSSIERS = """
CREATE OR REPLACE TEMP VIEW gen AS
WITH base AS (
    SELECT i,
        -- reception: day by row order (the export is sorted), working hours, weekends moved
        getvariable('start') + CAST(floor((i + u(i, 1)) * getvariable('span') / getvariable('n'))
            AS INTEGER) AS day0,
        7.5 + 9 * u(i, 2) AS hour,
        CAST(floor(pow(u(i, 3), 1.6) * getvariable('n_wards')) AS INTEGER) AS w_idx,
        CAST(floor(pow(u(i, 4), 2.2) * getvariable('n_procs')) AS INTEGER) AS p_idx,
        u(i, 5) AS u_channel, u(i, 6) AS u_late, u(i, 7) AS u_duration, u(i, 8) AS u_sup,
        u(i, 9) AS u_end, u(i, 10) AS u_status, u(i, 11) AS u_level, u(i, 12) AS u_inter,
        u(i, 13) AS u_digit, u(i, 14) AS u_rate, u(i, 15) AS u_score, u(i, 16) AS u_rating_time,
        u(i, 17) AS u_via
    FROM range(getvariable('n')) t(i)
), timed AS (
    SELECT b.*, w.code AS ward_code, w.name AS ward_name, p.code AS proc_code,
        p.name AS proc_name, p.field, p.days, p.f_idx,
        CASE dayofweek(day0) WHEN 6 THEN day0 - 1 WHEN 0 THEN day0 + 1 ELSE day0 END AS day,
    FROM base b JOIN w ON w.idx = b.w_idx JOIN p ON p.idx = b.p_idx
), dated AS (
    SELECT *,
        CAST(day AS TIMESTAMP) + to_microseconds(CAST(hour * 3600e6 AS BIGINT)) AS received,
        day + CAST(ceil(days * 7 / 5) AS INTEGER) AS due_day,
        CASE WHEN u_sup < 0.02 THEN 2 WHEN u_sup < 0.10 THEN 1 ELSE 0 END AS sup,
        u_late < 0.04 + 0.03 * (f_idx % 3) AS late
    FROM timed
), ended AS (
    SELECT *,
        received + to_microseconds(CAST(3600e6 * 24 * CASE
            WHEN late THEN (due_day - day) + 1 + 10 * u_duration
            ELSE greatest(0.05, (due_day - day + 0.7) * u_duration) END AS BIGINT)) AS ended_raw
    FROM dated
)
SELECT *,
    CASE WHEN ended_raw < CAST(getvariable('as_of') AS TIMESTAMP) + INTERVAL 17 HOUR
         THEN ended_raw END AS ended_at,
    CASE WHEN u_channel < 0.42 THEN 1 WHEN u_channel < 0.46 THEN 2 ELSE 0 END AS channel
FROM ended
"""

DOSSIER_COLUMNS = """
SELECT
    printf('%s-%s-%09d', ward_code, strftime(received, '%y%m%d'), i) AS "Mã hồ sơ",
    ward_code AS "Mã xã",
    ward_name AS "Phường/Xã",
    proc_code AS "Mã TTHC",
    proc_name AS "Tên TTHC",
    field AS "Lĩnh vực",
    list_extract(getvariable('channels'), channel + 1) AS "Kênh nộp",
    CASE WHEN channel = 1 AND u_level < 0.6 THEN 'Toàn trình' ELSE 'Một phần' END AS "Mức độ",
    vn_time(received) AS "Ngày tiếp nhận",
    strftime(due_day, '%d/%m/%Y') AS "Ngày hẹn trả",
    vn_time(ended_at) AS "Ngày có kết quả",
    list_extract(getvariable('statuses'), 1 + CASE
        WHEN ended_at IS NULL AND sup = 1 AND u_status < 0.3 THEN 1     -- waiting for a supplement
        WHEN ended_at IS NULL THEN 0                                     -- in process
        WHEN u_end < 0.010 THEN 4                                        -- withdrawn
        WHEN u_end < 0.015 THEN 5                                        -- stopped
        WHEN u_status < 0.85 THEN 3 ELSE 2 END) AS "Trạng thái",        -- returned, processed
    sup AS "Số lần yêu cầu bổ sung",
    CASE WHEN u_inter < 0.05 THEN 'Có' ELSE 'Không' END AS "Liên thông",
    CASE WHEN u_digit < 0.7 THEN 'Có' ELSE 'Không' END AS "Đã số hóa"
FROM gen
"""

RATING_COLUMNS = """
SELECT
    printf('DG%010d', i) AS "Mã đánh giá",
    printf('%s-%s-%09d', ward_code, strftime(received, '%y%m%d'), i) AS "Mã hồ sơ",
    ward_code AS "Mã xã",
    vn_time(ended_at + to_microseconds(CAST(u_rating_time * 48 * 3600e6 AS BIGINT)))
        AS "Thời gian đánh giá",
    list_extract(getvariable('rating_words'), CASE
        WHEN late OR sup > 1 THEN 1 + CAST(floor(u_score * 4) AS INTEGER)
        ELSE 3 + CAST(floor(pow(u_score, 0.5) * 2.999) AS INTEGER) END) AS "Mức độ hài lòng",
    list_extract(['kiosk', 'qr', 'web', 'app', 'zalo'], 1 + CAST(floor(u_via * 5) AS INTEGER))
        AS "Kênh đánh giá"
FROM gen
WHERE ended_at IS NOT NULL AND u_end >= 0.015 AND u_rate < 0.35
  AND ended_at + to_microseconds(CAST(u_rating_time * 48 * 3600e6 AS BIGINT))
      < CAST(getvariable('as_of') AS TIMESTAMP) + INTERVAL 17 HOUR
"""


def connect(options: Options) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the generator's tables, variables and view."""
    con = duckdb.connect(config={"memory_limit": options.memory_limit,
                                 "threads": options.threads})  # fmt: skip
    all_wards = wards(options.provinces)
    procs = procedures()
    fields = sorted({p[2] for p in procs})
    con.execute("CREATE TEMP TABLE w (idx INTEGER, code VARCHAR, name VARCHAR)")
    con.executemany("INSERT INTO w VALUES (?, ?, ?)",
                    [(k, c, n) for k, (c, n, _p) in enumerate(all_wards)])  # fmt: skip
    con.execute("CREATE TEMP TABLE p (idx INTEGER, code VARCHAR, name VARCHAR, field VARCHAR,"
                " days DOUBLE, f_idx INTEGER)")  # fmt: skip
    con.executemany(
        "INSERT INTO p VALUES (?, ?, ?, ?, ?, ?)",
        [(k, c, n, f, d, fields.index(f)) for k, (c, n, f, d) in enumerate(procs)],
    )
    variables = {
        "seed": options.seed, "n": options.rows, "start": START, "as_of": AS_OF,
        "span": (AS_OF - START).days, "n_wards": len(all_wards), "n_procs": len(procs),
        "channels": list(CHANNELS), "statuses": list(STATUSES), "rating_words": list(RATING_WORDS),
    }  # fmt: skip
    for name, value in variables.items():
        con.execute(f"SET VARIABLE {name} = ?", [value])
    con.execute(MACROS)
    con.execute(DOSSIERS)
    return con


def _copy(con: duckdb.DuckDBPyConnection, select: str, path: Path, fmt: str) -> int:
    if fmt == "parquet":
        con.execute(f"COPY ({select}) TO '{path}' (FORMAT parquet, COMPRESSION zstd)")
    elif fmt == "csv":
        con.execute(f"COPY ({select}) TO '{path}' (FORMAT csv, HEADER, DELIMITER ',')")
    else:
        _xlsx(con, select, path)
    return con.execute(f"SELECT count(*) FROM ({select})").fetchone()[0]


def _xlsx(con: duckdb.DuckDBPyConnection, select: str, path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Hồ sơ")
    cursor = con.execute(select)
    sheet.append([d[0] for d in cursor.description])
    while batch := cursor.fetchmany(50_000):
        for row in batch:
            sheet.append(row)
    book.save(path)


def generate(options: Options) -> dict[str, dict[str, int]]:
    """Write the files; rows written per file."""
    if "xlsx" in options.formats and options.rows > XLSX_MAX:
        raise SystemExit(f"xlsx: tối đa {XLSX_MAX:,} dòng (Excel có giới hạn 1.048.576 dòng)")
    options.out.mkdir(parents=True, exist_ok=True)
    con = connect(options)
    written: dict[str, dict[str, int]] = {}
    for fmt in options.formats:
        for name, select in (("ho_so", DOSSIER_COLUMNS), ("danh_gia", RATING_COLUMNS)):
            path = options.out / f"{name}.{fmt}"
            tmp = path.with_suffix(path.suffix + ".part")
            rows = _copy(con, select, tmp, fmt)
            tmp.replace(path)  # never a half-written file under the final name
            written.setdefault(fmt, {})[name] = rows
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--rows", type=int)
    size.add_argument("--scale", choices=sorted(SCALES))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--format", action="append", choices=["csv", "parquet", "xlsx"])
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--province", action="append")
    parser.add_argument("--memory-limit", default="1GB")
    args = parser.parse_args(argv)
    options = Options(
        rows=args.rows or SCALES[args.scale], out=args.out,
        formats=tuple(args.format or ["parquet"]), seed=args.seed,
        provinces=tuple(args.province or PROVINCES), memory_limit=args.memory_limit,
    )  # fmt: skip
    started = time.perf_counter()
    written = generate(options)
    for fmt, files in written.items():
        for name, rows in files.items():
            print(f"{options.out / f'{name}.{fmt}'}: {rows:,} dòng")
    print(f"{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
