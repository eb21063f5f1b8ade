"""What a Dash callback request may carry: checked before any callback or query runs.

The browser only ever sends the values of the app's own controls: a menu's value is one of its
options, a click count a small whole number, a URL a short string. A request to
``/_dash-update-component`` is checked here against that, per input, whatever its origin;
anything else is a :class:`BadInput` (HTTP 400 with a short reason, web.guard), never an error
deeper down. The menus' allow-lists (wards, fields, provinces) are the whole country's, read
once per data version: which province's wards a page offers is the page's own check
(ui.filters), which answers with its alert.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from dash._utils import split_callback_id

from kpi import reference
from kpi.cache import SharedCache, data_version
from kpi.config import settings
from kpi.db import NoWarehouse, cursor
from kpi.index766 import load_methodology
from kpi.metrics import CHANNELS
from kpi.overview import GRAINS
from kpi.periods import PRESETS
from ui.filters import ALL, CUSTOM, NATIONAL

MAX_TEXT = 2048  # a URL's search or path, a typed date: far below this
MAX_SEALED = 200_000  # a sealed table (ui.sealed) of a province's wards: far below this
MAX_ITEMS = 5000  # list items in one value (a country's league has ~3,300 wards)
MAX_DEPTH = 6
MAX_CLICKS = 10**9


class BadInput(ValueError):
    """A callback request that the app's own pages could not have sent (HTTP 400)."""


class Choices(NamedTuple):
    """The menus' allow-lists of the whole country."""

    wards: frozenset[str]
    fields: frozenset[str]
    provinces: frozenset[str]


_CHOICES = SharedCache(max_entries=4)
_EMPTY = Choices(frozenset(), frozenset(), frozenset())


def choices() -> Choices:
    """The country's wards, fields and loaded provinces, read once per data version."""
    try:
        with cursor() as cur:
            version = data_version(cur)
            if version is None:
                return _EMPTY

            def read() -> Choices:
                lists = reference.allow_lists(None)
                return Choices(
                    frozenset(lists.wards), frozenset(lists.fields), frozenset(lists.provinces)
                )

            return _CHOICES.get(version, read)
    except NoWarehouse:
        return _EMPTY


def check_json(value: Any, where: str, depth: int = 0) -> None:
    """A JSON value of bounded size: strings up to :data:`MAX_TEXT`, lists and objects up to
    :data:`MAX_ITEMS` entries, nesting up to :data:`MAX_DEPTH`."""
    if depth > MAX_DEPTH:
        raise BadInput(f"{where}: lồng quá sâu")
    if value is None or isinstance(value, bool | int | float):
        return
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise BadInput(f"{where}: chuỗi quá dài ({len(value)} ký tự)")
        return
    if isinstance(value, list | dict):
        if len(value) > MAX_ITEMS:
            raise BadInput(f"{where}: quá nhiều phần tử ({len(value)})")
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            if isinstance(key, str) and len(key) > MAX_TEXT:
                raise BadInput(f"{where}: khoá quá dài")
            check_json(item, where, depth + 1)
        return
    raise BadInput(f"{where}: kiểu dữ liệu không hợp lệ")


def _text(max_len: int) -> Callable[[Any], bool]:
    return lambda v: v is None or (isinstance(v, str) and len(v) <= max_len)


def _one_of(allowed: Callable[[], set[str] | frozenset[str]]) -> Callable[[Any], bool]:
    return lambda v: v is None or (isinstance(v, str) and v in allowed())


def _clicks(value: Any) -> bool:
    return value is None or (
        isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_CLICKS
    )


def _mapping(value: Any) -> bool:
    return value is None or isinstance(value, dict)


def _rows(value: Any) -> bool:
    return value is None or isinstance(value, dict | list)


def _percent(value: Any) -> bool:
    """A rate typed in percent (the 766 what-if): a number from 0 to 100, or nothing yet."""
    if value is None or value == "":
        return True
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 100


def _indicators() -> set[str]:
    """The metrics of the 766 methodology's indicators (the what-if menu's values)."""
    return {i.metric for i in load_methodology().indicators}


