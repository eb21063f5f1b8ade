"""Forged callback requests and query strings (quality.md Security): whatever a client sends to
``/_dash-update-component``, the API or a hall screen, the answer is a 2xx or a 4xx with a short
reason, never a 500, and never carries SQL or Python error text.

Property-based (hypothesis, derandomized so a run is repeatable): for every server callback of
``app.callback_map`` (the page router included), each input and state gets values drawn from
wrong types, huge lists, unknown codes, quotes, SQL fragments, 100k-character strings, bad or
reversed dates and forged stores, next to values the pages really send; signed in as an admin
(who reaches every callback's code), as a ward user (whose scope is checked) and without a
session. Then the request's structure itself is forged. Everything goes through the real app
on the warehouse of tests/access_fixture.py, loaded by the real loader.
"""

from __future__ import annotations

import html
import json
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from itsdangerous import URLSafeSerializer

from kpi.metrics import CHANNELS
from kpi.overview import GRAINS
from kpi.periods import PRESETS
from tests.access_fixture import (
    BA_DINH,
    NGOC_HA,
    OCTOBER,
    browser_bodies,
    callback_body,
    drawn_components,
    map_click_callback,
    router_body,
    router_key,
)
from tests.signin import csrf_headers, post_callback, user_client
from ui import sealed
from ui.filters import ALL, CUSTOM, NATIONAL
from web import hardening
from web.inputs import control_of

# What an error leaking to the client would look like: DuckDB's and Python's messages.
ERROR_TEXT = (
    "Traceback", 'File "', "Error:", "Exception", "duckdb", "Binder", "Parser Error",
    "Catalog", "Conversion", "KeyError", "TypeError", "ValueError", "AttributeError",
    "IndexError", "SELECT ", " FROM ", "WHERE ", "NoneType", "object has no",
)  # fmt: skip

SQL = (
    "' OR '1'='1", "00004' OR 1=1 --", "'; DROP TABLE dossiers; --", '" OR ""="',
    "1; SELECT * FROM users", "00004'); COPY dossiers TO '/tmp/x.csv' --",
    "read_csv('/etc/passwd')", "%' --", "\\'", "${7*7}", "{{7*7}}",
)  # fmt: skip
ODD = (
    "", " ", "all", "national", "custom", "last_month", "this_year", "99999", "00004 ", "0",
    "-1", "01", "79", "NaN", "Infinity", "null", "true", "<script>alert(1)</script>",
    "../../etc/passwd", "\x00", "\u202e", "phường", "Ba Đình", "/phuong/00004",
    "?from=2026-10-01&to=2026-10-31", "?ward=' OR 1=1", "?from=2026-13-45&to=x",
    "?from=2026-10-31&to=2026-10-01", "?from=0001-01-01&to=9999-12-31", "?period=%00",
)  # fmt: skip
DATES = (
    "2026-10-01", "2026-10-31", "2026-13-45", "2026-02-30", "0000-00-00", "0001-01-01",
    "9999-12-31", "31/10/2026", "2026-10-01T00:00:00", "20261001", "2026-1-1", "yesterday",
)  # fmt: skip
HUGE = "x" * 100_000
CODES = (BA_DINH, NGOC_HA, "01", "all", "national")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(SQL + ODD + DATES + CODES),
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
# Stores shaped like the pages' own (sort state, drawn rows, a map click), their contents forged.
ROW_KEYS = ("ward_code", "ward_name", "name_order", "rank", "on_time_rate", "overdue", "link")
forged_stores = st.one_of(
    st.fixed_dictionaries(
        {"column": json_values, "descending": json_values},
        optional={"table": json_values},
    ),
    st.fixed_dictionaries(
        {
            "rows": st.lists(st.dictionaries(st.sampled_from(ROW_KEYS), json_values), max_size=3),
            "link": json_values,
            "ward": json_values,
            "compared": st.one_of(st.lists(st.sampled_from(DATES), max_size=3), json_values),
        },
        optional={"unit": st.sampled_from(["ward", "province", "x"])},
    ),
    st.fixed_dictionaries(
        {"points": st.lists(st.dictionaries(st.sampled_from(["customdata", "x"]), json_values))}
    ),
)
forged = st.one_of(
    json_values,
    forged_stores,
    st.just(HUGE),
    st.just(["00004"] * 6000),
    st.just([[[[[[[["deep"]]]]]]]]),
    st.lists(st.sampled_from(CODES + SQL), min_size=1, max_size=50),
)
PATHS = ("/", "/linh-vuc", "/hai-long", "/phuong-phap", f"/phuong/{BA_DINH}",
         f"/phuong/{NGOC_HA}", "/phuong/99999", "/phuong/", "/phuong/00004/x", "/khong-co", "//x",
         "/phuong/%27")  # fmt: skip
SEARCHES = ("", "?", OCTOBER, f"{OCTOBER}&ward={BA_DINH}", "?period=last_month&field=Hộ tịch",
            "?province=01", "?province=79", "?channel=online&ward=99999")  # fmt: skip
