"""Due soon on the overview (the count, the league column) and the ward page (the count and the
list, the Excel sheet), layouts and callbacks called as functions, on the warehouse of
tests/due_soon_fixture.py built by the real loader.

The pages run on the real clock, later than every record: April 2026 is judged at its newest
record, Tuesday 28/4 10:00 (D15's end), when the next two working days are Wednesday 29/4 and
Monday 4/5 (30/4 to 3/5 are days off):

- Ba Đình: D05, D12, D14, D16 (due 28/4, 0 working days left), D06 (29/4, 1), D07 (30/4, a
  holiday: 1), D08, D13 (4/5, 2) → 8; Ngọc Hà: N01 (29/4, 1) → 1; the city 9.
- 1–23/4, a period already over, is judged at its end (Thursday 23/4 23:59:59.999999; next
  working days Friday 24/4, Tuesday 28/4): Ba Đình D02, D01, D03, D04 (1 left), D05, D11, D12,
  D14, D15 (2 left) → 9; Ngọc Hà N02 (due that very instant, 0 left) → 1; the city 10.
"""

from __future__ import annotations

import base64
import importlib
import io
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from dash.testing import ignore_register_page
from openpyxl import load_workbook

from etl.loader import load_files
from tests.due_soon_fixture import FILES
from tests.grids import grid_texts
from tests.test_overview_page import find, inline_text, league_rows, run_callback, walk

APRIL = {"from": "2026-04-01", "to": "2026-04-30"}
TO_23_APRIL = {"from": "2026-04-01", "to": "2026-04-23"}
CLOSED_LINE = "Sắp đến hạn tại cuối kỳ (trong 2 ngày làm việc sau ngày 23/04/2026): {n} hồ sơ"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("due-soon-pages")
    paths = []
    for name, content in FILES.items():
        (directory / name).write_text(content, encoding="utf-8")
        paths.append(directory / name)
    db = directory / "motcua.duckdb"
    assert load_files(paths, db=db).ok
    return db


@pytest.fixture
def loaded(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch, clean_settings: None
) -> Iterator[Path]:
    monkeypatch.setenv("MOTCUA_DB", str(warehouse))
    monkeypatch.setenv("MOTCUA_PROVINCE", "01")
    yield warehouse


@pytest.fixture(scope="module")
def overview() -> ModuleType:
    with ignore_register_page():
        return importlib.import_module("pages.overview")


@pytest.fixture(scope="module")
def ward() -> ModuleType:
    with ignore_register_page():
        return importlib.import_module("pages.ward")


def table_rows(grid: Any) -> list[list[str]]:
    """The list's rows as the grid draws them: sorted by the due time, soonest first (the
    header says so), which is already the rows' order (ties in it: ``name_order``)."""
    assert [(c["field"], c["sort"]) for c in grid.columnDefs if "sort" in c] == [("due", "asc")]
    order = [(r["due"], r["name_order"]) for r in grid.rowData]
    assert order == sorted(order)
    return grid_texts(grid)


@pytest.mark.parametrize(
    ("query", "line"),
    [
        (APRIL, "Sắp đến hạn (trong 2 ngày làm việc tới): 9 hồ sơ"),
        ({**APRIL, "ward": "00004"}, "Sắp đến hạn (trong 2 ngày làm việc tới): 8 hồ sơ"),
        ({**APRIL, "field": "Đất đai"}, "Sắp đến hạn (trong 2 ngày làm việc tới): 5 hồ sơ"),
        (TO_23_APRIL, CLOSED_LINE.format(n=10)),
        ({**TO_23_APRIL, "ward": "00008"}, CLOSED_LINE.format(n=1)),
    ],
)
def test_overview_counts_the_dossiers_due_soon(
    overview: ModuleType, loaded: Path, query: dict[str, str], line: str
) -> None:
    tree = overview.layout(**query)
    shown = find(tree, "overview-due-soon")
    assert inline_text(shown) == line
    link = next(n for n in walk(shown) if type(n).__name__ == "A")
    assert link.href == "/phuong-phap#methodology-due-soon"


