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

from api import blueprint as api_blueprint
from kpi.config import settings
from screen import blueprint as screen_blueprint

ROOT = Path(__file__).resolve().parent
TITLE = "Một Cửa – Điểm phục vụ hành chính công"

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


def create_app() -> dash.Dash:
    """Build the app with the pages of ``pages/`` (no database access happens here)."""
    app = dash.Dash(
        __name__,
        use_pages=True,
        pages_folder=str(ROOT / "pages"),
        assets_folder=str(ROOT / "assets"),
        serve_locally=True,
        external_stylesheets=[],  # Bootstrap comes from assets/vendor, never a CDN
        # Page callbacks target components that exist only once their page is shown; the page
        # tests check every callback id against its layout instead.
        suppress_callback_exceptions=True,
        title=TITLE,
        update_title=None,
        index_string=INDEX_STRING,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.layout = html.Div(
        [
            dbc.Navbar(
                dbc.Container(
                    [
                        dbc.NavbarBrand("Một Cửa", href="/"),
                        dbc.Nav(
                            [
                                dbc.NavLink("Tổng quan", href="/", active="exact"),
                                dbc.NavLink("Phương pháp", href="/phuong-phap", active="exact"),
                            ],
                            navbar=True,
                            class_name="me-auto",
                        ),
                    ],
                    fluid=True,
                ),
                color="primary",
                dark=True,
                expand=True,  # two links fit a phone: no collapsed menu to open
                class_name="mb-3 mc-navbar",
            ),
            html.Main(dash.page_container, id="main"),
        ]
    )
    return app


app = create_app()
server = app.server
server.register_blueprint(api_blueprint)  # /api/v1: the public JSON/CSV API
server.register_blueprint(screen_blueprint)  # /man-hinh/<ward_code>: the public hall screen

if __name__ == "__main__":
    cfg = settings()
    app.run(host=cfg.host, port=cfg.port, debug=False, dev_tools_disable_version_check=True)
