"""The fields page (pages/fields.py, kpi/fields.py, ui/fields.py) on a warehouse built by the
real loader from ``tests/fields_fixture.py``; layouts and callbacks called as functions.

October 2026, counted by hand (due dates end of day; "early" = ended on a day before the due
day; as of 31/10 24:00, data up to F11's 10:00 03/11/2026):

- Đất đai: F01 (due 10/10, ended 15/10: late, inter-agency), F02 (due 12/10, ended 20/10: late,
  inter-agency), F03 (due 09/10, ended 08/10: early), F04 (due 20/10, open: overdue), F05 (due
  14/10, ended 16/10: late) → received 5, completed 4, to process 5, on-time 1/5 = 20,00%,
  resolved on time 1/4 = 25,00%, late 3, overdue 1, late + overdue 4, late inter-agency 2,
  online F01, F03 → 2/5 = 40,00%, full online F01 → 20,00%.
- Hộ tịch: F06 (ended on its due day: on time), F07 (early), F08 (late, inter-agency); F11 is
  November → received 3, completed 3, on-time 2/3 = 66,67%, resolved 66,67%, late 1, overdue 0,
  late + overdue 1, inter-agency 1, online F06, F07 → 66,67%.
- Chứng thực: F09 (on time), F10 (no code, open, due 05/11: in time) → received 2, completed 1,
  on-time 2/2 = 100,00%, resolved 1/1 = 100,00%, nothing late, online 0,00%.
- Late + overdue of every field: 4 + 1 + 0 = 5; Đất đai holds 4/5 = 80%.
- Procedures of Đất đai: 1.001193 (F01–F03): received 3, to process 3, on-time 1/3 = 33,33%,
  late 2, overdue 0, total 2, inter-agency 2, online 2/3 = 66,67%, full online 1/3 = 33,33%;
  1.004227 (F04, F05): received 2, to process 2, on-time 0/2 = 0,00%, late 1, overdue 1, total
  2, inter-agency 0, online 0,00%. Both hold 2 of 4 (50% each); the larger volume first.
- Wards of 1.001193: Ba Đình (F01, F02): received 2, on-time 0,00%, late 2, inter-agency 2,
  online 1/2 = 50,00%, full online 50,00%; Ngọc Hà (F03): received 1, on-time 100,00%, late 0,
  online 100,00%, full online 0,00% (level 3).
"""

from __future__ import annotations

import base64
import importlib
import io
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import openpyxl
import pytest
from dash.testing import ignore_register_page

from etl.loader import load_files
from kpi.db import cursor
from kpi.fields import drill_table, worst
from kpi.metrics import Filters, records
from kpi.periods import Period
from kpi.reference import procedures
from tests.fields_fixture import FIELDS_DOSSIERS
from tests.grids import grid_texts
from tests.test_overview_page import alerts_in, find, inline_text, run_callback, text, walk
from ui.filters import FilterError, Selection, controls_query, parse_query

OCTOBER = {"from": "2026-10-01", "to": "2026-10-31"}
PERIOD = Period(date(2026, 10, 1), date(2026, 10, 31))
WARDS = {"00004": "Phường Ba Đình", "00008": "Phường Ngọc Hà"}


@pytest.fixture(scope="module")
def page() -> ModuleType:
    """The page module, imported without registering it in a Dash app."""
    with ignore_register_page():
        return importlib.import_module("pages.fields")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("fields")
    (directory / "ho_so.csv").write_text(FIELDS_DOSSIERS, encoding="utf-8")
    db = directory / "motcua.duckdb"
    assert load_files([directory / "ho_so.csv"], db=db).ok
    return db