def test_overview_count_follows_the_setting(
    overview: ModuleType, loaded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One working day (before Monday 4/5): Ba Đình D05, D12, D14, D16, D06, D07; Ngọc Hà N01."""
    monkeypatch.setenv("MOTCUA_DUE_SOON_DAYS", "1")
    tree = overview.layout(**APRIL)
    assert inline_text(find(tree, "overview-due-soon")) == (
        "Sắp đến hạn (trong 1 ngày làm việc tới): 7 hồ sơ"
    )
    rows = {r[1]: r[8] for r in league_rows(tree)}
    assert (rows["Phường Ba Đình"], rows["Phường Ngọc Hà"]) == ("6", "1")


def test_league_has_a_sortable_due_soon_column(overview: ModuleType, loaded: Path) -> None:
    tree = overview.layout(**APRIL)
    grid = find(tree, "overview-league-grid")
    header = [(spec["headerName"], spec["sortingOrder"][0]) for spec in grid.columnDefs]
    # First click on "due soon": most first (where the next late dossiers come from).
    assert header[7:10] == [
        ("Đang quá hạn", "desc"), ("Sắp đến hạn", "desc"), ("Thay đổi hạng", "desc"),
    ]  # fmt: skip
    rows = league_rows(tree)
    # Ba Đình: received 16 (D01–D16), completed 2 (D11, D15 at 10:00 on 28/4); overdue 5
    # (D01–D04, D10), due soon 8. Ngọc Hà: received 2, overdue 1 (N02), due soon 1.
    by_name = {r[1]: r for r in rows}
    assert by_name["Phường Ba Đình"][2:4] + by_name["Phường Ba Đình"][7:9] == [
        "16", "2", "5 ✗", "8",
    ]  # fmt: skip
    assert by_name["Phường Ngọc Hà"][7:9] == ["1 ✗", "1"]
    assert {r[8] for r in rows if r[2] == "—"} == {"—"}  # the 124 wards without data
    # The raw counts sort in the browser (the browser tests check the order).
    values = {r["ward_name"]: r["due_soon"] for r in grid.rowData}
    assert (values["Phường Ba Đình"], values["Phường Ngọc Hà"]) == (8, 1)


def test_overview_export_has_the_due_soon_column(overview: ModuleType, loaded: Path) -> None:
    data = run_callback(
        overview.export, "overview-export-xlsx.n_clicks", 1, None, "?from=2026-04-01&to=2026-04-30"
    )
    book = load_workbook(io.BytesIO(base64.b64decode(data["content"])))
    head = [list(r) for r in book["Chỉ tiêu"].iter_rows(values_only=True)]
    header = next(r for r in head if r[0] == "Kỳ")
    current = next(r for r in head if r[0] == "Kỳ này")
    assert current[header.index("Sắp đến hạn")] == 9
    league = [list(r) for r in book["Xếp hạng phường, xã"].iter_rows(values_only=True)]
    header = next(r for r in league if r[0] == "Hạng")
    column = header.index("Sắp đến hạn")
    counts = {r[2]: r[column] for r in league if r[2] in ("Phường Ba Đình", "Phường Ngọc Hà")}
    assert counts == {"Phường Ba Đình": 8, "Phường Ngọc Hà": 1}


def _section_ids(tree: Any) -> list[str]:
    return [n.id for n in walk(tree) if type(n).__name__ == "Section"]


def test_ward_page_lists_them_just_before_the_late_list(ward: ModuleType, loaded: Path) -> None:
    tree = ward.layout(ward_code="00004", **TO_23_APRIL)
    ids = _section_ids(tree)
    assert ids.index("ward-due-soon-section") + 1 == ids.index("ward-late-section")
    section = find(tree, "ward-due-soon-section")
    assert inline_text(find(section, "ward-due-soon")) == CLOSED_LINE.format(n=9)
    assert inline_text(find(section, "ward-due-soon-note")).startswith(
        "9/9 hồ sơ, hạn sớm nhất trước. Số ngày làm việc còn lại: số ngày làm việc từ sau ngày "
        "tính (cuối kỳ (23/04/2026)) đến hết ngày"
    )
    table = find(section, "ward-due-soon-list")
    head = [spec["headerName"] for spec in table.columnDefs]
    # The id, the due time and the days left first: a phone shows them without scrolling. A due
    # date given without a time reads as the day alone, as in the late list and the export.
    assert head == ["Mã hồ sơ", "Hạn giải quyết", "Số ngày làm việc còn lại", "Thủ tục", "Lĩnh vực"]
    birth, land = ["Đăng ký khai sinh", "Hộ tịch"], ["Cấp giấy chứng nhận", "Đất đai"]
    assert table_rows(table) == [
        ["D02", "12:00 24/04/2026", "1", *birth],
        ["D01", "24/04/2026", "1", *birth],
        ["D03", "25/04/2026", "1", *birth],
        ["D04", "27/04/2026", "1", *land],
        ["D05", "28/04/2026", "2", *land],
        ["D11", "28/04/2026", "2", *birth],
        ["D12", "28/04/2026", "2", *land],
        ["D14", "28/04/2026", "2", "Chứng thực hợp đồng", "Chứng thực"],
        ["D15", "28/04/2026", "2", *birth],
    ]


def test_ward_page_current_period_at_the_newest_record(ward: ModuleType, loaded: Path) -> None:
    tree = ward.layout(ward_code="00004", **APRIL)
    section = find(tree, "ward-due-soon-section")
    assert inline_text(find(section, "ward-due-soon")) == (
        "Sắp đến hạn (trong 2 ngày làm việc tới): 8 hồ sơ"
    )
    assert "tính (10:00 28/04/2026)" in inline_text(find(section, "ward-due-soon-note"))
    rows = table_rows(find(section, "ward-due-soon-list"))
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("D05", "28/04/2026", "0"),
        ("D12", "28/04/2026", "0"),
        ("D14", "28/04/2026", "0"),
        ("D16", "28/04/2026", "0"),
        ("D06", "29/04/2026", "1"),
        ("D07", "30/04/2026", "1"),
        ("D08", "04/05/2026", "2"),
        ("D13", "04/05/2026", "2"),
    ]


def test_ward_page_without_dossiers_due_soon_says_so(ward: ModuleType, loaded: Path) -> None:
    """Ngọc Hà in February: T01–T06 ended on 27/2, nothing is open at the end of the month."""
    tree = ward.layout(ward_code="00008", **{"from": "2026-02-01", "to": "2026-02-28"})
    section = find(tree, "ward-due-soon-section")
    assert inline_text(find(section, "ward-due-soon-none")) == "Không có hồ sơ sắp đến hạn."
    assert inline_text(find(section, "ward-due-soon")) == (
        "Sắp đến hạn tại cuối kỳ (trong 2 ngày làm việc sau ngày 28/02/2026): 0 hồ sơ"
    )
    assert not [n for n in walk(section) if type(n).__name__ in ("Table", "AgGrid")]


def test_ward_filter_callback_narrows_the_list(ward: ModuleType, loaded: Path) -> None:
    out = run_callback(
        ward.update, "ward-field.value", "custom", "2026-04-01", "2026-04-30", "Đất đai", "all",
        "/phuong/00004",
    )  # fmt: skip
    content = out[-1]
    assert inline_text(find(content, "ward-due-soon")) == (
        "Sắp đến hạn (trong 2 ngày làm việc tới): 5 hồ sơ"
    )
    rows = table_rows(find(content, "ward-due-soon-list"))
    assert [r[0] for r in rows] == ["D05", "D12", "D07", "D08", "D13"]


def test_ward_export_has_the_due_soon_sheet(ward: ModuleType, loaded: Path) -> None:
    search = "?from=2026-04-01&to=2026-04-23"
    data = run_callback(ward.export, "ward-export-xlsx.n_clicks", 1, None, "/phuong/00004", search)
    book = load_workbook(io.BytesIO(base64.b64decode(data["content"])))
    sheet = book["Sắp đến hạn"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r[0] == "Mã hồ sơ")
    assert rows[start] == [
        "Mã hồ sơ", "Lĩnh vực", "Mã thủ tục", "Thủ tục", "Hạn giải quyết",
        "Số ngày làm việc còn lại",
    ]  # fmt: skip
    body = rows[start + 1 :]
    assert [r[0] for r in body] == ["D02", "D01", "D03", "D04", "D05", "D11", "D12", "D14", "D15"]
    assert body[0][1:] == ["Hộ tịch", "HT1", "Đăng ký khai sinh", datetime(2026, 4, 24, 12, 0), 1]
    assert body[7][1:4] == ["Chứng thực", "CT5", "Chứng thực hợp đồng"]
    assert body[7][5] == 2
    assert sheet.cell(start + 2, 5).number_format == "dd/mm/yyyy hh:mm"
