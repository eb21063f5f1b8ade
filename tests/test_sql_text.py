"""SQL text is composed from named fragments, never edited by string replacement, and lives
only in the metrics layer and the loader (issue #12).

A ``.replace()`` on a query's text silently does nothing when the text it looks for changes
(a reformatted line, a renamed alias), and the query then answers another question. Every
module of the product is read with :mod:`ast`: no ``.replace()`` may be called on a name or
attribute that holds SQL (``sql``, ``FACTS_SQL``, ``query`` …) or on a string literal that
is SQL.

Pages, the API, the hall screens and the web layer ask ``kpi/`` for figures: none of them holds
a statement of its own (string literals and f-string parts are read). The one exception is
``web/users.py``, the accounts store: its own SQLite file, never the warehouse.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = ("kpi", "etl", "web", "api", "ui", "pages", "screen", "app.py")
SQL_HOMES = ("kpi", "etl")  # where statements live
ACCOUNTS_STORE = "web/users.py"  # the accounts' SQLite file, not the warehouse
STATEMENT = re.compile(
    r"\bSELECT\b[\s\S]+\bFROM\b|\bINSERT\s+INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b"
    r"|\bCREATE\s+(OR\s+REPLACE\s+)?(TEMP\s+|TEMPORARY\s+)?(TABLE|VIEW|MACRO|INDEX)\b"
    r"|\bWITH\s+\w+\s+AS\s*\(|\bPRAGMA\s+\w+"
)
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


def sql_statements(source: str) -> list[int]:
    """Lines of ``source`` holding SQL text: a string literal, or the literal parts of an
    f-string, that reads as a statement (``SELECT … FROM``, ``INSERT INTO``, ``CREATE TABLE`` …)."""
    lines = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr):
            parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
            text = "".join(p for p in parts if isinstance(p, str))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        if STATEMENT.search(text):
            lines.add(node.lineno)
    return sorted(lines)


def test_the_check_finds_sql_text() -> None:
    source = (
        "A = 'SELECT ward_code FROM wards'\n"
        "b = f'UPDATE users SET {sets} WHERE login = ?'\n"
        'c = """CREATE OR REPLACE TABLE t AS\nSELECT 1"""\n'
        "d = 'Chọn (select) một phường từ danh sách'\n"
        "e = 'Delete this filter'\n"
    )
    assert sql_statements(source) == [1, 2, 3]


def test_no_module_outside_the_metrics_layer_and_the_loader_holds_sql() -> None:
    homes = [path for part in SQL_HOMES for path in sorted((ROOT / part).rglob("*.py"))]
    assert any(sql_statements(p.read_text(encoding="utf-8")) for p in homes)  # it sees SQL
    outside = [
        path
        for path in _modules()
        if path.relative_to(ROOT).parts[0] not in SQL_HOMES
        and path.relative_to(ROOT).as_posix() != ACCOUNTS_STORE
    ]
    assert any(p.parts[-2:] == ("pages", "overview.py") for p in outside)  # it reaches pages
    offenders = {
        path.relative_to(ROOT).as_posix(): lines
        for path in outside
        if (lines := sql_statements(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


# A division by a count that may be zero: a rate or a mean, i.e. a formula of kpi/sql/macros.sql.
DIVISION = re.compile(r"/\s*nullif\s*\(", re.IGNORECASE)
MACROS = ROOT / "kpi" / "sql" / "macros.sql"


def divisions(text: str) -> list[int]:
    """Lines of ``text`` that divide by ``nullif(…)``: a rate or a mean written out."""
    return [n for n, line in enumerate(text.splitlines(), 1) if DIVISION.search(line)]


def test_the_check_finds_a_rate_written_out() -> None:
    text = "SELECT\n  d.online / nullif(d.received, 0) AS online_share,\n  rate(a, b)\n"
    assert divisions(text) == [2]


def test_every_rate_and_mean_is_a_macro() -> None:
    """The metrics layer and the loader call rate(), on_time_rate(), mean_of() …: no query
    writes a share or a mean out again, so a formula changes in one place."""
    assert divisions(MACROS.read_text(encoding="utf-8"))  # the definitions themselves divide
    files = [p for part in SQL_HOMES for p in sorted((ROOT / part).rglob("*.py"))]
    files += [p for part in SQL_HOMES for p in sorted((ROOT / part).rglob("*.sql"))]
    offenders = {
        path.relative_to(ROOT).as_posix(): lines
        for path in files
        if path != MACROS and (lines := divisions(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}
