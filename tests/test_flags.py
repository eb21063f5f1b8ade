"""Flag columns (metrics §3, data-contract §1): a yes/no column a file provides is a fact for
every row of that file, a blank cell meaning "no"; only a column the file lacks makes the flag
unknown (NULL, the metric "no data").

Real loader, real warehouse (``tests/conftest.py``); every flag of every kind comes from
``etl.columns`` so a new flag column is tested without being listed here. Expected rates are
counted by hand.
"""

from __future__ import annotations

import csv
import importlib
import io
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import flask
import pytest
from dash.testing import ignore_register_page

from etl.columns import KINDS, Kind
from etl.loader import load_files
from kpi.db import cursor
from kpi.metrics import Filters, summary
from kpi.periods import Period
from tests.test_overview_page import find, text, walk
from ui.definitions import known_note

BAD_BOOL = "giá trị có/không không hợp lệ"
NOW = datetime(2026, 11, 20, 9, 0)
OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31))
CUA_NAM = "00073"

# The columns that make a minimal valid record of each kind (header → value).
BASE: dict[str, dict[str, str]] = {
    "dossiers": {"Mã hồ sơ": "", "Mã xã": CUA_NAM, "Ngày tiếp nhận": "05/10/2026 08:00"},
    "petitions": {"Mã phản ánh": "", "Mã xã": CUA_NAM, "Ngày tiếp nhận": "05/10/2026 08:00"},
    "procedures": {"Mã TTHC": "", "Thời hạn giải quyết": "5"},
}
# (cell, stored) for every flag; paid_online also takes the national sync code 2.
CELLS: list[tuple[str, bool]] = [
    ("x", True), ("X", True), ("1", True), ("Có", True), ("true", True),
    ("", False), ("   ", False), ("0", False), ("Không", False), ("false", False),
]  # fmt: skip
FLAGS = [
    pytest.param(kind, flag, id=f"{kind.name}-{flag}")
    for kind in KINDS.values()
    for flag in kind.flags
]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    """A CSV file of ``rows`` (the first is the header)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def fetch(db: Path, sql: str) -> list[tuple]:
    """The rows of ``sql`` on the warehouse file ``db``."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def records_file(path: Path, kind: Kind, ids: list[str], extra: dict[str, list[str]]) -> Path:
    """A file of ``kind``: a minimal record per id, and the ``extra`` columns (header → cells)."""
    base = BASE[kind.name]
    key_header = next(iter(base))
    header = [*base, *extra]
    rows = [header]
    for i, record_id in enumerate(ids):
        rows.append([record_id, *list(base.values())[1:], *(cells[i] for cells in extra.values())])
    assert key_header == kind.aliases[kind.key][0]
    return write_csv(path, rows)


@pytest.mark.parametrize(("kind", "flag"), FLAGS)
def test_every_flag_reads_a_blank_cell_as_no_and_a_missing_column_as_unknown(
    tmp_path: Path, warehouse: Path, kind: Kind, flag: str
) -> None:
    header = kind.aliases[flag][0]
    cells = [*CELLS, *([("2", True)] if flag == "paid_online" else []), ("maybe", False)]
    ids = [f"F{i:02d}" for i in range(len(cells))]
    with_column = records_file(
        tmp_path / "with.csv", kind, ids, {header: [cell for cell, _ in cells]}
    )
    # A wholly blank line between records is no record, even with a flag column in the file.
    text = with_column.read_text(encoding="utf-8").splitlines(keepends=True)
    blank = "," * len(BASE[kind.name]) + "\r\n"  # every cell empty, the flag's too
    with_column.write_text("".join([*text[:3], blank, *text[3:]]), encoding="utf-8")
    without = records_file(tmp_path / "without.csv", kind, ["G01", "G02"], {})
    batch = load_files([with_column, without], db=warehouse)
    assert batch.ok, batch.message
    counted = [(f.rows_read, f.inserted, f.rejected) for f in batch.files]
    assert counted == [(len(cells), len(cells) - 1, 1), (2, 2, 0)]
    stored = dict(fetch(warehouse, f'SELECT "{kind.key}", "{flag}" FROM {kind.name}'))
    expected = {record_id: value for record_id, (_, value) in zip(ids, cells, strict=True)}
    del expected[ids[-1]]  # "maybe": rejected, not stored
    assert stored == {**expected, "G01": None, "G02": None}
    # "maybe" is the last record, on the file's last line: header, 10 or 11 records, a blank line.
    assert fetch(
        warehouse, 'SELECT row_number, "column", value, reason FROM etl_rejects ORDER BY 1'
    ) == [(len(cells) + 2, header, "maybe", BAD_BOOL)]


# --- the rate over the dossiers whose flag is known -------------------------------------------

