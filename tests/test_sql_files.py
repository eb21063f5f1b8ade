"""kpi/sql_files.py: the metrics layer's SQL files and the one function that composes them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kpi.sql_files import SQL_DIR, fill, sql_file

ROOT = Path(__file__).resolve().parent.parent


def test_fill_puts_each_fragment_in_its_place_and_keeps_the_other_placeholders() -> None:
    template = "WITH {bounds},\nx AS (SELECT {key} AS key FROM {facts})\nSELECT * FROM x"
    got = fill(template, bounds="b AS (SELECT $now AS t)", facts="dossier_facts")
    assert got == (
        "WITH b AS (SELECT $now AS t),\nx AS (SELECT {key} AS key FROM dossier_facts)\n"
        "SELECT * FROM x"
    )
    assert got.format(key="ward_code").startswith("WITH b AS")  # the rest, filled later


def test_a_fragment_is_put_in_as_it_is_with_its_own_placeholders() -> None:
    assert fill("a {x} b", x="{y} c") == "a {y} c b"
    assert fill("no placeholder") == "no placeholder"


def test_fill_refuses_a_fragment_without_a_place_or_a_stray_brace() -> None:
    with pytest.raises(KeyError, match="no place for facts"):
        fill("SELECT * FROM {fact}", facts="dossier_facts")
    with pytest.raises(ValueError, match="literal brace"):
        fill("SELECT {{'a': 1}} AS s, {x}", x="1")
    with pytest.raises(ValueError, match="not a named placeholder"):
        fill("SELECT {0}", x="1")
    with pytest.raises(ValueError, match="not a named placeholder"):
        fill("SELECT {x!r}", x="1")


def test_every_sql_file_is_read_by_the_metrics_layer() -> None:
    files = {p.stem for p in SQL_DIR.glob("*.sql")}
    code = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "kpi").rglob("*.py"))
    read = set(re.findall(r'sql_file\("(\w+)"\)', code))
    assert "dossier_agg" in files and "macros" in files
    assert files == read  # no orphan file, no file missing
    assert all(sql_file(name) for name in files)
