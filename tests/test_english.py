"""The English switch: every leaders' page, its layouts and callbacks' outputs, reads in English.

Each page is rendered as a function (inside a Flask request carrying the cookie
``motcua_lang=en``) on the small warehouses its own tests build by the real loader
(tests/overview_fixture.py, ward_fixture.py, fields_fixture.py, satisfaction_fixture.py), in
every state a reader can meet: the figures of October 2026, a filter changed through the
callback, another grain, a sorted table, a period without data, a bad URL, no warehouse. The
whole component tree is walked: children and every string prop a reader sees (labels, titles,
tooltips, aria-labels, table headers, figure titles, axis titles, hover templates, options).

A visible string fails when it still holds a Vietnamese-only letter (ă â đ ê ô ơ ư, or any
letter with a Vietnamese tone mark, decided by :mod:`unicodedata`) once the data the fixture put
there is taken out: ward names (old and new, from the reference data), the fields and the
procedures of the loaded dossiers, the 766 indicator names and the verbatim methodology file
(data/index766.toml), and the few Vietnamese terms allowed in parentheses after their English.
"""

from __future__ import annotations

import importlib
import json
import unicodedata
from collections.abc import Callable, Collection, Iterator
from contextvars import copy_context
from pathlib import Path
from types import ModuleType
from typing import Any

import flask
import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict
from dash.testing import ignore_register_page
from plotly.utils import PlotlyJSONEncoder

from etl.loader import load_files
from kpi import public
from kpi.db import cursor
from kpi.index766 import METHODOLOGY_FILE, load_methodology
from tests.fields_fixture import FIELDS_DOSSIERS
from tests.overview_fixture import OVERVIEW_DOSSIERS
from tests.satisfaction_fixture import FILES as SATISFACTION_FILES
from tests.ward_fixture import WARD_DOSSIERS, WARD_RATINGS

OCTOBER = {"from": "2026-10-01", "to": "2026-10-31"}
OCTOBER_CONTROLS = ("custom", "2026-10-01", "2026-10-31")
SEARCH = "?from=2026-10-01&to=2026-10-31"
EMPTY_PERIOD = {"from": "2020-01-01", "to": "2020-01-31"}
# Every problem parse_query can name: a bad preset, ward, field and channel; bad, missing,
# reversed, out-of-range dates and a range too long.
BAD_URLS = (
    {"period": "next_century", "ward": "99999", "field": "Aviation", "channel": "fax"},
    {"from": "2026-13-01", "to": "01/10/2026"},
    {"from": "2026-10-01"},
    {"from": "2026-10-31", "to": "2026-10-01"},
    {"from": "1900-01-01", "to": "2026-10-31"},
    {"from": "2000-01-01", "to": "2026-10-31"},
)
# Vietnamese terms kept after their English translation, in parentheses, and the number of
# the decision the 766 index comes from (a legal reference, written as the law writes it).
ALLOWED_TERMS = (
    "(Bộ chỉ số 766)",
    "(Tết)",
    "(Bộ phận Một cửa)",
    "(Cổng Dịch vụ công quốc gia)",
    "766/QĐ-TTg",
)
# Props a reader never sees (ids, classes, links, values of menus) and traces' hidden data.
HIDDEN_PROPS = frozenset(
    {"id", "className", "class_name", "style", "href", "value", "customdata", "ids", "meta",
     "uid", "src", "key", "data-parameter", "data-metric"}
)  # fmt: skip
# Components that draw nothing (their data stays in the browser's memory).
INVISIBLE = frozenset({"Store", "Location", "Download"})
# Vietnamese marks: breve (ă), circumflex (â ê ô), horn (ơ ư) and the five tone marks.
VIETNAMESE_MARKS = frozenset("\u0306\u0302\u031b\u0300\u0301\u0303\u0309\u0323")


def is_vietnamese(text: str) -> bool:
    """Whether ``text`` holds a letter only Vietnamese writes (đ, ă, ơ, ế, ạ, …)."""
    for char in text:
        if char in "đĐ":
            return True
        if char.isalpha():
            marks = unicodedata.normalize("NFD", char)[1:]
            if any(mark in VIETNAMESE_MARKS for mark in marks):
                return True
    return False


