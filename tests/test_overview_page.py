"""The overview page (pages/overview.py): layout and callback called as functions.

The warehouse is built by the real loader from the small file below; the figures for October
2026 are counted by hand:

- city: received 6 (online 2), completed 4; early 2 (P01, P06), on time 1 (P03), late 1 (P02),
  in time 1 (P05), overdue 1 (P04) → on-time rate 4/6 = 66,67%, resolved on time 3/4 = 75,00%,
  online 2/6 = 33,33%; wards with data 2 of Hà Nội's 126; data as of P07's end, 10:00 02/11/2026.
- Ba Đình (00004): received 4 (online 2), completed 3 → on-time 2/4 = 50,00%, resolved 2/3 =
  66,67%, online 2/4 = 50,00%.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import dash
import pytest
from dash.development.base_component import Component
from dash.testing import ignore_register_page

from etl.loader import load_files
from tests.overview_fixture import OVERVIEW_DOSSIERS

DOSSIERS = OVERVIEW_DOSSIERS
OCTOBER = {"from": "2026-10-01", "to": "2026-10-31"}
COVERAGE_CITY = (
    "Dữ liệu đến 10:00 02/11/2026 · 2/126 phường, xã có dữ liệu · Kỳ: 01/10/2026 – 31/10/2026"
)


@pytest.fixture(scope="module")
def overview() -> ModuleType:
    """The page module, imported without registering it in a Dash app."""
    with ignore_register_page():
        return importlib.import_module("pages.overview")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("overview")
    (directory / "ho_so.csv").write_text(DOSSIERS, encoding="utf-8")
    db = directory / "motcua.duckdb"
    assert load_files([directory / "ho_so.csv"], db=db).ok
    return db


@pytest.fixture
def loaded(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("MOTCUA_DB", str(warehouse))
    monkeypatch.setenv("MOTCUA_PROVINCE", "01")
    yield warehouse


def find(tree: Any, component_id: str) -> Component:
    """The component with ``component_id`` in a layout tree."""
    for node in walk(tree):
        if getattr(node, "id", None) == component_id:
            return node
    raise LookupError(component_id)


def walk(tree: Any) -> Iterator[Any]:
    """Every component of a layout tree, depth first."""
    if isinstance(tree, (list, tuple)):
        for item in tree:
            yield from walk(item)
    elif isinstance(tree, Component):
        yield tree
        yield from walk(getattr(tree, "children", None))


def text(tree: Any) -> str:
    """The visible and screen-reader text of a layout tree, joined by single spaces."""
    parts = []
    for node in walk(tree) if not isinstance(tree, str) else [tree]:
        children = node if isinstance(node, str) else getattr(node, "children", None)
        if isinstance(children, (str, int, float)):
            parts.append(str(children))
        elif isinstance(children, (list, tuple)):
            parts.extend(str(c) for c in children if isinstance(c, (str, int, float)))
    return " ".join(parts)


def tile_value(tree: Any, tile_id: str) -> str:
    """The headline value of the KPI tile ``tile_id``."""
    values = [
        n
        for n in walk(find(tree, tile_id))
        if "mc-tile-value" in (getattr(n, "className", None) or "")
    ]
    return text(values[0])


def tiles(tree: Any) -> dict[str, str]:
    ids = ("overview-received", "overview-completed", "overview-on-time", "overview-online")
    return {tile_id: tile_value(tree, tile_id) for tile_id in ids}


def test_layout_shows_the_city_figures_counted_by_hand(overview: ModuleType, loaded: Path) -> None:
    page = overview.layout(**OCTOBER)
    assert tiles(page) == {
        "overview-received": "6",
        "overview-completed": "4",
        "overview-on-time": "66,67%",
        "overview-online": "33,33%",
    }
    assert "Giải quyết đúng/trước hạn: 75,00%" in text(find(page, "overview-on-time"))
    assert text(find(page, "overview-coverage")) == COVERAGE_CITY
    assert find(page, "overview-period").value == "custom"
    assert find(page, "overview-ward").value == "all"


def test_layout_with_a_ward_shows_that_ward(overview: ModuleType, loaded: Path) -> None:
    page = overview.layout(**OCTOBER, ward="00004")
    assert tiles(page) == {
        "overview-received": "4",
        "overview-completed": "3",
        "overview-on-time": "50,00%",
        "overview-online": "50,00%",
    }
    assert "Giải quyết đúng/trước hạn: 66,67%" in text(find(page, "overview-on-time"))
    assert "1/1 phường, xã có dữ liệu" in text(find(page, "overview-coverage"))
    assert "Phường Ba Đình" in text(find(page, "overview-content"))
    assert find(page, "overview-ward").value == "00004"


def test_ward_menu_lists_the_province_by_name(overview: ModuleType, loaded: Path) -> None:
    options = find(overview.layout(**OCTOBER), "overview-ward").options
    assert options[0] == {"label": "Tất cả phường, xã", "value": "all"}
    assert len(options) == 1 + 126
    assert {"label": "Phường Ngọc Hà", "value": "00008"} in options


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2026-13-01", "to": "2026-10-31"}, "Ngày không hợp lệ: from='2026-13-01'"),
        ({"from": "01/10/2026", "to": "2026-10-31"}, "cần dạng YYYY-MM-DD"),
        ({"from": "2026-10-31", "to": "2026-10-01"}, "Ngày bắt đầu (31/10/2026) sau ngày kết thúc"),
        ({"from": "2026-10-01"}, "Thiếu tham số to"),
        ({"period": "next_century"}, "Kỳ báo cáo không hợp lệ: period='next_century'"),
        ({**OCTOBER, "ward": "99999"}, "Mã '99999' không có trong danh sách"),
        ({**OCTOBER, "ward": "00004' OR 1=1 --"}, "không có trong danh sách"),
    ],
)
def test_invalid_url_parameters_show_an_alert_not_a_crash(
    overview: ModuleType, loaded: Path, query: dict[str, str], message: str
) -> None:
    content = find(overview.layout(**query), "overview-content")
    alerts = [
        n
        for n in walk(content)
        if isinstance(n, dash.development.base_component.Component) and type(n).__name__ == "Alert"
    ]
    assert len(alerts) == 1
    assert message in text(alerts[0])
    with pytest.raises(LookupError):
        find(content, "overview-received")


def test_repeated_parameter_counts_by_its_last_value(overview: ModuleType, loaded: Path) -> None:
    page = overview.layout(**OCTOBER, ward=["00008", "00004"])
    assert tile_value(page, "overview-received") == "4"


def test_period_without_dossiers_says_so(overview: ModuleType, loaded: Path) -> None:
    content = text(
        find(overview.layout(**{"from": "2025-07-01", "to": "2025-07-31"}), "overview-content")
    )
    assert "Chưa có dữ liệu cho kỳ này" in content
    assert "0/126 phường, xã có dữ liệu" in content


def test_no_data_rate_is_a_dash_announced_as_no_data(overview: ModuleType, loaded: Path) -> None:
    # Ba Đình in November: nothing received (online share has no denominator), P04 carried over.
    page = overview.layout(**{"from": "2026-11-01", "to": "2026-11-30"}, ward="00004")
    online = find(page, "overview-online")
    assert tile_value(page, "overview-online") == "— không có dữ liệu"
    assert "0 hồ sơ nộp trực tuyến" in text(online)


def test_missing_warehouse_shows_how_to_load_data(
    overview: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTCUA_DB", str(tmp_path / "nothing-here.duckdb"))
    page = overview.layout()
    content = text(find(page, "overview-content"))
    assert "Chưa có dữ liệu." in content
    assert "python -m etl demo" in content
    assert find(page, "overview-ward").disabled is True


def test_warehouse_without_dossiers_shows_how_to_load_data(
    overview: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A procedures catalogue alone creates the warehouse (schema, wards) but loads no dossier.
    catalogue = tmp_path / "thu_tuc.csv"
    catalogue.write_text("Mã TTHC,Tên TTHC,Thời hạn giải quyết\n1.001193,Chứng thực,3\n", "utf-8")
    db = tmp_path / "motcua.duckdb"
    assert load_files([catalogue], db=db).ok
    monkeypatch.setenv("MOTCUA_DB", str(db))
    content = text(find(overview.layout(**OCTOBER), "overview-content"))
    assert "Chưa có dữ liệu." in content
    assert "python -m etl demo" in content


@pytest.mark.parametrize(
    ("preset", "ward", "search"),
    [
        ("custom", "00004", "?from=2026-10-01&to=2026-10-31&ward=00004"),
        ("custom", "all", "?from=2026-10-01&to=2026-10-31"),
        ("last_month", "all", "?period=last_month"),
        ("today", "00008", "?period=today&ward=00008"),
    ],
)
def test_callback_puts_the_filters_in_the_url(
    overview: ModuleType, loaded: Path, preset: str, ward: str, search: str
) -> None:
    url, _ = overview.update(preset, ward, OCTOBER)
    assert url == search


def test_callback_recomputes_the_tiles_for_the_chosen_ward(
    overview: ModuleType, loaded: Path
) -> None:
    _, content = overview.update("custom", "00004", OCTOBER)
    assert tiles(content) == tiles(overview.layout(**OCTOBER, ward="00004"))


def test_every_callback_id_is_in_the_layout(overview: ModuleType, loaded: Path) -> None:
    # The app suppresses callback exceptions (pages come and go), so the ids are checked here.
    ids = {node.id for node in walk(overview.layout(**OCTOBER)) if getattr(node, "id", None)}
    specs = [c for c in dash._callback.GLOBAL_CALLBACK_LIST if "overview-" in c["output"]]
    assert specs, "the page's callbacks were registered on import"
    for spec in specs:
        outputs = [o.rsplit(".", 1)[0] for o in spec["output"].strip(".").split("...")]
        used = outputs + [dep["id"] for dep in spec["inputs"] + spec["state"]]
        assert set(used) <= ids, set(used) - ids
