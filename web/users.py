"""The users' own database: logins, roles and scope, argon2 password hashes (product.md Access).

A small SQLite file apart from the warehouse (which loads replace whole): ``MOTCUA_USERS_DB``,
default ``data/users.sqlite`` (data-contract §3, §4). Every function takes ``path`` to use another
file. No Flask here: the ``python -m etl users`` command line and the sign-in both use this module.

Each call opens its own connection (safe across gunicorn workers and threads and a CLI run at the
same time); writes take the write lock first (``BEGIN IMMEDIATE``) and wait for a busy file rather
than fail. The password is hashed before the lock is taken, so a slow hash never holds it.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kpi.config import local_now, settings

ROLES = ("ward", "city", "evaluator", "admin")
MIN_PASSWORD = 10
BUSY_TIMEOUT_SECONDS = 10.0

_LOGIN = re.compile(r"[a-z0-9._-]{3,64}")
_WARD = re.compile(r"[0-9]{5}")
_PROVINCE = re.compile(r"[0-9]{2}")
# Argon2id with the library's defaults (RFC 9106's low-memory profile); a stored hash made with
# other parameters is replaced at the next successful sign-in.
_hasher = PasswordHasher()

# Applied in order by the first call on a new file; ``PRAGMA user_version`` records how many.
_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS users (
        login         TEXT PRIMARY KEY,
        role          TEXT NOT NULL CHECK (role IN ('ward', 'city', 'evaluator', 'admin')),
        province      TEXT,
        password_hash TEXT NOT NULL,
        enabled       INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        generation    INTEGER NOT NULL DEFAULT 1,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS user_wards (
        login     TEXT NOT NULL REFERENCES users (login) ON DELETE CASCADE,
        ward_code TEXT NOT NULL,
        PRIMARY KEY (login, ward_code)
    )""",
)


@dataclass(frozen=True)
class User:
    """A user as the sign-in and the access checks see it; never carries the password hash."""

    login: str
    role: str  # one of ROLES
    wards: tuple[str, ...]  # ward codes (5 digits, sorted) for role "ward", else ()
    province: str | None  # 2-digit province code for "city" (optional for "evaluator"), else None
    enabled: bool
    generation: int  # bumps on disable/enable/reset: sessions carrying an older one end


class UserError(ValueError):
    """A refused change to the users, with its reason in Vietnamese (shown as is by the CLI)."""


# --- the file ---------------------------------------------------------------------------------


def _resolve(path: Path | None) -> Path:
    return Path(path) if path is not None else settings().users_db


