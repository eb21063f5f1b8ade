"""Figures of the satisfaction page: a DataFrame in, a light plotly figure out; no I/O.

Same conventions as :mod:`ui.figures` (no template, Vietnamese separators, category axes with
Vietnamese labels). Labels arrive already translated: these builders never choose words.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from kpi.targets import Target
from ui.figures import _BASE_LAYOUT, _labels, _pct
from ui.theme import RATING_COLOURS, SATISFACTION_COLOURS


def ratings_figure(frame: pd.DataFrame) -> go.Figure:
    """The 1–5 distribution as bars, one colour per level, the share in each hover.

    ``frame`` has one row per level: ``level`` (1–5), ``label`` (``"4 – Hài lòng"``), ``count``,
    ``share``.
    """
    fig = go.Figure(layout=_BASE_LAYOUT)
    fig.add_bar(
        x=frame["label"].tolist(),
        y=[int(v) for v in frame["count"]],
        marker={"color": [RATING_COLOURS[int(level)] for level in frame["level"]]},
        customdata=_pct(frame["share"]),
        hovertemplate="%{y:,d} (%{customdata:.2f}%)<extra></extra>",
        showlegend=False,
    )  # fmt: skip
    fig.update_yaxes(gridcolor="#e9ecef", fixedrange=True, tickformat=",d", rangemode="tozero")
    fig.update_xaxes(type="category", fixedrange=True, automargin=True)
    fig.update_layout(height=300, hovermode="closest")
    return fig


def sipas_figure(frame: pd.DataFrame) -> go.Figure:
    """Mean score (1–5) of each SIPAS dimension that has data, as horizontal bars.

    ``frame`` has ``label`` and ``mean`` (NaN/None: no data, left out of the chart).
    """
    known = frame.dropna(subset=["mean"])
    fig = go.Figure(layout=_BASE_LAYOUT)
    fig.add_bar(
        x=[round(float(v), 4) for v in known["mean"]],
        y=known["label"].tolist(),
        orientation="h",
        marker={"color": SATISFACTION_COLOURS["sipas"]},
        hovertemplate="%{x:.2f}<extra></extra>",
        showlegend=False,
    )
    fig.update_xaxes(range=[0, 5], dtick=1, gridcolor="#e9ecef", fixedrange=True)
    fig.update_yaxes(type="category", autorange="reversed", fixedrange=True, automargin=True)
    fig.update_layout(height=60 + 44 * max(len(known), 1), hovermode="closest")
    return fig


def satisfaction_trend_figure(
    frame: pd.DataFrame,
    *,
    grain: str,
    target: Target | None,
    rate_label: str,
    count_label: str,
    target_label: str,
) -> go.Figure:
    """Satisfied rate per bucket (line, left axis) over the number of ratings (bars, right).

    ``frame`` has one row per bucket: ``date_from``, ``date_to``, ``satisfied_rate``, ``ratings``.
    A bucket without ratings has no point (a gap), never 0%.

    Plotly draws an overlaying axis's traces above the base axis's whatever the trace order, so
    the bars are on the base axis (``y``, its ticks on the right) and the rate and its target on
    the overlaying one (``y2``, on the left): the lines are drawn over the bars. The count axis
    reaches 1.5 × the busiest bucket, so the bars stay in the lower two thirds, under a
    satisfied rate that is usually near its target, and are half transparent where a line
    crosses them.
    """
    x = _labels(frame, grain)
    counts = [int(v) for v in frame["ratings"]]
    fig = go.Figure(layout=_BASE_LAYOUT)
    fig.add_bar(
        x=x,
        y=counts,
        name=count_label,
        yaxis="y",
        marker={"color": SATISFACTION_COLOURS["ratings"], "opacity": 0.6},
        hovertemplate="%{y:,d}",
    )
    fig.add_scatter(
        x=x,
        y=_pct(frame["satisfied_rate"]),
        name=rate_label,
        yaxis="y2",
        mode="lines+markers",
        line={"color": SATISFACTION_COLOURS["satisfied_rate"], "width": 2},
        marker={"size": 6},
        connectgaps=False,
        hovertemplate="%{y:.2f}%",
    )
    if target is not None:
        fig.add_scatter(
            x=x,
            y=[target.target * 100] * len(x),
            name=target_label,
            yaxis="y2",
            mode="lines",
            line={"color": SATISFACTION_COLOURS["satisfied_rate"], "width": 1, "dash": "dash"},
            hoverinfo="skip",
        )
    fig.update_layout(
        height=320,
        yaxis={
            "side": "right",
            "range": [0, max([*counts, 1]) * 1.5],
            "showgrid": False,
            "fixedrange": True,
            "tickformat": ",d",
        },
        yaxis2={
            "overlaying": "y",
            "side": "left",
            "range": [0, 102],
            "tickmode": "linear",  # its own 0, 20, …, 100%, not ticks placed by the count's
            "tick0": 0,
            "dtick": 20,
            "ticksuffix": "%",
            "gridcolor": "#e9ecef",
            "fixedrange": True,
        },
        # Above the chart: under it, a phone's upright bucket labels ran into it.
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        margin={"l": 48, "r": 48, "t": 12, "b": 40},
    )
    fig.update_xaxes(type="category", fixedrange=True, automargin=True)
    return fig
