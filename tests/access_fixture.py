"""A warehouse for the boundary's tests: the ward page's hand-written dossiers (ward_fixture)
and ratings whose comments carry fake personal data, loaded by the real loader.

Ba Đình (00004) has late and overdue dossiers in October 2026 (W02, W04, W05, W06, W09) and
three comments; Ngọc Hà (00008) has none late. The comments hold a phone number, a 12-digit
ID number and an e-mail address, which the loader must mask before they are stored.
"""

from __future__ import annotations

import base64
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from etl.loader import load_files
from tests.ward_fixture import WARD_DOSSIERS

BA_DINH, NGOC_HA = "00004", "00008"
OCTOBER = "?from=2026-10-01&to=2026-10-31"
PHONE_NUMBER, ID_NUMBER_TEXT, E_MAIL = "0912345678", "001203004567", "nguyen.van.a@example.com"

RATINGS = f"""\
Mã đánh giá,Mã hồ sơ,Mã xã,Thời gian đánh giá,Mức độ hài lòng,Ý kiến
R1,W01,00004,08/10/2026 17:00,5,"Cán bộ nhiệt tình, cảm ơn. Gọi tôi: {PHONE_NUMBER}"
R2,W03,00004,20/10/2026 11:00,4,"Số CCCD {ID_NUMBER_TEXT}, thư {E_MAIL}"
R3,W02,00004,12/10/2026 10:00,2,Chậm trả kết quả
"""

