"""A one-page Dash app that wires :func:`ui.export.export_buttons` the way a page will.

Run by ``test_export_browser.py`` on ``MOTCUA_HOST``/``MOTCUA_PORT``: the callback is
the glue a page writes (buttons → :func:`ui.export.download` → ``dcc.Download``), over a fixed
table, so the browser test proves that a click gives the file a person saves.
"""

from __future__ import annotations

import os
import sys
from datetime import date, datetime
from pathlib import Path

import dash
import pandas as pd
from dash import Input, Output, html

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ui.export import Column, Table, download, export_buttons, export_ids

PREFIX = "demo"
IDS = export_ids(PREFIX)
OCTOBER = (date(2026, 10, 1), date(2026, 10, 31))
GENERATED = datetime(2026, 11, 21, 14, 30)


def tables() -> list[Table]:
    """The page's one table: two wards, one without a rate."""
    rows = pd.DataFrame(
        {
            "code": ["00004", "00008"],
            "name": ["Phường Ba Đình", "Phường Ngọc Hà"],
            "received": [12439, 1],
            "rate": [12432 / 12439, None],
        }
    )
    columns = [
        Column("code", "Mã xã", "text"),
        Column("name", "Phường, xã", "text"),
        Column("received", "Tiếp nhận mới", "int"),
        Column("rate", "Tỷ lệ đúng hạn", "pct"),
    ]
    return [Table("Phường, xã", "Kết quả theo phường, xã", columns, rows, note="Kỳ: 10/2026")]


app = dash.Dash(__name__, serve_locally=True, assets_folder=str(Path(__file__).parent / "none"))
app.layout = html.Main([html.H1("Xuất dữ liệu"), export_buttons(PREFIX)], id="demo-content")


@app.callback(
    Output(IDS.download, "data"),
    Input(IDS.xlsx, "n_clicks"),
    Input(IDS.csv, "n_clicks"),
    prevent_initial_call=True,
)
def export(_xlsx: int | None, _csv: int | None) -> dict[str, object]:
    """The file of the button that was clicked."""
    fmt = IDS.format_of(dash.ctx.triggered_id)
    if fmt is None:
        raise dash.exceptions.PreventUpdate
    first, last = OCTOBER
    return download(
        fmt,
        tables(),
        page="Xuất thử",
        period_from=first,
        period_to=last,
        title="Xuất thử",
        generated_at=GENERATED,
    )


if __name__ == "__main__":
    app.run(host=os.environ["MOTCUA_HOST"], port=int(os.environ["MOTCUA_PORT"]), debug=False)