@pytest.fixture
def loaded(built: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("MOTCUA_DB", str(built))
    monkeypatch.setenv("MOTCUA_PROVINCE", "01")
    yield built


def table_rows(tree: Any, table: str) -> list[str]:
    """The rows of a page table as a sighted reader reads them (a badge after its number)."""
    grid = find(tree, f"fields-{table}-grid")
    keys = [spec["field"] for spec in grid.columnDefs]
    return [
        " ".join(
            f"{text} {row[key + '__badge']}" if key + "__badge" in row else text
            for key, text in zip(keys, texts, strict=True)
        )
        for row, texts in zip(grid.rowData, grid_texts(grid), strict=True)
    ]


def row_text(row: Any) -> str:
    """A table row's cells as a sighted reader reads them, one space between cells."""
    return " ".join(inline_text(cell) for cell in row.children)


def links(tree: Any, table: str) -> list[str]:
    return [row["href"] for row in find(tree, f"fields-{table}-grid").rowData if row.get("href")]


def crumbs(tree: Any) -> list[str]:
    """The breadcrumb's items (the divider "›" is drawn by the stylesheet)."""
    items = [n for n in walk(find(tree, "fields-breadcrumb")) if type(n).__name__ == "Li"]
    return [inline_text(item) for item in items]


# --- kpi/fields.py ---------------------------------------------------------------------------

COLUMNS = ["received", "completed", "to_process", "on_time_rate", "late", "overdue",
           "late_total", "late_share", "late_interagency", "late_other", "online_share",
           "full_online_share"]  # fmt: skip


@pytest.mark.parametrize(
    ("filters", "name", "expected"),
    [
        (
            Filters("01"),
            "field",
            [
                ["Đất đai", 5, 4, 5, 1 / 5, 3, 1, 4, 4 / 5, 2, 1, 2 / 5, 1 / 5],
                ["Hộ tịch", 3, 3, 3, 2 / 3, 1, 0, 1, 1 / 5, 1, 0, 2 / 3, 2 / 3],
                ["Chứng thực", 2, 1, 2, 1.0, 0, 0, 0, 0.0, 0, 0, 0.0, 0.0],
            ],
        ),
        (
            Filters("01", field="Đất đai"),
            "procedure_code",
            [
                ["1.001193", 3, 3, 3, 1 / 3, 2, 0, 2, 1 / 2, 2, 0, 2 / 3, 1 / 3],
                ["1.004227", 2, 1, 2, 0.0, 1, 1, 2, 1 / 2, 0, 1, 0.0, 0.0],
            ],
        ),
        (
            Filters("01", field="Chứng thực"),
            "procedure_code",
            [
                # nothing late anywhere: no share of it (no data, not 0)
                [None, 1, 0, 1, 1.0, 0, 0, 0, None, 0, 0, 0.0, 0.0],
                ["2.000815", 1, 1, 1, 1.0, 0, 0, 0, None, 0, 0, 0.0, 0.0],
            ],
        ),
        (
            Filters("01", field="Đất đai", procedure_code="1.001193"),
            "ward_code",
            [
                ["00004", 2, 2, 2, 0.0, 2, 0, 2, 1.0, 2, 0, 1 / 2, 1 / 2],
                ["00008", 1, 1, 1, 1.0, 0, 0, 0, 0.0, 0, 0, 1.0, 0.0],
            ],
        ),
    ],
    ids=["fields", "procedures-of-land", "procedures-without-code", "wards-of-procedure"],
)
def test_drill_table_rows_counted_by_hand(
    loaded: Path, filters: Filters, name: str, expected: list[list[Any]]
) -> None:
    with cursor() as cur:
        frame = drill_table(cur, period=PERIOD, filters=filters)
    assert [list(row.values()) for row in records(frame[[name, *COLUMNS]])] == expected


def test_worst_names_every_tied_group(loaded: Path) -> None:
    with cursor() as cur:
        frame = drill_table(cur, period=PERIOD, filters=Filters("01", field="Đất đai"))
    found = worst(frame, name="procedure_code")
    assert found is not None
    assert (found.names, found.late_total, found.share, found.all_late) == (
        ("1.001193", "1.004227"),
        2,
        0.5,
        4,
    )


def test_procedures_allow_list_is_the_codes_in_the_data(loaded: Path) -> None:
    with cursor() as cur:
        assert procedures(cur) == {
            "1.000656": "Đăng ký khai sinh",
            "1.001193": "Đăng ký đất đai lần đầu",
            "1.004227": "Chuyển mục đích sử dụng đất",
            "2.000815": "Chứng thực bản sao từ bản chính",
        }


# --- ui/filters.py: the procedure parameter --------------------------------------------------


def test_procedure_parameter_is_read_only_by_pages_that_ask_for_it() -> None:
    query = {**OCTOBER, "procedure": "1.001193"}
    assert parse_query(query, wards=WARDS, fields=["Đất đai"]).procedure is None
    chosen = parse_query(query, wards=WARDS, fields=["Đất đai"], procedures=["1.001193"])
    assert chosen.procedure == "1.001193"
    assert chosen.filters().procedure_code == "1.001193"
    assert Selection(PERIOD, field="Đất đai", procedure="1.001193", channel="online").search() == (
        "?from=2026-10-01&to=2026-10-31&field=%C4%90%E1%BA%A5t+%C4%91ai&procedure=1.001193"
        "&channel=online"
    )


@pytest.mark.parametrize("bad", ["9.999999", "1.001193' OR 1=1 --"])
def test_unknown_procedure_is_a_problem_naming_it(bad: str) -> None:
    with pytest.raises(FilterError) as caught:
        parse_query({**OCTOBER, "procedure": bad}, wards=WARDS, fields=[], procedures=["1.001193"])
    assert [p.parameter for p in caught.value.problems] == ["procedure"]
    assert f"procedure={bad!r}" in caught.value.problems[0].message


@pytest.mark.parametrize(
    ("changed", "expected"),
    [("ward", {"period": "last_month", "field": "Đất đai", "procedure": "1.001193"}),
     ("field", {"period": "last_month", "field": "Đất đai"})],
)  # fmt: skip
def test_controls_keep_the_procedure_unless_the_field_changes(
    changed: str, expected: dict[str, str]
) -> None:
    values = {"preset": "last_month", "date_from": None, "date_to": None, "ward": "all"}
    got = controls_query(changed, **values, field="Đất đai", channel="all", procedure="1.001193")
    assert got == expected


# --- the page --------------------------------------------------------------------------------


def test_fields_table_rows_and_the_answer(page: ModuleType, loaded: Path) -> None:
    tree = page.layout(**OCTOBER)
    assert text(find(tree, "fields-answer")) == (
        "Lĩnh vực nhiều hồ sơ trễ nhất: Đất đai (4 hồ sơ quá hạn/trễ hạn, 80% của toàn bộ 5 hồ sơ)."
    )
    assert table_rows(tree, "field") == [
        "Đất đai 5 4 5 20,00% 25,00% 3 1 4 80,00% 2 liên thông 40,00%",
        "Hộ tịch 3 3 3 66,67% 66,67% 1 0 1 20,00% 1 liên thông 66,67%",
        "Chứng thực 2 1 2 100,00% 100,00% 0 0 0 0,00% 0 0,00%",
    ]
    assert links(tree, "field") == [
        "/linh-vuc?from=2026-10-01&to=2026-10-31&field=%C4%90%E1%BA%A5t+%C4%91ai",
        "/linh-vuc?from=2026-10-01&to=2026-10-31&field=H%E1%BB%99+t%E1%BB%8Bch",
        "/linh-vuc?from=2026-10-01&to=2026-10-31&field=Ch%E1%BB%A9ng+th%E1%BB%B1c",
    ]
    assert text(find(tree, "fields-freshness")) == (
        "Dữ liệu đến 10:00 03/11/2026 · Kỳ: 01/10/2026 – 31/10/2026"
    )
    assert crumbs(tree) == ["Tất cả lĩnh vực"]


def test_late_chart_splits_inter_agency_and_has_its_table(page: ModuleType, loaded: Path) -> None:
    tree = page.layout(**OCTOBER)
    figure = find(tree, "fields-late-graph").figure
    assert [(t.name, list(t.y), list(t.x)) for t in figure.data] == [
        ("Quá hạn, có liên thông", ["Đất đai", "Hộ tịch"], [2, 1]),
        ("Quá hạn, không liên thông", ["Đất đai", "Hộ tịch"], [1, 0]),
        ("Đang giải quyết quá hạn", ["Đất đai", "Hộ tịch"], [1, 0]),
    ]
    rows = [n for n in walk(find(tree, "fields-late-table")) if type(n).__name__ == "Tr"]
    assert [row_text(r) for r in rows[1:]] == ["Đất đai 2 1 3 1 4", "Hộ tịch 1 0 1 0 1"]


def test_field_drill_down_lists_its_procedures(page: ModuleType, loaded: Path) -> None:
    tree = page.layout(**OCTOBER, field="Đất đai")
    assert text(find(tree, "fields-answer")) == (
        "Thủ tục nhiều hồ sơ trễ nhất: 1.001193, 1.004227 (2 hồ sơ quá hạn/trễ hạn mỗi nơi, 50% "
        "của toàn bộ 4 hồ sơ)."
    )
    assert table_rows(tree, "procedure") == [
        "1.001193 Đăng ký đất đai lần đầu 3 3 33,33% 2 0 2 2 liên thông 66,67% 33,33%",
        "1.004227 Chuyển mục đích sử dụng đất 2 2 0,00% 1 1 2 0 0,00% 0,00%",
    ]
    assert links(tree, "procedure") == [
        "/linh-vuc?from=2026-10-01&to=2026-10-31&field=%C4%90%E1%BA%A5t+%C4%91ai"
        "&procedure=1.001193",
        "/linh-vuc?from=2026-10-01&to=2026-10-31&field=%C4%90%E1%BA%A5t+%C4%91ai"
        "&procedure=1.004227",
    ]
    assert crumbs(tree) == ["Tất cả lĩnh vực", "Đất đai"]
    online = find(tree, "fields-online-graph").figure
    assert [list(t.x) for t in online.data if t.type == "bar"] == [[66.6667, 0.0]]
    assert online.layout.shapes[0].x0 == 50.0  # the 766 line, from data/index766.toml


def test_procedure_drill_down_lists_the_wards(page: ModuleType, loaded: Path) -> None:
    tree = page.layout(**OCTOBER, field="Đất đai", procedure="1.001193")
    assert table_rows(tree, "ward") == [
        "Phường Ba Đình 2 2 0,00% 2 0 2 2 liên thông 50,00% 50,00%",
        "Phường Ngọc Hà 1 1 100,00% 0 0 0 0 100,00% 0,00%",
    ]
    assert links(tree, "ward") == [
        "/phuong/00004?from=2026-10-01&to=2026-10-31&field=%C4%90%E1%BA%A5t+%C4%91ai",
        "/phuong/00008?from=2026-10-01&to=2026-10-31&field=%C4%90%E1%BA%A5t+%C4%91ai",
    ]
    assert crumbs(tree) == ["Tất cả lĩnh vực", "Đất đai", "1.001193"]
    assert "1.001193 – Đăng ký đất đai lần đầu" in text(find(tree, "fields-content"))


def test_procedure_without_code_is_listed_without_a_link(page: ModuleType, loaded: Path) -> None:
    tree = page.layout(**OCTOBER, field="Chứng thực")
    assert table_rows(tree, "procedure") == [
        "(không có mã)  1 1 100,00% 0 0 0 0 0,00% 0,00%",
        "2.000815 Chứng thực bản sao từ bản chính 1 1 100,00% 0 0 0 0 0,00% 0,00%",
    ]
    assert len(links(tree, "procedure")) == 1
    assert text(find(tree, "fields-answer")) == (
        "Không có hồ sơ quá hạn hoặc đang giải quyết quá hạn trong kỳ."
    )
    assert "Không có hồ sơ quá hạn" in text(find(tree, "fields-late-section"))


@pytest.mark.parametrize(
    ("query", "parameter", "message"),
    [
        (
            {**OCTOBER, "procedure": "9.999999"},
            "procedure",
            "Không tìm thấy thủ tục: procedure='9.999999' không có trong dữ liệu đã nạp.",
        ),
        ({**OCTOBER, "field": "Hàng không"}, "field", "field='Hàng không'"),
    ],
)
def test_invalid_parameter_shows_an_alert_naming_it(
    page: ModuleType, loaded: Path, query: dict[str, str], parameter: str, message: str
) -> None:
    content = find(page.layout(**query), "fields-content")
    alerts = alerts_in(content)
    assert len(alerts) == 1
    problems = [n for n in walk(alerts[0]) if getattr(n, "data-parameter", None)]
    assert [getattr(n, "data-parameter") for n in problems] == [parameter]
    assert message in text(problems[0])


def test_period_without_dossiers_says_so(page: ModuleType, loaded: Path) -> None:
    content = text(
        find(page.layout(**{"from": "2026-01-01", "to": "2026-01-31"}), "fields-content")
    )
    assert "Chưa có dữ liệu cho kỳ này" in content


def test_missing_warehouse_shows_how_to_load_data(
    page: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTCUA_DB", str(tmp_path / "nothing-here.duckdb"))
    tree = page.layout()
    assert "python -m etl demo" in text(find(tree, "fields-content"))
    assert find(tree, "fields-field").disabled is True


def test_choosing_a_field_drills_down_and_keeps_the_filters(page: ModuleType, loaded: Path) -> None:
    controls = ("custom", "2026-10-01", "2026-10-31", "00004", "Đất đai", "all")
    url, *_, content = run_callback(page.update, "fields-field.value", *controls, "?procedure=x")
    assert url == "?from=2026-10-01&to=2026-10-31&ward=00004&field=%C4%90%E1%BA%A5t+%C4%91ai"
    # Ba Đình's Đất đai: 1.001193 (F01, F02 late inter-agency), 1.004227 (F05 late).
    assert table_rows(content, "procedure") == [
        "1.001193 Đăng ký đất đai lần đầu 2 2 0,00% 2 0 2 2 liên thông 50,00% 50,00%",
        "1.004227 Chuyển mục đích sử dụng đất 1 1 0,00% 1 0 1 0 0,00% 0,00%",
    ]


def test_changing_the_period_keeps_the_procedure(page: ModuleType, loaded: Path) -> None:
    controls = ("custom", "2026-10-01", "2026-10-31", "all", "Đất đai", "all")
    search = "?from=2026-09-01&to=2026-10-31&field=x&procedure=1.001193"
    url, *_ = run_callback(page.update, "fields-from.value", *controls, search)
    assert url.endswith("&procedure=1.001193")


def test_a_table_sorts_in_the_browser_from_late_and_overdue_most_first(
    page: ModuleType, loaded: Path
) -> None:
    # First by late + overdue, most first (its header says so); a header click sorts in the
    # browser (the browser tests check the order): rates worst first, counts most first; the
    # procedure's name is not a sort.
    grid = find(page.layout(**OCTOBER, field="Đất đai"), "fields-procedure-grid")
    specs = {spec["field"]: spec for spec in grid.columnDefs}
    assert [k for k, spec in specs.items() if "sort" in spec] == ["late_total"]
    assert specs["late_total"]["sort"] == "desc"
    assert specs["on_time_rate"]["sortingOrder"][0] == "asc"
    assert specs["received"]["sortingOrder"][0] == "desc"
    assert specs["procedure_name"]["sortable"] is False
    assert specs["name"]["comparator"] == {"function": "motcuaByName"}
    assert [r["name_order"] for r in grid.rowData] == [0, 1]


def test_export_has_every_table_of_the_level(page: ModuleType, loaded: Path) -> None:
    search = "?from=2026-10-01&to=2026-10-31&field=%C4%90%E1%BA%A5t+%C4%91ai"
    sent = run_callback(page.export, "fields-export-xlsx.n_clicks", 1, None, search)
    assert sent["filename"] == "motcua-linh-vuc-2026-10-01-2026-10-31.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(sent["content"])))
    assert book.sheetnames == ["Thông tin", "Thủ tục của lĩnh vực", "Trực tuyến theo thủ tục"]
    sheet = book["Thủ tục của lĩnh vực"]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert values[0][:9] == ["1.001193", "Đăng ký đất đai lần đầu", 3, 3, 1 / 3, 2, 0, 2, 2]
    sent = run_callback(page.export, "fields-export-csv.n_clicks", None, 1, search)
    assert sent["filename"].endswith(".zip")
    names = zipfile.ZipFile(io.BytesIO(base64.b64decode(sent["content"]))).namelist()
    assert len(names) == 2