# What must never reach a reader without the details: the dossier ids of the fixture, and the
# personal data of the comments (masked or not, a comment is a detail too).
DOSSIER_ID = re.compile(r"(?<![\w-])[WNXH]0\d(?![\w-])")
# Not after a decimal point: an .xlsx export writes its time of writing as a day serial
# (46363.0021412037), whose decimals can look like a phone number.
PHONE = re.compile(r"(?<![\d.])0\d{9}(?!\d)")
ID_NUMBER = re.compile(r"(?<![\d.])\d{12}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
COMMENT_WORDS = ("nhiệt tình", "Chậm trả kết quả", "[số điện thoại]")


def build(directory: Path) -> Path:
    """Load the fixture's files into ``directory/motcua.duckdb``."""
    (directory / "ho_so.csv").write_text(WARD_DOSSIERS, encoding="utf-8")
    (directory / "danh_gia.csv").write_text(RATINGS, encoding="utf-8")
    db = directory / "motcua.duckdb"
    result = load_files([directory / "ho_so.csv", directory / "danh_gia.csv"], db=db)
    assert result.ok, result
    return db


# Dash names a duplicate output ``id.prop@<sha256 hex>``: a run of digits in such a hash is no
# one's number (``data-nav.href@…3b805150087221ba…`` once looked like an ID number).
DASH_OUTPUT_HASH = re.compile(r"@[0-9a-f]{64}(?![0-9a-f])")


def leaks(text: str) -> list[str]:
    """Everything in ``text`` shaped like a dossier id, a phone, an ID number, an e-mail or a
    comment of the fixture (Dash's output hashes aside)."""
    text = DASH_OUTPUT_HASH.sub("@<hash>", text)
    found = [m.group(0) for pattern in (DOSSIER_ID, PHONE, ID_NUMBER, EMAIL) for m in
             pattern.finditer(text)]  # fmt: skip
    return found + [w for w in COMMENT_WORDS if w in text]


def download_text(answer: dict[str, Any]) -> str:
    """The text of a ``dcc.Download`` answer of an export callback (a CSV, a .zip of CSVs or
    an .xlsx workbook, whose XML parts are read as text)."""
    data = answer["response"]
    download = next(v for v in data.values() if "data" in v)["data"]
    raw = (
        base64.b64decode(download["content"])
        if download.get("base64")
        else download["content"].encode()
    )
    if raw[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return raw.decode("utf-8", "replace")


def as_text(response: Any) -> str:
    """A response's body as text, JSON unescaped (Vietnamese letters as themselves)."""
    text = response.get_data(as_text=True)
    try:
        return json.dumps(json.loads(text), ensure_ascii=False)
    except ValueError:
        return text


def _concrete(raw: str) -> str | dict[str, Any]:
    """A registered id as a browser sends it: wildcards (ALL, MATCH) replaced by one value."""
    if not raw.startswith("{"):
        return raw
    parsed = json.loads(raw)
    return {k: ("x" if isinstance(v, list) else v) for k, v in parsed.items()}


def _id_text(component_id: str | dict[str, Any]) -> str:
    if isinstance(component_id, dict):
        return json.dumps(component_id, sort_keys=True, separators=(",", ":"))
    return component_id


# Controls the browser always fills (web.inputs refuses them empty): their usual value.
ALWAYS_SENT = {("grain", "value"): "month", ("location", "pathname"): "/"}


def callback_body(app: Any, key: str, values: dict[int, Any] | None = None) -> dict[str, Any]:
    """The request dash-renderer posts for the callback ``key`` of ``app.callback_map``, every
    input and state ``None`` (or its :data:`ALWAYS_SENT` value) except ``values`` (position →
    value, inputs then states)."""
    from web.inputs import control_of, declared_outputs

    spec = app.callback_map[key]
    values = values or {}
    items = []
    for position, one in enumerate([*spec["inputs"], *spec["state"]]):
        item = {"id": _concrete(one["id"]), "property": one["property"]}
        control = (control_of(item["id"]), one["property"])
        item["value"] = values.get(position, ALWAYS_SENT.get(control))
        # a wildcard input (ALL) arrives as the list of the components it matches: here one
        items.append([item] if '["ALL"]' in one["id"] else item)
    n_inputs = len(spec["inputs"])
    outputs = [{"id": _concrete(o["id"]), "property": o["property"]} for o in declared_outputs(key)]
    first = items[0][0] if isinstance(items[0], list) else items[0]
    return {
        "output": key,
        "outputs": outputs if key.startswith("..") else outputs[0],
        "inputs": items[:n_inputs],
        "state": items[n_inputs:],
        "changedPropIds": [f"{_id_text(first['id'])}.{first['property']}"],
    }


def router_key(app: Any) -> str:
    """The callback key of Dash's page router."""
    return next(k for k in app.callback_map if "_pages_content" in k)


def router_body(app: Any, path: str, search: str = "") -> dict[str, Any]:
    """The router's request for the page at ``path`` (what a browser sends on navigation)."""
    return callback_body(app, router_key(app), {0: path, 1: search})


# --- a browser on a drawn page ---------------------------------------------------------------


def drawn_components(tree: Any) -> dict[str, dict[str, Any]]:
    """Every component of a layout a callback answered with (JSON), by its id as text → its
    props."""
    found: dict[str, dict[str, Any]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            props = node.get("props")
            if isinstance(props, dict) and "id" in props:
                found[_id_text(props["id"])] = props
            for value in (props or node).values():
                walk(value)

    walk(tree)
    return found


def map_click_callback(app: Any) -> str:
    """The key of the overview's map-click callback: it reads the league's sealed rows."""
    return next(
        k for k, spec in app.callback_map.items()
        if any(i["id"] == "overview-map" for i in spec["inputs"])
    )  # fmt: skip


def matching_ids(pattern: str, components: dict[str, dict[str, Any]]) -> list[Any]:
    """The ids of the drawn components a registered id names (wildcards matched)."""
    if not pattern.startswith("{"):
        return [pattern] if pattern in components else []
    wanted = json.loads(pattern)
    fixed = {k: v for k, v in wanted.items() if not isinstance(v, list)}
    ids = []
    for key in components:
        if key.startswith("{"):
            one = json.loads(key)
            if one.keys() == wanted.keys() and all(one[k] == v for k, v in fixed.items()):
                ids.append(one)
    return ids


def _value(props: dict[str, Any] | None, prop: str, path: str, search: str) -> Any:
    if prop == "n_clicks":
        return 1
    if prop == "pathname":
        return path
    if prop == "search":
        return search
    return (props or {}).get(prop)


def browser_bodies(
    app: Any, key: str, components: dict[str, dict[str, Any]], path: str, search: str
) -> list[dict[str, Any]]:
    """The requests a browser on the drawn page would post for the callback ``key``: one per
    component its first input names (each header, each button), values from the page."""
    from web.inputs import declared_outputs

    spec = app.callback_map[key]
    declared = [*spec["inputs"], *spec["state"]]
    first = matching_ids(declared[0]["id"], components)
    bodies = []
    for trigger in first or [declared[0]["id"]]:
        items = []
        for one in declared:
            ids = matching_ids(one["id"], components) or [one["id"]]
            if isinstance(trigger, dict) and "MATCH" in one["id"]:
                ids = [i for i in ids if all(i.get(k) == v for k, v in trigger.items() if
                                             k in i and k != "column")] or ids  # fmt: skip
            if one is declared[0] and '["ALL"]' not in one["id"]:
                ids = [trigger]
            values = [
                {"id": i, "property": one["property"],
                 "value": _value(components.get(_id_text(i)), one["property"], path, search)}
                for i in ids
            ]  # fmt: skip
            items.append(values if '["ALL"]' in one["id"] else values[0])
        n = len(spec["inputs"])
        outputs = [
            {"id": json.loads(o["id"]) if o["id"].startswith("{") else o["id"],
             "property": o["property"]} for o in declared_outputs(key)
        ]  # fmt: skip
        for o in outputs:  # an output's MATCH takes the trigger's value
            if isinstance(o["id"], dict) and isinstance(trigger, dict):
                o["id"] = {k: (trigger.get(k, v) if isinstance(v, list) else v) for k, v in
                           o["id"].items()}  # fmt: skip
        bodies.append({
            "output": key, "outputs": outputs if key.startswith("..") else outputs[0],
            "inputs": items[:n], "state": items[n:],
            "changedPropIds": [f"{_id_text(trigger)}.{declared[0]['property']}"],
        })  # fmt: skip
    return bodies
