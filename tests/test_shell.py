"""The app shell: navigation, the language and theme switches (cookies), English formats."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from tests.signin import user_client
from ui.catalogue import english
from ui.format import fmt_int, fmt_number, fmt_pct
from ui.i18n import _, pgettext


@pytest.fixture
def client(clean_settings):
    """A leader's browser: signed in through the sign-in form (the pages need a session)."""
    import app

    return user_client(app.server)


def _nav_texts(layout: dict) -> list[str]:
    """Every link text of the navbar, in order."""
    texts: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") in ("NavLink", "A", "NavbarBrand"):
                texts.append(node["props"]["children"])
            walk(node.get("props", {}).get("children"))
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(layout)
    return texts


@pytest.mark.parametrize(
    ("cookies", "html", "nav"),
    [
        (
            {},
            '<html lang="vi" data-bs-theme="light">',
            ["Bỏ qua, tới nội dung chính", "Một Cửa", "Tổng quan", "Lĩnh vực", "Hài lòng",
             "Chỉ số 766", "Dữ liệu", "Báo cáo", "Phương pháp", "English", "Giao diện tối",
             "Đăng xuất"],
        ),
        (
            {"motcua_lang": "en", "motcua_theme": "dark"},
            '<html lang="en" data-bs-theme="dark">',
            ["Skip to main content", "Một Cửa", "Overview", "Fields", "Satisfaction",
             "766 index", "Data", "Report", "Methodology", "Tiếng Việt", "Light theme",
             "Sign out"],
        ),
        (
            {"motcua_lang": "fr", "motcua_theme": "<script>"},  # not a choice: the defaults
            '<html lang="vi" data-bs-theme="light">',
            ["Bỏ qua, tới nội dung chính", "Một Cửa", "Tổng quan", "Lĩnh vực", "Hài lòng",
             "Chỉ số 766", "Dữ liệu", "Báo cáo", "Phương pháp", "English", "Giao diện tối",
             "Đăng xuất"],
        ),
    ],
)  # fmt: skip
def test_the_shell_follows_the_language_and_theme_cookies(
    client, cookies: dict[str, str], html: str, nav: list[str]
) -> None:
    for name, value in cookies.items():
        client.set_cookie(name, value)
    page = client.get("/")
    assert page.status_code == 200
    assert html in page.text
    layout = json.loads(client.get("/_dash-layout").text)
    assert _nav_texts(layout) == nav


def test_english_swaps_the_separators_and_keeps_dates_day_first() -> None:
    assert (fmt_int(12439, lang="en"), fmt_pct(0.99943, lang="en")) == ("12,439", "99.94%")
    assert (fmt_int(12439), fmt_pct(0.99943), fmt_number(1234.56)) == (
        "12.439",
        "99,94%",
        "1.234,6",
    )
    assert fmt_number(1234.56, lang="en") == "1,234.6"


def test_translation_falls_back_to_vietnamese_and_fills_values() -> None:
    assert _("Tổng quan", lang="en") == "Overview"
    assert _("Tổng quan") == "Tổng quan"
    assert _("Một câu chưa dịch", lang="en") == "Một câu chưa dịch"
    assert all(isinstance(k, str) and v for k, v in english().items())


