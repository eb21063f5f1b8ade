"""The methodology page (pages/methodology.py): layout called as a function, no warehouse.

Expected values come from metrics.md (labels), from the config files parsed here with tomllib
(the 766 table, the bands, the targets) and from arithmetic done by hand:

- Hồng Hà 2021: 12.432 / 12.439 = 0,999437… → 99,94% (both rates: nothing was still open).
  With 50 dossiers in time and 11 overdue added: (12.432 + 50) / (12.439 + 61) = 12.482 / 12.500
  = 0,99856 → 99,86%.
- Two wards 9/10 = 90,00% and 990/1.000 = 99,00% → 999/1.010 = 0,989108… → 98,91%, not the
  mean (90 + 99) / 2 = 94,50%.
"""

from __future__ import annotations

import importlib
import tomllib
from collections import Counter
from itertools import pairwise
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from dash import html
from dash.testing import ignore_register_page

from kpi.index766 import load_methodology
from kpi.targets import load_targets
from tests.callbacks import page_callbacks
from tests.test_overview_page import find, text, walk
from ui import components, definitions
from ui import methodology as builders
from ui.components import kpi_tile

ROOT = Path(__file__).resolve().parents[1]
HEADINGS = ("H1", "H2", "H3", "H4", "H5", "H6")

# metrics.md's Vietnamese labels (and ours where it gives none), by metric key.
LABELS = {
    "received": "Tiếp nhận mới",
    "carried_over": "Kỳ trước chuyển sang",
    "to_process": "Tổng số phải giải quyết",
    "completed": "Đã giải quyết",
    "in_process": "Đang giải quyết",
    "per_working_day": "Bình quân/ngày làm việc",
    "avg_days": "Thời gian giải quyết TB",
    "early": "Trước hạn",
    "on_time": "Đúng hạn",
    "late": "Quá hạn",
    "in_time": "Đang giải quyết trong hạn",
    "overdue": "Đang giải quyết quá hạn",
    "on_time_rate": "Tỷ lệ đúng hạn",
    "resolved_on_time_rate": "Tỷ lệ giải quyết đúng và trước hạn",
    "online_share": "Tỷ lệ hồ sơ trực tuyến",
    "full_online_share": "Tỷ lệ trực tuyến toàn trình",
    "postal_share": "Tỷ lệ qua bưu chính công ích",
    "direct_share": "Tỷ lệ trực tiếp",
    "paid_online_rate": "Tỷ lệ thanh toán trực tuyến",
    "e_result_rate": "Tỷ lệ cấp kết quả điện tử",
    "digitized_rate": "Tỷ lệ số hóa hồ sơ",
    "reuse_rate": "Tỷ lệ khai thác dữ liệu số hóa",
    "no_wait_share": "Tỷ lệ “thủ tục hành chính không chờ”",
    "interagency_share": "Tỷ lệ hồ sơ liên thông",
    "satisfied_rate": "Tỷ lệ hài lòng",
    "mean_rating": "Điểm đánh giá trung bình",
    "response_rate": "Tỷ lệ hồ sơ được đánh giá",
    "satisfaction_766": "Mức độ hài lòng trong giải quyết hồ sơ (766)",
    "petition_on_time_rate": "Tỷ lệ xử lý phản ánh, kiến nghị đúng hạn",
    "petition_satisfaction": "Mức độ hài lòng về xử lý phản ánh, kiến nghị",
}


@pytest.fixture(scope="module")
def methodology() -> ModuleType:
    """The page module, imported without registering it in a Dash app."""
    with ignore_register_page():
        return importlib.import_module("pages.methodology")


