"""Shared fixtures: a real warehouse, built once per session and copied for each test.

Building the reference data (wards, crosswalk, calendar) takes about a second, so the session
builds one empty warehouse with the real schema and the real reference builder, and each test gets
its own copy of that file in its ``tmp_path``. Settings come from the environment only (no
``motcua.toml`` of the developer's machine), with the documented defaults.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from etl.loader import ensure_reference
from etl.warehouse import next_version, writer_lock
from kpi.config import DEFAULTS

SETTINGS_VARS = tuple(DEFAULTS)  # every setting the app reads

# app.py refuses to be imported without a session key (production must set one); the tests'
# key is read once, when a test module first imports the app.
TEST_SECRET_KEY = os.environ.setdefault("MOTCUA_SECRET_KEY", "tests-only-" + os.urandom(16).hex())
# No server of the tests (in process or started by a browser test) draws views ahead: a test
# counts what is drawn, and the suite shares two cores (pages/_warm.py; tests/test_warm.py
# starts it itself).
os.environ["MOTCUA_PREWARM"] = "0"


@pytest.fixture(scope="session")
def empty_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse file with the schema and the reference data, and nothing loaded.

    Never write to it: copy it (the ``warehouse`` fixture does).
    """
    db = tmp_path_factory.mktemp("empty-warehouse") / "motcua.duckdb"
    with writer_lock(db), next_version(db) as con:
        ensure_reference(con)
    return db


@pytest.fixture
def clean_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Default settings: no ``MOTCUA_*`` variable and no config file."""
    for name in SETTINGS_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MOTCUA_CONFIG", str(tmp_path / "no-such-config.toml"))
    monkeypatch.setenv("MOTCUA_SECRET_KEY", TEST_SECRET_KEY)
    monkeypatch.setenv("MOTCUA_PREWARM", "0")
    # never the developer's data/users.sqlite
    monkeypatch.setenv("MOTCUA_USERS_DB", str(tmp_path / "users.sqlite"))


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    """Each test starts with no request counted against the rate limits (web.hardening): the
    tests share one app and one address."""
    if "app" in sys.modules:  # the app installed the limiter on its server
        sys.modules["web.hardening"].limiter.reset()
    yield


@pytest.fixture(scope="session")
def access_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The warehouse of tests/access_fixture.py (dossiers, and ratings whose comments carry fake
    personal data), loaded once by the real loader. Never write to it: copy it."""
    from tests.access_fixture import build

    return build(tmp_path_factory.mktemp("access"))


@pytest.fixture
def app_module(
    access_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_settings: None
):
    """The real app reading a fresh copy of :func:`access_warehouse`, its callbacks registered
    (Dash registers the pages' callbacks on its first request)."""
    db = tmp_path / "motcua.duckdb"
    shutil.copyfile(access_warehouse, db)
    monkeypatch.setenv("MOTCUA_DB", str(db))
    import app

    app.server.test_client().get("/phuong-phap")
    return app


@pytest.fixture
def warehouse(
    empty_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_settings: None
) -> Iterator[Path]:
    """A fresh copy of the empty warehouse in ``tmp_path``, also set as ``MOTCUA_DB``."""
    db = tmp_path / "wh" / "motcua.duckdb"
    db.parent.mkdir()
    shutil.copyfile(empty_warehouse, db)
    monkeypatch.setenv("MOTCUA_DB", str(db))
    yield db