def _required(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    """``check``, and never ``None`` (a control the browser always fills)."""
    return lambda v: v is not None and check(v)


def _sealed(value: Any) -> bool:
    """Rows a page drew, as the token of ui.sealed (its signature is checked where read)."""
    return value is None or (isinstance(value, str) and len(value) <= MAX_SEALED)


def _upload(value: Any) -> bool:
    """A file an administrator chose (``dcc.Upload``'s ``data:…;base64,…``): at most the
    upload limit in base64 (``MOTCUA_UPLOAD_MAX_MB``; decoded and checked again where read,
    etl/upload.py). Only admins' requests may be that large (web.guard)."""
    limit = settings().upload_max_mb * 1_000_000 * 4 // 3 + 4096
    return value is None or (
        isinstance(value, str) and value.startswith("data:") and len(value) <= limit
    )


# (the id's last part after the page prefix, property) → the check of its value. The ids are
# those of ui.filters' filter bar, ui.export's buttons and each page's own stores.
CONTROLS: dict[tuple[str, str], Callable[[Any], bool]] = {
    ("period", "value"): _one_of(lambda: set(PRESETS) | {CUSTOM}),
    ("from", "value"): _text(32),
    ("to", "value"): _text(32),
    ("ward", "value"): _one_of(lambda: choices().wards | {ALL}),
    ("field", "value"): _one_of(lambda: choices().fields | {ALL}),
    ("channel", "value"): _one_of(lambda: set(CHANNELS) | {ALL}),
    ("province", "value"): _one_of(lambda: choices().provinces | {NATIONAL}),
    ("grain", "value"): _required(_one_of(lambda: set(GRAINS))),  # radio buttons: always one
    ("export-xlsx", "n_clicks"): _clicks,
    ("export-csv", "n_clicks"): _clicks,
    ("url", "pathname"): _text(MAX_TEXT),
    ("url", "search"): _text(MAX_TEXT),
    ("page-url", "pathname"): _text(MAX_TEXT),
    ("page-url", "search"): _text(MAX_TEXT),
    ("location", "pathname"): _required(_text(MAX_TEXT)),  # Dash's router: _pages_location
    ("location", "search"): _text(MAX_TEXT),
    ("store", "data"): _rows,  # Dash's router: _pages_store
    ("toc", "id"): _text(100),
    ("map", "clickData"): _mapping,
    ("league-data", "data"): _sealed,  # rows the page drew: unsealed where they are read
    ("reject-run", "value"): _text(32),  # the data page's rejects menus: bound where read
    ("reject-reason", "value"): _text(MAX_TEXT),
    ("reject-column", "value"): _text(MAX_TEXT),
    ("rejects-export-xlsx", "n_clicks"): _clicks,
    ("rejects-export-csv", "n_clicks"): _clicks,
    ("file", "contents"): _upload,  # the data page's upload (admins only: web.access)
    ("file", "filename"): _text(MAX_TEXT),
    ("poll", "n_intervals"): _clicks,
    ("done", "data"): _clicks,  # the id of the upload job that ended
    ("whatif-indicator", "value"): _one_of(_indicators),  # the 766 page's what-if
    ("whatif-rate", "value"): _percent,
}


def control_of(component_id: str | Mapping[str, Any]) -> str:
    """The control part of a component id: ``ward-period`` → ``period``, ``_pages_location`` →
    ``location``, ``{"type": "fields-sort", …}`` → ``sort``, ``{"type": "page-url"}`` →
    ``page-url``."""
    if isinstance(component_id, Mapping):
        named = str(component_id.get("type", ""))
        return named if named == "page-url" else named.split("-", 1)[-1]
    if component_id.startswith("_pages_"):
        return component_id.removeprefix("_pages_")
    return component_id.split("-", 1)[-1]


def _inputs(items: Any, where: str) -> list[dict[str, Any]]:
    """The flat list of ``{id, property, value}`` of a request's ``inputs`` or ``state``
    (pattern-matching inputs arrive as nested lists)."""
    if not isinstance(items, list) or len(items) > 200:
        raise BadInput(f"{where}: cần một danh sách")
    flat: list[dict[str, Any]] = []
    for item in items:
        group = item if isinstance(item, list) else [item]
        if len(group) > MAX_ITEMS:
            raise BadInput(f"{where}: quá nhiều phần tử")
        for one in group:
            if not isinstance(one, dict) or not isinstance(one.get("property"), str):
                raise BadInput(f"{where}: mỗi giá trị cần id và property")
            if not isinstance(one.get("id"), str | dict):
                raise BadInput(f"{where}: id không hợp lệ")
            flat.append(one)
    return flat


def _wildcard(registered_id: str) -> bool:
    """Whether a registered input id matches many components (``ALL``, ``ALLSMALLER``): its
    values then arrive as a list."""
    return registered_id.startswith("{") and (
        '["ALL"]' in registered_id or "ALLSMALLER" in registered_id
    )


def _same_shape(items: Any, registered: list[dict[str, Any]], part: str) -> None:
    """The request's ``inputs`` (or ``state``) name the callback's own, in order: one value
    per input, a list of them for a wildcard input, the same property."""
    if not isinstance(items, list) or len(items) != len(registered):
        raise BadInput(f"{part}: cần {len(registered)} giá trị")
    for item, declared in zip(items, registered, strict=True):
        many = _wildcard(declared["id"])
        group = item if many else [item]
        if many != isinstance(item, list):
            raise BadInput(f"{part}: {declared['id']} không đúng dạng")
        for one in group:
            if not isinstance(one, dict) or one.get("property") != declared["property"]:
                raise BadInput(f"{part}: cần {declared['property']}")


def declared_outputs(output: str) -> list[dict[str, Any]]:
    """The ``{id, property}`` of each output named by a callback key (``a.b`` or
    ``..a.b...c.d..``), as dash-renderer sends them: a duplicate output's property keeps its
    ``@<hash>``."""
    parts = split_callback_id(output)
    return parts if isinstance(parts, list) else [parts]


def _names(sent: Any, declared: str) -> bool:
    """Whether a sent component id is one the registered id ``declared`` names (a pattern's
    wildcards match any value)."""
    if not declared.startswith("{"):
        return sent == declared
    pattern = json.loads(declared)
    return (
        isinstance(sent, dict)
        and sent.keys() == pattern.keys()
        and all(isinstance(v, list) or sent[k] == v for k, v in pattern.items())
    )


def _same_outputs(sent: Any, output: str) -> None:
    """The request's ``outputs`` are the callback's own: one ``{id, property}`` (a list of
    them for a multi-output callback, a list per wildcard output)."""
    declared = declared_outputs(output)
    many = output.startswith("..")
    items = sent if many else [sent]
    if not isinstance(items, list) or len(items) != len(declared):
        raise BadInput("outputs không đúng với callback")
    for item, one in zip(items, declared, strict=True):
        group = item if _wildcard(one["id"]) else [item]
        if not isinstance(group, list) or len(group) > MAX_ITEMS:
            raise BadInput("outputs không đúng dạng")
        for each in group:
            if not isinstance(each, dict) or each.get("property") != one["property"]:
                raise BadInput("outputs không đúng dạng")
            if not _names(each.get("id"), one["id"]):
                raise BadInput("outputs không đúng với callback")


def check_body(body: Any, spec_of: Callable[[str], Mapping[str, Any] | None]) -> None:
    """Raise :class:`BadInput` unless ``body`` is a callback request the app could have sent.

    ``spec_of(output)`` is the app's registered callback (``app.callback_map``) for the
    request's ``output`` string, ``None`` when there is none."""
    if not isinstance(body, dict):
        raise BadInput("yêu cầu cần một đối tượng JSON")
    output = body.get("output")
    spec = spec_of(output) if isinstance(output, str) else None
    if spec is None:
        raise BadInput("không có callback cho output này")
    check_json(body.get("outputs"), "outputs")
    _same_outputs(body.get("outputs"), output)
    for part in ("inputs", "state"):
        _same_shape(body.get(part, []), spec.get(part, []), part)
        for one in _inputs(body.get(part, []), part):
            check_json(one["id"], part)
            key = (control_of(one["id"]), one["property"])
            check = CONTROLS.get(key)
            if check is None:
                raise BadInput(f"{part}: không nhận {key[0]}.{key[1]}")
            value = one.get("value")
            if check is not _sealed and check is not _upload:
                check_json(value, f"{key[0]}.{key[1]}")
            if not check(value):
                raise BadInput(f"{key[0]}.{key[1]}: giá trị không hợp lệ")
    changed = body.get("changedPropIds", [])
    if (
        not isinstance(changed, list)
        or len(changed) > 200
        or not all(isinstance(c, str) and "." in c for c in changed)
    ):
        raise BadInput("changedPropIds không hợp lệ")  # each "<component id>.<property>"
    check_json(changed, "changedPropIds")