HEADER = ["Mã hồ sơ", "Mã xã", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày có kết quả"]


def dossier_file(
    path: Path, prefix: str, cells: list[str] | None, flag: str = "TTHC không chờ"
) -> Path:
    """October dossiers of Phường Cửa Nam, resolved the day they came, one per cell of the
    ``flag`` column; ``cells=None``: 3 dossiers from a file without that column."""
    values = cells if cells is not None else ["", "", ""]
    rows = [[*HEADER, *([flag] if cells is not None else [])]]
    for i, cell in enumerate(values):
        day = 5 + i % 20
        row = [f"{prefix}{i:03d}", CUA_NAM, f"{day:02d}/10/2026 08:00", f"{day:02d}/10/2026",
               f"{day:02d}/10/2026 09:00"]  # fmt: skip
        rows.append([*row, cell] if cells is not None else row)
    return write_csv(path, rows)


def no_wait_figures(db: Path) -> dict[str, Any]:
    """Received, the "không chờ" count, its known count and share in October, for Cửa Nam."""
    with cursor(db) as cur:
        row = summary(cur, period=OCTOBER, filters=Filters("01", ward_codes=(CUA_NAM,)), now=NOW)
    return {k: row[k] for k in ("received", "no_wait", "no_wait_known", "no_wait_share")}


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"HB": ["x", "", "", "x", "", "x", "", ""]},
            {"received": 8, "no_wait": 3, "no_wait_known": 8, "no_wait_share": 3 / 8},
            id="x-and-blank",
        ),
        pytest.param(
            {"HB": ["Có", "Không", "Không", "Không", "Có"]},
            {"received": 5, "no_wait": 2, "no_wait_known": 5, "no_wait_share": 2 / 5},
            id="co-and-khong",
        ),
        pytest.param(
            {"NO": None},
            {"received": 3, "no_wait": 0, "no_wait_known": 0, "no_wait_share": None},
            id="column-absent",
        ),
        # 4 dossiers from a file with the column (1 "x"), 3 from one without: 1 / 4, not 1 / 7.
        pytest.param(
            {"HB": ["", "x", "", ""], "NO": None},
            {"received": 7, "no_wait": 1, "no_wait_known": 4, "no_wait_share": 1 / 4},
            id="mixed-files",
        ),
    ],
)
def test_no_wait_share_is_over_the_dossiers_of_files_that_have_the_column(
    tmp_path: Path, warehouse: Path, files: dict[str, list[str] | None], expected: dict[str, Any]
) -> None:
    paths = [dossier_file(tmp_path / f"{p}.csv", p, cells) for p, cells in files.items()]
    batch = load_files(paths, db=warehouse)
    assert batch.ok, batch.message
    assert [f.rejected for f in batch.files] == [0] * len(paths)
    assert no_wait_figures(warehouse) == expected


# --- the page says when a rate is over the dossiers of some files only ------------------------


@pytest.mark.parametrize(
    ("known", "population", "lang", "note"),
    [
        (4_063, 5_000, "vi", "trên 4.063 hồ sơ có dữ liệu"),
        (4_063, 5_000, "en", "of 4,063 dossiers with data"),
        (4_063, 4_063, "vi", None),  # every file had the column
        (0, 4_063, "vi", None),  # none had it: the rate itself is "no data"
        (None, 4_063, "vi", None),
    ],
)
def test_known_note_is_said_only_when_some_files_lacked_the_column(
    known: int | None, population: int, lang: str, note: str | None
) -> None:
    cookie = {"Cookie": f"motcua_lang={lang}"}
    with flask.Flask(__name__).test_request_context(headers=cookie):
        assert known_note(known, population) == note


def index_row(tree: Any, code: str) -> str:
    """The text of the ward page's 766 table row of indicator ``code``."""
    rows = [text(r) for r in walk(find(tree, "ward-index")) if type(r).__name__ == "Tr"]
    return next(r for r in rows if r.startswith(f"{code} "))


@pytest.mark.parametrize(
    ("files", "digitized"),
    [
        # 4 dossiers from a file with "Đã số hóa" (2 "x", 2 blank), 3 from a file without it.
        (
            {"HB": ["x", "", "x", ""], "NO": None},
            "4.2 Tỷ lệ số hóa hồ sơ 50,00% trên 4 hồ sơ có dữ liệu 100% 2,00 4 2,00",
        ),
        # every dossier's file had the column: 2 of 4, nothing to say
        ({"HB": ["x", "", "x", ""]}, "4.2 Tỷ lệ số hóa hồ sơ 50,00% 100% 2,00 4 2,00"),
    ],
)
def test_ward_page_says_a_digitised_rate_is_over_the_files_that_had_the_column(
    tmp_path: Path, warehouse: Path, files: dict[str, list[str] | None], digitized: str
) -> None:
    paths = [dossier_file(tmp_path / f"{p}.csv", p, c, "Đã số hóa") for p, c in files.items()]
    assert load_files(paths, db=warehouse).ok
    with ignore_register_page():
        ward = importlib.import_module("pages.ward")
    tree = ward.layout(ward_code=CUA_NAM, **{"from": "2026-10-01", "to": "2026-10-31"})
    assert index_row(tree, "4.2").startswith(digitized)
