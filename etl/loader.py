"""Loading: files → validated, ward-resolved rows → the warehouse, atomically.

One call of :func:`load_files` is one batch: every file in it lands, or none does. The batch runs
on a private copy of the warehouse (``etl.warehouse.next_version``) that replaces the live file
only after every file was read, checked and merged and the data checks passed. Each file gets a
row in ``etl_runs``; each rejected input row gets rows in ``etl_rejects`` with its line, column,
value and reason.

Counting (per file): every data row read is exactly one of inserted, updated, unchanged or
rejected. A row identical to what is stored is unchanged; a row superseded by a later version of
the same id in the same file (latest timestamp, then last line, wins) changed nothing either and
is counted unchanged, and also reported as a duplicate.
"""

from __future__ import annotations

import contextlib
import tempfile
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from etl import checks
from etl.columns import KINDS, VOCABULARIES, Kind, alias_map, is_personal
from etl.normalize import name_key
from etl.readers import FileRefused, Source, expand_paths, open_source, sha256
from etl.wards import WardResolver
from etl.warehouse import next_version, writer_lock
from kpi import facts, rollup  # the metrics layer's stored aggregates, built with the load
from kpi.config import local_now, settings

SQL_DIR = Path(__file__).parent / "sql"

# Columns stored per kind, in table order (without row_hash, run_id, source_row).
STORED: dict[str, list[str]] = {
    "dossiers": [
        "dossier_id",
        "ward_code",
        "ward_name_source",
        "district_name_source",
        "procedure_code",
        "procedure_name",
        "field",
        "channel",
        "online_level",
        "received_at",
        "submitted_at",
        "due_at",
        "ended_at",
        "returned_at",
        "status",
        "supplement_count",
        "paused_days",
        "interagency",
        "digitized",
        "e_result",
        "reused_data",
        "has_fee",
        "paid_online",
        "no_wait",
        "applicant_type",
    ],
    "ratings": [
        "rating_id",
        "dossier_id",
        "ward_code",
        "ward_name_source",
        "rated_at",
        "rating",
        "access",
        "procedure",
        "staff",
        "result",
        "feedback",
        "rating_channel",
        "comment",
    ],
    "petitions": [
        "petition_id",
        "ward_code",
        "ward_name_source",
        "received_at",
        "due_at",
        "handled_at",
        "category",
        "unsatisfied",
        "dossier_id",
    ],
    "procedures": [
        "procedure_code",
        "procedure_name",
        "field",
        "time_limit_working_days",
        "online_level",
        "has_fee",
        "paper_result",
    ],
}

# Besides the key: what a file of each kind must have to be loadable at all.
REQUIRED_ANY: dict[str, list[tuple[str, ...]]] = {
    "dossiers": [("received_at", "submitted_at"), ("ward_code", "ward_name")],
    "ratings": [("rated_at",), ("rating",), ("ward_code", "ward_name")],
    "petitions": [("received_at",), ("ward_code", "ward_name")],
    "procedures": [],
}

COLUMN_LABELS = {"received_at": "ngày tiếp nhận", "ward_code": "mã xã hoặc tên phường/xã"}

Progress = Callable[[str, str], None]

# How many reasons a file's summary lists, and how many of each reason's rows it quotes.
TOP_REASONS = 5
EXAMPLES = 3


@dataclass(frozen=True)
class RejectExample:
    """One rejected row quoted in a summary: its line, the column as headed in the file, the
    value as written (``None`` for an empty cell)."""

    line: int
    column: str | None
    value: str | None


@dataclass(frozen=True)
class RejectReason:
    """One reason a file's rows were rejected: how many rows, and the first of them."""

    reason: str
    rows: int
    examples: tuple[RejectExample, ...]


@dataclass
class FileResult:
    """What happened to one file."""

    source: str
    kind: str | None = None
    sha256: str | None = None
    run_id: int | None = None
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    duplicates: int = 0
    status: str = "pending"  # ok | refused | skipped
    message: str = ""
    dropped_columns: list[str] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    top_reasons: list[RejectReason] = field(default_factory=list)


@dataclass
class BatchResult:
    """What happened to one ``load_files`` call: ``ok`` when everything landed."""

    batch_id: str
    files: list[FileResult]
    ok: bool
    message: str = ""


def _all_alias_keys() -> set[str]:
    keys: set[str] = set()
    for kind in KINDS.values():
        keys |= set(alias_map(kind))
    return keys


