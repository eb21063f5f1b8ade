"""The Dash app: shell, pages and the WSGI ``server``; nothing else (run: ``python app.py``).

Everything the browser loads is served by the app itself (closed networks, hall screens): Dash's
own scripts (``serve_locally``) and the stylesheets in ``assets/`` (Bootstrap is vendored in
``assets/vendor``), so no CDN and no other origin is ever contacted.
"""

from __future__ import annotations

import pkgutil
import sys
from pathlib import Path

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, dcc, html
from dash.development.base_component import Component
from flask import Response, request

from api import blueprint as api_blueprint
from kpi.config import settings
from marks import N_, NP_
from pages import _warm as warm
from pages._shared import page_at, page_missing
from screen import blueprint as screen_blueprint
from ui.filters import PAGE_URL, kept_search
from ui.i18n import _, current_lang, current_theme, pgettext
from web import access, auth, guard, hardening
from web.scope import reader

ROOT = Path(__file__).resolve().parent
TITLE = "Một Cửa – Điểm phục vụ hành chính công"

# The navigation: (label, path, how the link is marked active).
NAV: tuple[tuple[str, str, str], ...] = (
    (NP_("page", "Tổng quan"), "/", "exact"),
    (NP_("page", "Lĩnh vực"), "/linh-vuc", "exact"),
    (NP_("page", "Hài lòng"), "/hai-long", "exact"),
    (NP_("page", "Chỉ số 766"), "/chi-so-766", "exact"),
    (NP_("page", "Dữ liệu"), "/du-lieu", "exact"),
    (NP_("page", "Báo cáo"), "/bao-cao", "exact"),
    (NP_("page", "Phương pháp"), "/phuong-phap", "exact"),
)
SHELL_URL = "shell-url"


def nav_id(path: str) -> str:
    """The id of the navbar link to ``path``: ``shell-nav-linh-vuc`` (``/``: ``shell-nav-home``)."""
    return "shell-nav-" + (path.strip("/") or "home")


def nav_hrefs(pathname: str | None, search: str | None) -> list[str]:
    """The navbar links' addresses from the current URL: each page keeps its period and filters.

    ``/linh-vuc?period=last_month&field=Đất+đai`` gives ``/?period=last_month&field=…``,
    ``/hai-long?…`` and so on, in the order of :data:`NAV` (ui.filters.kept_search says what is
    kept)."""
    kept = kept_search(pathname, search)
    return [path + kept for _label, path, _active in NAV]


# Dash's default page, in Vietnamese.
INDEX_STRING = """<!DOCTYPE html>
<html lang="vi">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""


class MotCuaDash(dash.Dash):
    """Dash whose page ``<html>`` carries the reader's language and theme (cookies, ui.i18n).

    Bootstrap 5.3 colours the whole page from ``data-bs-theme``; setting it in the HTML the
    server sends (not from a script after load) means a dark-theme reader never sees a white
    flash, and ``lang`` tells screen readers and the browser's hyphenation which language it is.
    """

    def interpolate_index(self, **kwargs: str) -> str:
        """The page HTML with ``lang`` and ``data-bs-theme`` of this request."""
        page = super().interpolate_index(**kwargs)
        return page.replace(
            '<html lang="vi">',
            f'<html lang="{current_lang()}" data-bs-theme="{current_theme()}">',
            1,
        )


def _may_open(path: str) -> bool:
    """Whether the reader may open the page at ``path`` (the navbar hides the others; the
    server refuses them anyway, web.guard)."""
    module, _variables = page_at(path)
    return access.PAGES.get(module, access.Rule()).allows(reader().role)


def account_links() -> list[Component]:
    """The signed-in user and the sign-out link, or the sign-in link."""
    who = reader()
    if who.login is None:
        return [
            dbc.NavLink(_("Đăng nhập"), href=auth.SIGN_IN, external_link=True, id="shell-sign-in")
        ]
    return [
        html.Span(who.login, className="navbar-text me-2", id="shell-user"),
        dbc.NavLink(_("Đăng xuất"), href=auth.SIGN_OUT, external_link=True, id="shell-sign-out"),
    ]


def shell() -> Component:
    """The frame of every page: navigation, language and theme switches, the page itself.

    A function, so Dash builds it for each visit in the reader's language and for the reader's
    role (the links it may not open are hidden, not removed: the navbar's callback writes them
    all).
    """
    links = [
        dbc.NavLink(
            pgettext("page", label),
            href=path,
            active=active,
            id=nav_id(path),
            class_name=None if _may_open(path) else "d-none",
        )
        for label, path, active in NAV
    ]
    english = current_lang() == "en"
    dark = current_theme() == "dark"
    switches = [
        html.A(
            N_("Tiếng Việt") if english else N_("English"),
            href="#",
            lang="vi" if english else "en",
            className="nav-link mc-switch",
            **{"data-motcua-set": f"lang={'vi' if english else 'en'}"},
        ),
        html.A(
            _("Giao diện sáng") if dark else _("Giao diện tối"),
            href="#",
            className="nav-link mc-switch",
            **{"data-motcua-set": f"theme={'light' if dark else 'dark'}"},
        ),
    ]
    return html.Div(
        [
            html.A(
                _("Bỏ qua, tới nội dung chính"), href="#main", className="visually-hidden-focusable"
            ),
            dbc.Navbar(
                dbc.Container(
                    [
                        dbc.NavbarBrand("Một Cửa", href="/"),
                        dbc.Nav(links, navbar=True, class_name="me-auto flex-wrap"),
                        dbc.Nav([*switches, *account_links()], navbar=True, class_name="flex-wrap"),
                    ],
                    fluid=True,
                    class_name="flex-wrap",
                ),
                color=None,  # the colour is .mc-navbar's (motcua.css), not a Bootstrap bg-*
                dark=True,
                expand=True,  # a few short links fit a phone: no collapsed menu to open
                class_name="mb-3 mc-navbar",
            ),
            html.Main(dash.page_container, id="main"),
            # Hears every navigation (links, the back button): the navbar follows the URL.
            dcc.Location(id=SHELL_URL, refresh=False),
        ]
    )


def keep_filters(
    pathname: str | None, search: str | None, page_searches: list[str | None]
) -> list[str]:
    """The navbar's links for the URL shown: callback of the shell's location and the page's.

    A page's filters change its own location only (``refresh=False``, ui.filters.url_id), so
    the page's search, when there is one, is the current one; pages without filters
    (methodology, not found) have only the shell's."""
    current = next((s for s in page_searches if s is not None), search)
    return nav_hrefs(pathname, current)


