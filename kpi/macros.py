"""The metrics' formulas as DuckDB macros (``kpi/sql/macros.sql``), on any connection.

:func:`install` creates them in an in-memory catalog ``kpi`` of the connection's DuckDB instance
(never in the warehouse file) and puts that catalog on the connection's search path after its
own database, where every query of the metrics layer finds them by name. An instance's other
connections (DuckDB cursors) share the catalog but not the search path: :func:`use` sets it.
"""

from __future__ import annotations

import duckdb

from kpi.sql_files import sql_file

MACROS_SQL = sql_file("macros")
_ATTACH_SQL = "ATTACH IF NOT EXISTS ':memory:' AS kpi"
# `main` is the connection's own database (the warehouse), searched first; then the macros.
_SEARCH_PATH_SQL = "SET search_path = 'main,kpi.main'"


def install(con: duckdb.DuckDBPyConnection) -> None:
    """Create (or re-create) the macros in ``con``'s instance and :func:`use` them on ``con``."""
    con.execute(_ATTACH_SQL)
    use(con)  # first: a macro's body calls others by name
    con.execute(MACROS_SQL)


def use(con: duckdb.DuckDBPyConnection) -> None:
    """Find the macros :func:`install` created in this instance from ``con`` (a cursor of it)."""
    con.execute(_SEARCH_PATH_SQL)
