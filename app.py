"""The Dash app: shell, pages and the WSGI ``server``; nothing else (run: ``python app.py``).

Everything the browser loads is served by the app itself (closed networks, hall screens): Dash's
own scripts (``serve_locally``) and the stylesheets in ``assets/`` (Bootstrap is vendored in
``assets/vendor``), so no CDN and no other origin is ever contacted.
"""

from __future__ import annotations

from pathlib import Path

import dash
import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from api import blueprint as api_blueprint
from kpi.config import settings
from screen import blueprint as screen_blueprint
from ui.i18n import _, current_lang, current_theme

ROOT = Path(__file__).resolve().parent
TITLE = "Một Cửa – Điểm phục vụ hành chính công"

# The navigation: (label, path, how the link is marked active).
NAV: tuple[tuple[str, str, str], ...] = (
    ("Tổng quan", "/", "exact"),
    ("Lĩnh vực", "/linh-vuc", "exact"),
    ("Hài lòng", "/hai-long", "exact"),
    ("Phương pháp", "/phuong-phap", "exact"),
)

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


def shell() -> Component:
    """The frame of every page: navigation, language and theme switches, the page itself.

    A function, so Dash builds it for each visit in the reader's language.
    """
    links = [
        dbc.NavLink(_(label, context="page"), href=path, active=active)
        for label, path, active in NAV
    ]
    english = current_lang() == "en"
    dark = current_theme() == "dark"
    switches = [
        html.A(
            "Tiếng Việt" if english else "English",
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
                        dbc.Nav(switches, navbar=True, class_name="flex-wrap"),
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
        ]
    )


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
    return app


app = create_app()
server = app.server
server.register_blueprint(api_blueprint)  # /api/v1: the public JSON/CSV API
server.register_blueprint(screen_blueprint)  # /man-hinh/<ward_code>: the public hall screen

if __name__ == "__main__":
    cfg = settings()
    app.run(host=cfg.host, port=cfg.port, debug=False, dev_tools_disable_version_check=True)
