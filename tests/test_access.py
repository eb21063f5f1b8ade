"""Deny by default (product.md Access, quality.md Security): the access map covers every route
and callback; without a session nothing but the public list answers; the reader's scope comes
from the session whatever the request says.

Everything goes through the real app (``app.server``) over its test client, signed in through
the real sign-in form (tests/signin.py), on a warehouse loaded by the real loader
(tests/access_fixture.py).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import dash
import pytest

from tests.access_fixture import (
    BA_DINH,
    COMMENT_WORDS,
    DOSSIER_ID,
    NGOC_HA,
    OCTOBER,
    as_text,
    callback_body,
    download_text,
    map_click_callback,
    router_body,
)
from tests.signin import PASSWORD, post_callback, sign_in, user_client
from web import access, users
from web.access import CALLBACK, PAGE, PAGE_ROUTER, Rule
from web.guard import outputs_of


def _owners(key: str) -> set[str]:
    import json

    owners = set()
    for part in outputs_of(key):
        raw = part["id"]
        component = json.loads(raw) if raw.startswith("{") else raw
        owners.add(access.callback_owner(component))
    return owners


def test_every_callback_is_in_the_access_map(app_module) -> None:
    """A callback added without an entry in web.access.CALLBACKS fails here (and is refused
    by the server: web.guard gives it a rule that allows nobody)."""
    missing = {
        key: owner
        for key in app_module.app.callback_map
        for owner in _owners(key)
        if owner not in access.CALLBACKS
    }
    assert missing == {}
    assert len(app_module.app.callback_map) >= 20


def test_every_route_is_in_the_access_map(app_module) -> None:
    endpoints = {rule.endpoint for rule in app_module.server.url_map.iter_rules()}
    assert endpoints - set(access.ROUTES) == set()
    assert set(access.ROUTES) - endpoints == set()  # no stale entry either


def test_every_page_is_in_the_access_map() -> None:
    import app  # noqa: F401  (registers the pages)

    assert set(dash.page_registry) == set(access.PAGES)


def test_without_a_session_every_closed_callback_is_401(app_module) -> None:
    client = app_module.server.test_client()
    answers = {}
    for key, spec in app_module.app.callback_map.items():
        if PAGE_ROUTER in _owners(key):
            continue  # its rule is the page's: below
        if spec.get("callback") is None:  # clientside: the browser's only
            assert post_callback(client, callback_body(app_module.app, key)).status_code == 400
            continue
        (owner,) = _owners(key)
        rule = access.CALLBACKS[owner]
        status = post_callback(client, callback_body(app_module.app, key)).status_code
        answers[key] = (rule.is_public(), status)
    closed = {k: s for k, (public, s) in answers.items() if not public}
    opened = {k: s for k, (public, s) in answers.items() if public}
    assert closed and set(closed.values()) == {401}
    assert opened and all(s in (200, 204) for s in opened.values()), opened


@pytest.mark.parametrize(
    ("path", "search", "opens"),
    [("/", "", False), ("/linh-vuc", "?period=last_month", False), ("/hai-long", "", False),
     ("/phuong/00004", "?period=last_month&x=1", False), ("/phuong-phap", "", True),
     ("/khong-co", "", True)],
)  # fmt: skip
def test_the_page_router_answers_with_the_pages_rule(
    app_module, path: str, search: str, opens: bool
) -> None:
    """A closed page opened without a reload (a link from a public page) gets, in place of the
    page, a location that reloads on the sign-in form and comes back to the page."""
    client = app_module.server.test_client()
    content = _routed_to(client, app_module, path, search)
    if opens:
        assert content["type"] != "Location"
        return
    target = quote(path + search, safe="/")
    assert content == {
        "type": "Location", "namespace": "dash_core_components",
        "props": {"id": "guard-sign-in", "href": f"/dang-nhap?next={target}", "refresh": True},
    }  # fmt: skip
    assert post_callback(client, router_body(app_module.app, path)).get_json()["response"][
        "_pages_store"
    ] == {"data": {}}


def _page_paths() -> list[tuple[str, Rule]]:
    paths = []
    for module, page in dash.page_registry.items():
        path = page.get("path_template") or page["path"]
        paths.append((path.replace("<ward_code>", BA_DINH), access.PAGES[module]))
    return paths


def test_without_a_session_closed_pages_redirect_to_sign_in(app_module) -> None:
    client = app_module.server.test_client()
    seen = 0
    for path, rule in _page_paths():
        answer = client.get(path + "?period=last_month")
        if rule.is_public():
            assert answer.status_code in (200, 404), path
            continue
        seen += 1
        assert answer.status_code == 302, path
        assert answer.headers["Location"] == ("/dang-nhap?next=" + path + "%3Fperiod%3Dlast_month")
    assert seen == sum(not rule.is_public() for _path, rule in _page_paths()) >= 4


def test_the_public_overview_setting_opens_the_overview_only(
    app_module, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTCUA_PUBLIC_OVERVIEW", "1")
    client = app_module.server.test_client()
    assert client.get("/").status_code == 200
    assert _routed_to(client, app_module, "/", OCTOBER)["type"] != "Location"
    assert client.get("/linh-vuc").status_code == 302
    assert _routed_to(client, app_module, "/phuong/00004")["props"]["id"] == "guard-sign-in"


def _routed_to(client: Any, app_module: Any, path: str, search: str = "") -> dict[str, Any]:
    """What the page router puts on the page at ``path``."""
    answer = post_callback(client, router_body(app_module.app, path, search))
    assert answer.status_code == 200
    return answer.get_json()["response"]["_pages_content"]["children"]


def test_every_other_route_follows_its_rule(app_module) -> None:
    """The non-page routes: the public ones answer without a session; ``/_reload-hash``
    (admin only, never used) does not."""
    client = app_module.server.test_client()
    for endpoint, rule in access.ROUTES.items():
        if rule in (PAGE, CALLBACK) or not isinstance(rule, Rule) or rule.is_public():
            continue
        url = next(r.rule for r in app_module.server.url_map.iter_rules() if r.endpoint == endpoint)
        assert client.get(url).status_code == 401, url


# --- the scope of the session ----------------------------------------------------------------


def _ward_page(client: Any, app_module: Any, code: str) -> str:
    answer = post_callback(client, router_body(app_module.app, f"/phuong/{code}", OCTOBER))
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    return as_text(answer)


def _export(client: Any, app_module: Any, code: str) -> str:
    key = next(k for k in app_module.app.callback_map if k.startswith("ward-download"))
    body = callback_body(app_module.app, key, {1: 1, 2: f"/phuong/{code}", 3: OCTOBER})
    answer = post_callback(client, body)
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    return download_text(answer.get_json())


LATE_IDS = {"W02", "W04", "W05", "W06", "W09"}  # ward_fixture: Ba Đình's late and overdue


@pytest.mark.parametrize(
    ("role", "wards", "province", "details"),
    [
        ("ward", (BA_DINH,), None, True),  # its own ward
        ("ward", (NGOC_HA,), None, False),  # another ward of the same city
        ("city", (), "01", True),  # Hà Nội's leader
        ("city", (), "22", False),  # Quảng Ninh's leader
        ("evaluator", (), None, False),
        ("admin", (), None, True),
    ],
)
def test_the_ward_page_shows_dossier_ids_and_comments_only_in_scope(
    app_module, role: str, wards: tuple[str, ...], province: str | None, details: bool
) -> None:
    client = user_client(app_module.server, role, wards=wards, province=province)
    page = _ward_page(client, app_module, BA_DINH)
    export = _export(client, app_module, BA_DINH)
    ids = set(DOSSIER_ID.findall(page))
    exported_ids = set(DOSSIER_ID.findall(export))
    if details:
        assert ids >= LATE_IDS and exported_ids >= LATE_IDS
        assert "Cán bộ nhiệt tình, cảm ơn. Gọi tôi: [số điện thoại]" in page
        assert "ward-details-note" not in page
    else:
        assert ids == set() and exported_ids == set()
        assert not [w for w in COMMENT_WORDS if w in page]
        assert "ward-details-note" in page  # says who may see the lists
        assert "Hồ sơ quá hạn và đang giải quyết quá hạn: 5." in page  # the count stays


def test_a_ward_user_forging_another_wards_code_gets_no_details(app_module) -> None:
    """The ward code in the path, the query, a menu's value or the export's state chooses
    which ward is shown, never how much of it."""
    client = user_client(app_module.server, "ward", wards=(NGOC_HA,))
    app = app_module.app
    forged = [
        router_body(app, f"/phuong/{BA_DINH}", OCTOBER + f"&ward={NGOC_HA}"),
        router_body(app, f"/phuong/{BA_DINH}", OCTOBER + f"&ward={BA_DINH}&province=01"),
        router_body(app, f"/phuong/{NGOC_HA}/../{BA_DINH}", OCTOBER),
    ]
    update = next(k for k in app.callback_map if "ward-content.children" in k)
    forged.append(
        callback_body(
            app, update, {0: "custom", 1: "01/10/2026", 2: "31/10/2026", 3: "all", 4: "all",
                          5: f"/phuong/{BA_DINH}"}
        )
    )  # fmt: skip
    for body in forged:
        answer = post_callback(client, body)
        assert answer.status_code in (200, 204), answer.get_data(as_text=True)[:200]
        assert DOSSIER_ID.findall(as_text(answer)) == [], body
    assert DOSSIER_ID.findall(_export(client, app_module, BA_DINH)) == []
    api = client.get(f"/api/v1/kpis?ward={BA_DINH}&from=2026-10-01&to=2026-10-31")
    assert api.status_code == 200 and DOSSIER_ID.findall(api.get_data(as_text=True)) == []


def test_the_navbar_shows_the_user_and_hides_what_the_role_cannot_open(app_module) -> None:
    import json

    anonymous = json.loads(app_module.server.test_client().get("/_dash-layout").text)
    text = json.dumps(anonymous, ensure_ascii=False)
    assert '"id": "shell-sign-in"' in text and "shell-sign-out" not in text
    hidden = _hidden_links(anonymous)
    assert hidden == {
        "shell-nav-home", "shell-nav-linh-vuc", "shell-nav-hai-long", "shell-nav-chi-so-766",
        "shell-nav-du-lieu", "shell-nav-bao-cao",
    }  # fmt: skip

    client = user_client(app_module.server, "evaluator")
    signed_in = json.loads(client.get("/_dash-layout").text)
    text = json.dumps(signed_in, ensure_ascii=False)
    assert '"children": "evaluator-user"' in text and "shell-sign-out" in text
    assert _hidden_links(signed_in) == set()


def _hidden_links(layout: Any) -> set[str]:
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            props = node.get("props", {})
            if node.get("type") == "NavLink" and "d-none" in (props.get("class_name") or ""):
                found.add(props["id"])
            walk(props.get("children"))
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(layout)
    return found


# --- sign-in and sessions --------------------------------------------------------------------


def test_sign_in_opens_the_page_asked_for_and_sign_out_ends_the_session(app_module) -> None:
    users.add_user("lanhdao", "city", PASSWORD, province="01")
    client = app_module.server.test_client()
    first = client.get("/linh-vuc?period=last_month")
    assert first.status_code == 302
    token_page = client.get(first.headers["Location"])
    assert 'name="username"' in token_page.text and 'name="password"' in token_page.text
    from tests.signin import form_token

    answer = client.post(
        first.headers["Location"],
        data={"username": "LanhDao", "password": PASSWORD, "csrf_token": form_token(client)},
    )
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/linh-vuc?period=last_month"
    assert client.get("/linh-vuc?period=last_month").status_code == 200
    out = client.get("/dang-xuat")
    assert out.headers["Location"] == "/dang-nhap?da_dang_xuat=1"
    assert client.get("/linh-vuc").status_code == 302
    assert _routed_to(client, app_module, "/linh-vuc")["props"]["id"] == "guard-sign-in"


@pytest.mark.parametrize(
    ("login", "password"),
    [("lanhdao", "sai-mat-khau-roi"), ("khong-co-ai", PASSWORD), ("tat", PASSWORD)],
)
def test_a_wrong_sign_in_says_so_without_saying_which_part(
    app_module, login: str, password: str
) -> None:
    users.add_user("lanhdao", "admin", PASSWORD)
    users.add_user("tat", "admin", PASSWORD)
    users.set_enabled("tat", False)
    client = app_module.server.test_client()
    answer = sign_in(client, login, password)
    assert answer.status_code == 401
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in answer.text
    assert client.get("/").status_code == 302  # still not signed in


def test_the_sign_in_form_needs_its_csrf_token(app_module) -> None:
    users.add_user("lanhdao", "admin", PASSWORD)
    client = app_module.server.test_client()
    answer = client.post("/dang-nhap", data={"username": "lanhdao", "password": PASSWORD})
    assert answer.status_code == 400
    assert client.get("/").status_code == 302


@pytest.mark.parametrize(
    "target", ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:x"]
)
def test_sign_in_never_sends_the_reader_to_another_site(app_module, target: str) -> None:
    from urllib.parse import quote

    from tests.signin import form_token

    users.add_user("lanhdao", "admin", PASSWORD)
    client = app_module.server.test_client()
    token = form_token(client)
    answer = client.post(
        "/dang-nhap?next=" + quote(target, safe=""),
        data={"username": "lanhdao", "password": PASSWORD, "csrf_token": token},
    )
    assert answer.status_code == 302 and answer.headers["Location"] == "/"


@pytest.mark.parametrize("change", ["disable", "reset"])
def test_a_disabled_or_reset_user_is_signed_out_on_the_next_request(
    app_module, change: str
) -> None:
    client = user_client(app_module.server, "city", login="lanhdao", province="01")
    assert client.get("/").status_code == 200
    if change == "disable":
        users.set_enabled("lanhdao", False)
    else:
        users.reset_password("lanhdao", "mat-khau-moi-hoan-toan")
    assert client.get("/").status_code == 302
    assert _routed_to(client, app_module, "/", OCTOBER)["props"]["id"] == "guard-sign-in"
    league = map_click_callback(app_module.app)
    assert post_callback(client, callback_body(app_module.app, league)).status_code == 401


def test_a_callback_without_the_csrf_token_is_refused(app_module) -> None:
    client = user_client(app_module.server, "admin")
    body = router_body(app_module.app, "/", OCTOBER)
    assert client.post("/_dash-update-component", json=body).status_code == 400
    assert post_callback(client, body).status_code == 200


def test_the_session_cookie_is_httponly_and_lax(app_module) -> None:
    users.add_user("lanhdao", "admin", PASSWORD)
    client = app_module.server.test_client()
    answer = sign_in(client, "lanhdao")
    cookie = next(h for h in answer.headers.getlist("Set-Cookie") if h.startswith("motcua_"))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    # over TLS (here: a proxy saying so is not trusted; the request itself is https)
    tls = app_module.server.test_client()
    token = form_token_https(tls)
    answer = tls.post(
        "https://localhost/dang-nhap",
        data={"username": "lanhdao", "password": PASSWORD, "csrf_token": token},
    )
    cookie = next(h for h in answer.headers.getlist("Set-Cookie") if h.startswith("motcua_"))
    assert "Secure" in cookie


def form_token_https(client: Any) -> str:
    from tests.signin import TOKEN

    page = client.get("https://localhost/dang-nhap").get_data(as_text=True)
    return TOKEN.search(page).group(1)
