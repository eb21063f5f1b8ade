"""Figure builders of the fields page (pure: a DataFrame in, a plotly figure out; no I/O).

Where late dossiers concentrate (horizontal stacked bars per field or procedure: resolved late
with and without inter-agency processing, still open past the due date) and the online share of
the busiest procedures against the 50% line of the 766 index (indicator 3.3). The same base
layout as :mod:`ui.figures` (no template, Vietnamese separators).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from kpi.targets import GREEN, RED
from marks import N_
from ui.figures import _BASE_LAYOUT
from ui.format import fmt_pct
from ui.i18n import _
from ui.theme import CLASS_COLOURS, STATUSES

# The late dossiers' segments: column → (label, colour). Inter-agency is the darkest red, so
# the eye finds it first; the legend and the table say it in words.
LATE_SEGMENTS: dict[str, tuple[str, str]] = {
    "late_interagency": (N_("Quá hạn, có liên thông"), "#7f0000"),
    "late_other": (N_("Quá hạn, không liên thông"), CLASS_COLOURS["late"]),
    "overdue": (N_("Đang giải quyết quá hạn"), CLASS_COLOURS["overdue"]),
}
# Without any inter-agency flag in the data, late dossiers are not split.
LATE_UNSPLIT: dict[str, tuple[str, str]] = {
    "late": (N_("Quá hạn"), CLASS_COLOURS["late"]),
    "overdue": (N_("Đang giải quyết quá hạn"), CLASS_COLOURS["overdue"]),
}
LABEL_MAX = 40  # characters of a bar's label; the table gives the whole name


def short(label: str, limit: int = LABEL_MAX) -> str:
    """A label cut to ``limit`` characters with an ellipsis."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _height(rows: int) -> int:
    return 110 + 34 * max(rows, 1)


def late_figure(frame: pd.DataFrame, labels: Sequence[str], *, split: bool) -> go.Figure:
    """Late + overdue dossiers per row of ``frame`` (in its order, first on top), stacked.

    ``frame`` has ``late_interagency``, ``late_other``, ``late`` and ``overdue``; ``labels`` name
    its rows; ``split`` separates the inter-agency late dossiers (the data has the flag).
    """
    y = [short(label) for label in labels]
    fig = go.Figure(layout=_BASE_LAYOUT)
    for column, (label, colour) in (LATE_SEGMENTS if split else LATE_UNSPLIT).items():
        fig.add_bar(
            y=y,
            x=[int(v) for v in frame[column]],
            name=_(label),
            orientation="h",
            marker={"color": colour},
            hovertemplate="%{x:,d}",
        )
    fig.update_layout(
        barmode="stack",
        height=_height(len(y)),
        hovermode="y unified",
        margin={"l": 8, "r": 12, "t": 12, "b": 40},
        legend={"orientation": "h", "y": -0.12, "x": 0, "traceorder": "normal"},
    )
    fig.update_yaxes(autorange="reversed", automargin=True, fixedrange=True, type="category")
    fig.update_xaxes(gridcolor="#e9ecef", fixedrange=True, tickformat=",d", rangemode="tozero")
    return fig


def online_figure(frame: pd.DataFrame, labels: Sequence[str], *, threshold: float) -> go.Figure:
    """Online share of each row of ``frame`` (first on top) against the ``threshold`` line.

    A bar at or above the line is green, below it red; the hover text says it in words.
    """
    y = [short(label) for label in labels]
    shares = [None if pd.isna(v) else float(v) for v in frame["online_share"]]
    met = [s is not None and s >= threshold for s in shares]
    words = [_(STATUSES[GREEN if m else RED].label) for m in met]
    fig = go.Figure(layout=_BASE_LAYOUT)
    fig.add_bar(
        y=y,
        x=[None if s is None else round(s * 100, 4) for s in shares],
        orientation="h",
        name=_("Tỷ lệ hồ sơ trực tuyến"),
        marker={"color": [STATUSES[GREEN if m else RED].colour for m in met]},
        customdata=[[fmt_pct(s), w] for s, w in zip(shares, words, strict=True)],
        hovertemplate="%{customdata[0]} · %{customdata[1]}<extra></extra>",
        showlegend=False,
    )
    line = threshold * 100
    fig.add_vline(x=line, line={"color": "#212529", "width": 2, "dash": "dash"})
    fig.add_annotation(
        x=line,
        y=1,
        yref="paper",
        yanchor="bottom",
        text=_("Ngưỡng 766: {value}", value=fmt_pct(threshold, 0)),
        showarrow=False,
        font={"size": 12},
    )
    fig.update_layout(
        height=_height(len(y)) + 20,
        hovermode="closest",
        margin={"l": 8, "r": 12, "t": 32, "b": 40},
    )
    fig.update_yaxes(autorange="reversed", automargin=True, fixedrange=True, type="category")
    fig.update_xaxes(range=[0, 102], ticksuffix="%", gridcolor="#e9ecef", fixedrange=True)
    return fig
