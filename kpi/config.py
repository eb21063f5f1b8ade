"""Configuration: environment variables, an optional ``motcua.toml``, defaults (data-contract §4).

Precedence: CLI flags (applied by the caller) > environment > config file > defaults.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"

# Every stored timestamp is local Vietnamese time, naive (metrics.md conventions).
TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")

DEFAULTS: dict[str, str] = {
    "MOTCUA_DB": str(DATA_DIR / "motcua.duckdb"),
    "MOTCUA_PROVINCE": "01",
    "MOTCUA_HOST": "127.0.0.1",
    "MOTCUA_PORT": "8050",
    # A file with more than this share of rows rejected is refused whole.
    "MOTCUA_MAX_REJECT_SHARE": "0.5",
    # The longest period one API request may ask for (two years with a leap day).
    "MOTCUA_API_MAX_DAYS": "731",
    # Hall screens: the fastest data refresh a screen URL may ask for, in seconds (a server-side
    # floor, so a typo in a hall cannot make thousands of screens hammer the server) ...
    "MOTCUA_SCREEN_MIN_REFRESH": "10",
    # ... and the age of the last load after which a screen says its data is stale, in minutes.
    "MOTCUA_SCREEN_STALE_MINUTES": "120",
    # "Sắp đến hạn" (metrics.md §2): dossiers in time due within this many working days.
    "MOTCUA_DUE_SOON_DAYS": "2",
    # Every leaders' page and hall screen says the data is stale when the newest loaded record
    # is more than this many working days before today.
    "MOTCUA_STALE_WORKING_DAYS": "2",
    # Sign-in (product.md Access): the key that signs session cookies (none: ``make serve``
    # refuses to start; ``python app.py`` makes a throw-away one), the users' own database, and
    # whether the overview page is public (aggregates only).
    "MOTCUA_SECRET_KEY": "",
    "MOTCUA_USERS_DB": str(DATA_DIR / "users.sqlite"),
    "MOTCUA_PUBLIC_OVERVIEW": "0",
    # The reading DuckDB: each request's queries are interrupted after this many seconds (the
    # request then answers 503), and the instance gets this memory limit and thread count.
    "MOTCUA_QUERY_TIMEOUT": "20",
    "MOTCUA_DUCKDB_MEMORY_LIMIT": "2GB",
    "MOTCUA_DUCKDB_THREADS": "2",
    # The loader's DuckDB memory limit: beyond it a load spills to disk, so its memory stays
    # bounded whatever the file's size (10M dossiers: 1.5 GB peak with 1GB).
    "MOTCUA_LOADER_MEMORY_LIMIT": "1GB",
    # The data page (/du-lieu): a ward whose newest dossier is this many working days or more
    # before the newest loaded data has stopped sending data; the largest file an administrator
    # may upload there, in MB (10^6 bytes).
    "MOTCUA_STOPPED_WORKING_DAYS": "5",
    "MOTCUA_UPLOAD_MAX_MB": "50",
    # Each server process draws the usual views (overview, fields, satisfaction; this and last
    # month, quarter, this year) after every load, before a leader asks (pages/_warm.py).
    "MOTCUA_PREWARM": "1",
}


@dataclass(frozen=True)
class Settings:
    """Resolved settings; build with :func:`settings`."""

    db: Path
    province: str
    host: str
    port: int
    max_reject_share: float
    api_max_days: int
    screen_min_refresh: int
    screen_stale_minutes: int
    due_soon_days: int
    stale_working_days: int
    secret_key: str
    users_db: Path
    public_overview: bool
    query_timeout: float
    duckdb_memory_limit: str
    duckdb_threads: int
    loader_memory_limit: str
    stopped_working_days: int
    upload_max_mb: int
    prewarm: bool


def _file_values() -> dict[str, str]:
    path = Path(os.environ.get("MOTCUA_CONFIG", ROOT / "motcua.toml"))
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    return {str(k).upper(): str(v) for k, v in raw.items()}


def settings() -> Settings:
    """Return the settings in force now (read each call, so tests can change the environment)."""
    values = {**DEFAULTS, **_file_values()}
    values.update({k: v for k, v in os.environ.items() if k in DEFAULTS})
    return Settings(
        db=Path(values["MOTCUA_DB"]),
        province=values["MOTCUA_PROVINCE"].zfill(2),
        host=values["MOTCUA_HOST"],
        port=int(values["MOTCUA_PORT"]),
        max_reject_share=float(values["MOTCUA_MAX_REJECT_SHARE"]),
        api_max_days=int(values["MOTCUA_API_MAX_DAYS"]),
        screen_min_refresh=max(1, int(values["MOTCUA_SCREEN_MIN_REFRESH"])),
        screen_stale_minutes=max(1, int(values["MOTCUA_SCREEN_STALE_MINUTES"])),
        due_soon_days=_working_days("MOTCUA_DUE_SOON_DAYS", values["MOTCUA_DUE_SOON_DAYS"]),
        stale_working_days=_working_days(
            "MOTCUA_STALE_WORKING_DAYS", values["MOTCUA_STALE_WORKING_DAYS"]
        ),
        secret_key=values["MOTCUA_SECRET_KEY"],
        users_db=Path(values["MOTCUA_USERS_DB"]),
        public_overview=values["MOTCUA_PUBLIC_OVERVIEW"].strip().lower() in ("1", "true", "yes"),
        query_timeout=max(0.1, float(values["MOTCUA_QUERY_TIMEOUT"])),
        duckdb_memory_limit=_memory_limit(
            "MOTCUA_DUCKDB_MEMORY_LIMIT", values["MOTCUA_DUCKDB_MEMORY_LIMIT"]
        ),
        duckdb_threads=_threads("MOTCUA_DUCKDB_THREADS", values["MOTCUA_DUCKDB_THREADS"]),
        loader_memory_limit=_memory_limit(
            "MOTCUA_LOADER_MEMORY_LIMIT", values["MOTCUA_LOADER_MEMORY_LIMIT"]
        ),
        stopped_working_days=_at_least_one(
            "MOTCUA_STOPPED_WORKING_DAYS", values["MOTCUA_STOPPED_WORKING_DAYS"]
        ),
        upload_max_mb=_at_least_one("MOTCUA_UPLOAD_MAX_MB", values["MOTCUA_UPLOAD_MAX_MB"]),
        prewarm=values["MOTCUA_PREWARM"].strip().lower() in ("1", "true", "yes"),
    )


def _working_days(name: str, value: str) -> int:
    """A whole number of working days, 0 or more; a ``ValueError`` naming the setting if not."""
    try:
        days = int(value)
    except ValueError:
        days = -1
    if days < 0:
        raise ValueError(f"{name}={value!r}: a whole number of working days (0 or more) is needed")
    return days


def _at_least_one(name: str, value: str) -> int:
    """A whole number, 1 or more; a ``ValueError`` naming the setting if not."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise ValueError(f"{name}={value!r}: a whole number (1 or more) is needed")
    return number


