"""Dữ liệu (``/du-lieu``): what was loaded, what was rejected, which wards send data; upload.

URL parameters (ui/filters.py): the period and ``province``. The coverage answers for the
province's wards and the period; the load history and the rejected rows are the warehouse's
(a run belongs to no province). Administrators also get the upload form, whose callbacks
(ids ``upload-…``) the server refuses to anyone else (web/access.py CALLBACKS ``upload``).

The one page that writes: its upload runs the command line's loader (etl/upload.py) in the
background, so this page imports the ETL on purpose (docs/data-status.md). Glue only:
kpi/data_status.py answers, ui/data_status.py draws.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, ctx, html, no_update
from dash.development.base_component import Component

from etl import summary
from etl.upload import EXTENSIONS, JOBS, Job, UploadRefused
from kpi.config import settings
from kpi.data_status import coverage, load_history, reject_choices, rejects
from kpi.db import NoWarehouse, cursor
from marks import NP_
from pages._shared import Lists, View, frame, from_search, on_controls, province_navigation, view
from ui import data_status as sections
from ui.components import no_warehouse
from ui.export import download, export_ids
from ui.filters import Selection, control_inputs, search_query, url_id, view_outputs
from ui.i18n import _, page_title, pgettext
from web.scope import reader

dash.register_page(
    __name__, path="/du-lieu", name="Dữ liệu", title=page_title(NP_("page", "Dữ liệu"))
)

PREFIX = "data"
UPLOAD = "upload"
CONTROLS = ("period", "from", "to")
OMIT = ("ward", "field", "channel")
EXPORT = export_ids(PREFIX)
REJECTS_EXPORT = export_ids(f"{PREFIX}-rejects")
# Who sees a rejected row's value: whatever a ward typed, a dossier id included (product.md:
# evaluators see no dossier ids). Everyone the page is open to sees the line, column, reason.
VALUE_ROLES = frozenset({"admin", "city"})
province_navigation(PREFIX, "/du-lieu")


def _shows_values() -> bool:
    return reader().role in VALUE_ROLES


def _filter(value: str | None) -> str | None:
    return None if value in (None, "", sections.ALL) else value


def _run(value: str | None) -> int | None:
    """A run menu's value as a run id; anything else is no filter (the menu sent it, or not)."""
    chosen = _filter(value)
    return int(chosen) if chosen is not None and chosen.isdigit() else None


def _content(selection: Selection, lists: Lists) -> Component:
    """The coverage of the selection, the load history and the rejected rows."""
    try:
        with cursor() as cur:
            cov = coverage(cur, period=selection.period, province_code=selection.province)
            history = load_history(cur, limit=sections.HISTORY_SHOWN)
            found = rejects(cur, limit=sections.REJECTS_SHOWN)
            choices = reject_choices(cur)
    except NoWarehouse as exc:
        return no_warehouse(exc)
    return sections.content(
        PREFIX, selection, cov, history, found, choices, show_values=_shows_values()
    )


def _view(query: dict[str, Any]) -> View:
    """The selection, allow-lists and content (or the alert saying what is wrong) of a URL."""
    # Not cached: the load history changes without a new data version (a failed load).
    return view(query, _content, cache=False)


def layout(**query: Any) -> Component:
    """The page for the URL parameters; with the upload form for an administrator."""
    heading = html.H1(pgettext("page", "Dữ liệu"), className="h3 mb-0")
    page = frame(PREFIX, heading, _view(query), omit=OMIT)
    if reader().role != "admin":
        return page
    form = sections.upload_section(UPLOAD, max_mb=settings().upload_max_mb, extensions=EXTENSIONS)
    return html.Div([page, dbc.Container(form, fluid="xl")])


@callback(
    *view_outputs(PREFIX),
    *control_inputs(PREFIX, CONTROLS),
    State(url_id(PREFIX), "search"),
    State(f"{PREFIX}-province", "value"),
    prevent_initial_call=True,
)
def update(
    preset: str,
    date_from: str | None,
    date_to: str | None,
    search: str | None,
    province: str | None = None,
) -> tuple[Any, ...]:
    """The period changed: new URL (shareable link), the period controls in step, new content."""
    return on_controls(PREFIX, ctx.triggered_id, _view, preset=preset, date_from=date_from,
                       date_to=date_to, ward=None, field=None, channel=None,
                       province=province)  # fmt: skip


@callback(
    Output(f"{PREFIX}-rejects-body", "children"),
    Input(f"{PREFIX}-reject-run", "value"),
    Input(f"{PREFIX}-reject-reason", "value"),
    Input(f"{PREFIX}-reject-column", "value"),
    prevent_initial_call=True,
)
def filter_rejects(run: str | None, reason: str | None, column: str | None) -> Component:
    """A rejects menu changed: the rows of that run, reason and column."""
    with cursor() as cur:
        found = rejects(cur, run_id=_run(run), reason=_filter(reason), column=_filter(column),
                        limit=sections.REJECTS_SHOWN)  # fmt: skip
    return sections.rejects_table(PREFIX, found, show_values=_shows_values())


