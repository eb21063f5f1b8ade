"""Figure builders: a DataFrame in, a light plotly figure (or an SVG string) out; no I/O.

Figures use no template (plotly's default one adds ~10 kB of JSON to each), Vietnamese number
separators (``separators=",."``: 98,12%) and category axes with Vietnamese labels (a date axis
would print English month names). No map tiles: the ward map is a plain scatter on lon/lat.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape

import pandas as pd
import plotly.graph_objects as go

from kpi.targets import AMBER, GREEN, RED, Target, colour
from ui.format import fmt_int, fmt_pct
from ui.i18n import _, current_lang
from ui.theme import CLASS_COLOURS, CLASS_LABELS, NO_STATUS, SPARK_COLOUR, STATUSES, TREND_LINES

# dcc.Graph config for every figure: no plotly logo, no toolbar, resizes with its column.
GRAPH_CONFIG: dict[str, object] = {
    "displaylogo": False,
    "displayModeBar": False,
    "responsive": True,
}

_BASE_LAYOUT: dict[str, object] = {
    "template": "none",
    "separators": ",.",
    "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"},
    "margin": {"l": 48, "r": 12, "t": 12, "b": 40},
    "hovermode": "x unified",
    "legend": {"orientation": "h", "y": -0.18, "x": 0},
    "paper_bgcolor": "rgba(0,0,0,0)",
    "plot_bgcolor": "rgba(0,0,0,0)",
}


def _layout() -> dict[str, object]:
    """The base layout in the reader's language (English writes 1,234.5; Vietnamese 1.234,5)."""
    return {**_BASE_LAYOUT, "separators": ".," if current_lang() == "en" else ",."}


def bucket_label(date_from: date, date_to: date, grain: str) -> str:
    """The axis and table label of a trend bucket: ``05/10``, ``05/10–11/10``, ``10/2026``."""
    if grain == "day":
        return f"{date_from:%d/%m}"
    if grain == "week":
        return f"{date_from:%d/%m}–{date_to:%d/%m}"
    return f"{date_from:%m/%Y}"


def _labels(frame: pd.DataFrame, grain: str) -> list[str]:
    return [
        bucket_label(pd.Timestamp(f).date(), pd.Timestamp(t).date(), grain)
        for f, t in zip(frame["date_from"], frame["date_to"], strict=True)
    ]


def _pct(values: pd.Series) -> list[float | None]:
    return [None if pd.isna(v) else round(float(v) * 100, 4) for v in values]


def trend_figure(frame: pd.DataFrame, *, grain: str, targets: dict[str, Target]) -> go.Figure:
    """On-time rate and online share per bucket, each with its target as a dashed line.

    ``frame`` has one row per bucket (``date_from``, ``date_to``, ``on_time_rate``,
    ``online_share``); the targets come from ``data/targets.toml``.
    """
    x = _labels(frame, grain)
    fig = go.Figure(layout=_layout())
    for metric, (label, line) in TREND_LINES.items():
        label = _(label)
        fig.add_scatter(
            x=x,
            y=_pct(frame[metric]),
            name=label,
            mode="lines+markers",
            line={"color": line, "width": 2},
            marker={"size": 5},
            connectgaps=False,
            hovertemplate="%{y:.2f}%",
        )
        target = targets.get(metric)
        if target is not None:
            fig.add_scatter(
                x=x,
                y=[target.target * 100] * len(x),
                name=_(
                    "Mục tiêu {label} {target}",
                    label=label.lower(),
                    target=fmt_pct(target.target, 0),
                ),
                mode="lines",
                line={"color": line, "width": 1, "dash": "dash"},
                hoverinfo="skip",
            )
    fig.update_yaxes(range=[0, 102], ticksuffix="%", gridcolor="#e9ecef", fixedrange=True)
    fig.update_xaxes(type="category", fixedrange=True, automargin=True)
    fig.update_layout(height=320)
    return fig


def split_figure(frame: pd.DataFrame, *, grain: str) -> go.Figure:
    """The on-time classes (early … overdue) of each bucket as stacked bars."""
    x = _labels(frame, grain)
    fig = go.Figure(layout=_layout())
    for klass, label in CLASS_LABELS.items():
        label = _(label)
        fig.add_bar(
            x=x,
            y=[int(v) for v in frame[klass]],
            name=label,
            marker={"color": CLASS_COLOURS[klass]},
            hovertemplate="%{y:,d}",
        )
    fig.update_layout(barmode="stack", height=320, legend={"traceorder": "normal"})
    fig.update_yaxes(gridcolor="#e9ecef", fixedrange=True, tickformat=",d")
    fig.update_xaxes(type="category", fixedrange=True, automargin=True)
    return fig


