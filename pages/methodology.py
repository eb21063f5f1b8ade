"""Phương pháp (``/phuong-phap``): every definition of metrics.md in plain words.

Vietnamese first; in English the texts come from :mod:`ui.locale.methodology` and
:mod:`ui.locale.metrics` (the export keeps Vietnamese headers and texts).

Each metric has an anchor (``/phuong-phap#methodology-on-time-rate``, see
:func:`ui.definitions.definition_href`) so other pages can link to its definition. The 766
methodology and the targets are read from their config files on every load, so the page shows
what the code scores and colours with; the warehouse is never opened.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, callback, clientside_callback, ctx, dcc, html
from dash.development.base_component import Component

from kpi import public
from kpi.index766 import load_methodology
from kpi.periods import local_today
from kpi.targets import load_targets
from marks import N_, NP_
from ui import methodology as m
from ui.export import download, export_buttons, export_ids
from ui.i18n import _, page_title

PREFIX = "methodology"
EXPORT = export_ids(PREFIX)

dash.register_page(
    __name__, path="/phuong-phap", name="Phương pháp", title=page_title(NP_("page", "Phương pháp"))
)


def layout(**_query: str) -> Component:
    """The page (it takes no URL parameter; the config files are read on each load)."""
    rules = m.public_rules(min_denominator=public.MIN_DENOMINATOR, not_enough=public.NOT_ENOUGH)
    return dbc.Container(
        [
            dcc.Store(id="methodology-scrolled"),
            html.Div(
                [
                    html.H1(_("Phương pháp tính các số liệu"), className="h3 mb-0"),
                    export_buttons(PREFIX),
                ],
                className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-3",
            ),
            html.P(
                _(
                    "Mỗi số liệu trên bảng điều khiển được định nghĩa dưới đây bằng lời và bằng "
                    "công thức, đúng như cách phần mềm tính."
                )
            ),
            *m.page_sections(load_methodology(), load_targets(), public_rules=rules),
        ],
        id="methodology-page",
        className="mc-methodology",
        fluid="lg",
    )


# A link like /phuong-phap#methodology-on-time-rate: scroll to the definition once it is drawn.
clientside_callback(
    ClientsideFunction(namespace="motcua", function_name="scrollToHash"),
    Output("methodology-scrolled", "data"),
    Input("methodology-toc", "id"),
)


@callback(
    Output(EXPORT.download, "data"),
    Input(EXPORT.xlsx, "n_clicks"),
    Input(EXPORT.csv, "n_clicks"),
    prevent_initial_call=True,
)
def export(_xlsx: int | None, _csv: int | None) -> dict[str, object]:
    """The page's tables (definitions, 766 indicators and bands, targets) as Excel or CSV."""
    fmt = EXPORT.format_of(ctx.triggered_id)
    if fmt is None:
        return dash.no_update
    today = local_today()
    tables = m.export_tables(load_methodology(), load_targets())
    return download(
        fmt, tables, page=N_("Phương pháp"), period_from=today, period_to=today,
        title=N_("Phương pháp tính các số liệu"),
    )  # fmt: skip
