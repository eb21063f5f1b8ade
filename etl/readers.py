"""Readers: turn one input file into a DuckDB relation of text columns with its header row.

Every reader keeps all values as text (ids keep their leading zeros; dates are parsed later, day
first, by the SQL of ``etl/sql``). Supported: ``.xlsx``/``.xlsm``/``.xls``/``.ods``
(python-calamine), ``.csv``/``.txt``/``.tsv`` (DuckDB's reader; UTF-8 with or without BOM, UTF-16
as Excel's "Unicode text", any Python codec such as ``windows-1258`` when declared), ``.parquet``
and ``.json``/``.jsonl``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import glob
import hashlib
import io
import math
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
from python_calamine import CalamineWorkbook

from etl.normalize import nfc

EXCEL_EXT = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
CSV_EXT = {".csv", ".txt", ".tsv"}
PARQUET_EXT = {".parquet", ".pq"}
JSON_EXT = {".json", ".jsonl", ".ndjson"}
SUPPORTED = EXCEL_EXT | CSV_EXT | PARQUET_EXT | JSON_EXT

# How far down a sheet to look for the header row (exports often start with a title block).
HEADER_SCAN_ROWS = 30


class FileRefused(Exception):
    """A file that cannot be loaded at all; the message is one line, in Vietnamese."""


@dataclass
class Source:
    """An opened input file: its headers and a SQL FROM-item over its data rows (all text).

    ``headers`` are as written in the file, NFC-normalised and trimmed (they are stored in run
    summaries and reject rows).

    ``from_sql`` (with bound ``params``) is a FROM-clause item in the loader's connection whose
    columns are ``columns`` (same order as ``headers``); a column the caller said not to keep
    (personal data) may be absent from it. The data row at position ``i`` (0-based, in file
    order) is line ``first_line + i`` of the file as a person counts it in Excel; Parquet and JSON
    records are numbered from 1. When ``lines`` is set (a CSV with blank lines or cells spanning
    lines), data row ``i`` starts on line ``lines[i]`` instead.
    """

    path: Path
    headers: list[str]
    columns: list[str]
    from_sql: str
    params: list
    first_line: int
    lines: list[int] | None = None


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Expand directories and glob patterns into a sorted list of supported files."""
    out: list[Path] = []
    for raw in paths:
        text = str(raw)
        path = Path(text)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED)
            if not found:
                raise FileRefused(f"{path}: thư mục không có tệp .xlsx/.csv/.parquet/.json nào")
            out.extend(found)
        elif any(ch in text for ch in "*?["):
            found = sorted(Path(p) for p in glob.glob(text, recursive=True))
            found = [p for p in found if p.is_file() and p.suffix.lower() in SUPPORTED]
            if not found:
                raise FileRefused(f"{text}: không có tệp nào khớp mẫu")
            out.extend(found)
        else:
            if not path.is_file():
                raise FileRefused(f"{path}: không tìm thấy tệp")
            out.append(path)
    return out


def sha256(path: Path) -> str:
    """Return the hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def open_source(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    is_header: Callable[[list[str]], bool],
    keep: Callable[[str], bool],
    encoding: str | None = None,
    sheet: str | None = None,
    workdir: Path,
) -> Source:
    """Open ``path`` as a :class:`Source`.

    ``is_header`` recognises the header row among the first rows; ``keep`` says which headers
    may be read at all (personal-data columns are never materialised). Raises
    :class:`FileRefused` with a one-line reason when the file cannot be read.
    """
    ext = path.suffix.lower()
    try:
        if ext in EXCEL_EXT:
            return _open_excel(con, path, is_header=is_header, keep=keep, sheet=sheet)
        if ext in CSV_EXT:
            return _open_csv(con, path, is_header=is_header, encoding=encoding, workdir=workdir)
        if ext in PARQUET_EXT:
            return _open_columnar(con, path, "read_parquet")
        if ext in JSON_EXT:
            return _open_columnar(con, path, "read_json")
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0]
        raise FileRefused(f"{path.name}: không đọc được tệp ({first})") from exc
    raise FileRefused(f"{path.name}: định dạng {ext or '(không đuôi)'} không được hỗ trợ")


# --- Excel -------------------------------------------------------------------------------------


def _cell_text(value: object) -> str | None:
    """Text of one spreadsheet cell as the SQL parsers expect it."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        # Beyond 15 digits Excel has already rounded the number: keep the scientific form so
        # that an id column rejects it instead of storing a wrong id.
        return f"{value:.15g}"
    return str(value)


def _open_excel(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    is_header: Callable[[list[str]], bool],
    keep: Callable[[str], bool],
    sheet: str | None,
) -> Source:
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise FileRefused(f"{path.name}: không mở được bảng tính ({exc})") from exc
    try:
        if sheet is not None:
            if sheet not in workbook.sheet_names:
                names = ", ".join(workbook.sheet_names)
                raise FileRefused(f"{path.name}: không có trang tính '{sheet}' (có: {names})")
            rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        else:
            rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    finally:
        workbook.close()
    header_idx = None
    for idx, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        if is_header([_cell_text(c) or "" for c in row]):
            header_idx = idx
            break
    if header_idx is None:
        raise FileRefused(f"{path.name}: không tìm thấy dòng tiêu đề có tên cột quen thuộc")
    headers = [nfc(_cell_text(c) or "") for c in rows[header_idx]]
    body = rows[header_idx + 1 :]
    columns = [f"c{i}" for i in range(len(headers))]
    kept = [i for i, h in enumerate(headers) if keep(h)]
    arrays = [
        pa.array([_cell_text(r[i]) if i < len(r) else None for r in body], type=pa.string())
        for i in kept
    ]
    table = pa.Table.from_arrays(arrays, names=[columns[i] for i in kept])
    con.register("src_arrow", table)
    # Row i of `rows` is sheet row i + 1.
    return Source(path, headers, columns, "src_arrow", [], first_line=header_idx + 2)