_ALIAS_KEYS = _all_alias_keys()


def _is_header(row: list[str]) -> bool:
    """A header row names at least two known columns."""
    return sum(1 for cell in row if cell and name_key(cell) in _ALIAS_KEYS) >= 2


def _detect_kind(headers: list[str], forced: str | None, name: str) -> Kind:
    if forced:
        if forced not in KINDS:
            raise FileRefused(f"{name}: loại tệp '{forced}' không hợp lệ ({', '.join(KINDS)})")
        return KINDS[forced]
    keys = {name_key(h) for h in headers}
    for kind in KINDS.values():
        amap = alias_map(kind)
        present = {amap[k] for k in keys if k in amap}
        if all(col in present for col in kind.signature):
            return kind
    raise FileRefused(
        f"{name}: không nhận ra loại tệp (không có cột Mã hồ sơ, Mã đánh giá, Mã phản ánh hay "
        "Mã TTHC quen thuộc); dùng --kind"
    )


def _map_headers(kind: Kind, headers: list[str]) -> tuple[dict[str, int], list[str], list[str]]:
    """Return ({canonical: column index}, dropped personal headers, unknown headers)."""
    amap = alias_map(kind)
    mapped: dict[str, int] = {}
    dropped: list[str] = []
    unknown: list[str] = []
    for idx, header in enumerate(headers):
        key = name_key(header)
        if key in amap and amap[key] not in mapped:
            mapped[amap[key]] = idx
        elif is_personal(header):
            dropped.append(header)
        elif header:
            unknown.append(header)
    return mapped, dropped, unknown


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> tuple:
    """Return the single row of ``sql``, fetched to the end.

    DuckDB 2 keeps a result that was only partly fetched (``fetchone``) open on the connection,
    and ``register`` on that connection then fails ("unfinished result"): always fetch it all.
    """
    return con.execute(sql).fetchall()[0]


def _install_macros(con: duckdb.DuckDBPyConnection) -> None:
    # The vocabularies first: macros.sql builds on them (``flag`` reads ``vocab_bool``), and
    # DuckDB binds a macro's body when it is created.
    for name, words in VOCABULARIES.items():
        pairs = ", ".join(
            "'"
            + key.replace("'", "''")
            + "': "
            + (
                ("true" if value else "false")
                if isinstance(value, bool)
                else str(value)
                if isinstance(value, int)
                else "'" + str(value).replace("'", "''") + "'"
            )
            for key, value in words.items()
        )
        con.execute(
            f"CREATE OR REPLACE TEMP MACRO vocab_{name}(k) AS map_extract_value(MAP {{{pairs}}}, k)"
        )
    con.execute((SQL_DIR / "macros.sql").read_text(encoding="utf-8"))


def _stage(con: duckdb.DuckDBPyConnection, kind: Kind, src: Source, mapped: dict[str, int]) -> None:
    """Materialise the mapped columns (text) of ``src`` as temp table ``stage`` with ``_line``.

    A column the file lacks is NULL on every row. A flag column (``kind.flags``) the file has is
    never NULL: a blank cell is staged as ``''``, which the ``flag`` macro reads as "no", because
    an export that marks its "không chờ" dossiers with "x" leaves the others blank (metrics §3).
    A wholly blank row is still dropped: ``''`` counts as blank.
    """
    proj = []
    for col in kind.aliases:
        if col in mapped and col in kind.flags:
            proj.append(f"coalesce(CAST({src.columns[mapped[col]]} AS VARCHAR), '') AS \"{col}\"")
        elif col in mapped:
            proj.append(f'{src.columns[mapped[col]]} AS "{col}"')
        else:
            proj.append(f'CAST(NULL AS VARCHAR) AS "{col}"')
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE stage0 AS SELECT {', '.join(proj)} FROM {src.from_sql}",
        src.params,
    )
    not_blank = " OR ".join(
        f"nullif(trim(\"{c}\"), '') IS NOT NULL" for c in kind.aliases if c in mapped
    )
    if src.lines is None:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE stage AS SELECT CAST(rowid AS INTEGER) + ? AS _line, * "
            f"FROM stage0 WHERE {not_blank or 'false'}",
            [src.first_line],
        )
    else:
        lines = pa.table(
            {
                "_i": pa.array(range(len(src.lines)), type=pa.int64()),
                "_line": pa.array(src.lines, type=pa.int32()),
            }
        )
        con.register("src_lines", lines)
        con.execute(
            "CREATE OR REPLACE TEMP TABLE stage AS SELECT l._line, s.* EXCLUDE (_i) FROM "
            "(SELECT rowid AS _i, * FROM stage0) AS s JOIN src_lines AS l USING (_i) "
            f"WHERE {not_blank or 'false'} ORDER BY l._line"
        )
        con.unregister("src_lines")
    con.execute("DROP TABLE stage0")


