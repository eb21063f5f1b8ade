"""The ward page (pages/ward.py, ui/ward.py, kpi/ward.py) on a warehouse built by the real loader.

The files are in tests/ward_fixture.py, each dossier's class worked out there. October 2026:

- Ba Đình (00004): received 8 (W01–W08; online W01, W04 → 25,00%), carried over 1 (W09), to
  process 9, completed 4 (W01, W02, W03, W06); early 1, on time 1, late 2 (W02, W06), in time 2
  (W07, W08), overdue 3 (W04, W05, W09) → on-time rate (1 + 1 + 2)/9 = 44,44%; late inter-agency
  1 (W06). Ratings 3 (5, 4, 2): satisfied 2/3 = 66,67%, mean 11/3 = 3,67, response 3/4 = 75,00%;
  766 satisfaction 1 − (2 + 3)/9 = 44,44%.
- city (Ba Đình + Ngọc Hà N01 early, N02 on time): received 10, to process 11, completed 6,
  early + on time + in time = 2 + 2 + 2 = 6 → 6/11 = 54,55%; online 2/10 = 20,00%.
- late list, most days over first: W09 overdue 36 (25/09 → 31/10), W04 overdue 11 (20/10 →
  31/10), W02 late 3 (09/10 end → 12/10 09:00: 2 days 9 hours, 3 days begun), W05 overdue 1
  (its end on 02/11 is after as_of), W06 late 0 (late by its two supplement requests).
- 766 estimate, October: Ba Đình 2.1 = 20 × 4/9 = 8,89; 5.2 and 5.3 no petitions → 6 + 6;
  5.4 = 6 × (4/9)/0,9 = 2,96; no fee, e-result, digitised or reuse data → not scored. Score
  8,89 + 6 + 6 + 2,96 = 23,85 of 38 → 62,76/100, "Trung bình", rank 2 of 2 (Ngọc Hà: 38/38 =
  100). September: Ba Đình has W09 only (overdue) → 2.1 = 0, 5.4 = 0, petitions 12 → 12/38 =
  31,58 → change 62,76 − 31,58 = +31,18.
- history (before 1/7/2025; 2025 is cut at 30/06): Quán Thánh 2025: received 2, completed 2,
  on time H03, late H04 → 50,00%; Trúc Bạch 2024: received 2, completed 1 (H01 early), H02
  overdue at the end of 2024 → 1/2 = 50,00%; Trúc Bạch 2025: H02 carried over, ended late → 0/1.
"""

from __future__ import annotations

import base64
import importlib
import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from types import ModuleType

import duckdb
import pandas as pd
import pytest
from dash.testing import ignore_register_page
from openpyxl import load_workbook

from etl.loader import load_files
from kpi import facts, macros
from kpi.db import cursor
from kpi.metrics import Filters, kpis
from kpi.periods import Period
from kpi.ward import history, late_dossiers, predecessors, year_period
from tests.grids import grid_texts
from tests.test_overview_page import find, run_callback, text, tile_value, walk
from tests.ward_fixture import WARD_DOSSIERS, WARD_RATINGS

BA_DINH, NGOC_HA = "00004", "00008"
OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31))
SEPTEMBER = Period(date(2026, 9, 1), date(2026, 9, 30))
OCTOBER_QUERY = {"from": "2026-10-01", "to": "2026-10-31"}
NOW = datetime(2026, 11, 21, 9, 0)
END_OF_OCTOBER = datetime(2026, 10, 31, 23, 59, 59, 999999)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("ward")
    (directory / "ho_so.csv").write_text(WARD_DOSSIERS, encoding="utf-8")
    (directory / "danh_gia.csv").write_text(WARD_RATINGS, encoding="utf-8")
    db = directory / "motcua.duckdb"
    result = load_files([directory / "ho_so.csv", directory / "danh_gia.csv"], db=db)
    assert result.ok, result
    return db


