"""The 766 page (``/chi-so-766``) on the hand-computed warehouse of ``tests/test_index766.py``.

March 2025 (compared with February), every figure worked out there by hand:
- Ba Đình: 2.1 15/20, 3.6 no fee (no data), 4.1 3/6, 4.2 4/4, 4.3 1,25/2, 5.2 6/6, 5.3 6/6,
  5.4 5/6 → 40,25/50 = 80,50, Tốt, rank 1; February 36,00, rank 2 → +44,50, ▲1.
- Ngọc Hà: 2.1 20, 4.1 6, 4.2 0/4, 4.3 0/2, 5.2 0/6, 5.3 0/6, 5.4 6 → 32/50 = 64,00,
  Trung bình, rank 2; February 100,00, rank 1 → −36,00, ▼1.
- The other 124 wards of Hà Nội have no dossier in March: no estimate, counted under the table.
What-if, by hand: Ba Đình's on-time rate at 20% → 2.1 = 20 × 0,2 = 4 → 40,25 − 15 + 4 = 29,25/50
= 58,50 (Trung bình), below Ngọc Hà's 64 → rank 2. Ngọc Hà's digitised rate at 100% → 4.2 = 4
→ 36/50 = 72,00 (Khá), still below 80,50 → rank 2.
"""

from __future__ import annotations

import base64
import importlib
import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import openpyxl
import pytest
from dash.testing import ignore_register_page

from etl.loader import load_files
from tests.grids import grid_texts
from tests.test_index766 import BA_DINH, DOSSIER_HEADER, DOSSIERS, NGOC_HA, PETITIONS, csv_text
from tests.test_overview_page import find, inline_text, run_callback

MARCH = {"from": "2025-03-01", "to": "2025-03-31"}
SEARCH = "?from=2025-03-01&to=2025-03-31"


@pytest.fixture(scope="module")
def page() -> ModuleType:
    """The page module, imported without registering it in a Dash app."""
    with ignore_register_page():
        return importlib.import_module("pages.index766")