def _resolve_wards(
    con: duckdb.DuckDBPyConnection, kind: Kind, resolver: WardResolver | None
) -> None:
    cols = ["wc_raw", "wn_raw", "dn_raw", "pv_raw"]
    if resolver is None:
        frame = pd.DataFrame({c: pd.Series([], dtype="object") for c in cols})
        frame["ward_code"] = pd.Series([], dtype="object")
        frame["ward_error"] = pd.Series([], dtype="object")
        frame["ward_column"] = pd.Series([], dtype="object")
    else:
        distinct = con.execute(
            "SELECT DISTINCT ward_code, ward_name, district_name, province FROM stage"
        ).fetchall()
        rows = []
        for wc, wn, dn, pv in distinct:
            res = resolver.resolve(wc, wn, dn, pv)
            rows.append((wc, wn, dn, pv, res.ward_code, res.error, res.column))
        frame = pd.DataFrame(
            rows, columns=[*cols, "ward_code", "ward_error", "ward_column"], dtype="object"
        )
    con.register("ward_map_df", frame)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE ward_map AS SELECT CAST(wc_raw AS VARCHAR) wc_raw,"
        " CAST(wn_raw AS VARCHAR) wn_raw, CAST(dn_raw AS VARCHAR) dn_raw,"
        " CAST(pv_raw AS VARCHAR) pv_raw,"
        " CAST(ward_code AS VARCHAR) ward_code, CAST(ward_error AS VARCHAR) ward_error,"
        " CAST(ward_column AS VARCHAR) ward_column FROM ward_map_df"
    )
    con.unregister("ward_map_df")


def _list_rejects(con: duckdb.DuckDBPyConnection, headers: dict[str, str]) -> None:
    """Temp table ``rejects``: one row per fault of a rejected row of ``parsed`` (``line``, its
    position ``i`` in the row's list, the column as headed in the file, value and reason)."""
    con.register(
        "header_map",
        pd.DataFrame(list(headers.items()), columns=["canonical", "header"], dtype="object"),
    )
    con.execute(
        """CREATE OR REPLACE TEMP TABLE rejects AS
        SELECT p._line AS line, p.i, CAST(coalesce(h.header, p.e.column) AS VARCHAR) AS "column",
               p.e.value AS value, p.e.reason AS reason
        FROM (SELECT _line, unnest(_errors) AS e, generate_subscripts(_errors, 1) AS i
              FROM parsed WHERE len(_errors) > 0) AS p
        LEFT JOIN header_map AS h ON h.canonical = p.e.column"""
    )
    con.unregister("header_map")


def _top_reasons(con: duckdb.DuckDBPyConnection) -> list[RejectReason]:
    """The most frequent reasons of ``rejects`` (by rows, then name), each with its first rows.

    A row counts once per reason, even when two of its columns fail the same way.
    """
    found = con.execute(
        """SELECT reason, count(DISTINCT line) AS n,
                  list({'line': line, 'column': "column", 'value': value} ORDER BY line, i)[1:?]
           FROM rejects GROUP BY reason ORDER BY n DESC, reason LIMIT ?""",
        [EXAMPLES, TOP_REASONS],
    ).fetchall()
    return [
        RejectReason(reason, n, tuple(RejectExample(**example) for example in examples))
        for reason, n, examples in found
    ]