@pytest.fixture
def page(methodology: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The page, rendered while ``MOTCUA_DB`` names a file that does not exist."""
    monkeypatch.setenv("MOTCUA_DB", str(tmp_path / "missing.duckdb"))
    return methodology.layout()


def rows(tree: Any, table_id: str) -> list[list[str]]:
    """The body rows of a table as the text of each cell."""
    body = next(n for n in walk(find(tree, table_id)) if isinstance(n, html.Tbody))
    return [[text(cell) for cell in row.children] for row in body.children]


def header(tree: Any, table_id: str) -> list[tuple[str, str]]:
    """The column header cells of a table: (element, text)."""
    head = next(n for n in walk(find(tree, table_id)) if isinstance(n, html.Thead))
    return [(type(cell).__name__, text(cell)) for cell in head.children.children]


def pct(rate: float) -> str:
    """A threshold as the page writes it, without useless decimals: 0.8 → 80%."""
    return f"{rate * 100:g}%".replace(".", ",")


def number(value: float) -> str:
    """Points or a count as the page writes it: 20 → 20, 2.5 → 2,5."""
    return f"{value:g}".replace(".", ",")


@pytest.mark.parametrize("metric", list(LABELS))
def test_every_metric_has_its_anchor_label_and_a_toc_link(page: Any, metric: str) -> None:
    anchor = "methodology-" + metric.replace("_", "-")
    entry = text(find(page, anchor))
    assert entry.startswith(LABELS[metric] + " ")
    assert "Cách tính:" in entry or metric in ("early", "on_time", "late", "in_time", "overdue")
    toc = [n.href for n in walk(find(page, "methodology-toc")) if isinstance(n, html.A)]
    assert f"#{anchor}" in toc


def test_ids_are_unique_and_every_toc_link_has_a_target(page: Any) -> None:
    ids = Counter(n.id for n in walk(page) if getattr(n, "id", None))
    assert [i for i, n in ids.items() if n > 1] == []
    links = [n.href for n in walk(page) if isinstance(n, html.A) and n.href.startswith("#")]
    assert [h for h in links if h[1:] not in ids] == []


def test_headings_go_down_one_level_at_a_time(page: Any) -> None:
    levels = [int(type(n).__name__[1]) for n in walk(page) if type(n).__name__ in HEADINGS]
    assert levels[0] == 1 and levels.count(1) == 1
    assert [(a, b) for a, b in pairwise(levels) if b > a + 1] == []


def test_on_time_classes_table_has_the_five_rules(page: Any) -> None:
    table = rows(page, "methodology-classes-table")
    assert [r[0] for r in table] == [
        "Trước hạn",
        "Đúng hạn",
        "Quá hạn",
        "Đang giải quyết trong hạn",
        "Đang giải quyết quá hạn",
    ]
    assert "yêu cầu bổ sung > 1" in table[2][2]
    assert "số lần bổ sung = 1" in table[3][2]
    assert header(page, "methodology-classes-table") == [
        ("Th", "Loại"),
        ("Th", "Quy tắc"),
        ("Th", "Điều kiện"),
    ]


def test_worked_example_reproduces_hong_ha_by_hand(page: Any) -> None:
    example = text(find(page, "methodology-example"))
    assert "12.432 / 12.439 = 99,94%" in example
    assert "12.482 / 12.500 = 99,86%" in example
    assert text(find(page, "methodology-aggregation-example")) == (
        "Ví dụ: phường A đúng hạn 9/10 = 90,00%, phường B 990/1.000 = 99,00%. Hai phường cộng "
        "lại: 999/1.010 = 98,91%, không phải trung bình 94,50%."
    )


def test_index766_table_is_the_methodology_file(page: Any) -> None:
    raw = tomllib.loads((ROOT / "data" / "index766.toml").read_text("utf-8"))
    expected = [
        [str(i["code"]), i["group"], i["label"], number(i["max"]), pct(i["full_at"])]
        for i in raw["indicator"]
    ] + [[n["code"], n["group"], n["label"], "—", "—"] for n in raw["not_computed"]]
    table = rows(page, "methodology-index766-table")
    assert [r[:5] for r in table] == expected
    notes = {r[0]: r[5] for r in table}
    assert notes["3.3"] == "Chưa công bố số điểm: chỉ hiển thị ngưỡng, không tính điểm."
    assert notes["5.2"] == notes["5.3"] == "Kỳ không có trường hợp nào: được điểm tối đa."
    assert notes["1.x"] == raw["not_computed"][0]["reason"]
    assert [n for c, n in notes.items() if c not in ("3.3", "5.2", "5.3", "1.x")] == [""] * 6


def test_bands_table_is_the_methodology_file(page: Any) -> None:
    raw = tomllib.loads((ROOT / "data" / "index766.toml").read_text("utf-8"))
    bands = sorted(raw["band"], key=lambda b: -b["min"])
    spans = [f"từ {number(bands[0]['min'])}"]
    spans += [
        f"từ {number(b['min'])} đến dưới {number(above['min'])}"
        for above, b in pairwise(bands[:-1])
    ]
    spans.append(f"dưới {number(bands[-2]['min'])}")
    assert rows(page, "methodology-bands-table") == [
        [b["label"], s] for b, s in zip(bands, spans, strict=True)
    ]
    # Today's file: the spec's bands.
    assert rows(page, "methodology-bands-table")[-1] == ["Yếu", "dưới 50"]


def test_methodology_file_is_shown_verbatim_with_the_estimate_warning(page: Any) -> None:
    shown = find(page, "methodology-index766-file")
    assert text(shown) == (ROOT / "data" / "index766.toml").read_text("utf-8")
    warning = text(find(page, "methodology-estimate"))
    assert "Ước tính." in warning
    assert "số liệu chính thức là số công bố trên Cổng Dịch vụ công quốc gia" in warning
    assert "Phương pháp tính" in text(find(page, "methodology-index766-method"))


def test_tables_follow_an_edited_methodology_file(tmp_path: Path) -> None:
    edited = (ROOT / "data" / "index766.toml").read_text("utf-8")
    edited = edited.replace("max = 20\n", "max = 25\n").replace("min = 90\n", "min = 92.5\n")
    path = tmp_path / "index766.toml"
    path.write_text(edited, "utf-8")
    method = load_methodology(path)
    assert rows(builders.index766_table(method), "methodology-index766-table")[0][:5] == [
        "2.1",
        "Tiến độ, kết quả giải quyết",
        "Tỷ lệ hồ sơ giải quyết đúng hạn",
        "25",
        "100%",
    ]
    assert rows(builders.bands_table(method), "methodology-bands-table")[:2] == [
        ["Xuất sắc", "từ 92,5"],
        ["Tốt", "từ 80 đến dưới 92,5"],
    ]


def test_targets_table_is_the_targets_file(page: Any) -> None:
    raw = tomllib.loads((ROOT / "data" / "targets.toml").read_text("utf-8"))
    counts = {"late", "overdue"}
    expected = []
    for metric, spec in raw.items():
        fmt = number if metric in counts else pct
        goal, amber = fmt(spec["target"]), spec.get("amber")
        if spec["direction"] == "higher":
            band = "—" if amber is None else f"từ {fmt(amber)} đến dưới {goal}"
            row = ["Càng cao càng tốt", f"≥ {goal}", band, f"< {fmt(amber or spec['target'])}"]
        else:
            band = "—" if amber is None else f"trên {goal} đến {fmt(amber)}"
            row = ["Càng thấp càng tốt", f"≤ {goal}", band, f"> {fmt(amber or spec['target'])}"]
        expected.append([LABELS[metric], goal, *row])
    table = rows(page, "methodology-targets-table")
    assert table == expected
    assert table[0] == [
        "Tỷ lệ đúng hạn",
        "98%",
        "Càng cao càng tốt",
        "≥ 98%",
        "từ 95% đến dưới 98%",
        "< 95%",
    ]


def test_public_rules_quote_the_thresholds_of_the_code(page: Any) -> None:
    """metrics.md §7 (revised): exact counts, an unreliable rate marked, unranked in rankings."""
    rules = [text(li) for li in find(page, "methodology-public-rules").children]
    assert rules == [
        "Chỉ công bố số tổng hợp: không bao giờ có mã hồ sơ, thông tin người nộp, tên cán bộ, nội "
        "dung góp ý hay danh sách hồ sơ. Chi tiết nhất là theo phường, xã × lĩnh vực × kỳ; không "
        "chia theo thủ tục, đối tượng nộp hay cán bộ.",
        "Số đếm là số chính xác, kể cả số nhỏ: 3 hồ sơ trễ hạn được công bố là 3 (che số nhỏ là "
        "che đúng những chỗ chậm trễ mà người dân cần biết).",
        "Tỷ lệ có mẫu số dưới 10 (hoặc không có dữ liệu) được hiển thị là “chưa đủ dữ liệu” thay "
        "cho tỷ lệ phần trăm. Đây là chuyện độ tin cậy, không phải giữ bí mật: các số đếm bên "
        "cạnh vẫn được hiển thị.",
        "Trong mọi bảng xếp hạng công khai, phường, xã có tỷ lệ “chưa đủ dữ liệu” đứng sau các "
        "phường, xã được xếp hạng và không có thứ hạng.",
        "Chỉ số 766 công khai: chỉ số có dưới 10 trường hợp không được tính điểm; phường, xã có "
        "dưới 10 hồ sơ phải giải quyết không có điểm công khai.",
    ]
    assert not any("< 5" in rule or "“ẩn”" in rule for rule in rules)


def test_conventions_and_decisions_are_listed(page: Any) -> None:
    conventions = find(page, "methodology-conventions-list").children
    assert len(conventions) == 7
    assert "không bao giờ lấy trung bình các tỷ lệ phần trăm" in text(conventions)
    assert "không phải 0% và không phải 100%" in text(conventions)
    decisions = text(find(page, "methodology-decisions-list"))
    assert "Yêu cầu bổ sung quá một lần" in decisions
    assert "kỳ không có phản ánh, kiến nghị được điểm tối đa ở 5.2 và 5.3" in decisions


def test_page_never_opens_the_warehouse(
    methodology: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Not a DuckDB file: any attempt to open it would raise.
    garbage = tmp_path / "not-a-warehouse.duckdb"
    garbage.write_bytes(b"this is not a database")
    monkeypatch.setenv("MOTCUA_DB", str(garbage))
    content = text(methodology.layout())
    assert "Tỷ lệ đúng hạn" in content
    assert "Chưa có dữ liệu" not in content
    assert garbage.read_bytes() == b"this is not a database"


def test_missing_warehouse_changes_nothing(page: Any, tmp_path: Path) -> None:
    assert "Chưa có dữ liệu" not in text(page)
    assert not (tmp_path / "missing.duckdb").exists()


def test_kpi_tiles_use_the_same_words(page: Any) -> None:
    assert components.METRICS is definitions.METRICS  # the old import path still works
    tile = kpi_tile("x-on-time", "on_time_rate", "99,94%")
    hidden = text(find(tile, "x-on-time-definition"))
    entry = text(find(page, "methodology-on-time-rate"))
    definition, formula = hidden.split(" Cách tính: ")
    assert definition in entry
    assert formula in entry
    assert formula == (
        "(Trước hạn + Đúng hạn + Đang giải quyết trong hạn) / (Trước hạn + Đúng hạn + Quá hạn + "
        "Đang giải quyết trong hạn + Đang giải quyết quá hạn)."
    )


def test_every_callback_id_is_in_the_layout(methodology: ModuleType, page: Any) -> None:
    ids = {node.id for node in walk(page) if getattr(node, "id", None)}
    specs = page_callbacks("methodology-")
    assert specs, "the page's callbacks were registered on import"
    for spec in specs:
        outputs = [o.rsplit(".", 1)[0] for o in spec["output"].strip(".").split("...")]
        used = outputs + [dep["id"] for dep in spec["inputs"] + spec["state"]]
        assert set(used) <= ids, set(used) - ids


def test_excel_export_holds_the_definitions_the_766_table_and_the_targets(
    methodology: ModuleType,
) -> None:
    """One workbook; the 766 rows are those of data/index766.toml, the targets those shown."""
    import base64
    import io
    from contextvars import copy_context

    from dash._callback_context import context_value
    from dash._utils import AttributeDict
    from openpyxl import load_workbook

    def call() -> Any:
        prop = {"prop_id": "methodology-export-xlsx.n_clicks", "value": 1}
        context_value.set(AttributeDict(triggered_inputs=[prop]))
        return methodology.export(1, None)

    data = copy_context().run(call)
    book = load_workbook(io.BytesIO(base64.b64decode(data["content"])))
    assert book.sheetnames == ["Thông tin", "Định nghĩa", "Chỉ số 766", "Xếp loại", "Mục tiêu"]

    def body(sheet: str, first: str) -> list[list[Any]]:
        rows = [list(r) for r in book[sheet].iter_rows(values_only=True)]
        start = next(i for i, r in enumerate(rows) if r[0] == first)
        return rows[start + 1 :]

    assert len(body("Định nghĩa", "Mã chỉ tiêu")) == len(definitions.METRICS)
    raw = tomllib.loads((Path(__file__).parents[1] / "data" / "index766.toml").read_text("utf-8"))
    scored = [r for r in body("Chỉ số 766", "Mã") if r[4] is not None]
    assert [(r[0], r[4], r[5]) for r in scored] == [
        (i["code"], float(i["max"]), float(i.get("full_at", 1.0))) for i in raw["indicator"]
    ]
    targets = body("Mục tiêu", "Mã chỉ tiêu")
    shown = load_targets()
    assert [r[0] for r in targets] == list(shown)
    assert [r[1:] for r in targets] == builders.target_rows(shown)