def ward_map_figure(frame: pd.DataFrame, *, target: Target) -> go.Figure:
    """Ward centroids on plain lon/lat axes (no tiles): one trace per target status.

    ``frame`` has ``ward_code``, ``ward_name``, ``lat``, ``lon``, ``to_process``,
    ``on_time_rate``, ``received``, ``overdue``. Marker colour and symbol give the status of the
    on-time rate against ``target``; size grows with the square root of ``to_process``. Each
    point's ``customdata`` is its ward code (a click opens the ward page).
    """
    places = frame.dropna(subset=["lat", "lon"])
    biggest = max(float(places["to_process"].fillna(0).max() or 0), 1.0)
    statuses = [
        colour(target.metric, None if pd.isna(v) else float(v), {target.metric: target})
        for v in places["on_time_rate"]
    ]
    fig = go.Figure(layout=_layout())
    for key in (GREEN, AMBER, RED, None):
        rows = places[[s == key for s in statuses]]
        if rows.empty:
            continue
        status = STATUSES[key] if key else NO_STATUS
        volume = rows["to_process"].fillna(0).astype(float)
        hover = [
            _(
                "<b>{name}</b><br>Tỷ lệ đúng hạn: {rate}<br>Tiếp nhận mới: {received}"
                " · Quá hạn: {overdue}",
                name=escape(name),
                rate=fmt_pct(None if pd.isna(r) else r),
                received=fmt_int(rec if not pd.isna(rec) else 0),
                overdue=fmt_int(od if not pd.isna(od) else 0),
            )
            for name, r, rec, od in zip(
                rows["ward_name"], rows["on_time_rate"], rows["received"], rows["overdue"],
                strict=True,
            )
        ]  # fmt: skip
        fig.add_scatter(
            x=rows["lon"].round(4).tolist(),
            y=rows["lat"].round(4).tolist(),
            mode="markers",
            name=_(status.label),
            customdata=rows["ward_code"].tolist(),
            text=hover,
            hovertemplate="%{text}<extra></extra>",
            marker={
                "color": status.colour,
                "symbol": status.marker,
                "size": [6 + 22 * math.sqrt(v / biggest) for v in volume],
                "line": {"width": 1, "color": "#ffffff" if key else status.colour},
                "opacity": 0.85,
            },
        )
    mid_lat = float(places["lat"].mean()) if not places.empty else 21.0
    fig.update_xaxes(visible=False, fixedrange=True)
    # Equal distances: one degree of longitude is cos(latitude) of one degree of latitude.
    fig.update_yaxes(
        visible=False,
        fixedrange=True,
        scaleanchor="x",
        scaleratio=1 / math.cos(math.radians(mid_lat)),
    )
    fig.update_layout(
        height=460,
        hovermode="closest",
        margin={"l": 8, "r": 8, "t": 40, "b": 8},
        # The legend's title on a line of its own: beside the entries, plotly wraps them as
        # if it were not there, and a phone loses the last entry past the right edge.
        legend={
            "orientation": "h",
            "y": 1.02,
            "yanchor": "bottom",
            "x": 0,
            "title": {"text": _("Tỷ lệ đúng hạn: "), "side": "top"},
        },
    )
    return fig


def sparkline_svg(
    values: Sequence[float | None],
    *,
    width: int = 120,
    height: int = 28,
    stroke: str = SPARK_COLOUR,
) -> str:
    """A tiny line of ``values`` as an SVG document (gaps where a value is ``None``).

    Returns ``''`` when fewer than two values exist: a single point is no trend.
    """
    known = [v for v in values if v is not None]
    if len(values) < 2 or len(known) < 2:
        return ""
    low, high = min(known), max(known)
    span = (high - low) or 1.0
    step = (width - 4) / (len(values) - 1)
    segments: list[list[str]] = [[]]
    for i, v in enumerate(values):
        if v is None:
            segments.append([])
            continue
        y = 2 + (height - 4) * (1 - (v - low) / span) if high != low else height / 2
        segments[-1].append(f"{2 + i * step:.1f},{y:.1f}")
    lines = "".join(
        f'<polyline points="{" ".join(s)}" fill="none" stroke="{stroke}" stroke-width="1.5" '
        'stroke-linejoin="round" stroke-linecap="round"/>'
        for s in segments
        if len(s) > 1
    )
    dots = "".join(
        f'<circle cx="{s[0].split(",")[0]}" cy="{s[0].split(",")[1]}" r="1.5" fill="{stroke}"/>'
        for s in segments
        if len(s) == 1
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">{lines}{dots}</svg>'
    )