@callback(
    Output(EXPORT.download, "data"),
    Input(EXPORT.xlsx, "n_clicks"),
    Input(EXPORT.csv, "n_clicks"),
    State(url_id(PREFIX), "search"),
    prevent_initial_call=True,
)
def export(_xlsx: int | None, _csv: int | None, search: str | None) -> dict[str, Any]:
    """The page's three tables, in full (every run, every rejected row), as one workbook or CSV."""
    fmt, selection = EXPORT.format_of(ctx.triggered_id), from_search(search)
    if fmt is None or selection is None:
        return no_update  # the page already shows what is wrong with its URL
    with cursor() as cur:
        cov = coverage(cur, period=selection.period, province_code=selection.province)
        history = load_history(cur)
        found = rejects(cur)
    tables = [
        sections.coverage_export(selection, cov),
        sections.history_export(history),
        sections.rejects_export(found, show_values=_shows_values()),
    ]
    return download(fmt, tables, page="du-lieu", period_from=selection.period.date_from,
                    period_to=selection.period.date_to,
                    title=_("Dữ liệu – Một Cửa"))  # fmt: skip


@callback(
    Output(REJECTS_EXPORT.download, "data"),
    Input(REJECTS_EXPORT.xlsx, "n_clicks"),
    Input(REJECTS_EXPORT.csv, "n_clicks"),
    State(url_id(PREFIX), "search"),
    State(f"{PREFIX}-reject-run", "value"),
    State(f"{PREFIX}-reject-reason", "value"),
    State(f"{PREFIX}-reject-column", "value"),
    prevent_initial_call=True,
)
def export_rejects(
    _xlsx: int | None,
    _csv: int | None,
    search: str | None,
    run: str | None,
    reason: str | None,
    column: str | None,
) -> dict[str, Any]:
    """Every rejected row the menus choose, for the people who made the file to fix it."""
    fmt, selection = REJECTS_EXPORT.format_of(ctx.triggered_id), from_search(search)
    if fmt is None or selection is None:
        return no_update
    with cursor() as cur:
        found = rejects(cur, run_id=_run(run), reason=_filter(reason), column=_filter(column))
    table = sections.rejects_export(found, show_values=_shows_values())
    return download(fmt, [table], page="du-lieu-dong-bi-loai",
                    period_from=selection.period.date_from, period_to=selection.period.date_to,
                    title=_("Dòng bị loại – Một Cửa"))  # fmt: skip


# --- upload: administrators only (the server refuses these callbacks to anyone else) ----------


def _finished(job: Job) -> Component:
    """The summary of a finished job, as ``python -m etl load`` prints it."""
    if job.result is None:
        return sections.upload_failed(job.file, job.error or "")
    result = job.result
    rows = summary.file_rows(result)
    done = sections.LoadSummary(
        file=job.file,
        ok=result.ok,
        message=result.message,
        headers=summary.HEADERS,
        numeric=tuple(i for i, h in enumerate(summary.HEADERS) if h not in summary.TEXT_COLUMNS),
        rows=[list(row.cells) for row in rows],
        notes=[note.text for note in summary.notes(result)],
        has_rejects=summary.has_stored_rejects(result),
    )
    return sections.upload_summary(done)


@callback(
    Output(f"{UPLOAD}-status", "children"),
    Output(f"{UPLOAD}-poll", "disabled"),
    Output(f"{UPLOAD}-done", "data"),
    Output(f"{UPLOAD}-file", "contents"),
    Input(f"{UPLOAD}-file", "contents"),
    Input(f"{UPLOAD}-poll", "n_intervals"),
    State(f"{UPLOAD}-file", "filename"),
    prevent_initial_call=True,
)
def upload(contents: str | None, _ticks: int | None, filename: str | None) -> tuple[Any, ...]:
    """A file chosen: start loading it (or say why not); the poll: the load's step, then its
    summary, and the job's id for the page's tables to refresh on. The chosen file is
    forgotten at once (choosing the same file again is a new upload)."""
    if ctx.triggered_id == f"{UPLOAD}-file":
        if contents is None:
            return no_update, no_update, no_update, no_update
        try:
            job = JOBS.start(filename, contents, user=reader().login)
        except UploadRefused as exc:
            return sections.upload_refused(str(exc)), True, no_update, None
        return sections.upload_progress(job.file, job.step), False, no_update, None
    job = JOBS.current()
    if job is None:
        return None, True, no_update, no_update
    if job.running:
        return sections.upload_progress(job.file, job.step), False, no_update, no_update
    return _finished(job), True, job.job_id, no_update


@callback(
    Output(f"{PREFIX}-content", "children", allow_duplicate=True),
    Input(f"{UPLOAD}-done", "data"),
    State(url_id(PREFIX), "search"),
    prevent_initial_call=True,
)
def refresh(_job: int | None, search: str | None) -> Component:
    """A load ended: the history, rejects and coverage again, on the new warehouse (the first
    load of an empty warehouse included)."""
    return _view(search_query(search)).content