# DuckDB's memory units (1000^i and 1024^i bytes); a limit below the floor cannot run the
# dashboard's queries (DuckDB then fails every query, or the instance at start).
_MEMORY = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*", re.IGNORECASE)
_MEMORY_UNITS = {
    "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12,
    "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40,
}  # fmt: skip
MEMORY_FLOOR = 64 * 2**20


def _memory_limit(name: str, value: str) -> str:
    """A DuckDB memory limit such as ``2GB`` or ``512MiB`` (64 MiB or more), unchanged; a
    ``ValueError`` naming the setting if not."""
    match = _MEMORY.fullmatch(value)
    if match is None or float(match[1]) * _MEMORY_UNITS[match[2].lower()] < MEMORY_FLOOR:
        raise ValueError(
            f"{name}={value!r}: a memory size of at least 64MiB is needed, a number and a unit "
            "(KB, MB, GB, TB or KiB, MiB, GiB, TiB), e.g. 2GB"
        )
    return f"{match[1]}{match[2]}"


def _threads(name: str, value: str) -> int:
    """A thread count, 1 or more; a ``ValueError`` naming the setting if not."""
    try:
        threads = int(value)
    except ValueError:
        threads = 0
    if threads < 1:
        raise ValueError(f"{name}={value!r}: a whole number of threads (1 or more) is needed")
    return threads


def local_now() -> datetime:
    """The current local time in Vietnam, naive (as every stored timestamp is)."""
    return datetime.now(TIMEZONE).replace(tzinfo=None)
