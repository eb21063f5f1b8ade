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

import pytest

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
PHONE = re.compile(r"(?<!\d)0\d{9}(?!\d)")
ID_NUMBER = re.compile(r"(?<!\d)\d{12}(?!\d)")
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


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("access"))


def leaks(text: str) -> list[str]:
    """Everything in ``text`` shaped like a dossier id, a phone, an ID number, an e-mail or a
    comment of the fixture."""
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


def callback_body(app: Any, key: str, values: dict[int, Any] | None = None) -> dict[str, Any]:
    """The request dash-renderer posts for the callback ``key`` of ``app.callback_map``, every
    input and state ``None`` except ``values`` (position → value, inputs then states)."""
    from web.guard import outputs_of

    spec = app.callback_map[key]
    values = values or {}
    items = []
    for position, one in enumerate([*spec["inputs"], *spec["state"]]):
        item = {"id": _concrete(one["id"]), "property": one["property"]}
        item["value"] = values.get(position)
        # a wildcard input (ALL) arrives as the list of the components it matches: here one
        items.append([item] if '["ALL"]' in one["id"] else item)
    n_inputs = len(spec["inputs"])
    outputs = [
        {"id": _concrete(o["id"]), "property": o["property"].split("@", 1)[0]}
        for o in outputs_of(key)
    ]
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