# What the pages' own controls send (web.inputs.CONTROLS), by control and property: most
# requests carry these, so that one forged value at a time reaches the callback's own code.
REAL: dict[tuple[str, str], st.SearchStrategy[Any]] = {
    ("period", "value"): st.sampled_from([*PRESETS, CUSTOM]),
    ("from", "value"): st.sampled_from(DATES) | st.none(),
    ("to", "value"): st.sampled_from(DATES) | st.none(),
    ("ward", "value"): st.sampled_from([BA_DINH, NGOC_HA, ALL]),
    ("field", "value"): st.sampled_from(["Hộ tịch", "Đất đai", ALL]),
    ("channel", "value"): st.sampled_from([*CHANNELS, ALL]),
    ("province", "value"): st.sampled_from(["01", NATIONAL]),
    ("grain", "value"): st.sampled_from(list(GRAINS)),
    ("pathname", None): st.sampled_from(PATHS),
    ("search", None): st.sampled_from(SEARCHES + ODD[-6:]),
    ("n_clicks", None): st.none() | st.integers(min_value=0, max_value=3),
    ("data", None): forged_stores | st.none(),
    ("clickData", None): forged_stores | st.none(),
}


CHECK = settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _fresh_limits() -> None:
    hardening.limiter.reset()  # many requests per test: the anonymous limit is not under test


def assert_answered(answer: Any, what: str, sent: tuple[str, ...] = ()) -> None:
    """A 2xx or a short 4xx; no error text in the body (a refusal may name the value ``sent``,
    escaped: that is not an error of the server's)."""
    text = answer.get_data(as_text=True)
    assert answer.status_code < 500, f"{what}: {answer.status_code} {text[:300]}"
    for value in sorted(sent, key=len, reverse=True):
        for shown in (value, html.escape(value), json.dumps(value)[1:-1], repr(value)):
            text = text.replace(shown, "")
    found = [word for word in ERROR_TEXT if word in text]
    assert not found, f"{what}: {found} in {text[:300]}"


def _server_callbacks(app: Any) -> list[str]:
    return [k for k, spec in app.callback_map.items() if spec.get("callback") is not None]


def real_value(control: str, prop: str) -> st.SearchStrategy[Any]:
    """What the control really sends (anything forged for a control not in REAL)."""
    return REAL.get((control, prop), REAL.get((prop, None), forged))


def _drawn(app: Any, key: str) -> st.SearchStrategy[list[Any]]:
    """One value per input and state of the callback ``key``, inputs first: what the page
    sends with one of them (or none) forged, so that the forged value reaches the code past
    the others; now and then every one forged."""
    spec = app.callback_map[key]
    controls = [
        (control_of(_id_of(o["id"])), o["property"]) for o in [*spec["inputs"], *spec["state"]]
    ]
    real = st.tuples(*(real_value(*c) for c in controls)).map(list)

    def forge_one(sent: list[Any], position: int, value: Any) -> list[Any]:
        if position >= 0:
            sent[position] = value
        return sent

    one_forged = st.builds(forge_one, real, st.integers(-1, len(controls) - 1), forged)
    return st.one_of(one_forged, st.lists(forged, min_size=len(controls), max_size=len(controls)))


def _id_of(raw: str) -> str | dict[str, Any]:
    return json.loads(raw) if raw.startswith("{") else raw


def _forge(app: Any, client: Any, key: str, who: str, examples: int) -> int:
    """Post ``examples`` forged requests for the callback ``key``; how many were answered."""
    answered = []

    @settings(CHECK, max_examples=examples)
    @given(_drawn(app, key))
    def forged(drawn: list[Any]) -> None:
        _fresh_limits()
        body = callback_body(app, key, dict(enumerate(drawn)))
        assert_answered(post_callback(client, body), f"{who} {key[:60]} {drawn!r:.300}")
        answered.append(key)

    forged()
    return len(answered)


def _forge_every_callback(app_module: Any, client: Any, who: str, examples: int) -> int:
    app = app_module.app
    keys = _server_callbacks(app)
    assert router_key(app) in keys and len(keys) >= 20
    return sum(_forge(app, client, key, who, examples) for key in keys)


def test_forged_values_in_every_callback_signed_in_as_an_admin(app_module) -> None:
    client = user_client(app_module.server, "admin")
    assert _forge_every_callback(app_module, client, "admin", 30) >= 20 * 30


def test_forged_values_in_every_callback_signed_in_as_a_ward_user(app_module) -> None:
    client = user_client(app_module.server, "ward", wards=(BA_DINH,))
    assert _forge_every_callback(app_module, client, "ward", 15) >= 20 * 15


def test_forged_values_in_every_callback_without_a_session(app_module) -> None:
    client = app_module.server.test_client()
    assert _forge_every_callback(app_module, client, "anonymous", 15) >= 20 * 15


