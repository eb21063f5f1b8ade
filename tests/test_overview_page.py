"""The overview page (pages/overview.py): layout and callback called as functions.

The warehouse is built by the real loader from the small file below; the figures for October
2026 are counted by hand:

- city: received 6 (online 2), completed 4; early 2 (P01, P06), on time 1 (P03), late 1 (P02),
  in time 1 (P05), overdue 1 (P04) → on-time rate 4/6 = 66,67%, resolved on time 3/4 = 75,00%,
  online 2/6 = 33,33%; wards with data 2 of Hà Nội's 126; data as of P07's end, 10:00 02/11/2026.
- Ba Đình (00004): received 4 (online 2), completed 3 → on-time 2/4 = 50,00%, resolved 2/3 =
  66,67%, online 2/4 = 50,00%; overdue 1 (P04, due 30/10 before the end of October).
- Ngọc Hà (00008): received 2 (P05, P06; none online), completed 1 (P06 early), in time 1 (P05,
  due 05/11) → on-time 2/2 = 100,00%, resolved 1/1 = 100,00%, online 0/2 = 0,00%.
- previous period of October = September, 01/09–30/09 (metrics §6; S01–S04, see
  tests/overview_fixture.py): city
  received 4, completed 4, on-time 3/4 = 75%, online 2/4 = 50%. Changes: received 6 vs 4 →
  +50,0%; completed 4 vs 4 → = 0,0%; on-time 66,67 − 75 = −8,33 points; online 33,33 − 50 =
  −16,67 points. October 2025 has no dossier: every "same period last year" change is "—".
- ranks (on-time rate, best first): September Ba Đình 1 (100%), Ngọc Hà 2 (50%); October
  Ngọc Hà 1 (100%) ▲1, Ba Đình 2 (50%) ▼1; the other 124 wards have no data, no rank, last.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterator
from contextvars import copy_context
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import dash
import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict
from dash.development.base_component import Component
from dash.testing import ignore_register_page
from plotly.utils import PlotlyJSONEncoder

from etl.loader import load_files
from kpi.periods import Period
from tests.callbacks import page_callbacks
from tests.grids import grid_texts
from tests.overview_fixture import OVERVIEW_DOSSIERS
from ui.filters import (
    FilterError,
    Selection,
    controls_query,
    filter_bar,
    parse_query,
    typed_day,
)

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


TILE_IDS = ("overview-received", "overview-completed", "overview-on-time", "overview-online")


def tiles(tree: Any) -> dict[str, str]:
    return {tile_id: tile_value(tree, tile_id) for tile_id in TILE_IDS}


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


def alerts_in(tree: Any) -> list[Component]:
    """Every Alert of a layout tree."""
    return [n for n in walk(tree) if isinstance(n, Component) and type(n).__name__ == "Alert"]


def inline_text(tree: Any) -> str:
    """The text of a tree in reading order (strings and children, depth first), spaces collapsed."""
    parts: list[str] = []

    def visit(node: Any) -> None:
        if isinstance(node, (str, int, float)):
            parts.append(str(node))
        elif isinstance(node, (list, tuple)):
            for item in node:
                visit(item)
        elif isinstance(node, Component):
            if "visually-hidden" in (getattr(node, "className", None) or ""):
                return  # what a screen reader hears is checked apart
            visit(getattr(node, "children", None))

    visit(tree)
    return " ".join("".join(parts).split())


def change_lines(tree: Any, tile_id: str) -> list[str]:
    """The comparison lines of a KPI tile, as a sighted reader sees them."""
    return [
        inline_text(n)
        for n in walk(find(tree, tile_id))
        if (getattr(n, "className", None) or "") == "mc-change"
    ]


def run_callback(function: Callable[..., Any], trigger: str, *args: Any) -> Any:
    """Call a callback as Dash would after ``trigger`` (``"component-id.prop"``) changed."""

    def call() -> Any:
        context_value.set(AttributeDict(triggered_inputs=[{"prop_id": trigger, "value": None}]))
        return function(*args)

    return copy_context().run(call)


@pytest.mark.parametrize(
    ("query", "parameter", "message"),
    [
        (
            {"from": "2026-13-01", "to": "2026-10-31"},
            "from",
            "Ngày không hợp lệ: from='2026-13-01'",
        ),
        ({"from": "01/10/2026", "to": "2026-10-31"}, "from", "cần dạng YYYY-MM-DD"),
        ({"from": "20261001", "to": "2026-10-31"}, "from", "from='20261001'"),
        (
            {"from": "2026-10-31", "to": "2026-10-01"},
            "from",
            "Ngày bắt đầu (31/10/2026) sau ngày kết thúc",
        ),
        ({"from": "2026-10-01"}, "to", "Thiếu tham số to"),
        ({"from": "1900-01-01", "to": "2026-10-31"}, "from", "nằm ngoài khoảng hỗ trợ"),
        ({"from": "2000-01-01", "to": "2026-10-31"}, "to", "vượt quá mức tối đa 3660 ngày"),
        ({"period": "next_century"}, "period", "Kỳ báo cáo không hợp lệ: period='next_century'"),
        ({**OCTOBER, "ward": "99999"}, "ward", "ward='99999' không có trong danh sách"),
        ({**OCTOBER, "ward": "00004' OR 1=1 --"}, "ward", "không có trong danh sách"),
        ({**OCTOBER, "field": "Hàng không"}, "field", "field='Hàng không' không có trong dữ liệu"),
        ({**OCTOBER, "channel": "fax"}, "channel", "Kênh nộp không hợp lệ: channel='fax'"),
    ],
)
def test_invalid_url_parameters_show_an_alert_naming_the_parameter(
    overview: ModuleType, loaded: Path, query: dict[str, str], parameter: str, message: str
) -> None:
    content = find(overview.layout(**query), "overview-content")
    alerts = alerts_in(content)
    assert len(alerts) == 1
    assert "Tham số trên địa chỉ trang không hợp lệ" in text(alerts[0])
    problems = [n for n in walk(alerts[0]) if getattr(n, "data-parameter", None)]
    assert [getattr(n, "data-parameter") for n in problems] == [parameter]
    assert message in text(problems[0])
    with pytest.raises(LookupError):
        find(content, "overview-received")


def test_every_bad_parameter_is_listed(overview: ModuleType, loaded: Path) -> None:
    content = find(overview.layout(period="someday", ward="1", channel="fax"), "overview-content")
    problems = [n for n in walk(content) if getattr(n, "data-parameter", None)]
    assert [getattr(n, "data-parameter") for n in problems] == ["period", "ward", "channel"]


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
    ("trigger", "controls", "search", "period_controls"),
    [
        (
            "overview-ward",
            ("custom", "01/10/2026", "31/10/2026", "00004", "all", "all"),
            "?from=2026-10-01&to=2026-10-31&ward=00004",
            ("custom", "01/10/2026", "31/10/2026"),
        ),
        (
            "overview-to",  # dates typed day first, whatever the separator, or as in the URL
            ("last_month", "1.10.2026", "2026-10-31", "all", "all", "all"),
            "?from=2026-10-01&to=2026-10-31",
            ("custom", "01/10/2026", "31/10/2026"),
        ),
        (
            "overview-period",
            ("since_2025_07", "01/10/2026", "31/10/2026", "00008", "Hộ tịch", "online"),
            "?period=since_2025_07&ward=00008&field=H%E1%BB%99+t%E1%BB%8Bch&channel=online",
            ("since_2025_07", "01/07/2025", None),  # to = today, whatever day the test runs
        ),
    ],
)
def test_callback_puts_the_filters_in_the_url_and_the_dates_in_step(
    overview: ModuleType,
    loaded: Path,
    trigger: str,
    controls: tuple[str, ...],
    search: str,
    period_controls: tuple[str | None, ...],
) -> None:
    url, preset, date_from, date_to, _ = run_callback(
        overview.update, f"{trigger}.value", *controls
    )
    assert url == search
    assert (preset, date_from) == period_controls[:2]
    if period_controls[2] is not None:
        assert date_to == period_controls[2]


def test_callback_recomputes_the_tiles_for_the_chosen_ward(
    overview: ModuleType, loaded: Path
) -> None:
    controls = ("custom", "2026-10-01", "2026-10-31", "00004", "all", "all")
    *_, content = run_callback(overview.update, "overview-ward.value", *controls)
    assert tiles(content) == tiles(overview.layout(**OCTOBER, ward="00004"))
    assert tiles(content)["overview-received"] == "4"


def test_callback_with_a_reversed_range_keeps_the_url_and_says_why(
    overview: ModuleType, loaded: Path
) -> None:
    controls = ("custom", "31/10/2026", "01/10/2026", "all", "all", "all")
    url, preset, date_from, date_to, content = run_callback(
        overview.update, "overview-from.value", *controls
    )
    assert (url, preset, date_from, date_to) == (dash.no_update,) * 4
    assert "Ngày bắt đầu (31/10/2026) sau ngày kết thúc" in text(content)


@pytest.mark.parametrize(
    ("date_from", "date_to", "problems"),
    [
        ("10/31/2026", "01/11/2026",  # month first: not a day of the year
         [("from", "Từ ngày: '10/31/2026' không phải là một ngày (cần dạng ngày/tháng/năm, ví "
                   "dụ 21/11/2026).")]),
        ("31/02/2026", "hôm qua",
         [("from", "Từ ngày: '31/02/2026' không phải là một ngày (cần dạng ngày/tháng/năm, ví "
                   "dụ 21/11/2026)."),
          ("to", "Đến ngày: 'hôm qua' không phải là một ngày (cần dạng ngày/tháng/năm, ví dụ "
                 "21/11/2026).")]),
    ],
)  # fmt: skip
def test_a_typed_date_that_is_not_one_keeps_the_url_and_says_which(
    overview: ModuleType,
    loaded: Path,
    date_from: str,
    date_to: str,
    problems: list[tuple[str, str]],
) -> None:
    controls = ("custom", date_from, date_to, "all", "all", "all")
    url, preset, shown_from, shown_to, content = run_callback(
        overview.update, "overview-from.value", *controls
    )
    assert (url, preset, shown_from, shown_to) == (dash.no_update,) * 4
    lines = [n for n in walk(content) if getattr(n, "data-parameter", None)]
    assert [(getattr(n, "data-parameter"), n.children) for n in lines] == problems


@pytest.mark.parametrize(
    ("typed", "url"),
    [
        ("21/11/2026", "2026-11-21"),
        ("1/7/2025", "2025-07-01"),
        ("01.07.2025", "2025-07-01"),
        ("01-07-2025", "2025-07-01"),
        (" 21/11/2026 ", "2026-11-21"),
        ("2026-11-21", "2026-11-21"),  # the URL's own form, pasted in
        ("", None),
        (None, None),
    ],
)
def test_a_typed_date_is_read_day_first(typed: str | None, url: str | None) -> None:
    assert typed_day(typed, "from") == url


@pytest.mark.parametrize("typed", ["11/21/2026", "31/02/2026", "21/11/26", "2026/11/21", "x"])
def test_a_typed_date_that_is_not_one_is_refused(typed: str) -> None:
    with pytest.raises(FilterError) as caught:
        typed_day(typed, "to")
    assert [p.parameter for p in caught.value.problems] == ["to"]


def test_the_filter_bar_shows_its_dates_day_first() -> None:
    """Text fields, not the browser's date inputs: day first whatever the browser's language."""
    bar = filter_bar(
        "overview",
        parse_query({"from": "2026-10-01", "to": "2026-10-31"}, wards={}, fields=[]),
        wards={"00004": "Phường Ba Đình"},
        fields=[],
    )
    dates = [find(bar, f"overview-{name}") for name in ("from", "to")]
    assert [(d.type, d.value, d.placeholder) for d in dates] == [
        ("text", "01/10/2026", "dd/mm/yyyy"),
        ("text", "31/10/2026", "dd/mm/yyyy"),
    ]


def test_every_callback_id_is_in_the_layout(overview: ModuleType, loaded: Path) -> None:
    # The app suppresses callback exceptions (pages come and go), so the ids are checked here.
    # A pattern-matching id ({"type": …, "column": ALL}) counts by its type.
    def name(component_id: Any) -> str:
        if isinstance(component_id, dict):
            return component_id["type"]
        if component_id.startswith("{"):
            return json.loads(component_id)["type"]
        return component_id

    ids = {name(n.id) for n in walk(overview.layout(**OCTOBER)) if getattr(n, "id", None)}
    specs = page_callbacks("overview-")
    # filters, grain, league sort, map click, province menu, export
    assert len(specs) == 5, "the page's callbacks were registered on import"
    for spec in specs:
        outputs = [o.rsplit(".", 1)[0] for o in spec["output"].strip(".").split("...")]
        used = [name(o) for o in outputs] + [
            name(dep["id"]) for dep in spec["inputs"] + spec["state"]
        ]
        assert set(used) <= ids, set(used) - ids


def test_tiles_show_the_changes_counted_by_hand(overview: ModuleType, loaded: Path) -> None:
    page = overview.layout(**OCTOBER)
    # Each change names the dates it is against: September, and October 2025 (metrics §6).
    no_last_year = "— so với 1/10–31/10/2025"
    assert {tile_id: change_lines(page, tile_id) for tile_id in TILE_IDS} == {
        "overview-received": ["▲ +50,0% so với 1/9–30/9/2026", no_last_year],
        "overview-completed": ["= 0,0% so với 1/9–30/9/2026", no_last_year],
        "overview-on-time": ["▼ -8,33 điểm % so với 1/9–30/9/2026", no_last_year],
        "overview-online": ["▼ -16,67 điểm % so với 1/9–30/9/2026", no_last_year],
    }
    # A worse rate is marked as such in words for screen readers, and in colour for the eye.
    on_time = find(page, "overview-on-time")
    assert "giảm -8,33 điểm %" in text(on_time)
    assert any("text-danger-emphasis" in (getattr(n, "className", "") or "") for n in walk(on_time))


# The pages' presets count from today, set here to Wednesday 04/11/2026 (the fixture's data
# reach 10:00 02/11/2026). Received, by hand:
# - this_month = 01/11–04/11 (P07) vs 01/10–04/10: no dossier at all there → "—";
# - the ISO week 05/10–11/10 (P01–P04) vs the week before, 28/09–04/10: no dossier → "—";
# - the custom 16 days 05/10–20/10 (P01–P06: 6) vs the 16 days before, 19/09–04/10: nothing
#   received (S01–S04 came in 07–10/09) but S04 was completed there (22/09), so the base is 0
#   received: the change is the difference, +6;
# - last_month = October (6) vs all of September (S01–S04: 4) → +50,0%.
# October 2025 and the other year-earlier days are empty: "—".
@pytest.mark.parametrize(
    ("query", "previous", "last_year"),
    [
        ({"period": "this_month"}, "— so với 1/10–4/10/2026", "— so với 1/11–4/11/2025"),
        ({"from": "2026-10-05", "to": "2026-10-11"},  # an ISO week
         "— so với 28/9–4/10/2026", "— so với 5/10–11/10/2025"),
        ({"from": "2026-10-05", "to": "2026-10-20"},  # a custom range
         "▲ +6 so với 19/9–4/10/2026", "— so với 5/10–20/10/2025"),
        ({"period": "last_month"}, "▲ +50,0% so với 1/9–30/9/2026", "— so với 1/10–31/10/2025"),
    ],
)  # fmt: skip
def test_each_change_names_the_dates_it_is_compared_with(
    overview: ModuleType,
    loaded: Path,
    monkeypatch: pytest.MonkeyPatch,
    query: dict[str, str],
    previous: str,
    last_year: str,
) -> None:
    monkeypatch.setattr("kpi.periods.local_now", lambda: datetime(2026, 11, 4, 9, 0))
    page = overview.layout(**query)
    assert change_lines(page, "overview-received") == [previous, last_year]
    titles = [n.title for n in walk(find(page, "overview-received")) if type(n).__name__ == "Li"]
    assert titles == ["Kỳ trước", "Cùng kỳ năm trước"]


def test_tiles_show_the_target_status_in_words(overview: ModuleType, loaded: Path) -> None:
    # City October: on-time 66,67% < amber 95% → red; online 33,33% < 50% → red.
    # Ngọc Hà: on-time 100% ≥ 98% → green; online 0% → red.
    def badges(page: Component) -> dict[str, str]:
        out = {}
        for tile_id in ("overview-on-time", "overview-online"):
            badge = [
                n
                for n in walk(find(page, tile_id))
                if "mc-status" in (getattr(n, "className", None) or "")
            ]
            out[tile_id] = inline_text(badge[0]) + " | " + badge[0].title
        return out

    assert badges(overview.layout(**OCTOBER)) == {
        "overview-on-time": "✗ Chưa đạt mục tiêu | Mục tiêu ≥ 98%",
        "overview-online": "✗ Chưa đạt mục tiêu | Mục tiêu ≥ 50%",
    }
    assert badges(overview.layout(**OCTOBER, ward="00008")) == {
        "overview-on-time": "✓ Đạt mục tiêu | Mục tiêu ≥ 98%",
        "overview-online": "✗ Chưa đạt mục tiêu | Mục tiêu ≥ 50%",
    }


def test_sparkline_describes_the_trend_of_the_period(overview: ModuleType, loaded: Path) -> None:
    # October by month is one bucket: no trend line. By day (the default for a month), the
    # received tile's first day with a value is 01/10 (0 received) and the last 31/10 (0).
    page = overview.layout(**OCTOBER)
    spark = [n for n in walk(find(page, "overview-received")) if type(n).__name__ == "Img"]
    assert spark[0].alt == "Xu hướng theo ngày trong kỳ: từ 0 đến 0"
    assert spark[0].src.startswith("data:image/svg+xml;charset=utf-8,%3Csvg")
    # The on-time rate has a value only on days with dossiers to process: 05/10 (2 of 2 in
    # time) to 31/10 (P04 overdue, P05 in time: 1/2).
    on_time = [n for n in walk(find(page, "overview-on-time")) if type(n).__name__ == "Img"]
    assert on_time[0].alt == "Xu hướng theo ngày trong kỳ: từ 100,00% đến 50,00%"


def league_rows(tree: Any) -> list[list[str]]:
    """The league grid's rows as the cells' text, in the order drawn (by rank)."""
    return grid_texts(find(tree, "overview-league-grid"))


def test_league_table_ranks_every_ward_with_its_movement(
    overview: ModuleType, loaded: Path
) -> None:
    rows = league_rows(overview.layout(**OCTOBER))
    assert len(rows) == 126
    # Due soon at the end of October (a Saturday): none; P05 (due Thursday 05/11) has 4
    # working days left, more than 2.
    assert rows[:2] == [
        ["1", "Phường Ngọc Hà", "2", "1", "100,00% ✓", "100,00% ✓", "0,00% ✗", "0 ✓", "0", "▲1"],
        ["2", "Phường Ba Đình", "4", "3", "50,00% ✗", "66,67% ✗", "50,00% ✓", "1 ✗", "0", "▼1"],
    ]
    assert {tuple(r[:1] + r[2:]) for r in rows[2:]} == {("—",) * 9}


def test_the_rank_change_says_which_period_it_is_measured_from(
    overview: ModuleType, loaded: Path
) -> None:
    # October's ranks moved from September's (metrics §6), said in the table's note.
    page = overview.layout(**OCTOBER)
    assert find(page, "overview-league-compared").children == "so với 1/9–30/9/2026"
    assert inline_text(find(page, "overview-league-note")).endswith(
        "Thay đổi hạng so với 1/9–30/9/2026."
    )


def test_league_links_keep_the_period_and_filters(overview: ModuleType, loaded: Path) -> None:
    page = overview.layout(**OCTOBER, ward="00004", field="Hộ tịch")
    grid = find(page, "overview-league-grid")
    links = {row["ward_name"]: row["href"] for row in grid.rowData}
    assert links["Phường Ba Đình"] == (
        "/phuong/00004?from=2026-10-01&to=2026-10-31&field=H%E1%BB%99+t%E1%BB%8Bch"
    )
    # The chosen ward is marked in the table; the field filter applies: Hộ tịch in October is
    # P01 (early), P02 (late) for Ba Đình → 50%; P06 (early) for Ngọc Hà → 100%.
    rows = league_rows(page)
    assert [r[:2] + r[4:5] for r in rows[:2]] == [
        ["1", "Phường Ngọc Hà", "100,00% ✓"],
        ["2", "Phường Ba Đình", "50,00% ✗"],
    ]
    assert [r["ward_name"] for r in grid.rowData if r.get("selected")] == ["Phường Ba Đình"]


def test_the_league_sorts_in_the_browser_each_column_its_own_first_way(
    overview: ModuleType, loaded: Path
) -> None:
    # A header click asks the server nothing (the grid sorts its rows: the browser tests check
    # the order); rates sort worst first on the first click, counts and the rank change
    # largest first; the table is first in rank order, a ward without data last.
    grid = find(overview.layout(**OCTOBER), "overview-league-grid")
    orders = {spec["field"]: spec["sortingOrder"] for spec in grid.columnDefs}
    assert orders == {
        "rank": ["asc", "desc"], "ward_name": ["asc", "desc"], "received": ["desc", "asc"],
        "completed": ["desc", "asc"], "on_time_rate": ["asc", "desc"],
        "resolved_on_time_rate": ["asc", "desc"], "online_share": ["asc", "desc"],
        "overdue": ["desc", "asc"], "due_soon": ["desc", "asc"], "rank_change": ["desc", "asc"],
    }  # fmt: skip
    assert [spec.get("sort") for spec in grid.columnDefs] == ["asc"] + [None] * 9
    comparators = {spec["comparator"]["function"] for spec in grid.columnDefs}
    assert comparators == {"motcuaMissingLast", "motcuaByName"}
    # The chosen ward is marked; the raw values sort, the texts show.
    assert [r["rank"] for r in grid.rowData[:3]] == [1, 2, None]
    assert grid.rowData[1]["on_time_rate"] == 0.5
    assert grid.rowData[1]["on_time_rate__status"] == "red"
    assert not any(r.get("selected") for r in grid.rowData)


def test_map_has_every_ward_and_a_click_opens_its_page(overview: ModuleType, loaded: Path) -> None:
    page = overview.layout(**OCTOBER)
    figure = find(page, "overview-map").figure
    by_status = {trace.name: list(trace.customdata) for trace in figure.data}
    assert by_status["Đạt mục tiêu"] == ["00008"]
    assert by_status["Chưa đạt mục tiêu"] == ["00004"]
    assert len(by_status["Không có dữ liệu"]) == 124
    assert figure.layout.yaxis.scaleanchor == "x"
    # Plain axes: no tiles, nothing from the internet.
    assert {trace.type for trace in figure.data} == {"scatter"}
    assert not {"mapbox", "map", "geo"} & set(figure.to_plotly_json()["layout"])
    data = find(page, "overview-league-data").data
    click = {"points": [{"customdata": "00008"}]}
    href = run_callback(overview.open_ward, "overview-map.clickData", click, data)
    assert href == "/phuong/00008?from=2026-10-01&to=2026-10-31"


def trend_table(tree: Any, table_id: str) -> list[list[str]]:
    table = find(tree, table_id)
    body = next(n for n in walk(table) if type(n).__name__ == "Tbody")
    return [[inline_text(cell) for cell in row.children] for row in body.children]


def test_trend_by_month_and_week_counted_by_hand(overview: ModuleType, loaded: Path) -> None:
    search = "?from=2026-09-01&to=2026-10-31"
    body = run_callback(overview.update_grain, "overview-grain.value", "month", search)
    # September (S01–S04): on-time 3/4, online 2/4; October as the city figures above.
    assert trend_table(body, "overview-trend-table") == [
        ["09/2026", "75,00%", "50,00%", "4", "4"],
        ["10/2026", "66,67%", "33,33%", "6", "6"],
    ]
    assert trend_table(body, "overview-split-table") == [
        ["09/2026", "3", "0", "1", "0", "0"],
        ["10/2026", "2", "1", "1", "1", "1"],
    ]
    # Week 05/10–11/10: P01–P04 received; P01 early, P02 late (10/10 > 09/10), P03 and P04 in
    # time at the week's end → on-time 3/4; online P01, P04 → 2/4.
    body = run_callback(
        overview.update_grain, "overview-grain.value", "week", "?from=2026-10-05&to=2026-10-11"
    )
    assert trend_table(body, "overview-trend-table") == [
        ["05/10–11/10", "75,00%", "50,00%", "4", "4"]
    ]


def test_trend_figures_carry_the_target_lines(overview: ModuleType, loaded: Path) -> None:
    page = overview.layout(**OCTOBER)
    figure = find(page, "overview-trend-graph").figure
    names = [t.name for t in figure.data]
    assert names == [
        "Tỷ lệ đúng hạn",
        "Mục tiêu tỷ lệ đúng hạn 98%",
        "Tỷ lệ trực tuyến",
        "Mục tiêu tỷ lệ trực tuyến 50%",
    ]
    assert set(figure.data[1].y) == {98.0} and set(figure.data[3].y) == {50.0}
    assert len(figure.data[0].x) == 31  # a month by day
    assert find(page, "overview-grain").value == "day"
    assert [o["value"] for o in find(page, "overview-grain").options] == ["day", "week", "month"]
    assert len(json.dumps(figure.to_plotly_json(), cls=PlotlyJSONEncoder)) < 12_000


def test_empty_period_shows_empty_states_and_no_chart(overview: ModuleType, loaded: Path) -> None:
    page = overview.layout(**{"from": "2025-07-01", "to": "2025-07-31"})
    content = find(page, "overview-content")
    assert "Chưa có dữ liệu cho kỳ này" in text(content)
    assert not [n for n in walk(content) if type(n).__name__ == "Graph"]
    # A grain change on an empty period says why instead of drawing empty axes.
    body = run_callback(
        overview.update_grain, "overview-grain.value", "week", "?from=2025-07-01&to=2025-07-31"
    )
    assert "Chưa có dữ liệu cho kỳ này" in text(body)


@pytest.mark.parametrize(
    "query",
    [
        {"period": "last_month"},
        {"from": "2026-10-01", "to": "2026-10-31"},
        {"from": "2026-10-01", "to": "2026-10-31", "ward": "00004"},
        {"period": "this_year", "field": "Đất đai", "channel": "postal"},
        {"period": "today", "ward": "00008", "field": "Hộ tịch", "channel": "online"},
    ],
)
def test_url_round_trip_query_to_filters_to_query(query: dict[str, str]) -> None:
    wards, fields = {"00004", "00008"}, {"Hộ tịch", "Đất đai"}
    selection = parse_query(query, wards=wards, fields=fields, today=date(2026, 11, 21))
    assert selection.query() == query
    assert parse_qs_last(selection.search()) == query
    again = parse_query(parse_qs_last(selection.search()), wards=wards, fields=fields)
    assert again.query() == query


def parse_qs_last(search: str) -> dict[str, str]:
    """A query string as Dash pages hand it to ``layout`` (decoded, last value wins)."""
    from urllib.parse import parse_qs

    return {k: v[-1] for k, v in parse_qs(search.lstrip("?")).items()}


def test_selection_gives_the_metrics_filters() -> None:
    selection = parse_query(
        {"period": "last_month", "ward": "00004", "field": "Hộ tịch", "channel": "online"},
        wards={"00004"},
        fields={"Hộ tịch"},
        today=date(2026, 11, 21),
    )
    assert selection == Selection(
        Period(date(2026, 10, 1), date(2026, 10, 31)), "last_month", "00004", "Hộ tịch", "online"
    )
    filters = selection.filters()
    assert (filters.ward_codes, filters.field, filters.channel) == (("00004",), "Hộ tịch", "online")
    assert selection.filters(with_ward=False).ward_codes is None


def test_unknown_and_empty_parameters_are_ignored() -> None:
    selection = parse_query(
        {"period": "last_month", "utm_source": "zalo", "ward": ""},
        wards={"00004"},
        fields=set(),
        today=date(2026, 11, 21),
    )
    assert selection.query() == {"period": "last_month"}


def test_parse_errors_name_each_parameter() -> None:
    with pytest.raises(FilterError) as caught:
        parse_query({"from": "2026-10-01", "channel": "fax"}, wards=set(), fields=set())
    assert [p.parameter for p in caught.value.problems] == ["to", "channel"]


@pytest.mark.parametrize(
    ("changed", "preset", "expected"),
    [
        ("from", "last_month", {"from": "2026-10-01", "to": "2026-10-31"}),
        ("period", "custom", {"from": "2026-10-01", "to": "2026-10-31"}),
        ("period", "this_week", {"period": "this_week"}),
        ("ward", "this_week", {"period": "this_week"}),
    ],
)
def test_controls_give_url_parameters(changed: str, preset: str, expected: dict) -> None:
    query = controls_query(
        changed,
        preset=preset,
        date_from="2026-10-01",
        date_to="2026-10-31",
        ward="all",
        field="all",
        channel="all",
    )
    assert query == expected


def test_excel_export_holds_every_table_with_the_hand_counts(
    overview: ModuleType, loaded: Path
) -> None:
    """One workbook: the headline with its comparisons, the trend, the 126-ward league."""
    import base64
    import io

    from openpyxl import load_workbook

    data = run_callback(
        overview.export, "overview-export-xlsx.n_clicks", 1, None, "?from=2026-10-01&to=2026-10-31"
    )
    assert data["filename"] == "motcua-tong-quan-2026-10-01-2026-10-31.xlsx"
    book = load_workbook(io.BytesIO(base64.b64decode(data["content"])))
    assert book.sheetnames == ["Thông tin", "Chỉ tiêu", "Xu hướng", "Xếp hạng phường, xã"]

    def rows(sheet: str) -> list[list[Any]]:
        ws = book[sheet]
        header = next(
            i for i, r in enumerate(ws.iter_rows(values_only=True), 1) if r[0] in ("Kỳ", "Hạng")
        )
        return [list(r) for r in ws.iter_rows(min_row=header, values_only=True)]

    head = rows("Chỉ tiêu")
    assert head[0][:5] == ["Kỳ", "Từ ngày", "Đến ngày", "Tiếp nhận mới", "Kỳ trước chuyển sang"]
    october = head[1]
    assert october[0] == "Kỳ này"
    # received 6, carried 0, to process 6, completed 4, early 2, on time 1, late 1, in time 1,
    # overdue 1, due soon 0, on-time 4/6, resolved 3/4, online 2, online share 2/6
    assert october[3:] == [6, 0, 6, 4, 2, 1, 1, 1, 1, 0, 4 / 6, 3 / 4, 2, 2 / 6]
    assert head[2][0] == "Kỳ trước" and head[2][3] == 4 and head[2][13] == 3 / 4
    # Each comparison row carries its dates: September, and October a year earlier.
    days = [(r[0], r[1].date(), r[2].date()) for r in head[1:4]]
    assert days == [
        ("Kỳ này", date(2026, 10, 1), date(2026, 10, 31)),
        ("Kỳ trước", date(2026, 9, 1), date(2026, 9, 30)),
        ("Cùng kỳ năm trước", date(2025, 10, 1), date(2025, 10, 31)),
    ]
    assert book["Xếp hạng phường, xã"]["A2"].value == (
        "Thay đổi hạng = hạng kỳ trước (01/09/2026 – 30/09/2026) − hạng kỳ này (dương: tăng hạng)."
    )
    league = rows("Xếp hạng phường, xã")
    assert league[1][:9] == [1, "00008", "Phường Ngọc Hà", 2, 1, 1.0, 1.0, 0.0, 0]
    assert league[2][:9] == [2, "00004", "Phường Ba Đình", 4, 3, 0.5, 2 / 3, 0.5, 1]
    assert league[1][9:] == [0, 2, 1] and league[2][9:] == [0, 1, -1]  # due soon, ranks
    assert len(league) == 1 + 126
    assert league[3][0] is None and league[3][3] is None  # no data: empty, never 0


@pytest.mark.parametrize(
    ("now", "banner"),
    [
        (datetime(2026, 11, 3, 9, 0), None),  # Tuesday: 1 working day after Monday 2/11
        (datetime(2026, 11, 4, 23, 0), None),  # Wednesday: 2, the limit
        (
            datetime(2026, 11, 5, 8, 0),  # Thursday: 3
            "Dữ liệu có thể chưa được cập nhật: hồ sơ mới nhất được ghi nhận lúc 10:00 "
            "02/11/2026, 3 ngày làm việc trước hôm nay (quá 2 ngày làm việc). Các số liệu dưới "
            "đây chỉ tính đến thời điểm đó.",
        ),
        (
            datetime(2026, 11, 9, 8, 0),  # the next Monday: Tue–Fri and Mon, not the weekend
            "Dữ liệu có thể chưa được cập nhật: hồ sơ mới nhất được ghi nhận lúc 10:00 "
            "02/11/2026, 5 ngày làm việc trước hôm nay (quá 2 ngày làm việc). Các số liệu dưới "
            "đây chỉ tính đến thời điểm đó.",
        ),
    ],
)
def test_the_page_says_so_when_the_newest_record_is_older_than_two_working_days(
    overview: ModuleType,
    loaded: Path,
    monkeypatch: pytest.MonkeyPatch,
    now: datetime,
    banner: str | None,
) -> None:
    """The newest record is P07's end, 10:00 Monday 02/11/2026 (MOTCUA_STALE_WORKING_DAYS: 2)."""
    monkeypatch.setattr("kpi.periods.local_now", lambda: now)
    monkeypatch.setattr("kpi.freshness.local_now", lambda: now)
    page = overview.layout(**OCTOBER)
    if banner is None:
        with pytest.raises(LookupError):
            find(page, "overview-stale")
    else:
        assert inline_text(find(page, "overview-stale")) == banner
    monkeypatch.setenv("MOTCUA_STALE_WORKING_DAYS", "5")
    with pytest.raises(LookupError):
        find(overview.layout(**OCTOBER), "overview-stale")