def create_app() -> dash.Dash:
    """Build the app with the pages of ``pages/`` (no database access happens here)."""
    app = MotCuaDash(
        __name__,
        use_pages=True,
        pages_folder=str(ROOT / "pages"),
        assets_folder=str(ROOT / "assets"),
        serve_locally=True,
        # Scripts (~6 MB, plotly.js most of it) and page answers travel compressed (gzip or
        # brotli, flask-compress): a ward's closed network may be slow.
        compress=True,
        external_stylesheets=[],  # Bootstrap comes from assets/vendor, never a CDN
        # Page callbacks target components that exist only once their page is shown; the page
        # tests check every callback id against its layout instead.
        suppress_callback_exceptions=True,
        title=TITLE,
        update_title=None,
        index_string=INDEX_STRING,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.layout = shell
    app.callback(
        [Output(nav_id(path), "href") for _label, path, _active in NAV],
        Input(SHELL_URL, "pathname"),
        Input(SHELL_URL, "search"),
        Input({"type": PAGE_URL, "page": ALL}, "search"),
    )(keep_filters)
    return app


def not_found_status(response: Response) -> Response:
    """An address without a page answers HTTP 404 (Flask ``after_request`` hook).

    Dash serves every path from one index route with 200, the page deciding in the browser
    what to show; here the same question is asked once on the server (pages._shared.
    page_missing: no such page, or no such ward), so a link checker, a search engine or a
    monitoring probe sees the not-found page the reader sees."""
    catch_all = app.config.routes_pathname_prefix + "<path:path>"
    if request.endpoint == catch_all and response.status_code == 200 and page_missing(request.path):
        response.status_code = 404
    return response


def favicon() -> Response:
    """The icon browsers ask ``/favicon.ico`` for where a page names none (the hall screens):
    Dash's own, the one the leaders' pages link to, instead of the not-found page's 404."""
    return Response(pkgutil.get_data("dash", "favicon.ico"), mimetype="image/x-icon")


APP_LOAD_ERROR = 4


def secret_key() -> str:
    """``MOTCUA_SECRET_KEY``; for ``python app.py`` without one, a throw-away key. A
    production server (gunicorn imports this module as ``app``) refuses to start without."""
    key = hardening.secret_key_or_none()
    if key:
        return key
    if __name__ == "__main__":
        return hardening.throwaway_key()
    print(
        "MOTCUA_SECRET_KEY chưa được đặt: máy chủ không khởi động (tạo khoá: "
        "python -c 'import secrets; print(secrets.token_hex(32))')",
        file=sys.stderr,
    )
    # 4 is gunicorn's "App failed to load": its master stops instead of restarting the worker
    raise SystemExit(APP_LOAD_ERROR)


app = create_app()
server = app.server
server.after_request(not_found_status)
server.add_url_rule("/favicon.ico", "favicon", favicon)
server.register_blueprint(api_blueprint)  # /api/v1: the public JSON/CSV API
server.register_blueprint(screen_blueprint)  # /man-hinh/<ward_code>: the public hall screen
auth.install(server)  # /dang-nhap, /dang-xuat, the session
guard.install(server, app)  # deny by default (web.access), before anything else runs
hardening.install(server, app, secret_key=secret_key())  # CSRF, limits, headers, errors
warm.start(server)  # the usual views drawn after each load (MOTCUA_PREWARM)

if __name__ == "__main__":
    cfg = settings()
    app.run(
        host=cfg.host,
        port=cfg.port,
        debug=False,
        dev_tools_disable_version_check=True,
        request_handler=hardening.QuietRequestHandler,
    )
