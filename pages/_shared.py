"""What every leaders' page does the same way: allow-lists, the page's frame, the filter answer.

Not a page (Dash skips modules whose name starts with ``_``): the glue the pages share, so that
each page module keeps only what is its own. A page's view is a :class:`View`: the selection the
URL asks for (``None`` when it cannot be shown), the allow-lists the filter bar offers and the
content, or the alert that says why there is none.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Mapping
from typing import Any, NamedTuple

import dash
import dash_bootstrap_components as dbc
import duckdb
from dash import Input, Output, State, callback, dcc, html, no_update
from dash.development.base_component import Component

from kpi import reference
from kpi.cache import PAGES, answer_key
from kpi.config import local_now, settings
from kpi.db import NoWarehouse, QueryTimeout, cursor
from kpi.freshness import Freshness, freshness
from kpi.overview import trend
from kpi.reference import AllowLists, allow_lists
from kpi.targets import load_targets
from ui import overview as overview_ui
from ui.components import no_warehouse, query_timeout, stale_banner
from ui.export import export_buttons
from ui.filters import (
    FilterError,
    Selection,
    changed_control,
    controls_query,
    filter_bar,
    invalid_alert,
    parse_query,
    province_href,
    province_of,
    search_query,
    url_id,
    view_answer,
)
from ui.i18n import current_lang, current_theme
from web.scope import reader

Lists = AllowLists


class View(NamedTuple):
    """A page's answer to its URL: the selection, the filter bar's allow-lists, the content."""

    selection: Selection | None
    lists: Lists
    content: Component


def province() -> str:
    """The province a page shows when its URL names none (``MOTCUA_PROVINCE``)."""
    return settings().province


def lists(province_code: str | None = None) -> Lists:
    """The allow-lists of a province (default: the configured one; ``None``: the country)."""
    return allow_lists(province_code)


def _province_of(query: dict[str, Any]) -> str | None:
    """The province a URL asks for (:func:`ui.filters.province_of`): ``None``, the country."""
    default = province()
    ward = query.get("ward")
    try:
        with cursor() as cur:
            known = set(reference.loaded_provinces(cur)) | {default}
            asked = query.get("province")
            # A province with nothing loaded yet is still a province: its page says so.
            if (
                isinstance(asked, str)
                and asked not in known
                and reference.province_name(cur, province_code=asked)
            ):
                known.add(asked)
            homes = {}
            if isinstance(ward, str) and not query.get("province"):
                home = reference.ward_province(cur, ward_code=ward)
                homes = {ward: home} if home else {}
    except NoWarehouse:
        return default
    return province_of(query, default=default, provinces=known, ward_province=homes)


def data_freshness() -> Freshness | None:
    """How fresh the warehouse is now (``None`` while nothing is loaded or it cannot be read:
    the page's content then says so)."""
    try:
        with cursor() as cur:
            return freshness(cur)
    except (NoWarehouse, QueryTimeout, duckdb.CatalogException):
        return None


def unknown_ward(code: str | None, wards: Mapping[str, str]) -> bool:
    """A ward code that is not one of the province's wards; never while nothing is loaded
    (``wards`` empty: the ward page then says there is no data yet, not that the ward is
    unknown)."""
    return bool(wards) and code not in wards


def ward_lists(code: str | None) -> Lists:
    """The allow-lists of a ward's page: those of the ward's own province (ward codes are
    national), or of the configured province for a code that is no ward's."""
    home = None
    if code is not None:
        with contextlib.suppress(NoWarehouse, QueryTimeout), cursor() as cur:
            home = reference.ward_province(cur, ward_code=code)
    return lists(home or province())


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


def page_at(path: str) -> tuple[str, dict[str, str]]:
    """The module of the page Dash's router shows at ``path`` and the path's variables.

    A path no page registers gives the not-found page's module (pages/not_found_404.py, whose
    own ``/404`` counts as not found too). Paths compare as Dash's router compares them,
    without their outer slashes."""
    not_found = NOT_FOUND_PAGE
    for module, page in dash.page_registry.items():
        if module.rsplit(".", 1)[-1] == NOT_FOUND_PAGE:
            not_found = module
            continue
        template = page.get("path_template")
        variables = _path_variables(path, template) if template else None
        if variables is not None:
            return module, variables
        if not template and path.strip("/") == page["path"].strip("/"):
            return module, {}
    return not_found, {}


def page_missing(path: str) -> bool:
    """Whether the app has nothing to show at ``path``: the one check behind the 404 status.

    Missing: a path no page registers (:func:`page_at`), or a ward's page
    (``/phuong/<ward_code>``) for a code that is not one of the province's wards (the ward page
    then shows the same not-found page)."""
    module, variables = page_at(path)
    if module.rsplit(".", 1)[-1] == NOT_FOUND_PAGE:
        return True
    return "ward_code" in variables and unknown_ward(
        variables["ward_code"], ward_lists(variables["ward_code"]).wards
    )


def selection(query: dict[str, Any], known: Lists, *, procedures: bool = False) -> Selection:
    """The URL parameters validated against the allow-lists (raises :class:`FilterError`).

    ``procedures``: the page reads the ``procedure`` parameter (otherwise it is ignored)."""
    provinces = {*known.provinces, province()}
    if known.province is not None:
        provinces.add(known.province)
    return parse_query(
        query,
        wards=known.wards,
        fields=known.fields,
        procedures=known.procedures if procedures else None,
        province=known.province,
        provinces=provinces,
    )


def drawn(page: str, chosen: Selection, draw: Callable[[], Component]) -> Component:
    """``draw()``, the content of ``page`` for ``chosen``, drawn once for every reader who would
    see the same: the same data and reference data, clock (:func:`kpi.cache.answer_key`),
    language, theme, settings and targets, and the same scope (role, wards, province: a ward
    page's dossier ids are not everyone's). Leaders open the same few views; building their
    component trees again is most of a warm page load (README, benchmarks).

    Only for pages drawn from the warehouse's data alone (not the load history of /du-lieu,
    which a failed load changes without a new data version). A failure is not kept."""
    try:
        with cursor() as cur:
            data_key = answer_key(cur, now=local_now(), last_day=chosen.period.date_to)
    except (NoWarehouse, QueryTimeout):
        data_key = None
    if data_key is None:  # nothing loaded, or the warehouse unreadable: nothing is kept
        return draw()
    who = reader()
    key = (
        page,
        chosen,
        (who.role, who.wards, who.province),
        current_lang(),
        current_theme(),
        settings(),
        tuple(sorted(load_targets().items())),
        data_key,
    )
    return PAGES.get(key, draw)


def view(
    query: dict[str, Any],
    content: Callable[[Selection, Lists], Component],
    *,
    procedures: bool = False,
    cache: bool = True,
) -> View:
    """The view of a URL: ``content(selection, lists)``, or the alert saying what is wrong.

    Nothing loaded (no ward or no dossier yet) or an unreadable warehouse says so; bad
    parameters get one alert naming each of them; queries past the time limit say that.
    ``cache``: the content is :func:`drawn` once per data version (default)."""
    known = AllowLists({}, [], {}, {}, None)
    try:
        known = lists(_province_of(query))
        if not known.wards or not known.fields:
            return View(None, known, no_warehouse(known.problem))
        try:
            chosen = selection(query, known, procedures=procedures)
        except FilterError as exc:
            return View(None, known, invalid_alert(exc))
        if not cache:
            return View(chosen, known, content(chosen, known))
        page = f"{content.__module__}.{content.__qualname__}"
        return View(chosen, known, drawn(page, chosen, lambda: content(chosen, known)))
    except QueryTimeout as exc:
        return View(None, known, query_timeout(exc))


def from_search(search: str | None, *, procedures: bool = False) -> Selection | None:
    """The selection of the page's current URL, ``None`` when nothing is loaded or it is invalid.

    For the callbacks that redraw a part or export the view: the page already shows what is
    wrong with an invalid URL, so they have nothing to do."""
    query = search_query(search)
    known = lists(_province_of(query))
    if not known.wards or not known.fields:
        return None
    try:
        return selection(query, known, procedures=procedures)
    except FilterError:
        return None


def frame(
    prefix: str,
    heading: Component,
    answer: View,
    *,
    exports: bool = True,
    omit: Collection[str] = (),
) -> Component:
    """The page around its content: the URL, the heading (with the export buttons), the filters.

    ``exports``: the export buttons sit beside the heading (a page may place them itself);
    ``omit``: the filter menus the page has no use for (:func:`ui.filters.filter_bar`);
    a second location, ``<prefix>-nav``, lets a callback open another page (another province:
    :func:`province_navigation`)."""
    header = [heading, export_buttons(prefix)] if exports else [heading]
    return dbc.Container(
        [
            dcc.Location(id=url_id(prefix), refresh=False),
            dcc.Location(id=f"{prefix}-nav", refresh="callback-nav"),
            stale_banner(f"{prefix}-stale", data_freshness()),
            html.Div(
                header,
                className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-3",
            ),
            filter_bar(
                prefix,
                answer.selection,
                wards=answer.lists.wards,
                fields=answer.lists.fields,
                provinces=answer.lists.provinces,
                omit=omit,
            ),
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


def province_navigation(prefix: str, path: str) -> None:
    """Register the callback that opens ``path`` for the province chosen in the page's menu."""

    @callback(
        Output(f"{prefix}-nav", "href", allow_duplicate=True),
        Input(f"{prefix}-province", "value"),
        State(url_id(prefix), "search"),
        prevent_initial_call=True,
    )
    def open_province(chosen: str | None, search: str | None) -> str:
        """Another province chosen: its page, keeping the period and the other filters."""
        href = province_href(path, search, chosen)
        return no_update if href is None else href


def trend_of(prefix: str, chosen: Selection | None, grain: str) -> list[Component]:
    """The trend and the split of a selection redrawn at another grain (day, week, month).

    ``chosen`` is ``None`` when the page's URL is invalid: nothing to redraw (the page already
    shows what is wrong)."""
    if chosen is None:
        return no_update
    with cursor() as cur:
        buckets = trend(cur, period=chosen.period, filters=chosen.filters(), grain=grain)
    return overview_ui.trend_body(prefix, buckets, grain=grain, targets=load_targets())