@pytest.fixture
def loaded(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("MOTCUA_DB", str(warehouse))
    monkeypatch.setenv("MOTCUA_PROVINCE", "01")
    yield warehouse


@pytest.fixture(scope="module")
def ward() -> ModuleType:
    with ignore_register_page():
        return importlib.import_module("pages.ward")


def _due(day: str) -> pd.Timestamp:
    return pd.Timestamp(f"{day} 23:59:59.999999")


def test_late_list_rows_most_days_over_first(warehouse: Path) -> None:
    frame = late_dossiers(cursor(warehouse), ward_code=BA_DINH, period=OCTOBER, now=NOW)
    land, birth = ("Đất đai", "DD1", "Cấp giấy chứng nhận"), ("Hộ tịch", "HT1", "Đăng ký khai sinh")
    rows = [
        ("W09", *land, _due("2026-09-25"), None, "overdue", 36),
        ("W04", *land, _due("2026-10-20"), None, "overdue", 11),
        ("W02", *birth, _due("2026-10-09"), pd.Timestamp("2026-10-12 09:00"), "late", 3),
        ("W05", *land, _due("2026-10-30"), None, "overdue", 1),
        ("W06", *land, _due("2026-10-25"), pd.Timestamp("2026-10-15 10:00"), "late", 0),
    ]
    got = [
        tuple(None if pd.isna(v) else v for v in row)
        for row in frame.itertuples(index=False, name=None)
    ]
    assert got == rows


def test_late_list_limit_keeps_the_most_days_over(warehouse: Path) -> None:
    frame = late_dossiers(cursor(warehouse), ward_code=BA_DINH, period=OCTOBER, now=NOW, limit=2)
    assert frame["dossier_id"].tolist() == ["W09", "W04"]


@pytest.mark.parametrize(
    ("period", "now"),
    [
        (OCTOBER, NOW),
        (SEPTEMBER, NOW),
        (OCTOBER, datetime(2026, 10, 21, 12, 0)),  # as_of inside the period: W04 just overdue
        (OCTOBER, datetime(2026, 10, 10, 12, 0)),  # W02 not ended yet: overdue, not late
        (Period(date(2024, 1, 1), date(2025, 6, 30)), NOW),
    ],
)
@pytest.mark.parametrize("ward_code", [BA_DINH, NGOC_HA])
def test_late_list_counts_equal_the_metrics(
    warehouse: Path, period: Period, now: datetime, ward_code: str
) -> None:
    cur = cursor(warehouse)
    listed = late_dossiers(cur, ward_code=ward_code, period=period, now=now)
    row = kpis(cur, periods=[period], filters=Filters("01", (ward_code,)), now=now).iloc[0]
    counts = listed["klass"].value_counts()
    assert (counts.get("late", 0), counts.get("overdue", 0)) == (row["late"], row["overdue"])


def test_history_rows_under_the_old_names(warehouse: Path) -> None:
    frame = history(cursor(warehouse), ward_code=BA_DINH, now=NOW)
    cut = date(2025, 6, 30)
    expected = pd.DataFrame(
        [
            ("Phường Quán Thánh", "Quận Ba Đình", 2025, date(2025, 1, 1), cut, 2, 2, 2,
             0, 1, 1, 0, 0, 0.5),
            ("Phường Trúc Bạch", "Quận Ba Đình", 2024, date(2024, 1, 1), date(2024, 12, 31),
             2, 1, 2, 1, 0, 0, 0, 1, 0.5),
            ("Phường Trúc Bạch", "Quận Ba Đình", 2025, date(2025, 1, 1), cut, 0, 1, 1,
             0, 0, 1, 0, 0, 0.0),
        ],
        columns=list(frame.columns),
    )  # fmt: skip
    pd.testing.assert_frame_equal(frame, expected, check_dtype=False)


@pytest.mark.parametrize("year", [2024, 2025])
def test_history_years_add_up_to_the_metrics_of_the_year(warehouse: Path, year: int) -> None:
    cur = cursor(warehouse)
    frame = history(cur, ward_code=BA_DINH, now=NOW)
    mine = frame[frame["year"] == year]
    row = kpis(cur, periods=[year_period(year)], filters=Filters("01", (BA_DINH,)), now=NOW)
    for column in ("received", "completed", "to_process", "early", "on_time", "late", "overdue"):
        assert mine[column].sum() == row[column].iloc[0], column


def test_history_is_empty_for_a_ward_without_old_records(warehouse: Path) -> None:
    assert history(cursor(warehouse), ward_code=NGOC_HA, now=NOW).empty


def test_predecessors_come_from_the_crosswalk(warehouse: Path) -> None:
    olds = predecessors(cursor(warehouse), ward_code=BA_DINH)
    names = set(zip(olds["old_ward_name"], olds["old_district_name"], strict=True))
    assert {("Phường Trúc Bạch", "Quận Ba Đình"), ("Phường Quán Thánh", "Quận Ba Đình")} <= names


def test_older_facts_table_is_not_current(warehouse: Path, tmp_path: Path) -> None:
    """A dossier_facts built by an older loader (no format tag, no source names) is not read."""
    db = tmp_path / "old.duckdb"
    db.write_bytes(warehouse.read_bytes())
    con = duckdb.connect(str(db))
    macros.install(con)
    try:
        assert facts.is_current(con)
        version = con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()[0]
        con.execute("UPDATE meta SET value = ? WHERE key = 'facts_version'", [version])
        con.execute("ALTER TABLE dossier_facts DROP COLUMN ward_name_source")
        assert not facts.is_current(con)
        frame = history(con, ward_code=BA_DINH, now=NOW)  # computed on the fly, still right
        assert len(frame) == 3
        facts.refresh(con)
        assert facts.is_current(con)
    finally:
        con.close()


def test_layout_shows_ward_beside_city_and_every_section(loaded: Path, ward: ModuleType) -> None:
    tree = ward.layout(ward_code=BA_DINH, **OCTOBER_QUERY)
    assert text(find(tree, "ward-title")) == "Phường Ba Đình"
    assert tile_value(tree, "ward-received") == "8"
    assert tile_value(tree, "ward-on-time") == "44,44%"
    assert tile_value(tree, "ward-online") == "25,00%"
    assert text(find(tree, "ward-on-time-beside")) == "Toàn thành phố: 54,55%"
    assert text(find(tree, "ward-received-beside")) == "Toàn thành phố: 10"
    assert text(find(tree, "ward-online-beside")) == "Toàn thành phố: 20,00%"
    late = grid_texts(find(tree, "ward-late"))
    assert late[0] == [
        "W09", "25/09/2026", "36", "Đang giải quyết quá hạn", "Cấp giấy chứng nhận", "Đất đai", "—"
    ]  # fmt: skip
    assert ["W02", "09/10/2026", "3", "Quá hạn", "Đăng ký khai sinh", "Hộ tịch",
            "09:00 12/10/2026"] in late  # fmt: skip
    assert [row[2] for row in late] == sorted((row[2] for row in late), key=int, reverse=True)
    assert text(find(tree, "ward-late-note")).startswith("5/5 hồ sơ")
    fields = grid_texts(find(tree, "ward-fields"))
    # Đất đai first (3 overdue + 1 late): received 3, completed 1, 0/4 on time, inter-agency 1.
    assert fields[0] == ["Đất đai", "3", "1", "0,00%", "1", "3", "1"]
    assert ["Hộ tịch", "4", "2", "75,00%", "1", "0", "0"] in fields
    satisfaction = text(find(tree, "ward-satisfaction"))
    assert "66,67% 66,67%" in satisfaction and "3,67 3,67" in satisfaction
    assert text(find(tree, "ward-index-score")) == "62,76/100"
    assert text(find(tree, "ward-index-rank")) == (
        "Xếp hạng 2/2 phường, xã · so với 1/9–30/9/2026: +31,18 điểm"
    )
    history_text = text(find(tree, "ward-history"))
    assert "Phường Quán Thánh Quận Ba Đình 2025 (đến 30/06) 2 2 50,00%" in history_text
    assert "Phường Trúc Bạch Quận Ba Đình 2024 2 1 50,00%" in history_text
    assert "Phường Trúc Bạch Quận Ba Đình 2025 (đến 30/06) 0 1 0,00%" in history_text


def test_field_links_open_the_fields_page_with_the_period(loaded: Path, ward: ModuleType) -> None:
    tree = ward.layout(ward_code=BA_DINH, **OCTOBER_QUERY)
    links = [row["href"] for row in find(tree, "ward-fields").rowData]
    assert links[0] == (
        "/linh-vuc?field=%C4%90%E1%BA%A5t+%C4%91ai&from=2026-10-01&to=2026-10-31&ward=00004"
    )


def _anchors(tree: object) -> list:
    return [n for n in walk(tree) if type(n).__name__ == "A"]


def test_unknown_ward_is_the_not_found_page(loaded: Path, ward: ModuleType) -> None:
    """No filter bar, no sections: the page says the ward is not found (HTTP 404: app.py)."""
    tree = ward.layout(ward_code="99999", **OCTOBER_QUERY)
    assert text(find(tree, "ward-not-found")) == (
        "Lỗi 404 Không tìm thấy phường, xã Mã '99999' không có trong danh sách phường, xã của "
        "tỉnh/thành phố. Về trang Tổng quan"
    )
    assert find(tree, "ward-not-found-title").children == "Không tìm thấy phường, xã"
    link = [n for n in walk(tree) if getattr(n, "href", None)]
    assert [(n.children, n.href) for n in link] == [("Về trang Tổng quan", "/")]
    assert not [n for n in walk(tree) if getattr(n, "id", None) == "ward-filters"]


def test_invalid_url_is_an_alert(loaded: Path, ward: ModuleType) -> None:
    tree = ward.layout(ward_code=BA_DINH, **{"from": "2026-13-01", "to": "2026-10-31"})
    assert "Ngày không hợp lệ: from='2026-13-01'" in text(find(tree, "ward-content"))


def test_period_without_dossiers_says_so_and_keeps_history(loaded: Path, ward: ModuleType) -> None:
    tree = ward.layout(ward_code=BA_DINH, **{"from": "2020-01-01", "to": "2020-01-31"})
    empty = text(find(tree, "ward-empty"))
    assert empty.startswith("Chưa có dữ liệu cho kỳ này")
    assert "Phường Trúc Bạch" in empty


def test_filter_change_updates_url_and_numbers(loaded: Path, ward: ModuleType) -> None:
    out = run_callback(
        ward.update,
        "ward-field.value",
        "custom",
        "01/10/2026",
        "31/10/2026",
        "Đất đai",
        "all",
        "/phuong/00004",
    )
    search, preset, first, last, content = out
    assert search == "?from=2026-10-01&to=2026-10-31&field=%C4%90%E1%BA%A5t+%C4%91ai"
    assert (preset, first, last) == ("custom", "01/10/2026", "31/10/2026")
    # Đất đai: W04, W05, W06 received, W09 carried over; none early, on time or in time.
    assert tile_value(content, "ward-on-time") == "0,00%"
    assert tile_value(content, "ward-received") == "3"


def test_ward_menu_opens_another_ward_or_the_overview(ward: ModuleType) -> None:
    search = "?from=2026-10-01&to=2026-10-31"
    assert ward.open_ward(NGOC_HA, "/phuong/00004", search) == f"/phuong/00008{search}"
    assert ward.open_ward("all", "/phuong/00004", search) == f"/{search}"


def test_export_workbook_has_every_table(loaded: Path, ward: ModuleType) -> None:
    search = "?from=2026-10-01&to=2026-10-31"
    data = run_callback(ward.export, "ward-export-xlsx.n_clicks", 1, None, "/phuong/00004", search)
    assert data["filename"] == "motcua-phuong-00004-2026-10-01-2026-10-31.xlsx"
    book = load_workbook(io.BytesIO(base64.b64decode(data["content"])))
    assert book.sheetnames == ["Thông tin", "Lĩnh vực", "Sắp đến hạn", "Hồ sơ quá hạn",
                               "Trước 1-7-2025", "Chỉ số 766"]  # fmt: skip
    late = [r for r in book["Hồ sơ quá hạn"].iter_rows(min_row=4, values_only=True)]
    assert [r[0] for r in late] == ["W09", "W04", "W02", "W05", "W06"]
    assert late[0][6:] == ("Đang giải quyết quá hạn", 36)
    points = {r[0]: r[4] for r in book["Chỉ số 766"].iter_rows(min_row=4, values_only=True)}
    # No fee, e-result, digitised or reuse data: listed, not scored (empty cells).
    assert points == {"2.1": 8.89, "3.6": None, "4.1": None, "4.2": None, "4.3": None,
                      "5.2": 6.0, "5.3": 6.0, "5.4": 2.96}  # fmt: skip
    zipped = run_callback(ward.export, "ward-export-csv.n_clicks", None, 1, "/phuong/00004", search)
    names = zipfile.ZipFile(io.BytesIO(base64.b64decode(zipped["content"]))).namelist()
    assert len(names) == 5
