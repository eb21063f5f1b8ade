"""Per-dossier facts: what every metric needs of a dossier, derived once (metrics.md §2).

The effective due time (the given due time, else the end of the working day N working days after
the day of receipt, N from the procedure catalogue; plus paused days), the working days taken,
whether a petition or a low rating complains about it. :data:`FACTS_SQL` is the one definition;
the metrics query either computes it on the fly or reads the table ``dossier_facts`` that the
loader rebuilds after every load (:func:`refresh`), which spares every page query four joins.
Both give the same rows (``tests/test_facts.py`` asserts it on random filters).
"""

from __future__ import annotations

import duckdb

from kpi.db import remembered
from kpi.sql_files import sql_file

# The shape of ``dossier_facts``: stored with the data version it was built from, so a table of
# an older shape (built by an older loader, e.g. without the source ward names) is never read.
# Bump it whenever FACTS_SQL's columns change.
FACTS_FORMAT = "2"

# Counted dossiers only: "received" excludes never-accepted ones (submitted, refused).
FACTS_SQL = sql_file("facts")

_VERSION_SQL = """
SELECT
    (SELECT value FROM meta WHERE key = 'data_version'),
    (SELECT value FROM meta WHERE key = 'facts_version')
"""


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild ``dossier_facts`` (sorted by ward and time of receipt) for the current data."""
    con.execute(
        f"CREATE OR REPLACE TABLE dossier_facts AS {FACTS_SQL} ORDER BY ward_code, received_at"
    )
    version = con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
    con.execute("DELETE FROM meta WHERE key = 'facts_version'")
    tag = _tag(version[0] if version else None)
    con.execute("INSERT INTO meta VALUES ('facts_version', ?)", [tag])


def _tag(data_version: str | None) -> str:
    """The facts version stored for a data version: ``<format>:<data version>``."""
    return f"{FACTS_FORMAT}:{data_version or ''}"


def is_current(cur: duckdb.DuckDBPyConnection) -> bool:
    """True when ``dossier_facts`` exists, has today's shape and was built from the data now
    loaded (a table of an older :data:`FACTS_FORMAT` is not current); asked once per attached
    file (:func:`kpi.db.remembered`)."""
    return remembered(cur, "facts_current", lambda: _is_current(cur))


def _is_current(cur: duckdb.DuckDBPyConnection) -> bool:
    try:
        data_version, facts_version = cur.execute(_VERSION_SQL).fetchone()
        cur.execute("SELECT 1 FROM dossier_facts LIMIT 0").fetchall()
    except duckdb.CatalogException:
        return False
    return facts_version is not None and facts_version == _tag(data_version)
