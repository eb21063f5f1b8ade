"""SQL text is composed from named fragments, never edited by string replacement (issue #12).

A ``.replace()`` on a query's text silently does nothing when the text it looks for changes
(a reformatted line, a renamed alias), and the query then answers another question. Every
module of the product is read with :mod:`ast`: no ``.replace()`` may be called on a name or
attribute that holds SQL (``sql``, ``FACTS_SQL``, ``query`` …) or on a string literal that
is SQL.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = ("kpi", "etl", "web", "api", "ui", "pages", "screen", "app.py")
SQL_NAME = re.compile(r"sql|query", re.IGNORECASE)
SQL_TEXT = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|WITH)\b")


def _modules() -> list[Path]:
    found: list[Path] = []
    for part in PRODUCT:
        path = ROOT / part
        found += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return found


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def sql_replacements(source: str) -> list[int]:
    """Lines of ``source`` where ``.replace()`` is called on SQL text."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "replace"
        ):
            continue
        target = node.func.value
        name = _name(target)
        literal = isinstance(target, ast.Constant) and isinstance(target.value, str)
        if (name and SQL_NAME.search(name)) or (literal and SQL_TEXT.search(target.value)):
            lines.append(node.lineno)
    return lines


def test_the_check_finds_a_replacement_on_sql() -> None:
    source = (
        "sql = _SQL\n"
        "sql = sql.replace('WHERE a', 'WHERE a AND b')\n"
        "x = FACTS_SQL.replace('1', '2')\n"
        "y = 'SELECT 1'.replace('1', '2')\n"
        "z = name.replace('.', ',')\n"
    )
    assert sql_replacements(source) == [2, 3, 4]


def test_no_module_edits_sql_text_by_replacement() -> None:
    modules = _modules()
    assert any(p.name == "metrics.py" for p in modules)  # the walk reaches the metrics layer
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in modules
        if (lines := sql_replacements(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}