def visible_strings(tree: Any) -> Iterator[tuple[str, str]]:
    """Every string a reader sees in a layout, callback output or figure, with where it is."""
    plain = json.loads(json.dumps(tree, cls=PlotlyJSONEncoder))

    def visit(node: Any, where: str) -> Iterator[tuple[str, str]]:
        if isinstance(node, str):
            yield where, node
        elif isinstance(node, list):
            for item in node:
                yield from visit(item, where)
        elif isinstance(node, dict):
            if {"type", "namespace", "props"} <= node.keys():  # a component
                if node["type"] in INVISIBLE:
                    return
                props = node["props"]
                name = f"{node['type']}#{props.get('id', '')}"
                for key, value in props.items():
                    if key not in HIDDEN_PROPS:
                        yield from visit(value, f"{name}.{key}")
                return
            for key, value in node.items():
                if key not in HIDDEN_PROPS and key != "template":
                    yield from visit(value, f"{where}.{key}")

    yield from visit(plain, "")


def untranslated(tree: Any, data: Collection) -> list[tuple[str, str]]:
    """The visible strings still Vietnamese once the data values and allowed terms are out."""
    known = sorted({d for d in data if d}, key=len, reverse=True)
    out = []
    for where, text in visible_strings(tree):
        if not is_vietnamese(text):
            continue
        rest = text
        for value in (*known, *ALLOWED_TERMS):
            rest = rest.replace(value, " ")
        if is_vietnamese(rest):
            out.append((where, text))
    return out


def run_callback(function: Callable[..., Any], trigger: str, *args: Any) -> Any:
    """Call a callback as Dash would after ``trigger`` (``"component-id.prop"``) changed."""

    def call() -> Any:
        context_value.set(AttributeDict(triggered_inputs=[{"prop_id": trigger, "value": None}]))
        return function(*args)

    return copy_context().run(call)


def in_english(render: Callable[[], Any]) -> Any:
    """``render()`` inside a request whose reader chose English."""
    with flask.Flask(__name__).test_request_context(headers={"Cookie": "motcua_lang=en"}):
        return render()


def in_vietnamese(render: Callable[[], Any]) -> Any:
    """``render()`` inside a request without a language cookie (the Vietnamese default)."""
    with flask.Flask(__name__).test_request_context():
        return render()


def page(name: str) -> ModuleType:
    """A page module, imported without registering it in a Dash app."""
    with ignore_register_page():
        return importlib.import_module(f"pages.{name}")


def build(directory: Path, files: dict[str, str]) -> Path:
    """A warehouse loaded by the real loader from ``files`` (name → CSV text)."""
    paths = []
    for name, content in files.items():
        (directory / name).write_text(content, encoding="utf-8")
        paths.append(directory / name)
    db = directory / "motcua.duckdb"
    assert load_files(paths, db=db).ok
    return db


FIXTURES = {
    "overview": {"ho_so.csv": OVERVIEW_DOSSIERS},
    "ward": {"ho_so.csv": WARD_DOSSIERS, "danh_gia.csv": WARD_RATINGS},
    "fields": {"ho_so.csv": FIELDS_DOSSIERS},
    "satisfaction": SATISFACTION_FILES,
}


