"""The satisfaction page (pages/satisfaction.py): layout and callbacks called as functions.

The warehouse is built by the real loader from tests/satisfaction_fixture.py. October 2026,
counted by hand:

- ratings: Ba Đình R01–R12 (5, 5, 5, 5, 4, 4, 4, 3, 2, 1, 5, 4), Ngọc Hà R21 (5), R22 (4) →
  city 14 ratings; levels 1: 1, 2: 1, 3: 1, 4: 5, 5: 6 (shares 7,14% · 7,14% · 7,14% · 35,71% ·
  42,86%); satisfied (≥ 4) 11 → 11/14 = 78,57% (red: below the 80% amber line of the 90%
  target); mean (5·6 + 4·5 + 3 + 2 + 1)/14 = 56/14 = 4,00. Rated dossiers D01–D07, D09, E01 = 9
  (R08, R11 have none; D01, D02, E01 twice) of 10 completed (D01–D09, E01) → 90,00%.
- SIPAS (R01, R02, R03 only): access (5 + 4 + 3)/3 = 4,00; procedure (4 + 3)/2 = 3,50; staff
  (5 + 4)/2 = 4,50; result (5 + 4)/2 = 4,50; feedback: none → "chưa có dữ liệu".
- previous period (September, 01/09–30/09, metrics §6): R30 alone (4) → 1 rating, 100%,
  mean 4; nothing completed. Changes: ratings (14 − 1)/1 → +1.300,0%; satisfied 78,57 − 100
  → −21,43 points; mean = 0,00; response rate "—". October 2025 is empty: "—" against last
  year.
- trend by week (October is ≤ 92 days): 01/10–04/10 none; 05/10–11/10 R01–R09, R21, R22 → 11,
  satisfied 9 → 81,82%, mean 46/11 = 4,18; 12/10–18/10 R10–R12 (1, 5, 4) → 3, 66,67%, 3,33;
  19/10–25/10 and 26/10–31/10 none.
- 766 (5.4): dossiers with a class 12 (Ba Đình: 8 early, D09 late, D10 overdue; Ngọc Hà: E01
  early, E02 in time); late or overdue 2 (16,67%); not late with a complaint 2 (D01 rated 1 by
  R10, D03 petition T01; D09's rating 2 is late anyway) (16,67%) → 1 − 4/12 = 66,67%; points
  6 × min(1, 0,6667/0,9) = 4,44 of 6. Ba Đình 1 − 4/10 = 60,00%; Ngọc Hà 1 − 0/2 = 100,00%.
- petitions (Ba Đình): T01 handled on time, T02 handled late and unsatisfied, T03 open within
  its due → 3 petitions, on time 2 → 5.2 = 66,67%, 4,00 points; unsatisfied or overdue 1 (T02)
  → 5.3 = 2/3 = 66,67%, 4,00 points.
- ward table: Ba Đình 12 ratings ≥ 10 → rank 1, 9/12 = 75,00%, mean 47/12 = 3,92, rated 8
  (D01–D07, D09) of 9 completed = 88,89%; Ngọc Hà 2 ratings < 10 → "ít đánh giá", no rank,
  100,00%, 4,50, 1/1 = 100,00%, no petition.
"""

from __future__ import annotations

import ast
import base64
import importlib
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import flask
import pytest
from dash.testing import ignore_register_page
from openpyxl import load_workbook
from plotly.utils import PlotlyJSONEncoder

from etl.loader import load_files
from kpi import facts, metrics
from kpi.db import cursor
from kpi.periods import Period
from kpi.satisfaction import trend_grain
from tests.callbacks import page_callbacks
from tests.grids import grid_texts
from tests.satisfaction_fixture import COMMENTS, FILES
from tests.test_overview_page import find, inline_text, run_callback, text, walk
from ui.catalogue import english
from ui.theme import RATING_LABELS

OCTOBER = {"from": "2026-10-01", "to": "2026-10-31"}
SEARCH = "?from=2026-10-01&to=2026-10-31"
TILE_IDS = ("satisfaction-ratings", "satisfaction-satisfied", "satisfaction-mean",
            "satisfaction-response")  # fmt: skip
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def page_module() -> ModuleType:
    """The page module, imported without registering it in a Dash app."""
    with ignore_register_page():
        return importlib.import_module("pages.satisfaction")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("satisfaction")
    paths = []
    for name, content in FILES.items():
        (directory / name).write_text(content, encoding="utf-8")
        paths.append(directory / name)
    db = directory / "motcua.duckdb"
    result = load_files(paths, db=db)
    assert result.ok and [f.rejected for f in result.files] == [0, 0, 0], result
    return db


