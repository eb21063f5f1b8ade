"""Không tìm thấy trang: what an address without a page shows (Dash's router picks this module
by its name for any path no page registers).

The HTTP status of those addresses is 404, set in app.py from :func:`pages._shared.page_missing`;
this page's own path (``/404``) is one of them. Glue only: ui.components.not_found draws.
"""

from __future__ import annotations

from typing import Any

import dash
from dash.development.base_component import Component

from marks import N_
from ui.components import not_found
from ui.i18n import _, page_title

dash.register_page(
    __name__,
    path="/404",
    name=N_("Không tìm thấy trang"),
    title=page_title(N_("Không tìm thấy trang")),
)


def layout(**_query: Any) -> Component:
    """The not-found page, with the way back to the overview (URL parameters are ignored)."""
    return not_found(
        _("Không tìm thấy trang"),
        _("Không có trang nào ở địa chỉ này: liên kết có thể đã cũ hoặc bị gõ nhầm."),
    )