# --- CSV ---------------------------------------------------------------------------------------


def _detect_encoding(path: Path, declared: str | None) -> str:
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if declared:
        try:
            return codecs.lookup(declared).name
        except LookupError as exc:
            raise FileRefused(f"{path.name}: không biết bảng mã '{declared}'") from exc
    return "utf-8"


def _transcode(path: Path, encoding: str, workdir: Path) -> Path:
    """Copy ``path`` to UTF-8 in ``workdir`` (streamed), for encodings DuckDB does not read."""
    fd, name = tempfile.mkstemp(suffix=".csv", dir=workdir)
    out = Path(name)
    try:
        with (
            path.open("r", encoding=encoding, newline="") as src,
            open(fd, "w", encoding="utf-8", newline="") as dst,
        ):
            while chunk := src.read(1 << 20):
                dst.write(chunk)
    except UnicodeDecodeError as exc:
        raise FileRefused(f"{path.name}: không giải mã được theo bảng mã {encoding}") from exc
    return out


def _open_csv(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    is_header: Callable[[list[str]], bool],
    encoding: str | None,
    workdir: Path,
) -> Source:
    enc = _detect_encoding(path, encoding)
    readable = path if enc == "utf-8" else _transcode(path, enc, workdir)
    with readable.open("r", encoding="utf-8-sig", errors="strict", newline="") as fh:
        try:
            sample_lines = [line for _, line in zip(range(HEADER_SCAN_ROWS), fh, strict=False)]
        except UnicodeDecodeError as exc:
            raise FileRefused(
                f"{path.name}: tệp không phải UTF-8; nếu xuất từ phần mềm cũ, thêm "
                "--encoding windows-1258"
            ) from exc
    if not sample_lines:
        raise FileRefused(f"{path.name}: tệp rỗng")
    sample = "".join(sample_lines)
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(sample), delimiter=delimiter)
    header_row: list[str] | None = None
    lines_before = 0  # physical lines above the header (a quoted cell may span lines)
    for row in reader:
        if is_header(row):
            header_row = row
            break
        lines_before = reader.line_num
    if header_row is None:
        raise FileRefused(f"{path.name}: không tìm thấy dòng tiêu đề có tên cột quen thuộc")
    headers = [nfc(h) for h in header_row]
    columns = [f"c{i}" for i in range(len(headers))]
    spec = ", ".join(f"'{c}': 'VARCHAR'" for c in columns)
    from_sql = (
        "read_csv(?, header = true, auto_detect = false, delim = ?, quote = '\"', escape = '\"',"
        f" skip = ?, null_padding = true, columns = {{{spec}}})"
    )
    params = [str(readable), delimiter, lines_before]
    try:
        # fetchall, not fetchone: a partly fetched result blocks `register` (DuckDB 2).
        count = con.execute(f"SELECT count(*) FROM {from_sql}", params).fetchall()[0][0]
    except duckdb.Error as exc:
        text = str(exc)
        if "utf" in text.lower() or "unicode" in text.lower():
            raise FileRefused(
                f"{path.name}: tệp có ký tự không phải UTF-8; thêm --encoding windows-1258"
            ) from exc
        if "quoted new lines" not in text:
            raise
        # A cell spanning lines (a comment typed with Enter): DuckDB's parallel scanner cannot
        # pad short rows across quoted newlines, its single-threaded one can.
        from_sql = from_sql[:-1] + ", parallel = false)"
        count = con.execute(f"SELECT count(*) FROM {from_sql}", params).fetchall()[0][0]
    lines = _record_lines(readable, delimiter, header_line=lines_before + 1, records=count)
    return Source(
        path, headers, columns, from_sql, params, first_line=lines_before + 2, lines=lines
    )


def _record_lines(
    path: Path, delimiter: str, *, header_line: int, records: int
) -> list[int] | None:
    """Return the line on which each data record starts, or None when record ``i`` is on line
    ``header_line + 1 + i``.

    DuckDB skips blank lines and counts a cell spanning lines as one record, so its row order
    alone does not give the line a person sees. Counting newlines (fast) tells whether the file
    is regular; only an irregular file is walked with the csv module.
    """
    newlines = 0
    last = b"\n"
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 22), b""):
            newlines += chunk.count(b"\n")
            last = chunk[-1:]
    physical = newlines + (0 if last == b"\n" else 1)
    if physical - header_line == records:
        return None
    starts: list[int] = []
    with path.open("r", encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        previous = 0
        for row in reader:
            start, previous = previous + 1, reader.line_num
            if start > header_line and row:
                starts.append(start)
    return starts if len(starts) == records else None


# --- Parquet and JSON --------------------------------------------------------------------------


def _open_columnar(con: duckdb.DuckDBPyConnection, path: Path, func: str) -> Source:
    names = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {func}(?)", [str(path)]).fetchall()]
    if func == "read_json":
        # Read every field as text: no guessed (possibly month-first) date types.
        spec = ", ".join("'" + n.replace("'", "''") + "': 'VARCHAR'" for n in names)
        inner = f"read_json(?, columns = {{{spec}}})"
    else:
        inner = "read_parquet(?)"
    columns = [f"c{i}" for i in range(len(names))]
    proj = ", ".join(
        'CAST("' + n.replace('"', '""') + f'" AS VARCHAR) AS {c}'
        for n, c in zip(names, columns, strict=True)
    )
    from_sql = f"(SELECT {proj} FROM {inner})"
    headers = [nfc(n) for n in names]
    return Source(path, headers, columns, from_sql, [str(path)], first_line=1)