@pytest.fixture
def loaded(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("MOTCUA_DB", str(warehouse))
    monkeypatch.setenv("MOTCUA_PROVINCE", "01")
    yield warehouse


def tile_values(tree: Any) -> dict[str, str]:
    out = {}
    for tile_id in TILE_IDS:
        values = [n for n in walk(find(tree, tile_id))
                  if "mc-tile-value" in (getattr(n, "className", None) or "")]  # fmt: skip
        out[tile_id] = inline_text(values[0])
    return out


def change_lines(tree: Any, tile_id: str) -> list[str]:
    return [inline_text(n) for n in walk(find(tree, tile_id))
            if (getattr(n, "className", None) or "") == "mc-change"]  # fmt: skip


def ward_rows(grid: Any) -> list[list[str]]:
    """The ward grid's rows as the browser shows them (a name with its badge)."""
    return [
        [f"{text} {row['badge']}" if key == "ward_name" and "badge" in row else text
         for key, text in zip((c["field"] for c in grid.columnDefs), texts, strict=True)]
        for row, texts in zip(grid.rowData, grid_texts(grid), strict=True)
    ]  # fmt: skip


def body_rows(tree: Any, table_id: str | None = None) -> list[list[str]]:
    """A table's body rows as each cell's visible text."""
    table = find(tree, table_id) if table_id else tree
    body = next(n for n in walk(table) if type(n).__name__ == "Tbody")
    return [[inline_text(cell) for cell in row.children] for row in body.children]


def test_tiles_show_ratings_satisfied_rate_mean_and_response_rate(
    page_module: ModuleType, loaded: Path
) -> None:
    page = page_module.layout(**OCTOBER)
    assert tile_values(page) == {
        "satisfaction-ratings": "14",
        "satisfaction-satisfied": "78,57%",
        "satisfaction-mean": "4,00",
        "satisfaction-response": "90,00%",
    }
    # Each change names the dates it is against: September, and October 2025 (metrics §6).
    last_year = "— so với 1/10–31/10/2025"
    assert {t: change_lines(page, t) for t in TILE_IDS} == {
        "satisfaction-ratings": ["▲ +1.300,0% so với 1/9–30/9/2026", last_year],
        "satisfaction-satisfied": ["▼ -21,43 điểm % so với 1/9–30/9/2026", last_year],
        "satisfaction-mean": ["= 0,00 điểm so với 1/9–30/9/2026", last_year],
        "satisfaction-response": ["— so với 1/9–30/9/2026", last_year],
    }
    satisfied = find(page, "satisfaction-satisfied")
    badge = next(n for n in walk(satisfied) if "mc-status" in (getattr(n, "className", "") or ""))
    assert (inline_text(badge), badge.title) == ("✗ Chưa đạt mục tiêu", "Mục tiêu ≥ 90%")
    assert "11 lượt đánh giá từ 4 điểm" in text(satisfied)
    assert "Số hồ sơ được đánh giá: 9" in text(find(page, "satisfaction-ratings"))
    # Every tile carries its definition (tooltip and screen-reader text).
    assert "Lượt đánh giá từ 4 điểm / Tổng số lượt đánh giá." in text(satisfied)
    assert text(find(page, "satisfaction-coverage")) == (
        "Dữ liệu đến 10:00 03/11/2026 · 2/126 phường, xã có dữ liệu · Kỳ: 01/10/2026 – 31/10/2026"
    )


def test_distribution_of_ratings_chart_and_table(page_module: ModuleType, loaded: Path) -> None:
    page = page_module.layout(**OCTOBER)
    assert body_rows(page, "satisfaction-distribution-table") == [
        ["1 – Rất không hài lòng", "1", "7,14%"],
        ["2 – Không hài lòng", "1", "7,14%"],
        ["3 – Bình thường", "1", "7,14%"],
        ["4 – Hài lòng", "5", "35,71%"],
        ["5 – Rất hài lòng", "6", "42,86%"],
    ]
    bars = find(page, "satisfaction-distribution-graph").figure.data[0]
    assert (list(bars.x), list(bars.y)) == (
        list(RATING_LABELS.values()),
        [1, 1, 1, 5, 6],
    )


def test_sipas_dimensions_with_no_data_where_the_source_has_none(
    page_module: ModuleType, loaded: Path
) -> None:
    page = page_module.layout(**OCTOBER)
    assert body_rows(page, "satisfaction-sipas-table") == [
        ["Tiếp cận dịch vụ", "4,00"],
        ["Thủ tục hành chính", "3,50"],
        ["Công chức giải quyết", "4,50"],
        ["Kết quả giải quyết", "4,50"],
        ["Tiếp nhận, xử lý góp ý", "chưa có dữ liệu"],
    ]
    bars = find(page, "satisfaction-sipas-graph").figure.data[0]
    assert list(bars.x) == [4.0, 3.5, 4.5, 4.5]
    assert len(bars.y) == 4  # the dimension without data is not drawn as 0


def test_trend_by_week_counted_by_hand(page_module: ModuleType, loaded: Path) -> None:
    assert trend_grain(Period(date(2026, 10, 1), date(2026, 10, 31))) == "week"
    assert trend_grain(Period(date(2026, 1, 1), date(2026, 10, 31))) == "month"
    page = page_module.layout(**OCTOBER)
    assert body_rows(page, "satisfaction-trend-table") == [
        ["01/10–04/10", "0", "—", "—"],
        ["05/10–11/10", "11", "81,82%", "4,18"],
        ["12/10–18/10", "3", "66,67%", "3,33"],
        ["19/10–25/10", "0", "—", "—"],
        ["26/10–31/10", "0", "—", "—"],
    ]
    figure = find(page, "satisfaction-trend-graph").figure
    rate = next(t for t in figure.data if t.name == "Tỷ lệ hài lòng")
    assert list(rate.y) == [None, 81.8182, 66.6667, None, None]  # gaps, never 0%


def test_trend_draws_the_rate_and_its_target_over_the_ratings_bars(
    page_module: ModuleType, loaded: Path
) -> None:
    """Plotly draws an overlaying axis's traces above the base axis's: the bars are on the base
    axis, the lines on the overlaying one; the bars reach two thirds of the height at most."""
    figure = find(page_module.layout(**OCTOBER), "satisfaction-trend-graph").figure
    axes = [(t.type, t.name, t.yaxis) for t in figure.data]
    assert axes == [
        ("bar", "Số lượt đánh giá", "y"),
        ("scatter", "Tỷ lệ hài lòng", "y2"),
        ("scatter", "Mục tiêu 90%", "y2"),
    ]
    assert figure.layout.yaxis2.overlaying == "y"
    assert (figure.layout.yaxis2.side, figure.layout.yaxis.side) == ("left", "right")
    assert list(figure.layout.yaxis2.range) == [0, 102]
    assert list(figure.layout.yaxis.range) == [0, 11 * 1.5]  # the busiest week: 11 ratings


OTHER_WARD = ["—", "0", "—", "—", "—", "—", "0", "—"]
BA_DINH = ["1", "Phường Ba Đình", "12", "75,00% ✗", "3,92", "88,89%", "60,00%", "3", "66,67%"]
NGOC_HA = ["—", "Phường Ngọc Hà ít đánh giá", "2", "100,00%", "4,50", "100,00%", "100,00%", "0",
           "—"]  # fmt: skip


def test_ward_table_ranks_only_wards_with_enough_ratings(
    page_module: ModuleType, loaded: Path
) -> None:
    page = page_module.layout(**OCTOBER, ward="00004")
    grid = find(page, "satisfaction-wards-grid")
    rows = ward_rows(grid)
    assert len(rows) == 126
    assert rows[:2] == [BA_DINH, NGOC_HA]
    assert {tuple(r[:1] + r[2:]) for r in rows[2:]} == {tuple(OTHER_WARD)}
    links = {row["ward_name"]: row["href"] for row in grid.rowData}
    assert links["Phường Ba Đình"] == "/phuong/00004?from=2026-10-01&to=2026-10-31"
    assert [r["ward_name"] for r in grid.rowData if r.get("selected")] == ["Phường Ba Đình"]


def test_the_ward_table_sorts_in_the_browser_few_ratings_after_reliable_ones(
    page_module: ModuleType, loaded: Path
) -> None:
    # A header click asks the server nothing (the browser tests check the order): the columns
    # that rest on ratings keep a ward with few ratings (tier 1) after the reliable ones,
    # whichever the direction; its satisfied rate is not coloured.
    grid = find(page_module.layout(**OCTOBER), "satisfaction-wards-grid")
    comparators = {spec["field"]: spec["comparator"]["function"] for spec in grid.columnDefs}
    assert [k for k, f in comparators.items() if f == "motcuaTiered"] == [
        "rank", "satisfied_rate", "mean_rating",
    ]  # fmt: skip
    orders = {spec["field"]: spec["sortingOrder"][0] for spec in grid.columnDefs}
    assert orders["satisfied_rate"] == "asc" and orders["ratings"] == "desc"
    ngoc_ha = next(r for r in grid.rowData if r["ward_name"] == "Phường Ngọc Hà")
    assert (ngoc_ha["tier"], ngoc_ha["badge"]) == (1, "ít đánh giá")
    assert "satisfied_rate__status" not in ngoc_ha
    ba_dinh = next(r for r in grid.rowData if r["ward_name"] == "Phường Ba Đình")
    assert "tier" not in ba_dinh and ba_dinh["satisfied_rate__status"] == "red"


def test_766_section_shows_the_value_points_and_why(page_module: ModuleType, loaded: Path) -> None:
    section = find(page_module.layout(**OCTOBER), "satisfaction-index-section")
    assert inline_text(find(section, "satisfaction-index-value")) == "66,67%"
    assert inline_text(find(section, "satisfaction-index-points")) == (
        "4,44/6 điểm (đủ điểm khi đạt 90%)"
    )
    assert inline_text(find(section, "satisfaction-index-parts")) == (
        "Trong kỳ: 2 hồ sơ trễ hạn (16,67%) và 2 hồ sơ không trễ hạn nhưng bị phản ánh hoặc "
        "đánh giá kém (16,67%), trên 12 hồ sơ."
    )
    words = inline_text(section)
    assert "Chỉ số hài lòng 766 (5.4)" in words
    assert "1 − (hồ sơ quá hạn + hồ sơ đang giải quyết quá hạn" in words
    assert "chủ yếu phụ thuộc vào số hồ sơ trễ hạn" in words
    link = next(n for n in walk(section) if getattr(n, "href", None))
    assert link.href == "/phuong-phap#methodology-satisfaction-766"


def test_petitions_are_shown_apart_with_their_points(page_module: ModuleType, loaded: Path) -> None:
    page = page_module.layout(**OCTOBER)
    assert body_rows(page, "satisfaction-petitions-table") == [
        ["5.2", "Tỷ lệ xử lý phản ánh, kiến nghị đúng hạn", "66,67%",
         "4,00/6 điểm (đủ điểm khi đạt 100%)"],
        ["5.3", "Mức độ hài lòng về xử lý phản ánh, kiến nghị", "66,67%",
         "4,00/6 điểm (đủ điểm khi đạt 100%)"],
    ]  # fmt: skip
    assert inline_text(find(page, "satisfaction-petitions-counts")) == (
        "3 phản ánh, kiến nghị nhận trong kỳ; 2 xử lý đúng hạn hoặc còn trong hạn; 1 bị đánh "
        "giá không hài lòng."
    )


def test_a_ward_without_petitions_gets_full_points_and_says_why(
    page_module: ModuleType, loaded: Path
) -> None:
    page = page_module.layout(**OCTOBER, ward="00008")
    assert tile_values(page)["satisfaction-ratings"] == "2"
    assert [r[2:] for r in body_rows(page, "satisfaction-petitions-table")] == [
        ["—", "6,00/6 điểm (đủ điểm khi đạt 100%)"],
        ["—", "6,00/6 điểm (đủ điểm khi đạt 100%)"],
    ]
    assert "5.2 và 5.3 được tính đủ điểm" in text(find(page, "satisfaction-petitions-section"))
    assert inline_text(find(page, "satisfaction-index-value")) == "100,00%"


def test_callback_puts_the_ward_in_the_url_and_recomputes(
    page_module: ModuleType, loaded: Path
) -> None:
    controls = ("custom", "01/10/2026", "31/10/2026", "00004", "all", "all")
    url, preset, date_from, date_to, content = run_callback(
        page_module.update, "satisfaction-ward.value", *controls
    )
    assert (url, preset, date_from, date_to) == (
        "?from=2026-10-01&to=2026-10-31&ward=00004", "custom", "01/10/2026", "31/10/2026",
    )  # fmt: skip
    assert tile_values(content) == {
        "satisfaction-ratings": "12",
        "satisfaction-satisfied": "75,00%",
        "satisfaction-mean": "3,92",
        "satisfaction-response": "88,89%",
    }


def test_period_without_any_data_says_so(page_module: ModuleType, loaded: Path) -> None:
    content = text(find(page_module.layout(**{"from": "2025-07-01", "to": "2025-07-31"}),
                        "satisfaction-content"))  # fmt: skip
    assert "Chưa có dữ liệu cho kỳ này" in content
    assert "0/126 phường, xã có dữ liệu" in content


def test_period_with_dossiers_but_no_ratings_says_so_instead_of_empty_charts(
    page_module: ModuleType, loaded: Path
) -> None:
    page = page_module.layout(**{"from": "2026-11-01", "to": "2026-11-30"})
    assert tile_values(page)["satisfaction-ratings"] == "0"
    assert tile_values(page)["satisfaction-satisfied"] == "—"
    for section in ("distribution", "sipas"):
        words = text(find(page, f"satisfaction-{section}-section"))
        assert "Chưa có lượt đánh giá nào của người dân trong kỳ này." in words
    assert "Không có lượt đánh giá nào" in text(find(page, "satisfaction-trend-section"))
    with pytest.raises(LookupError):
        find(page, "satisfaction-distribution-graph")


def test_invalid_url_and_missing_warehouse_say_why(
    page_module: ModuleType, loaded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = text(find(page_module.layout(period="someday"), "satisfaction-content"))
    assert "Tham số trên địa chỉ trang không hợp lệ" in content
    assert "period='someday'" in content
    monkeypatch.setenv("MOTCUA_DB", str(tmp_path / "nothing-here.duckdb"))
    content = text(find(page_module.layout(), "satisfaction-content"))
    assert "python -m etl demo" in content


def export_file(page_module: ModuleType, button: str) -> tuple[str, bytes]:
    trigger = f"satisfaction-export-{button}.n_clicks"
    data = run_callback(page_module.export, trigger, 1, None, SEARCH)
    assert data["base64"] is True
    return data["filename"], base64.b64decode(data["content"])


def test_export_puts_every_table_in_one_workbook(page_module: ModuleType, loaded: Path) -> None:
    name, content = export_file(page_module, "xlsx")
    assert name == "motcua-hai-long-2026-10-01-2026-10-31.xlsx"
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Thông tin", "Tổng hợp", "Phân bố đánh giá", "Tiêu chí SIPAS",
                               "Xu hướng", "Phường, xã", "Điểm 766"]  # fmt: skip
    values = {ws.title: [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
              for ws in book.worksheets[1:]}  # fmt: skip
    assert values["Tổng hợp"][0][:4] == [
        "Kỳ này",
        datetime(2026, 10, 1),
        datetime(2026, 10, 31),
        14,
    ]
    assert values["Tổng hợp"][0][4] == pytest.approx(11 / 14)
    assert [r[:3] for r in values["Phân bố đánh giá"]] == [
        [1, "1 – Rất không hài lòng", 1], [2, "2 – Không hài lòng", 1], [3, "3 – Bình thường", 1],
        [4, "4 – Hài lòng", 5], [5, "5 – Rất hài lòng", 6],
    ]  # fmt: skip
    assert values["Tiêu chí SIPAS"][-1] == ["Tiếp nhận, xử lý góp ý", None]  # empty, never 0
    wards = {r[0]: r for r in values["Phường, xã"]}
    assert wards["00004"][:5] == ["00004", "Phường Ba Đình", 1, None, 12]
    assert wards["00008"][:5] == ["00008", "Phường Ngọc Hà", None, "ít đánh giá", 2]
    assert [r[0] for r in values["Điểm 766"]] == ["5.2", "5.3", "5.4"]
    assert values["Điểm 766"][2][-1] == 4.44
    name, content = export_file(page_module, "csv")
    assert name == "motcua-hai-long-2026-10-01-2026-10-31.zip"
    assert len(zipfile.ZipFile(io.BytesIO(content)).namelist()) == 6


def test_no_comment_text_appears_in_the_layout_or_any_callback_output(
    page_module: ModuleType, loaded: Path
) -> None:
    """Comments are stored (masked) but only signed-in leaders may see them, once sign-in
    exists: the page says so and shows none, nor do its callbacks or exports."""
    with cursor(loaded) as cur:
        stored = [r[0] for r in cur.execute("SELECT comment FROM ratings WHERE comment IS NOT "
                                            "NULL ORDER BY rating_id").fetchall()]  # fmt: skip
    assert stored == [COMMENTS[0], "Cán bộ Trần Thị Bích thái độ kém, gọi lại [số điện thoại]"]
    pieces = ("nhanh gọn", "Trần Thị Bích", "thái độ kém", "0912345678", "số điện thoại]")
    page = page_module.layout(**OCTOBER)
    assert "chỉ cho lãnh đạo của phường, xã đó và của tỉnh, thành phố" in text(
        find(page, "satisfaction-comments-note")
    )
    outputs: list[Any] = [page]
    outputs.append(run_callback(page_module.update, "satisfaction-ward.value", "custom",
                                "2026-10-01", "2026-10-31", "00004", "all", "all"))  # fmt: skip
    shown = json.dumps(outputs, cls=PlotlyJSONEncoder, ensure_ascii=False)
    files = [export_file(page_module, "xlsx")[1], export_file(page_module, "csv")[1]]
    unpacked = [zipfile.ZipFile(io.BytesIO(f)) for f in files]
    shown += "".join(z.read(n).decode("utf-8") for z in unpacked for n in z.namelist())
    assert [p for p in pieces if p in shown] == []
    # Nor does any query behind the page read the column.
    assert "comment" not in metrics._SQL and "comment" not in facts.FACTS_SQL


def test_every_callback_id_is_in_the_layout(page_module: ModuleType, loaded: Path) -> None:
    def name(component_id: Any) -> str:
        if isinstance(component_id, dict):
            return component_id["type"]
        if component_id.startswith("{"):
            return json.loads(component_id)["type"]
        return component_id

    ids = {name(n.id) for n in walk(page_module.layout(**OCTOBER)) if getattr(n, "id", None)}
    specs = page_callbacks("satisfaction-")
    assert len(specs) == 3  # filters, province menu, export (the ward table sorts in the browser)
    for spec in specs:
        outputs = [o.rsplit(".", 1)[0] for o in spec["output"].strip(".").split("...")]
        used = [name(o) for o in outputs] + [
            name(dep["id"]) for dep in spec["inputs"] + spec["state"]
        ]
        assert set(used) <= ids, set(used) - ids


def _texts(path: Path) -> list[str]:
    """Every literal text given to ``_()`` in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.args[0].value for n in ast.walk(tree)
            if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "_"
            and n.args and isinstance(n.args[0], ast.Constant)]  # fmt: skip


def test_every_text_of_the_page_has_an_english_translation() -> None:
    from ui import satisfaction as sections
    from ui.definitions import SIPAS_DIMENSIONS

    wanted = _texts(ROOT / "ui" / "satisfaction.py") + _texts(ROOT / "pages" / "satisfaction.py")
    wanted += list(RATING_LABELS.values())
    wanted += list(SIPAS_DIMENSIONS.values()) + list(sections.GRAIN_WORDS.values())
    wanted += [column.label for column in sections.WARD_COLUMNS]
    catalogue = english()
    assert [t for t in wanted if not catalogue.get(t)] == []


def test_the_page_in_english(page_module: ModuleType, loaded: Path) -> None:
    with flask.Flask(__name__).test_request_context(headers={"Cookie": "motcua_lang=en"}):
        page = page_module.layout(**OCTOBER)
    assert text(next(n for n in walk(page) if type(n).__name__ == "H1")) == "Satisfaction"
    assert tile_values(page)["satisfaction-satisfied"] == "78.57%"
    assert body_rows(page, "satisfaction-distribution-table")[3] == ["4 – Satisfied", "5", "35.71%"]
    assert "766 satisfaction indicator (5.4)" in text(find(page, "satisfaction-index-section"))
