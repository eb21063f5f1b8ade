"""How fresh the loaded data is: the newest record and its age in working days.

Every leaders' page and hall screen says the data is stale when the newest loaded record is
more than ``MOTCUA_STALE_WORKING_DAYS`` working days (default 2) before today: a ward whose
records stopped arriving on Friday is stale on Wednesday, not on Monday. Working days are the
warehouse's calendar (weekends and Vietnamese public holidays do not count).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

import duckdb

from kpi.cache import newest_record, per_version
from kpi.config import local_now, settings
from kpi.sql_files import sql_file

WORKING_DAYS_AFTER_SQL = sql_file("working_days_after")


class Freshness(NamedTuple):
    """The newest loaded record, its age in working days and whether that is past the limit."""

    data_as_of: datetime
    working_days_old: int
    limit: int

    @property
    def stale(self) -> bool:
        """True when the newest record is older than the limit allows."""
        return self.working_days_old > self.limit


def working_days_after(cur: duckdb.DuckDBPyConnection, since: date, until: date) -> int:
    """The working days after ``since`` up to and including ``until`` (0 when ``until`` is not
    after ``since``), read once per warehouse version and pair of days."""

    def count() -> int:
        return int(
            cur.execute(WORKING_DAYS_AFTER_SQL, {"since": since, "until": until}).fetchone()[0]
        )

    return per_version(cur, "working_days_after", (since, until), count)


def freshness(
    cur: duckdb.DuckDBPyConnection, *, now: datetime | None = None, limit: int | None = None
) -> Freshness | None:
    """The freshness of the warehouse at ``now`` (default: now in Vietnam); ``None`` when no
    dossier is loaded. ``limit`` defaults to ``MOTCUA_STALE_WORKING_DAYS``."""
    newest = newest_record(cur)
    if newest is None:
        return None
    now = now or local_now()
    limit = settings().stale_working_days if limit is None else limit
    return Freshness(newest, working_days_after(cur, newest.date(), now.date()), limit)
