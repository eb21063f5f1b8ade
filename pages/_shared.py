"""What every leaders' page does the same way: allow-lists, the page's frame, the filter answer.

Not a page (Dash skips modules whose name starts with ``_``): the glue the pages share, so that
each page module keeps only what is its own. A page's view is a :class:`View`: the selection the
URL asks for (``None`` when it cannot be shown), the allow-lists the filter bar offers and the
content, or the alert that says why there is none.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html, no_update
from dash.development.base_component import Component

from kpi.config import settings
from kpi.db import cursor
from kpi.overview import trend
from kpi.reference import allow_lists
from kpi.targets import load_targets
from ui import overview as overview_ui
from ui.components import no_warehouse
from ui.export import export_buttons
from ui.filters import (
    FilterError,
    Selection,
    changed_control,
    controls_query,
    filter_bar,
    invalid_alert,
    parse_query,
    search_query,
    url_id,
    view_answer,
)

Lists = tuple[dict[str, str], list[str], dict[str, str | None]]


class View(NamedTuple):
    """A page's answer to its URL: the selection, the filter bar's allow-lists, the content."""

    selection: Selection | None
    lists: Lists
    content: Component


def province() -> str:
    """The province every page shows (``MOTCUA_PROVINCE``)."""
    return settings().province


def lists() -> Lists:
    """Ward code → name, the loaded fields, procedure code → name; empty when nothing is loaded."""
    return allow_lists(province())


def unknown_ward(code: str | None, wards: Mapping[str, str]) -> bool:
    """A ward code that is not one of the province's wards; never while nothing is loaded
    (``wards`` empty: the ward page then says there is no data yet, not that the ward is
    unknown)."""
    return bool(wards) and code not in wards


NOT_FOUND_PAGE = "not_found_404"  # the module Dash's router shows for a path without a page


def _path_variables(path: str, template: str) -> dict[str, str] | None:
    """The variables of ``path`` in a page's ``path_template`` (``/phuong/<ward_code>``), one
    non-empty segment each; ``None`` when the path is not of that form."""
    parts, slots = path.strip("/").split("/"), template.strip("/").split("/")
    if len(parts) != len(slots):
        return None
    variables = {}
    for part, slot in zip(parts, slots, strict=True):
        if slot.startswith("<") and slot.endswith(">"):
            if not part:
                return None
            variables[slot[1:-1]] = part
        elif part != slot:
            return None
    return variables


def page_missing(path: str) -> bool:
    """Whether the app has nothing to show at ``path``: the one check behind the 404 status.

    Missing: a path no page registers (Dash's router then shows pages/not_found_404.py, whose
    own ``/404`` counts as missing too), or a ward's page (``/phuong/<ward_code>``) for a code
    that is not one of the province's wards (the ward page then shows the same not-found
    page). Paths compare as Dash's router compares them, without their outer slashes."""
    for module, page in dash.page_registry.items():
        if module.rsplit(".", 1)[-1] == NOT_FOUND_PAGE:
            continue
        template = page.get("path_template")
        variables = _path_variables(path, template) if template else None
        if variables is not None:
            return "ward_code" in variables and unknown_ward(variables["ward_code"], lists()[0])
        if not template and path.strip("/") == page["path"].strip("/"):
            return False
    return True


def selection(query: dict[str, Any], known: Lists, *, procedures: bool = False) -> Selection:
    """The URL parameters validated against the allow-lists (raises :class:`FilterError`).

    ``procedures``: the page reads the ``procedure`` parameter (otherwise it is ignored)."""
    wards, fields, known_procedures = known
    return parse_query(
        query, wards=wards, fields=fields, procedures=known_procedures if procedures else None
    )


def view(
    query: dict[str, Any],
    content: Callable[[Selection, Lists], Component],
    *,
    procedures: bool = False,
) -> View:
    """The view of a URL: ``content(selection, lists)``, or the alert saying what is wrong.

    Nothing loaded (no ward or no dossier yet) says so; bad parameters get one alert naming
    each of them."""
    known = lists()
    if not known[0] or not known[1]:
        return View(None, known, no_warehouse())
    try:
        chosen = selection(query, known, procedures=procedures)
    except FilterError as exc:
        return View(None, known, invalid_alert(exc))
    return View(chosen, known, content(chosen, known))


def from_search(search: str | None, *, procedures: bool = False) -> Selection | None:
    """The selection of the page's current URL, ``None`` when nothing is loaded or it is invalid.

    For the callbacks that redraw a part or export the view: the page already shows what is
    wrong with an invalid URL, so they have nothing to do."""
    known = lists()
    if not known[0] or not known[1]:
        return None
    try:
        return selection(search_query(search), known, procedures=procedures)
    except FilterError:
        return None


def frame(
    prefix: str,
    heading: Component,
    answer: View,
    *,
    exports: bool = True,
    navigates: bool = False,
) -> Component:
    """The page around its content: the URL, the heading (with the export buttons), the filters.

    ``exports``: the export buttons sit beside the heading (a page may place them itself);
    ``navigates``: a second location, ``<prefix>-nav``, lets a callback open another page."""
    wards, fields, _procedures = answer.lists
    header = [heading, export_buttons(prefix)] if exports else [heading]
    return dbc.Container(
        [
            dcc.Location(id=url_id(prefix), refresh=False),
            *([dcc.Location(id=f"{prefix}-nav", refresh="callback-nav")] if navigates else []),
            html.Div(
                header,
                className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-3",
            ),
            filter_bar(prefix, answer.selection, wards=wards, fields=fields),
            html.Div(answer.content, id=f"{prefix}-content", **{"aria-live": "polite"}),
        ],
        fluid="xl",
    )


def on_controls(
    prefix: str,
    triggered: object,
    page_view: Callable[[dict[str, Any]], View],
    *,
    with_ward: bool = True,
    **controls: Any,
) -> tuple[Any, ...]:
    """A filter changed: the page's view of the controls' query, as :func:`view_answer` gives it.

    ``triggered`` is ``ctx.triggered_id``; ``controls`` the values :func:`controls_query` takes."""
    try:
        query = controls_query(changed_control(prefix, triggered), **controls)
    except FilterError as exc:  # a typed date that is not one: say so, keep the URL as it is
        return view_answer(None, invalid_alert(exc))
    answer = page_view(query)
    return view_answer(answer.selection, answer.content, with_ward=with_ward)


def trend_of(prefix: str, chosen: Selection | None, grain: str) -> list[Component]:
    """The trend and the split of a selection redrawn at another grain (day, week, month).

    ``chosen`` is ``None`` when the page's URL is invalid: nothing to redraw (the page already
    shows what is wrong)."""
    if chosen is None:
        return no_update
    with cursor() as cur:
        buckets = trend(cur, period=chosen.period, filters=chosen.filters(province()), grain=grain)
    return overview_ui.trend_body(prefix, buckets, grain=grain, targets=load_targets())