@pytest.fixture(scope="module")
def warehouses(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One warehouse per page, from the files its own tests load."""
    return {name: build(tmp_path_factory.mktemp(name), files) for name, files in FIXTURES.items()}


def fixture_data(db: Path) -> set[str]:
    """The data values a page may show as they are: names of wards (today's and the old ones,
    their districts and provinces), fields and procedures of the loaded dossiers, and the 766
    indicator names and methodology file."""
    with cursor(db) as cur:
        rows = cur.execute(
            """
            SELECT ward_name FROM wards UNION SELECT ward_short FROM wards
            UNION SELECT province_name FROM provinces UNION SELECT province_short FROM provinces
            UNION SELECT old_ward_name FROM ward_crosswalk
            UNION SELECT old_district_name FROM ward_crosswalk
            UNION SELECT field FROM dossiers UNION SELECT procedure_name FROM dossiers
            UNION SELECT ward_name_source FROM dossiers
            UNION SELECT district_name_source FROM dossiers
            """
        ).fetchall()
    return {r[0] for r in rows if r[0]} | index766_data()


def index766_data() -> set[str]:
    """The 766 indicator names of data/index766.toml and the file itself (shown verbatim), and
    the marker the public API writes in place of an unreliable rate (kpi.public), which the
    methodology page quotes as it is published."""
    method = load_methodology()
    return (
        {i.label for i in method.indicators}
        | {n["label"] for n in method.not_computed}
        | {METHODOLOGY_FILE.read_text(encoding="utf-8")}
        | {public.NOT_ENOUGH}
    )


def outputs(name: str, module: ModuleType, db: Path) -> list[Any]:
    """Every layout and callback output of a page a reader can meet, on its fixture."""
    if name == "overview":
        layout = module.layout(**OCTOBER)
        return [
            layout,
            module.layout(**OCTOBER, ward="00004", channel="online"),
            module.layout(**EMPTY_PERIOD),
            run_callback(module.update, "overview-ward.value", *OCTOBER_CONTROLS, "00004",
                         "all", "all"),
            run_callback(module.update, "overview-from.value", "custom", "10/31/2026",
                         "31/10/2026", "all", "all", "all"),  # a typed date that is not one
            run_callback(module.update_grain, "overview-grain.value", "day", SEARCH),
            run_callback(module.update_grain, "overview-grain.value", "month", SEARCH),
        ]  # fmt: skip
    if name == "ward":
        return [
            module.layout("00004", **OCTOBER),
            module.layout("00008", **OCTOBER),
            module.layout("00004", **EMPTY_PERIOD),
            module.layout("99999", **OCTOBER),
            run_callback(module.update, "ward-channel.value", *OCTOBER_CONTROLS, "all",
                         "online", "/phuong/00004"),
            run_callback(module.update_grain, "ward-grain.value", "week", "/phuong/00004",
                         SEARCH),
        ]  # fmt: skip
    if name == "fields":
        layout = module.layout(**OCTOBER)
        return [
            layout,
            module.layout(**OCTOBER, field="Đất đai"),
            module.layout(**OCTOBER, field="Đất đai", procedure="1.001193"),
            module.layout(**EMPTY_PERIOD),
            run_callback(module.update, "fields-field.value", *OCTOBER_CONTROLS, "all",
                         "Hộ tịch", "all", SEARCH),
        ]  # fmt: skip
    if name == "satisfaction":
        layout = module.layout(**OCTOBER)
        return [
            layout,
            module.layout(**OCTOBER, ward="00008"),
            module.layout(**EMPTY_PERIOD),
            module.layout(**{"from": "2026-11-01", "to": "2026-11-30"}),  # dossiers, no rating
            run_callback(module.update, "satisfaction-ward.value", *OCTOBER_CONTROLS, "00004",
                         "all", "all"),
        ]  # fmt: skip
    return [module.layout()]


def _find(tree: Any, component_id: Any) -> Any:
    from tests.test_overview_page import find

    return find(tree, component_id)


LEADERS_PAGES = ("overview", "ward", "fields", "satisfaction", "methodology", "not_found_404")


@pytest.mark.parametrize("name", LEADERS_PAGES)
def test_every_state_of_the_page_reads_in_english(
    name: str, warehouses: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = warehouses.get(name, warehouses["overview"])
    monkeypatch.setenv("MOTCUA_DB", str(db))
    monkeypatch.setenv("MOTCUA_PROVINCE", "01")
    module = page(name)
    shown = in_english(lambda: outputs(name, module, db))
    assert untranslated(shown, fixture_data(db)) == []


@pytest.mark.parametrize("name", LEADERS_PAGES[:4])
@pytest.mark.parametrize("query", BAD_URLS)
def test_the_bad_url_alert_reads_in_english(
    name: str, query: dict[str, str], warehouses: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTCUA_DB", str(warehouses[name]))
    monkeypatch.setenv("MOTCUA_PROVINCE", "01")
    module = page(name)
    args = ("00004",) if name == "ward" else ()
    shown = in_english(lambda: module.layout(*args, **query))
    assert "Invalid parameters in the page address" in [s for _w, s in visible_strings(shown)]
    assert untranslated(shown, fixture_data(warehouses[name])) == []


@pytest.mark.parametrize("name", LEADERS_PAGES[:4])
def test_the_page_without_a_warehouse_reads_in_english(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTCUA_DB", str(tmp_path / "nothing-here.duckdb"))
    monkeypatch.setenv("MOTCUA_PROVINCE", "01")
    module = page(name)
    args = ("00004",) if name == "ward" else ()
    assert untranslated(in_english(lambda: module.layout(*args, **OCTOBER)), set()) == []


def test_the_bad_url_alert_names_each_parameter_in_english(
    warehouses: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every problem of tests/test_overview_page.py's bad URLs, word for word in English."""
    monkeypatch.setenv("MOTCUA_DB", str(warehouses["overview"]))
    monkeypatch.setenv("MOTCUA_PROVINCE", "01")
    module = page("overview")
    lines = []
    for query in BAD_URLS:
        shown = json.loads(
            json.dumps(in_english(lambda q=query: module.layout(**q)), cls=PlotlyJSONEncoder)
        )
        lines += [s for w, s in visible_strings(shown) if w.startswith("Div#.")]
    assert lines == [
        "Invalid period: period='next_century' (choose: today, this_week, this_month, "
        "last_month, this_quarter, last_quarter, this_year, last_year, last_7_days, "
        "last_30_days, last_90_days, since_2025_07).",
        "Ward not found: ward='99999' is not in the province's list of wards.",
        "Field not found: field='Aviation' is not in the loaded data.",
        "Invalid channel: channel='fax' (choose: direct, online, postal).",
        "Invalid date: from='2026-13-01' (expected YYYY-MM-DD, for example 2026-11-21).",
        "Missing parameter to: both from and to are needed (YYYY-MM-DD).",
        "The start date (31/10/2026) is after the end date (01/10/2026).",
        "The date from=1900-01-01 is outside the supported range (01/01/1990 – 31/12/2099).",
        "The range is 9801 days long, more than the maximum of 3660 days (parameter to).",
    ]
    title = [s for _w, s in visible_strings(in_english(lambda: module.layout(**BAD_URLS[2])))]
    assert "Invalid parameters in the page address" in title


def test_a_tile_tooltip_reads_definition_and_formula_in_the_readers_language() -> None:
    from ui.definitions import METRICS

    text = METRICS["on_time_rate"]
    assert in_vietnamese(lambda: text.tooltip) == f"{text.definition} Cách tính: {text.formula}"
    english = in_english(lambda: text.tooltip)
    assert english.startswith("Of all dossiers to process in the period (received and carried")
    assert english.endswith(
        " Formula: (Early + On time + In process, within time) / (Early + On time + Late + In "
        "process, within time + In process, overdue)."
    )
    assert METRICS["early"].tooltip == in_vietnamese(lambda: METRICS["early"].tooltip)


@pytest.mark.parametrize("name", LEADERS_PAGES)
def test_the_vietnamese_page_shows_no_english_translation(
    name: str, warehouses: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the cookie the pages stay as they were: no visible string is a translation."""
    from ui.catalogue import english

    catalogue = english()
    english_only = set(catalogue.values()) - {k.split("|")[-1] for k in catalogue}
    db = warehouses.get(name, warehouses["overview"])
    monkeypatch.setenv("MOTCUA_DB", str(db))
    monkeypatch.setenv("MOTCUA_PROVINCE", "01")
    module = page(name)
    shown = in_vietnamese(lambda: outputs(name, module, db))
    strings = [s for _where, s in visible_strings(shown)]
    assert [s for s in strings if s in english_only] == []
    if name == "methodology":
        assert "Phương pháp tính các số liệu" in strings
        assert "Cách tính: " in strings
        assert (
            "Ví dụ: phường A đúng hạn 9/10 = 90,00%, phường B 990/1.000 = 99,00%. Hai "
            "phường cộng lại: 999/1.010 = 98,91%, không phải trung bình 94,50%." in strings
        )


def test_the_browser_title_follows_the_language() -> None:
    from ui.i18n import page_title

    assert in_vietnamese(page_title("Lĩnh vực")) == "Lĩnh vực – Một Cửa"
    assert in_english(page_title("Lĩnh vực")) == "Fields – Một Cửa"
    assert in_english(lambda: page_title("Phường/xã")(ward_code="00004")) == "Ward – Một Cửa"


def test_the_due_soon_count_and_list_read_in_english(
    warehouses: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With 4 working days, W08 of the ward fixture (due Thursday 05/11) is due soon, at the end
    of October (a closed period) and at 02/11 10:00 (November, judged at the newest record)."""
    db = warehouses["ward"]
    monkeypatch.setenv("MOTCUA_DB", str(db))
    monkeypatch.setenv("MOTCUA_PROVINCE", "01")
    monkeypatch.setenv("MOTCUA_DUE_SOON_DAYS", "4")
    november = {"from": "2026-11-01", "to": "2026-11-30"}
    ward, overview = page("ward"), page("overview")
    shown = in_english(
        lambda: [
            ward.layout("00004", **OCTOBER),
            ward.layout("00004", **november),
            overview.layout(**OCTOBER),
            overview.layout(**november),
        ]
    )
    strings = [s for _where, s in visible_strings(shown)]
    assert "Dossiers due soon" in strings and "Working days left" in strings
    assert " (within the next 4 working days): 1 dossier" in strings
    assert " at the end of the period (within 4 working days after 31 Oct 2026): 1 dossier" in (
        strings
    )
    assert "W08" in strings
    assert untranslated(shown, fixture_data(db)) == []
