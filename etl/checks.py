"""Data checks run after every load, before the new warehouse is published (STYLE §9).

Each check is a named query that returns the offending rows; any row fails the whole load with
the check's name, so a broken warehouse is never published.
"""

from __future__ import annotations

import uuid

import duckdb

from kpi.config import local_now

CHECKS: dict[str, str] = {
    "dossiers.dossier_id unique": "SELECT dossier_id FROM dossiers GROUP BY 1 HAVING count(*) > 1",
    "ratings.rating_id unique": "SELECT rating_id FROM ratings GROUP BY 1 HAVING count(*) > 1",
    "petitions.petition_id unique": (
        "SELECT petition_id FROM petitions GROUP BY 1 HAVING count(*) > 1"
    ),
    "procedures.procedure_code unique": (
        "SELECT procedure_code FROM procedures GROUP BY 1 HAVING count(*) > 1"
    ),
    "wards.ward_code unique": "SELECT ward_code FROM wards GROUP BY 1 HAVING count(*) > 1",
    "dossiers.ward_code references wards": (
        "SELECT DISTINCT d.ward_code FROM dossiers d ANTI JOIN wards w USING (ward_code)"
    ),
    "ratings.ward_code references wards": (
        "SELECT DISTINCT r.ward_code FROM ratings r ANTI JOIN wards w USING (ward_code)"
    ),
    "petitions.ward_code references wards": (
        "SELECT DISTINCT p.ward_code FROM petitions p ANTI JOIN wards w USING (ward_code)"
    ),
    "dossiers.channel accepted values": (
        "SELECT channel FROM dossiers WHERE channel NOT IN ('direct', 'online', 'postal') LIMIT 1"
    ),
    "dossiers.status accepted values": (
        "SELECT status FROM dossiers WHERE status NOT IN ('submitted', 'received', 'refused',"
        " 'processing', 'supplement', 'obligation', 'withdrawn', 'stopped', 'processed',"
        " 'returned') LIMIT 1"
    ),
    "dossiers.ended_at not before received_at": (
        "SELECT dossier_id FROM dossiers WHERE ended_at < received_at LIMIT 1"
    ),
    "ratings.rating in 1..5": "SELECT rating FROM ratings WHERE rating NOT BETWEEN 1 AND 5 LIMIT 1",
}


class CheckFailed(RuntimeError):
    """A data check found rows that must not exist; the load is not published."""


def run_all(con: duckdb.DuckDBPyConnection) -> None:
    """Run every check; raise :class:`CheckFailed` naming the first that fails."""
    for name, sql in CHECKS.items():
        # fetchall, not fetchone: a partly fetched result blocks `register` (DuckDB 2).
        rows = con.execute(f"SELECT * FROM ({sql}) LIMIT 1").fetchall()
        if rows:
            raise CheckFailed(f"kiểm tra '{name}' không đạt (ví dụ: {rows[0][0]!r})")


def bump_data_version(con: duckdb.DuckDBPyConnection) -> str:
    """Give the warehouse a new data version (caches of aggregates are keyed by it)."""
    version = f"{local_now():%Y%m%d%H%M%S}-{uuid.uuid4().hex[:8]}"
    con.execute("DELETE FROM meta WHERE key IN ('data_version', 'loaded_at')")
    con.execute(
        "INSERT INTO meta VALUES ('data_version', ?), ('loaded_at', ?)",
        [version, local_now().isoformat(timespec="seconds")],
    )
    return version
