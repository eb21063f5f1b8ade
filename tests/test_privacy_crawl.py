"""A crawl of every public surface (quality.md Privacy, metrics.md §7) without a session, on the
warehouse of tests/access_fixture.py, whose ratings carry a fake phone number, ID number and
e-mail in their comments: nothing shaped like one of them, no comment and no dossier id
reaches an outsider.

The crawl is driven by the access map, so a new public route or callback is crawled without
editing this test: every public Flask route (hall screens of every ward, the API in JSON and
CSV, the sign-in form, Dash's shell), every public page through Dash's page router (the
overview too, with ``MOTCUA_PUBLIC_OVERVIEW=1``), then every public callback of those pages fed
the way a browser would feed it: the values of the components the page drew, every header and
button clicked, every export downloaded.
"""

from __future__ import annotations

import json
from typing import Any

import dash
import pytest

from tests.access_fixture import (
    BA_DINH,
    NGOC_HA,
    OCTOBER,
    as_text,
    browser_bodies,
    download_text,
    drawn_components,
    leaks,
    matching_ids,
    router_body,
)
from tests.signin import post_callback
from web import access
from web.access import CALLBACK, PAGE, PAGE_ROUTER
from web.guard import outputs_of, page_rule

CODES = (BA_DINH, NGOC_HA)
QUERIES = (
    "", OCTOBER, f"{OCTOBER}&ward={BA_DINH}", f"{OCTOBER}&ward={NGOC_HA}", "?province=01",
    f"{OCTOBER}&format=csv", f"{OCTOBER}&field=Hộ tịch&ward={BA_DINH}",
)  # fmt: skip
NOT_CRAWLED = ("_dash_assets", "static", "component_suites", "_dash-component-suites")


@pytest.fixture
def crawler(app_module, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("MOTCUA_PUBLIC_OVERVIEW", "1")
    return app_module


def _public_urls(server: Any) -> list[str]:
    """Every public GET route of the server (pages aside: the router below), its ``ward_code``
    filled with each ward of the fixture, the API's with each query."""
    urls = []
    for rule in server.url_map.iter_rules():
        found = access.ROUTES.get(rule.endpoint)
        if found in (PAGE, CALLBACK) or not hasattr(found, "is_public") or not found.is_public():
            continue
        if "GET" not in rule.methods or any(part in rule.rule for part in NOT_CRAWLED):
            continue
        if rule.arguments - {"ward_code"}:
            continue
        paths = (
            [rule.rule.replace("<ward_code>", c) for c in CODES] if rule.arguments else [rule.rule]
        )
        queries = QUERIES if rule.rule.startswith("/api/") else ("",)
        urls += [path + query for path in paths for query in queries]
    return urls


def test_public_routes_carry_no_personal_data_or_dossier_id(crawler) -> None:
    client = crawler.server.test_client()
    urls = _public_urls(crawler.server)
    assert {f"/man-hinh/{BA_DINH}", f"/man-hinh/{BA_DINH}/data.json", "/dang-nhap"} <= set(urls)
    assert any(u.startswith("/api/v1/wards") and "format=csv" in u for u in urls)
    found = {}
    for url in urls:
        answer = client.get(url)
        assert answer.status_code < 500, url
        if answer.mimetype.startswith(("text/", "application/json")):
            found[url] = leaks(as_text(answer))
    assert {url: hits for url, hits in found.items() if hits} == {}
    assert client.get(f"/man-hinh/{BA_DINH}/data.json").status_code == 200  # it was read


# --- pages and their callbacks ----------------------------------------------------------------


def _public_pages() -> list[str]:
    paths = []
    for page in dash.page_registry.values():
        path = page.get("path_template") or page["path"]
        path = path.replace("<ward_code>", BA_DINH)
        if page_rule(path).is_public():
            paths.append(path)
    return paths


def _downloads(answer: dict[str, Any]) -> bool:
    """Whether a callback's answer is a file to download (``dcc.Download``)."""
    return any(
        isinstance(v, dict) and isinstance(v.get("data"), dict) and "content" in v["data"]
        for v in answer["response"].values()
    )


def _callback_public(key: str) -> bool:
    owners = set()
    for part in outputs_of(key):
        raw = part["id"]
        owners.add(access.callback_owner(json.loads(raw) if raw.startswith("{") else raw))
    rules = {access.CALLBACKS.get(owner) for owner in owners}
    return len(rules) == 1 and PAGE_ROUTER not in rules and rules.pop().is_public()


def test_public_pages_and_their_callbacks_carry_no_personal_data_or_dossier_id(crawler) -> None:
    app, client = crawler.app, crawler.server.test_client()
    pages = _public_pages()
    assert {"/", "/phuong-phap"} <= set(pages)
    public = [
        k for k, spec in app.callback_map.items()
        if spec.get("callback") is not None and _callback_public(k)
    ]  # fmt: skip
    answered, found = [], {}
    for path in pages:
        for search in ("", OCTOBER, f"{OCTOBER}&ward={BA_DINH}"):
            drawn = post_callback(client, router_body(app, path, search))
            assert drawn.status_code == 200, (path, search)
            found[f"{path}{search}"] = leaks(as_text(drawn))
            components = drawn_components(drawn.get_json()["response"])
            for key in public:
                if not matching_ids(app.callback_map[key]["inputs"][0]["id"], components):
                    continue  # not a callback of this page
                for body in browser_bodies(app, key, components, path, search):
                    answer = post_callback(client, body)
                    assert answer.status_code in (200, 204), (key, answer.get_data(as_text=True))
                    text = as_text(answer)
                    if answer.status_code == 200 and _downloads(answer.get_json()):
                        text += download_text(answer.get_json())
                    found[f"{path}{search} {key[:50]}"] = leaks(text)
                    answered.append(key)
    assert {where: hits for where, hits in found.items() if hits} == {}
    # the crawl reached the overview's map, exports and trend, and the methodology's export
    reached = " ".join(answered)
    for part in ("overview-nav", "overview-download", "overview-trend", "methodology-download"):
        assert part in reached, part


def test_the_crawl_finds_what_it_looks_for(crawler) -> None:
    """The same crawl, signed in as a leader of the fixture's ward, does meet its comments and
    dossier ids: the patterns are not blind."""
    from tests.signin import user_client

    client = user_client(crawler.server, "ward", wards=(BA_DINH,))
    page = post_callback(client, router_body(crawler.app, f"/phuong/{BA_DINH}", OCTOBER))
    assert leaks(as_text(page))
