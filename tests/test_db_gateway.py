"""The reading gateway (kpi.db): limits, the time limit on every cursor, unreadable warehouses.

Real DuckDB files throughout: the session's empty warehouse (tests/conftest.py), a 0-byte file,
random bytes, a real warehouse cut short.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from kpi.config import settings
from kpi.db import (
    CORRUPT,
    NOT_LOADED,
    NoWarehouse,
    QueryTimeout,
    alongside,
    cursor,
    query,
    watched_cursors,
)
from tests.signin import post_callback, user_client

SLOW = "SELECT sum(hash(a.range + b.range)) FROM range(1_000_000) a, range(1_000_000) b"


def _settings_of(db: Path) -> tuple[str, int]:
    with cursor(db) as cur:
        return cur.execute(
            "SELECT current_setting('memory_limit'), current_setting('threads')"
        ).fetchone()


# --- limits -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("memory", "threads", "expected"),
    [
        (None, None, ("1.8 GiB", 2)),  # the defaults: 2GB (10^9 bytes), 2 threads
        ("512MiB", "1", ("512.0 MiB", 1)),
        ("3 GB", "4", ("2.7 GiB", 4)),
    ],
)
def test_the_reading_instance_has_the_configured_memory_limit_and_threads(
    warehouse: Path,
    monkeypatch: pytest.MonkeyPatch,
    memory: str | None,
    threads: str | None,
    expected: tuple[str, int],
) -> None:
    if memory is not None:
        monkeypatch.setenv("MOTCUA_DUCKDB_MEMORY_LIMIT", memory)
        monkeypatch.setenv("MOTCUA_DUCKDB_THREADS", threads)
    assert _settings_of(warehouse) == expected


def test_changed_limits_take_effect_on_the_next_cursor(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _settings_of(warehouse) == ("1.8 GiB", 2)
    monkeypatch.setenv("MOTCUA_DUCKDB_MEMORY_LIMIT", "256MiB")
    assert _settings_of(warehouse) == ("256.0 MiB", 2)


def test_a_query_cannot_change_the_limits(warehouse: Path) -> None:
    import duckdb

    with cursor(warehouse) as cur, pytest.raises(duckdb.InvalidInputException, match="locked"):
        cur.execute("SET memory_limit = '100GB'")


@pytest.mark.parametrize("value", ["lots", "2", "", "-1GB", "10KB", "2 GB of RAM", "80%"])
def test_a_bad_memory_limit_is_a_value_error_naming_the_setting(
    clean_settings: None, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("MOTCUA_DUCKDB_MEMORY_LIMIT", value)
    with pytest.raises(ValueError, match="MOTCUA_DUCKDB_MEMORY_LIMIT"):
        settings()


@pytest.mark.parametrize("value", ["0", "-2", "two", "1.5"])
def test_a_bad_thread_count_is_a_value_error_naming_the_setting(
    clean_settings: None, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("MOTCUA_DUCKDB_THREADS", value)
    with pytest.raises(ValueError, match="MOTCUA_DUCKDB_THREADS"):
        settings()


# --- the time limit ---------------------------------------------------------------------------


def test_a_slow_query_is_interrupted_as_a_query_timeout_and_the_next_cursor_works(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTCUA_QUERY_TIMEOUT", "0.5")
    started = time.monotonic()
    with cursor(warehouse) as cur, pytest.raises(QueryTimeout) as caught:
        cur.execute(SLOW).fetchall()
    assert 0.4 < time.monotonic() - started < 5
    assert str(caught.value) == "Truy vấn quá thời gian cho phép (0,5 giây)."
    assert isinstance(caught.value, RuntimeError)
    with cursor(warehouse) as cur:
        assert cur.execute("SELECT 42").fetchall() == [(42,)]


def test_the_default_message_names_twenty_seconds() -> None:
    assert QueryTimeout(20).message == "Truy vấn quá thời gian cho phép (20 giây)."


def test_a_cursor_past_its_time_refuses_its_next_query(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit is the cursor's (one request's queries), not each query's."""
    monkeypatch.setenv("MOTCUA_QUERY_TIMEOUT", "0.2")
    with cursor(warehouse) as cur:
        assert cur.execute("SELECT 1").fetchone() == (1,)
        time.sleep(0.4)
        with pytest.raises(QueryTimeout):
            cur.execute("SELECT 1")