def _structures(app: Any) -> st.SearchStrategy[Any]:
    """Whole request bodies: a real one with one part replaced, or any JSON at all."""
    real = callback_body(app, router_key(app), {0: "/", 1: ""})
    parts = st.sampled_from(["output", "outputs", "inputs", "state", "changedPropIds"])

    def replaced(part: str, value: Any) -> dict[str, Any]:
        return {**real, part: value}

    item = st.fixed_dictionaries(
        {"id": json_values, "property": json_values, "value": json_values}
    )  # fmt: skip
    return st.one_of(
        st.builds(replaced, parts, json_values),
        st.builds(replaced, st.sampled_from(["inputs", "state"]), st.lists(item, max_size=3)),
        st.builds(lambda b: {k: v for k, v in real.items() if k != b}, parts),
        json_values,
    )


@pytest.mark.parametrize("signed_in", [True, False])
def test_forged_request_structures(app_module, signed_in: bool) -> None:
    app = app_module.app
    client = (
        user_client(app_module.server, "admin") if signed_in else app_module.server.test_client()
    )
    headers = csrf_headers(client)

    @settings(CHECK, max_examples=200)
    @given(_structures(app))
    def forged(body: Any) -> None:
        _fresh_limits()
        answer = client.post("/_dash-update-component", json=body, headers=headers)
        assert_answered(answer, f"{body!r:.300}")
        if not isinstance(body, dict):
            assert answer.status_code == 400

    forged()
    for raw, kind in [
        (b"{not json", "application/json"),
        (b"\xff\xfe\x00", "application/json"),
        (json.dumps({"output": "x"}).encode(), "text/plain"),
        (b"", "application/json"),
    ]:
        answer = client.post(
            "/_dash-update-component", data=raw, content_type=kind, headers=headers
        )
        assert_answered(answer, repr(raw))
        assert 400 <= answer.status_code < 500


# --- query strings: the API and the hall screens -----------------------------------------------

PARAMS = ("from", "to", "period", "ward", "province", "field", "format", "compare", "x")
texts = st.one_of(st.sampled_from(SQL + ODD + DATES + CODES), st.text(max_size=30))
queries = st.dictionaries(st.sampled_from(PARAMS), texts, max_size=5)


@pytest.mark.parametrize("path", ["/api/v1/kpis", "/api/v1/wards", "/api/v1/index766"])
def test_forged_api_query_strings(app_module, path: str) -> None:
    client = app_module.server.test_client()

    @settings(CHECK, max_examples=80)
    @given(queries)
    def forged(query: dict[str, str]) -> None:
        _fresh_limits()
        answer = client.get(path, query_string=query)
        assert_answered(answer, f"{path} {query!r}", tuple(query.values()))

    forged()
    _fresh_limits()
    assert_answered(client.get(path, query_string={"ward": HUGE[:8000]}), "a long ward")


def test_forged_hall_screen_addresses(app_module) -> None:
    client = app_module.server.test_client()

    @settings(CHECK, max_examples=80)
    @given(st.one_of(texts, st.just(BA_DINH)), texts)
    def forged(code: str, lang: str) -> None:
        _fresh_limits()
        for suffix in ("", "/data.json"):
            path = f"/man-hinh/{quote(code, safe='')}{suffix}"
            answer = client.get(path, query_string={"lang": lang})
            assert_answered(answer, f"/man-hinh/{code!r}{suffix} lang={lang!r}", (code, lang))

    forged()


# --- the tables a page drew (ui.sealed) -------------------------------------------------------


def test_a_table_the_server_did_not_draw_is_refused(app_module) -> None:
    """A click on the overview's map sends back the league's rows the page drew, as the server
    sealed them (the clicked ward must be one of them): sent back unchanged they answer;
    edited, or sealed with another key, they are a 400."""
    app = app_module.app
    client = user_client(app_module.server, "admin")
    page = post_callback(client, router_body(app, "/", OCTOBER)).get_json()["response"]
    components = drawn_components(page)
    key = map_click_callback(app)
    [by_rank] = browser_bodies(app, key, components, "/", OCTOBER)
    by_rank["inputs"][0]["value"] = {"points": [{"customdata": BA_DINH}]}
    token = by_rank["state"][0]["value"]
    assert isinstance(token, str) and BA_DINH not in token  # the rows are not readable as sent
    answer = post_callback(client, by_rank)
    assert answer.status_code == 200
    href = answer.get_json()["response"]["overview-nav"]["href"]
    assert href == f"/phuong/{BA_DINH}?from=2026-10-01&to=2026-10-31"

    def sent_with(value: Any) -> Any:
        by_rank["state"][0]["value"] = value
        return post_callback(client, by_rank)

    payload, signature = token.rsplit(".", 1)
    edited = payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB") + "." + signature
    with app_module.server.app_context():
        rows = sealed.unseal(token)
    assert BA_DINH in {r["ward_code"] for r in rows["rows"]}
    other_key = URLSafeSerializer("another key", salt=sealed.SALT).dumps(rows)
    for forged_token, reason in [
        (edited, "bảng đã vẽ đã bị sửa"),
        (other_key, "bảng đã vẽ đã bị sửa"),
        (json.dumps({"rows": [], "link": "", "ward": None}), "bảng đã vẽ đã bị sửa"),
    ]:
        answer = sent_with(forged_token)
        assert answer.status_code == 400
        assert reason in answer.get_json()["error"]