@pytest.fixture(scope="module")
def built(empty_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("index766-page")
    db = directory / "motcua.duckdb"
    shutil.copyfile(empty_warehouse, db)
    files = {"ho_so.csv": csv_text(DOSSIER_HEADER, DOSSIERS), "phan_anh.csv": PETITIONS}
    for name, content in files.items():
        (directory / name).write_text(content, encoding="utf-8")
    result = load_files([directory / n for n in files], db=db, province="01")
    assert result.ok and [f.rejected for f in result.files] == [0, 0], result
    return db


@pytest.fixture
def loaded(built: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("MOTCUA_DB", str(built))
    monkeypatch.setenv("MOTCUA_PROVINCE", "01")
    yield built


def table_rows(tree, table_id: str) -> list[list[str]]:
    """The rows of a grid in the server's order (its first sort, which ties keep), each cell's
    text as the browser draws it."""
    return grid_texts(find(tree, table_id))


def test_the_ranking_lists_every_ward_with_an_estimate_best_first(
    page: ModuleType, loaded: Path
) -> None:
    layout = page.layout(**MARCH)
    assert table_rows(layout, "index766-ranking") == [
        ["1", "Phường Ba Đình", BA_DINH, "40,25", "50", "80,50", "Tốt", "36,00", "+44,50", "▲1"],
        ["2", "Phường Ngọc Hà", NGOC_HA, "32,00", "50", "64,00", "Trung bình", "100,00",
         "-36,00", "▼1"],
    ]  # fmt: skip
    assert inline_text(find(layout, "index766-unscored")) == (
        "Chưa có ước tính (không có hồ sơ trong kỳ): 124 phường, xã"
    )
    ranking = find(layout, "index766-ranking")
    assert ranking.columnDefs[0]["sort"] == "asc"  # best first, as the rows arrive
    caption = inline_text(find(layout, "index766-ranking-section"))
    assert "kỳ 1/3–31/3/2025; thay đổi so với 1/2–28/2/2025" in caption
    # the ward's name opens its points, keeping the period
    assert ranking.rowData[0]["href"] == f"/chi-so-766{SEARCH}&ward={BA_DINH}"
    # the estimate says what it is; the methodology is there in full, from its file
    assert "điểm chính thức là điểm công bố trên Cổng Dịch vụ công quốc gia" in inline_text(
        find(layout, "index766-estimate-note")
    )
    method_file = inline_text(find(layout, "methodology-index766-file"))
    assert method_file.startswith("# Chỉ số 766 ước tính")
    # no ward chosen: the page says how to choose one; no field or channel menu
    assert find(layout, "index766-ward-hint")
    for control in ("index766-field", "index766-channel"):
        with pytest.raises(LookupError):
            find(layout, control)


def test_a_chosen_ward_shows_its_points_biggest_losses_first(
    page: ModuleType, loaded: Path
) -> None:
    layout = page.layout(**MARCH, ward=BA_DINH)
    assert inline_text(find(layout, "index766-ward-score")) == "80,50/100"
    assert inline_text(find(layout, "index766-ward-rank")) == (
        "40,25/50 điểm · hạng 1/2 · so với 1/2–28/2/2025: +44,50 điểm"
    )
    # code, indicator, rate, full points from, points, maximum, missed; the losses 5, 3, 1,
    # 0,75, then the full ones in the methodology's order, the one without data last
    assert table_rows(layout, "index766-points") == [
        ["2.1", "Tỷ lệ hồ sơ giải quyết đúng hạn", "75,00%", "100%", "15,00", "20", "5,00"],
        ["4.1", "Tỷ lệ cấp kết quả điện tử", "50,00%", "100%", "3,00", "6", "3,00"],
        ["5.4", "Mức độ hài lòng trong giải quyết hồ sơ", "75,00%", "90%", "5,00", "6", "1,00"],
        ["4.3", "Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa", "50,00%", "80%", "1,25", "2",
         "0,75"],
        ["4.2", "Tỷ lệ số hóa hồ sơ", "100,00%", "100%", "4,00", "4", "0,00"],
        ["5.2", "Tỷ lệ xử lý phản ánh, kiến nghị đúng hạn", "—", "100%", "6,00", "6", "0,00"],
        ["5.3", "Mức độ hài lòng trong tiếp nhận, xử lý phản ánh, kiến nghị", "—", "100%",
         "6,00", "6", "0,00"],
        ["3.6", "Tỷ lệ thanh toán trực tuyến", "không có dữ liệu", "100%", "—", "6", "—"],
    ]  # fmt: skip
    # the what-if starts on the indicator that lost the most, at its full-points rate
    assert find(layout, "index766-whatif-indicator").value == "on_time_rate"
    assert find(layout, "index766-whatif-rate").value == 100.0


@pytest.mark.parametrize(
    ("ward", "metric", "percent", "answer"),
    [
        (BA_DINH, "on_time_rate", 20, "Nếu “Tỷ lệ hồ sơ giải quyết đúng hạn” đạt 20,00%: "
         "58,50/100 (29,25/50 điểm), Trung bình, hạng 2/2 (hiện nay 80,50/100, hạng 1)."),
        (BA_DINH, "on_time_rate", 100, "Nếu “Tỷ lệ hồ sơ giải quyết đúng hạn” đạt 100,00%: "
         "90,50/100 (45,25/50 điểm), Xuất sắc, hạng 1/2 (hiện nay 80,50/100, hạng 1)."),
        (NGOC_HA, "digitized_rate", 100, "Nếu “Tỷ lệ số hóa hồ sơ” đạt 100,00%: 72,00/100 "
         "(36,00/50 điểm), Khá, hạng 2/2 (hiện nay 64,00/100, hạng 2)."),
        # an indicator without data in the period starts to count, and so does its maximum:
        # Ba Đình paid online 50% → 3.6 = 3 → 43,25/56 = 77,23 (Khá)
        (BA_DINH, "paid_online_rate", 50, "Nếu “Tỷ lệ thanh toán trực tuyến” đạt 50,00%: "
         "77,23/100 (43,25/56 điểm), Khá, hạng 1/2 (hiện nay 80,50/100, hạng 1)."),
        (BA_DINH, "on_time_rate", 150, "Nhập một tỷ lệ từ 0 đến 100."),
    ],
)  # fmt: skip
def test_what_if_rescores_and_reranks_without_changing_anything(
    page: ModuleType, loaded: Path, ward: str, metric: str, percent: float, answer: str
) -> None:
    search = f"{SEARCH}&ward={ward}"
    assert page.what_if(metric, percent, search) == answer
    # nothing stored changed: the page still shows the estimate it had
    score = inline_text(find(page.layout(**MARCH, ward=ward), "index766-ward-score"))
    assert score == {BA_DINH: "80,50/100", NGOC_HA: "64,00/100"}[ward]


def test_the_workbook_holds_the_ranking_the_points_and_the_methodology(
    page: ModuleType, loaded: Path
) -> None:
    sent = run_callback(page.export, "index766-export-xlsx.n_clicks", 1, None, SEARCH)
    assert sent["filename"] == "motcua-chi-so-766-2025-03-01-2025-03-31.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(sent["content"])))
    assert book.sheetnames == ["Thông tin", "Xếp hạng", "Điểm từng chỉ tiêu", "Chỉ số 766",
                               "Xếp loại"]  # fmt: skip
    ranking = [[c.value for c in row] for row in book["Xếp hạng"].iter_rows(min_row=3)]
    assert ranking[0] == ["Hạng", "Mã", "Phường, xã", "Mã tỉnh", "Điểm", "Điểm tối đa",
                          "Điểm /100", "Xếp loại", "Điểm /100 kỳ so sánh", "Thay đổi (điểm)",
                          "Hạng kỳ so sánh", "Thay đổi hạng (+ lên)"]  # fmt: skip
    assert ranking[1] == [1, BA_DINH, "Phường Ba Đình", "01", 40.25, 50, 80.5, "Tốt", 36, 44.5,
                          2, 1]  # fmt: skip
    assert ranking[2] == [2, NGOC_HA, "Phường Ngọc Hà", "01", 32, 50, 64, "Trung bình", 100,
                          -36, 1, -1]  # fmt: skip
    assert len(ranking) == 1 + 126  # every ward of Hà Nội, those without an estimate last
    assert ranking[3][0] is None and ranking[3][4] is None
    points = [[c.value for c in row] for row in book["Điểm từng chỉ tiêu"].iter_rows(min_row=4)]
    ba_dinh = {r[2]: r[6] for r in points if r[0] == BA_DINH}
    assert ba_dinh == {"2.1": 15, "3.6": None, "4.1": 3, "4.2": 4, "4.3": 1.25, "5.2": 6,
                       "5.3": 6, "5.4": 5}  # fmt: skip
    assert sum(r[6] or 0 for r in points if r[0] == NGOC_HA) == 32
    indicators = [[c.value for c in row] for row in book["Chỉ số 766"].iter_rows(min_row=4)]
    assert indicators[0][:3] == [
        "2.1",
        "Tiến độ, kết quả giải quyết",
        "Tỷ lệ hồ sơ giải quyết đúng hạn",
    ]