def test_a_timeout_in_a_query_function_is_a_query_timeout(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTCUA_QUERY_TIMEOUT", "0.3")
    with pytest.raises(QueryTimeout):
        query(SLOW)


def test_a_cursor_works_as_duckdbs_does(warehouse: Path) -> None:
    """What the kpi, page, API and screen modules use: chained execute, the fetches, names."""
    sql = "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) t(n, s) WHERE n >= $low ORDER BY n"
    with cursor(warehouse) as cur:
        assert cur.sql("SELECT 7 AS x").fetchall() == [(7,)]
        assert cur.execute(sql, {"low": 1}).fetchall() == [(1, "a"), (2, "b")]
        assert cur.execute(sql, {"low": 2}).fetchone() == (2, "b")
        assert cur.execute(sql, {"low": 1}).df().to_dict("list") == {"n": [1, 2], "s": ["a", "b"]}
        assert cur.execute(sql, {"low": 1}).fetchdf()["n"].tolist() == [1, 2]
        assert cur.execute(sql, {"low": 1}).fetch_df()["s"].tolist() == ["a", "b"]
        assert cur.execute(sql, {"low": 1}).fetchmany(1) == [(1, "a")]
        cur.execute(sql, {"low": 1})
        assert [d[0] for d in cur.description] == ["n", "s"]
        assert cur.execute("SELECT count(*) FROM wards").fetchone()[0] > 0  # the warehouse, USEd


# --- a second query alongside ---------------------------------------------------------------


def test_a_query_alongside_runs_on_another_thread_on_the_same_warehouse(warehouse: Path) -> None:
    threads = []

    def task(other) -> int:
        threads.append(threading.get_ident())
        assert other.execute("SELECT rate(1, 4)").fetchone() == (0.25,)  # the macros too
        return other.execute("SELECT count(*) FROM wards").fetchone()[0]

    with cursor(warehouse) as cur:
        before = watched_cursors()
        with alongside(cur, task) as answer:
            mine = cur.execute("SELECT count(*) FROM wards").fetchone()[0]
            assert answer() == mine > 0
        assert threads and threads[0] != threading.get_ident()
        assert watched_cursors() == before  # the sibling is closed


def test_a_query_alongside_shares_the_deadline_and_its_error_reaches_the_caller(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTCUA_QUERY_TIMEOUT", "0.5")
    siblings = []

    def task(other) -> list:
        siblings.append(other)
        return other.execute(SLOW).fetchall()

    with cursor(warehouse) as cur:
        started = time.monotonic()
        with pytest.raises(QueryTimeout), alongside(cur, task) as answer:
            assert cur.execute("SELECT 1").fetchone() == (1,)
            answer()
        assert time.monotonic() - started < 5
        assert siblings[0].deadline == cur.deadline
        assert siblings[0].watch_key is None  # closed


def test_leaving_on_an_error_waits_for_the_query_alongside_and_closes_it(warehouse: Path) -> None:
    done = threading.Event()

    def task(other) -> None:
        time.sleep(0.3)
        other.execute("SELECT 1").fetchall()
        done.set()

    with cursor(warehouse) as cur:
        before = watched_cursors()
        with pytest.raises(ZeroDivisionError), alongside(cur, task):
            1 / 0  # noqa: B018 — the block's own error
        assert done.is_set()  # waited for, not left running on a closed cursor
        assert watched_cursors() == before


def test_a_plain_connection_runs_the_task_itself(warehouse: Path) -> None:
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        with alongside(con, lambda other: other is con) as answer:
            assert answer() is True
    finally:
        con.close()


def test_many_cursors_share_one_watchdog_thread(warehouse: Path) -> None:
    with cursor(warehouse) as cur:  # the watchdog is started by now
        cur.execute("SELECT 1").fetchall()
    threads = threading.active_count()
    open_before = watched_cursors()
    for _ in range(500):
        with cursor(warehouse) as cur:
            cur.execute("SELECT 1").fetchall()
    held = [cursor(warehouse) for _ in range(50)]  # open at the same time, too
    assert threading.active_count() == threads
    assert watched_cursors() == open_before + 50
    for cur in held:
        cur.close()
    assert threading.active_count() == threads
    assert watched_cursors() == open_before
    names = [t.name for t in threading.enumerate()]
    assert names.count("motcua-query-watchdog") == 1


# --- missing, empty or corrupt ----------------------------------------------------------------


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(64 * 1024))


def _cut_short(path: Path) -> None:
    with path.open("r+b") as fh:
        fh.truncate(5000)  # inside DuckDB's headers


def _garbled_blocks(path: Path) -> None:
    """Valid headers, random bytes in every block after them (checksums no longer match)."""
    with path.open("r+b") as fh:
        fh.seek(3 * 4096)
        fh.write(os.urandom(path.stat().st_size - 3 * 4096))


@pytest.mark.parametrize(
    ("damage", "message", "corrupt"),
    [
        (Path.unlink, NOT_LOADED, False),
        (lambda p: p.write_bytes(b""), NOT_LOADED, False),
        (_random_bytes, CORRUPT, True),
        (_cut_short, CORRUPT, True),
        (_garbled_blocks, CORRUPT, True),
    ],
    ids=["missing", "0-byte", "random-bytes", "cut-short", "garbled-blocks"],
)
def test_an_unreadable_warehouse_is_no_warehouse_with_its_message(
    warehouse: Path, damage, message: str, corrupt: bool
) -> None:
    damage(warehouse)
    with pytest.raises(NoWarehouse) as caught, cursor(warehouse) as cur:
        cur.execute("SELECT count(*) FROM ward_crosswalk").fetchall()
    assert caught.value.message == message
    assert caught.value.corrupt is corrupt
    assert str(warehouse) in str(caught.value)  # the reason, for the log


def test_the_messages_read_as_the_spec_says() -> None:
    assert NoWarehouse("x").message == "Chưa có dữ liệu: kho dữ liệu chưa được nạp."
    assert NoWarehouse("x", corrupt=True).message == (
        "Kho dữ liệu bị hỏng hoặc không đọc được; hãy nạp lại dữ liệu (python -m etl load …)."
    )


def test_a_warehouse_loaded_after_a_corrupt_one_is_read(
    warehouse: Path, tmp_path: Path, empty_warehouse: Path
) -> None:
    good = warehouse.read_bytes()
    _random_bytes(warehouse)
    with pytest.raises(NoWarehouse):
        cursor(warehouse)
    fresh = tmp_path / "next.duckdb"  # the loader publishes by renaming a new file in place
    fresh.write_bytes(good)
    fresh.replace(warehouse)
    with cursor(warehouse) as cur:
        assert cur.execute("SELECT 1").fetchone() == (1,)


def test_a_damaged_block_found_by_a_query_is_no_warehouse(tmp_path: Path) -> None:
    """The file attaches (its headers and catalogue are sound); a query reads a bad block."""
    import duckdb

    db = tmp_path / "motcua.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE t AS SELECT md5(range::VARCHAR) AS s FROM range(500000)")
    size = db.stat().st_size
    with db.open("r+b") as fh:
        fh.seek(size // 2)
        fh.write(os.urandom(size // 8))
    with cursor(db) as cur:
        assert cur.execute("SELECT count(*) FROM duckdb_tables()").fetchone() == (1,)
        with pytest.raises(NoWarehouse) as caught:
            cur.execute("SELECT sum(length(s)) FROM t").fetchall()
    assert caught.value.corrupt


# --- what the app answers ---------------------------------------------------------------------

LEADER_PAGES = ["/", "/linh-vuc", "/hai-long", "/phuong/00004"]
OCTOBER = "from=2025-10-01&to=2025-10-31"


def _routed(client, path: str) -> str:
    """The page Dash's router draws for ``path`` (its callback, as the browser calls it), as
    JSON text with the Vietnamese left readable."""
    import json

    client.get("/")  # the first request registers the router's callback
    body = {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": ""},
        ],
        "changedPropIds": ["_pages_location.pathname"],
        "state": [],
    }
    answer = post_callback(client, body)
    assert answer.status_code == 200, answer.text
    return json.dumps(answer.get_json(), ensure_ascii=False)


@pytest.fixture(params=["0-byte", "random-bytes"])
def broken(request: pytest.FixtureRequest, warehouse: Path) -> tuple[Path, str]:
    """The warehouse file emptied or overwritten with random bytes, and what pages must say."""
    if request.param == "0-byte":
        warehouse.write_bytes(b"")
        return warehouse, NOT_LOADED
    _random_bytes(warehouse)
    return warehouse, CORRUPT


@pytest.mark.parametrize("path", LEADER_PAGES)
def test_a_leaders_page_on_a_broken_warehouse_says_so(broken: tuple[Path, str], path: str) -> None:
    import app

    client = user_client(app.server, "city", province="01")
    assert client.get(path).status_code == 200  # the shell (not a 404: nothing is loaded)
    page = _routed(client, path)
    if broken[1] == CORRUPT:
        assert CORRUPT in page
    else:
        assert "Chưa có dữ liệu." in page and "python -m etl demo" in page  # ui no_warehouse


@pytest.mark.parametrize("endpoint", ["kpis", "wards", "index766"])
def test_the_api_on_a_broken_warehouse_is_a_json_503(
    broken: tuple[Path, str], endpoint: str
) -> None:
    import app

    answer = app.server.test_client().get(f"/api/v1/{endpoint}?{OCTOBER}")
    assert answer.status_code == 503
    assert answer.get_json() == {"error": f"{broken[1]} Vui lòng thử lại sau."}


@pytest.mark.parametrize("path", ["/man-hinh/00004", "/man-hinh/00004/data.json"])
def test_a_hall_screen_on_a_broken_warehouse_waits_for_data(
    broken: tuple[Path, str], path: str
) -> None:
    """The public screen says there is no data yet (the operators' log says why)."""
    import app

    answer = app.server.test_client().get(path)
    assert answer.status_code == 200
    assert "Chưa có dữ liệu" in answer.text


def test_a_page_whose_queries_run_too_long_says_so(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pages._shared.view: the page's content interrupted shows the limit, not a 500 (the
    allow-lists stand in for a loaded warehouse; the slow query is real)."""
    from dash.testing import ignore_register_page

    with ignore_register_page():
        from pages import _shared

    def slow(_selection, _lists):
        with cursor() as cur:
            return cur.execute(SLOW).fetchall()

    monkeypatch.setattr(_shared, "lists", lambda _province=None: _loaded_lists())
    monkeypatch.setenv("MOTCUA_QUERY_TIMEOUT", "0.3")
    answer = _shared.view({}, slow)
    assert answer.selection is None
    assert "Truy vấn quá thời gian cho phép (0,3 giây)." in str(answer.content)


def _loaded_lists():
    from kpi.reference import AllowLists

    return AllowLists({"00004": "Phường Ba Đình"}, ["Đất đai"], {}, {"01": "Hà Nội"}, "01")


def test_the_api_answers_a_query_timeout_with_a_json_503_and_retry_after() -> None:
    import app
    from api.routes import query_timeout

    with app.server.test_request_context("/api/v1/kpis"):
        answer = query_timeout(QueryTimeout(20))
    assert answer.status_code == 503
    assert answer.get_json() == {
        "error": "Truy vấn quá thời gian cho phép (20 giây). Vui lòng thử lại sau."
    }
    assert answer.headers["Retry-After"] == "60"


@pytest.mark.parametrize("path", ["/man-hinh/00004", "/man-hinh/00004/data.json"])
def test_a_hall_screen_answers_a_query_timeout_with_a_503(path: str) -> None:
    import app
    from screen.routes import query_timeout

    with app.server.test_request_context(path):
        answer = query_timeout(QueryTimeout(20))
    assert answer.status_code == 503
    assert "Máy chủ đang bận" in answer.get_data(as_text=True)
    if not path.endswith(".json"):
        assert answer.headers["Refresh"] == "60"  # the error page has no script to retry
