"""The metrics layer's SQL lives in files, ``kpi/sql/<name>.sql``, read once at import.

A file holds one query or one named fragment of one (a CTE, the periods' bounds, a predicate);
the modules compose them with :meth:`str.format` on named placeholders (``{facts}``, ``{key}``
…), never by editing their text (``tests/test_sql_text.py``). Parameters are always bound
(``$name``), never spliced.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from string import Formatter

SQL_DIR = Path(__file__).parent / "sql"


@cache
def sql_file(name: str) -> str:
    """The text of ``kpi/sql/<name>.sql``."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def fill(template: str, **fragments: str) -> str:
    """``template`` with each named fragment in its ``{name}`` place; any other placeholder stays
    as it is, for the query's own :meth:`str.format` later (a fragment may bring its own).

    Raises ``KeyError`` when a fragment has no place in the template (a renamed placeholder
    must not be skipped silently) and ``ValueError`` on a brace that is not a placeholder."""
    out: list[str] = []
    used: set[str] = set()
    for literal, field, spec, conversion in Formatter().parse(template):
        if "{" in literal or "}" in literal:
            raise ValueError(f"a literal brace in the SQL text: {literal[-40:]!r}")
        out.append(literal)
        if field is None:
            continue
        if spec or conversion or not field.isidentifier():
            raise ValueError(f"not a named placeholder: {{{field}}}")
        if field in fragments:
            out.append(fragments[field])
            used.add(field)
        else:
            out.append("{" + field + "}")
    if unused := sorted(set(fragments) - used):
        raise KeyError(f"no place for {', '.join(unused)} in the SQL text")
    return "".join(out)