def _merge(con: duckdb.DuckDBPyConnection, kind: Kind, run_id: int) -> tuple[int, int, int, int]:
    """Merge valid parsed rows into the kind's table.

    Returns (inserted, updated, unchanged, in-file duplicates).
    """
    cols = STORED[kind.name]
    key = kind.key
    qcols = ", ".join(f'"{c}"' for c in cols)
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE incoming AS
        SELECT {qcols}, hash({qcols}) AS row_hash, _line,
               row_number() OVER (PARTITION BY "{key}"
                                  ORDER BY _latest DESC NULLS LAST, _line DESC) AS _rank
        FROM parsed WHERE len(_errors) = 0"""
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE changes AS
        SELECT i."{key}" AS k, i.row_hash, i._line,
               CASE WHEN t.row_hash IS NULL THEN 'insert'
                    WHEN t.row_hash = i.row_hash THEN 'same' ELSE 'update' END AS action
        FROM incoming AS i
        LEFT JOIN (SELECT "{key}", any_value(row_hash) AS row_hash
                   FROM {kind.name} GROUP BY ALL) AS t
          ON t."{key}" = i."{key}"
        WHERE i._rank = 1"""
    )
    counts = dict(con.execute("SELECT action, count(*) FROM changes GROUP BY action").fetchall())
    dups = _one(con, "SELECT count(*) FROM incoming WHERE _rank > 1")[0]
    con.execute(
        f"""DELETE FROM {kind.name}
        WHERE "{key}" IN (SELECT k FROM changes WHERE action = 'update')"""
    )
    con.execute(
        f"""INSERT INTO {kind.name} ({qcols}, row_hash, run_id, source_row)
        SELECT {", ".join(f'i."{c}"' for c in cols)}, i.row_hash, ?, i._line
        FROM incoming AS i JOIN changes AS c ON c.k = i."{key}" AND i._rank = 1
        WHERE c.action IN ('insert', 'update')""",
        [run_id],
    )
    return counts.get("insert", 0), counts.get("update", 0), counts.get("same", 0) + dups, dups


def _load_one(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    result: FileResult,
    *,
    kind_name: str | None,
    resolver: WardResolver,
    encoding: str | None,
    sheet: str | None,
    max_reject_share: float,
    workdir: Path,
    progress: Progress,
) -> None:
    name = path.name
    progress(name, "đọc tệp")

    def keep(header: str) -> bool:
        return not is_personal(header)

    src = open_source(
        con, path, is_header=_is_header, keep=keep, encoding=encoding, sheet=sheet, workdir=workdir
    )
    kind = _detect_kind(src.headers, kind_name, name)
    result.kind = kind.name
    mapped, dropped, unknown = _map_headers(kind, src.headers)
    result.dropped_columns, result.unknown_columns = dropped, unknown
    if kind.key not in mapped and kind.name != "ratings":
        raise FileRefused(
            f"{name}: không có cột khóa '{kind.aliases[kind.key][0]}' của tệp {kind.label}"
        )
    for group in REQUIRED_ANY[kind.name]:
        if not any(col in mapped for col in group):
            label = COLUMN_LABELS.get(group[0], kind.aliases[group[0]][0])
            raise FileRefused(f"{name}: thiếu cột {label} (tệp {kind.label})")
    _stage(con, kind, src, mapped)
    with contextlib.suppress(duckdb.Error):
        con.unregister("src_arrow")
    progress(name, "đối chiếu phường/xã")
    _resolve_wards(con, kind, None if kind.name == "procedures" else resolver)
    progress(name, "kiểm tra dữ liệu")
    if kind.name != "procedures":
        con.execute((SQL_DIR / "join_wards.sql").read_text(encoding="utf-8"))
    con.execute((SQL_DIR / f"parse_{kind.name}.sql").read_text(encoding="utf-8"))
    read, rejected = _one(
        con, "SELECT count(*), count(*) FILTER (WHERE len(_errors) > 0) FROM parsed"
    )
    result.rows_read, result.rejected = read, rejected
    _list_rejects(con, {canonical: src.headers[idx] for canonical, idx in mapped.items()})
    result.top_reasons = _top_reasons(con)
    if read and rejected / read > max_reject_share:
        top = result.top_reasons[0].reason if result.top_reasons else ""
        raise FileRefused(
            f"{name}: {rejected}/{read} dòng bị loại (quá {max_reject_share:.0%}); "
            f"lý do chính: {top}"
        )
    con.execute(
        'INSERT INTO etl_rejects SELECT ?, ?, line, "column", value, reason FROM rejects '
        "ORDER BY line, i",
        [result.run_id, str(path)],
    )
    progress(name, "ghi vào kho")
    result.inserted, result.updated, result.unchanged, result.duplicates = _merge(
        con, kind, result.run_id
    )
    result.status = "ok"
    parts = [f"{read} dòng"]
    if result.duplicates:
        parts.append(f"{result.duplicates} dòng trùng mã trong tệp (giữ bản mới nhất)")
    result.message = "; ".join(parts)