def test_overview_reads_in_english_with_english_numbers(
    warehouse, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hand-counted October fixture (tests/overview_fixture.py): 6 received, 4 of 6 on time."""
    import importlib

    from dash.testing import ignore_register_page

    import app
    from etl.loader import load_files
    from tests.overview_fixture import OVERVIEW_DOSSIERS

    (tmp_path / "ho_so.csv").write_text(OVERVIEW_DOSSIERS, encoding="utf-8")
    assert load_files([tmp_path / "ho_so.csv"], db=warehouse).ok
    with ignore_register_page():
        overview = importlib.import_module("pages.overview")
    query = {"from": "2026-10-01", "to": "2026-10-31"}
    with app.server.test_request_context("/", headers={"Cookie": "motcua_lang=en"}):
        english = json.dumps(overview.layout(**query).to_plotly_json(), default=str)
    with app.server.test_request_context("/"):
        vietnamese = json.dumps(overview.layout(**query).to_plotly_json(), default=str)
    for text in ("Overview", "On-time rate", "Received", "Ward league table", "66.67%",
                 "vs 1 Sep–30 Sep 2026", "Download Excel"):  # fmt: skip
        assert json.dumps(text)[1:-1] in english, text
    assert "66,67%" in vietnamese and json.dumps("Tổng quan")[1:-1] in vietnamese
    assert "66,67%" not in english


def test_a_word_used_two_ways_reads_two_ways_in_english() -> None:
    """One catalogue: a Vietnamese word has one English, or one per context it is used in."""
    assert _("Lĩnh vực", lang="en") == "Field"
    assert pgettext("page", "Lĩnh vực", lang="en") == "Fields"
    assert pgettext("page", "Tổng quan", lang="en") == "Overview"


def test_scripts_travel_compressed_to_a_browser_that_accepts_it(client) -> None:
    """A ward's closed network may be slow: the app's scripts go gzip-compressed when asked."""
    index = client.get("/").get_data(as_text=True)
    src = re.search(r'src="([^"]*dash_renderer[^"]*)"', index).group(1)
    plain = client.get(src)
    packed = client.get(src, headers={"Accept-Encoding": "gzip"})
    assert plain.status_code == packed.status_code == 200
    assert plain.headers.get("Content-Encoding") is None
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.data) == plain.data
    assert len(packed.data) < len(plain.data) / 2


LAND = "field=%C4%90%E1%BA%A5t+%C4%91ai"  # Đất đai


@pytest.mark.parametrize(
    ("pathname", "search", "kept"),
    [
        ("/", f"?period=last_month&{LAND}", f"?period=last_month&{LAND}"),
        ("/", "", ""),
        (None, None, ""),
        # Every filter, in canonical order; procedure (a /linh-vuc drill-down) and unknown
        # parameters stay behind; province is passed through as given.
        ("/linh-vuc", f"?channel=online&procedure=1.001193&{LAND}&from=2026-10-01&to=2026-10-31"
         "&utm=x&province=22&ward=00004",
         f"?from=2026-10-01&to=2026-10-31&province=22&ward=00004&{LAND}&channel=online"),
        # A repeated parameter counts by its last value, as on the pages.
        ("/hai-long", "?period=today&period=last_month", "?period=last_month"),
        # The ward page's ward is its path: the other pages get it as ward=.
        ("/phuong/00004", "?period=last_month&channel=online",
         "?period=last_month&ward=00004&channel=online"),
        ("/phuong/00004/", "?ward=00008", "?ward=00004"),
        ("/phuong/", "?period=today", "?period=today"),
        # A bad value is carried on as it is: the next page's alert names it.
        ("/", "?field=Aviation", "?field=Aviation"),
    ],
)  # fmt: skip
def test_the_navbar_links_keep_the_period_and_filters(
    pathname: str | None, search: str | None, kept: str
) -> None:
    import app

    assert app.nav_hrefs(pathname, search) == [
        "/" + kept,
        "/linh-vuc" + kept,
        "/hai-long" + kept,
        "/chi-so-766" + kept,
        "/du-lieu" + kept,
        "/bao-cao" + kept,
        "/phuong-phap" + kept,
    ]


def test_the_navbar_follows_the_page_location_once_its_filters_changed() -> None:
    """A filter changes the page's own location only: its search wins over the shell's."""
    import app

    shell, page = "?period=last_month", "?period=last_month&channel=online"
    assert app.keep_filters("/", shell, [page])[1] == "/linh-vuc" + page
    assert app.keep_filters("/phuong-phap", shell, [])[1] == "/linh-vuc" + shell  # no page url
    assert app.keep_filters("/", shell, [None])[1] == "/linh-vuc" + shell  # not yet mounted


def test_the_shell_callback_rewrites_every_navbar_link(client) -> None:
    import app

    client.get("/")  # the first request registers the pages' callbacks
    layout = json.loads(client.get("/_dash-layout").text)
    outputs = "...".join(f"{app.nav_id(path)}.href" for _l, path, _a in app.NAV)
    spec = app.app.callback_map[f"..{outputs}.."]
    inputs = [(i["id"], i["property"]) for i in spec["inputs"]]
    assert inputs == [
        ("shell-url", "pathname"),
        ("shell-url", "search"),
        ('{"page":["ALL"],"type":"page-url"}', "search"),
    ]
    ids = json.dumps(layout)
    assert all(f'"id": "{app.nav_id(path)}"' in ids for _l, path, _a in app.NAV)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/linh-vuc", 200),
        ("/linh-vuc/", 200),  # as Dash's router compares paths: without the outer slashes
        ("/hai-long?period=last_month", 200),
        ("/phuong-phap", 200),
        ("/phuong/00004", 200),  # Phường Ba Đình, a ward of Hà Nội (the default province)
        ("/phuong/00004?ward=99999", 200),  # the path names the ward; ward= is ignored there
        ("/khong-co", 404),
        ("/linh-vuc/dat-dai", 404),
        ("/phuong/99999", 404),
        ("/phuong/99999?period=last_month", 404),
        ("/phuong/99998", 404),  # a 5-digit code no ward of the country has
        ("/phuong/06688", 200),  # Phường Hạ Long, Quảng Ninh: ward codes are national
        ("/phuong/", 404),
        ("/phuong/00004/thang-10", 404),
        ("/404", 404),  # the not-found page's own path is not a page either
        ("/api/v1/khong-co", 404),
        ("/man-hinh/99999", 404),  # the hall screen's own not-found page
        ("/assets/motcua.css", 200),
        ("/favicon.ico", 200),  # browsers ask for it where a page names no icon (hall screens)
    ],
)
def test_an_address_without_a_page_answers_404(warehouse, path: str, status: int) -> None:
    import app

    answer = user_client(app.server).get(path)
    assert answer.status_code == status
    if path.startswith(("/khong-co", "/phuong/99999")):
        assert '<html lang="vi"' in answer.text  # the app's page, drawn by the router


def test_before_anything_is_loaded_a_ward_page_is_not_a_404(
    clean_settings, tmp_path, monkeypatch
) -> None:
    """Nothing loaded: the ward page says there is no data yet, so it cannot call a ward
    unknown. (``clean_settings``: its user goes to the test's own users' database, never to
    data/users.sqlite, where it would stop ``make run`` from printing the demo login.)"""
    import app

    monkeypatch.setenv("MOTCUA_DB", str(tmp_path / "not-loaded-yet.duckdb"))
    client = user_client(app.server)
    assert client.get("/phuong/99999").status_code == 200
    assert client.get("/khong-co").status_code == 404


@pytest.mark.parametrize(
    ("cookie", "texts"),
    [
        ("", ["Lỗi 404", "Không tìm thấy trang",
              "Không có trang nào ở địa chỉ này: liên kết có thể đã cũ hoặc bị gõ nhầm.",
              "Về trang Tổng quan"]),
        ("motcua_lang=en", ["Error 404", "Page not found",
                            "There is no page at this address: the link may be out of date "
                            "or mistyped.", "Back to the overview"]),
    ],
)  # fmt: skip
def test_the_not_found_page_reads_in_the_readers_language(cookie: str, texts: list[str]) -> None:
    import importlib

    from dash.testing import ignore_register_page

    import app

    with ignore_register_page():
        page = importlib.import_module("pages.not_found_404")
    from tests.test_overview_page import find

    with app.server.test_request_context("/khong-co", headers={"Cookie": cookie}):
        body = find(page.layout(period="last_month"), "not-found").children
    assert [part.children for part in body] == texts
    assert body[-1].href == "/"
    assert find(body, "not-found-title").children == texts[1]
