"""The tooling side of the translation catalogue (``make i18n``, ``tests/test_catalogue.py``).

``pybabel extract`` finds the texts written in Python and in the sign-in template (``babel.cfg``);
:func:`extract_methodology` is its extractor for the 766 methodology file, whose group names,
grade bands, title, note and reasons are shown translated (the indicators' own names stay
verbatim, as the file says them). :func:`extract` runs the same extraction in process, so a
test can compare it with the English catalogue.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

ROOT = Path(__file__).resolve().parent.parent
MAPPING = ROOT / "babel.cfg"
# Where texts shown to a reader are written; the Makefile's i18n target lists the same.
SOURCES = ("app.py", "ui", "pages", "web", "screen", "api", "kpi", "etl", "data")
# The marking functions (ui.i18n, marks): name → which arguments are the context and the text.
KEYWORDS: dict[str, tuple[Any, ...] | None] = {
    "_": None,
    "t": None,
    "N_": None,
    "NP_": ((1, "c"), 2),
    "pgettext": ((1, "c"), 2),
    "ngettext": (1, 2),
}


def extract_methodology(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel's extractor for ``data/index766.toml``: ``(line, function, text, comments)``."""
    text = fileobj.read().decode("utf-8")
    raw = tomllib.loads(text)
    shown = [raw["title"], raw["note"]]
    shown += [i["group"] for i in raw["indicator"]]
    shown += [v for item in raw.get("not_computed", []) for v in (item["group"], item["reason"])]
    shown += [b["label"] for b in raw["band"]]
    lines = text.splitlines()
    for value in dict.fromkeys(shown):
        line = next((n for n, s in enumerate(lines, 1) if f'"{value}"' in s), 0)
        yield line, "N_", value, []


def extract() -> Catalog:
    """Every text the code and the methodology file mark for translation, as ``pybabel
    extract -F babel.cfg`` finds them."""
    with MAPPING.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, filename=str(MAPPING))
    catalogue = Catalog(locale="vi")
    for source in SOURCES:
        path = ROOT / source
        found = (
            extract_from_dir(path, method_map, options_map, keywords=KEYWORDS)
            if path.is_dir()
            else _extract_file(path, method_map, options_map)
        )
        for filename, lineno, message, _comments, context in found:
            where = f"{source}/{filename}" if path.is_dir() else source
            catalogue.add(message, locations=[(where, lineno)], context=context)
    return catalogue


def _extract_file(path: Path, method_map: list, options_map: dict) -> Iterator[tuple]:
    from babel.messages.extract import check_and_call_extract_file

    yield from check_and_call_extract_file(
        str(path), method_map, options_map, None, KEYWORDS, (), False, str(path.parent)
    )


def english() -> dict[str, str]:
    """The English catalogue as written: Vietnamese text → English (a context's entry keyed
    ``"<context>|<text>"``, a plural by its singular, to its plural form); an untranslated
    entry maps to ``""``."""
    from babel.messages.pofile import read_po

    from ui.i18n import catalogue_path

    with catalogue_path("en").open("rb") as handle:
        catalogue = read_po(handle, locale="en")
    out: dict[str, str] = {}
    for m in catalogue:
        if not m.id:
            continue
        text = m.id[0] if isinstance(m.id, tuple) else m.id
        english = m.string[-1] if isinstance(m.string, tuple) else m.string  # a plural: "many"
        out[f"{m.context}|{text}" if m.context else text] = english
    return out