def _record_runs(
    con: duckdb.DuckDBPyConnection, batch_id: str, started: datetime, results: list[FileResult]
) -> None:
    now = local_now()
    for r in results:
        con.execute(
            "INSERT INTO etl_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                r.run_id, batch_id, started, now, r.source, r.sha256, r.kind, r.rows_read,
                r.inserted, r.updated, r.unchanged, r.rejected, r.status, r.message,
                r.dropped_columns, r.unknown_columns,
            ],
        )  # fmt: skip


def _next_run_id(con: duckdb.DuckDBPyConnection) -> int:
    return _one(con, "SELECT coalesce(max(run_id), 0) + 1 FROM etl_runs")[0]


def ensure_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Build the reference tables (wards, crosswalk, calendar) if the warehouse has none."""
    if _one(con, "SELECT count(*) FROM wards")[0] == 0:
        from etl.refdata import build_reference

        build_reference(con)


def load_files(
    paths: Iterable[str | Path],
    *,
    db: Path | str | None = None,
    kind: str | None = None,
    province: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    wait: bool = True,
    progress: Progress | None = None,
) -> BatchResult:
    """Load files into the warehouse as one atomic batch and return what happened.

    A file refused whole (unreadable, not a known kind, missing key columns, too many rejected
    rows) aborts the batch: nothing of it lands, and ``etl_runs`` records the refusal.
    """
    cfg = settings()
    db_path = Path(db) if db is not None else cfg.db
    prov = (province or cfg.province).zfill(2)
    progress = progress or (lambda _src, _step: None)
    batch_id = uuid.uuid4().hex[:12]
    started = local_now()
    files = expand_paths(paths)
    results = [FileResult(source=str(p)) for p in files]
    refused: FileResult | None = None
    with writer_lock(db_path, wait=wait), tempfile.TemporaryDirectory(prefix="motcua-") as tmp:
        try:
            with next_version(db_path, memory_limit=cfg.loader_memory_limit) as con:
                ensure_reference(con)
                _install_macros(con)
                resolver = WardResolver(con, prov)
                run_id = _next_run_id(con)
                for offset, (path, res) in enumerate(zip(files, results, strict=True)):
                    res.run_id = run_id + offset
                    res.sha256 = sha256(path)
                    try:
                        _load_one(
                            con, path, res, kind_name=kind, resolver=resolver, encoding=encoding,
                            sheet=sheet, max_reject_share=cfg.max_reject_share,
                            workdir=Path(tmp), progress=progress,
                        )  # fmt: skip
                    except FileRefused as exc:
                        res.status, res.message = "refused", str(exc)
                        refused = res
                        raise
                progress("", "kiểm tra toàn vẹn")
                checks.run_all(con)
                _record_runs(con, batch_id, started, results)
                # Aggregates (and the caches keyed by the version) change only with the data.
                if any(r.inserted or r.updated for r in results):
                    checks.bump_data_version(con)
                due_soon_days = cfg.due_soon_days
                if not facts.is_current(con) or not rollup.is_current(
                    con, due_soon_days=due_soon_days
                ):
                    progress("", "tổng hợp sẵn cho bảng điều khiển")
                    if not facts.is_current(con):
                        facts.refresh(con)
                    rollup.refresh(con, due_soon_days=due_soon_days)
        except FileRefused:
            for res in results:
                if res.status != "refused":
                    res.status = "skipped"
                    res.message = f"không nạp vì tệp {Path(refused.source).name} bị từ chối"
                    # Nothing of a skipped file landed: no counts, so that the equation
                    # read = inserted + updated + unchanged + rejected holds for it too.
                    res.rows_read = res.inserted = res.updated = res.unchanged = 0
                    res.rejected = res.duplicates = 0
                    res.top_reasons = []
            with next_version(db_path, memory_limit=cfg.loader_memory_limit) as con:
                ensure_reference(con)
                run_id = _next_run_id(con)
                for offset, res in enumerate(results):
                    res.run_id = run_id + offset
                _record_runs(con, batch_id, started, results)
            return BatchResult(batch_id, results, ok=False, message=refused.message)
    return BatchResult(batch_id, results, ok=True)