def _create_private(path: Path) -> None:
    """Create the file readable by its owner only (hashes are secrets too), if it is missing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(fd)
    # The umask may have narrowed the mode further, never widened it; make it exactly 0600.
    os.chmod(path, 0o600)


@contextmanager
def _connect(path: Path | None) -> Iterator[sqlite3.Connection]:
    """One connection for one call, in autocommit mode (transactions are explicit)."""
    file = _resolve(path)
    _create_private(file)
    con = sqlite3.connect(file, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    try:
        con.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        con.execute("PRAGMA foreign_keys = ON")
        # WAL: signing in (reads) never waits for a CLI write; SQLite gives the -wal and -shm
        # files the database file's own mode.
        con.execute("PRAGMA journal_mode = WAL")
        _migrate(con)
        yield con
    finally:
        con.close()


def _migrate(con: sqlite3.Connection) -> None:
    """Create the tables on first use (re-checked under the write lock: two first calls race)."""
    if con.execute("PRAGMA user_version").fetchone()[0] >= len(_SCHEMA):
        return
    con.execute("BEGIN IMMEDIATE")
    try:
        done = con.execute("PRAGMA user_version").fetchone()[0]
        for statement in _SCHEMA[done:]:
            con.execute(statement)
        con.execute(f"PRAGMA user_version = {len(_SCHEMA)}")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


@contextmanager
def _write(path: Path | None) -> Iterator[sqlite3.Connection]:
    """A write transaction holding the write lock from its start."""
    with _connect(path) as con:
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")


def _read(con: sqlite3.Connection, login: str) -> User | None:
    row = con.execute(
        "SELECT login, role, province, enabled, generation FROM users WHERE login = ?", [login]
    ).fetchone()
    if row is None:
        return None
    wards = con.execute(
        "SELECT ward_code FROM user_wards WHERE login = ? ORDER BY ward_code", [login]
    ).fetchall()
    return User(
        login=row[0],
        role=row[1],
        wards=tuple(w for (w,) in wards),
        province=row[2],
        enabled=bool(row[3]),
        generation=int(row[4]),
    )


# --- checks -----------------------------------------------------------------------------------


def _key(login: str) -> str:
    """The stored form of a login: lowercase."""
    return login.lower()


def _check_login(login: str) -> str:
    key = _key(login)
    if not _LOGIN.fullmatch(key):
        raise UserError(
            f"Tên đăng nhập '{login}' không hợp lệ (cần 3–64 ký tự a-z, 0-9, '.', '_', '-')."
        )
    return key


def _check_password(password: str) -> None:
    if not password:
        raise UserError("Mật khẩu trống.")
    if len(password) < MIN_PASSWORD:
        raise UserError(f"Mật khẩu quá ngắn (cần ít nhất {MIN_PASSWORD} ký tự).")


def check_new(
    login: str,
    role: str,
    *,
    wards: Iterable[str] = (),
    province: str | None = None,
    path: Path | None = None,
) -> tuple[str, str, tuple[str, ...], str | None]:
    """Check a new user's login, role and scope (not the password); return them normalised.

    Raises :class:`UserError` for a bad shape, a role without its scope, or a login already
    taken; lets the CLI refuse before it asks for a password. :func:`add_user` checks again.
    """
    key = _check_login(login)
    if role not in ROLES:
        raise UserError(f"Vai trò '{role}' không hợp lệ (cần một trong: {', '.join(ROLES)}).")
    codes = tuple(sorted({w.strip() for w in wards}))
    for code in codes:
        if not _WARD.fullmatch(code):
            raise UserError(f"Mã phường, xã '{code}' không hợp lệ (cần 5 chữ số, vd 00004).")
    if province is not None:
        province = province.strip()
        if not _PROVINCE.fullmatch(province):
            raise UserError(f"Mã tỉnh '{province}' không hợp lệ (cần 2 chữ số, vd 01).")
    if role == "ward" and not codes:
        raise UserError("Vai trò ward cần ít nhất một mã phường, xã (--ward).")
    if role != "ward" and codes:
        raise UserError(f"Chỉ vai trò ward có mã phường, xã (--ward); vai trò {role} thì không.")
    if role == "city" and province is None:
        raise UserError("Vai trò city cần mã tỉnh (--province).")
    if role in ("ward", "admin") and province is not None:
        raise UserError(
            f"Vai trò {role} không có mã tỉnh (--province chỉ dành cho city và evaluator)."
        )
    if get_user(key, path) is not None:
        raise UserError(f"Tên đăng nhập '{key}' đã có.")
    return key, role, codes, province


# --- the API ----------------------------------------------------------------------------------


def add_user(
    login: str,
    role: str,
    password: str,
    *,
    wards: Iterable[str] = (),
    province: str | None = None,
    path: Path | None = None,
) -> User:
    """Add an enabled user (generation 1); :class:`UserError` if refused (see :func:`check_new`)."""
    key, role, codes, province = check_new(login, role, wards=wards, province=province, path=path)
    _check_password(password)
    hashed = _hasher.hash(password)
    now = local_now().isoformat(sep=" ", timespec="seconds")
    with _write(path) as con:
        try:
            con.execute(
                "INSERT INTO users (login, role, province, password_hash, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [key, role, province, hashed, now, now],
            )
        except sqlite3.IntegrityError as exc:  # added by someone else since check_new
            raise UserError(f"Tên đăng nhập '{key}' đã có.") from exc
        con.executemany(
            "INSERT INTO user_wards (login, ward_code) VALUES (?, ?)", [(key, c) for c in codes]
        )
        user = _read(con, key)
    assert user is not None
    return user


def get_user(login: str, path: Path | None = None) -> User | None:
    """The user with this login (any case), or None."""
    with _connect(path) as con:
        return _read(con, _key(login))


def list_users(path: Path | None = None) -> list[User]:
    """Every user, by login."""
    with _connect(path) as con:
        logins = con.execute("SELECT login FROM users ORDER BY login").fetchall()
        users = [_read(con, login) for (login,) in logins]
    return [u for u in users if u is not None]


def _change(login: str, sets: str, values: list[object], path: Path | None) -> User:
    """Apply ``SET <sets>`` to one user, bump its generation, return it; unknown login refused."""
    key = _key(login)
    now = local_now().isoformat(sep=" ", timespec="seconds")
    with _write(path) as con:
        changed = con.execute(
            f"UPDATE users SET {sets}, generation = generation + 1, updated_at = ? WHERE login = ?",
            [*values, now, key],
        ).rowcount
        if not changed:
            raise UserError(f"Không có tên đăng nhập '{login}'.")
        user = _read(con, key)
    assert user is not None
    return user


def set_enabled(login: str, enabled: bool, path: Path | None = None) -> User:
    """Disable or enable a user; either way the generation bumps, ending its open sessions."""
    return _change(login, "enabled = ?", [int(enabled)], path)


def reset_password(login: str, password: str, path: Path | None = None) -> User:
    """Give a user a new password; the generation bumps, ending its open sessions."""
    if get_user(login, path) is None:
        raise UserError(f"Không có tên đăng nhập '{login}'.")
    _check_password(password)
    return _change(login, "password_hash = ?", [_hasher.hash(password)], path)


@cache
def _dummy_hash() -> str:
    return _hasher.hash("không phải mật khẩu của ai")


def verify(login: str, password: str, path: Path | None = None) -> User | None:
    """The user if the password is theirs and they are enabled, else None.

    An unknown login still costs one argon2 verification (against a dummy hash), and a disabled
    user's password is checked too, so the time taken does not tell which logins exist. A hash
    made with older parameters is replaced, unless the password changed meanwhile. No
    connection is held while hashing.
    """
    key = _key(login)
    with _connect(path) as con:
        row = con.execute(
            "SELECT password_hash, enabled, generation FROM users WHERE login = ?", [key]
        ).fetchone()
    stored, enabled, generation = row if row is not None else (_dummy_hash(), 0, 0)
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or not enabled:
        return None
    if _hasher.check_needs_rehash(stored):
        rehashed = _hasher.hash(password)
        # A busy file (past the timeout) only delays the upgrade to the next sign-in.
        with _connect(path) as con, suppress(sqlite3.OperationalError):
            con.execute(
                "UPDATE users SET password_hash = ? WHERE login = ? AND password_hash = ?",
                [rehashed, key, stored],
            )
    user = get_user(key, path)
    # Disabled, enabled again or reset while the password was being checked: that password
    # opens no session of the newer generation.
    if user is None or not user.enabled or user.generation != generation:
        return None
    return user


def has_users(path: Path | None = None) -> bool:
    """Whether any user exists (disabled ones count)."""
    with _connect(path) as con:
        return con.execute("SELECT EXISTS (SELECT 1 FROM users)").fetchone()[0] == 1
