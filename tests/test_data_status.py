"""The data page (``/du-lieu``: kpi/data_status.py, ui/data_status.py, pages/data_status.py) and
its upload (etl/upload.py), on warehouses built by the real loader from
``tests/data_status_fixture.py`` (the expected values are counted there, by hand).

Functions and layouts are called as functions; the access rules and the upload's callback go
through the real app (``app.server``) signed in through the real form (tests/signin.py).
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import io
import re
import shutil
import threading
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import duckdb
import openpyxl
import pytest
from dash.testing import ignore_register_page

from etl.upload import BUSY, Jobs, UploadRefused, decode, safe_name
from etl.warehouse import writer_lock
from kpi.data_status import coverage, load_history, reject_choices, rejects
from kpi.db import cursor
from kpi.periods import Period
from tests.access_fixture import as_text, callback_body, download_text, router_body
from tests.data_status_fixture import (
    BA_DINH,
    BA_DINH_FILE,
    CUA_NAM,
    ENDED_BEFORE,
    FEB_2026,
    ID_NUMBER,
    MALFORMED,
    NGOC_HA,
    PERSON,
    build,
)
from tests.signin import post_callback, user_client
from tests.test_overview_page import find, inline_text, run_callback, text

OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31))
OCTOBER_QUERY = {"from": "2026-10-01", "to": "2026-10-31"}
SEARCH = "?from=2026-10-01&to=2026-10-31"
REJECTED = [
    (4, "ho_so_ngoc_ha.csv", 4, "Ngày tiếp nhận", "hôm qua", MALFORMED),
    (1, "ho_so_ba_dinh.csv", 3, "Ngày tiếp nhận", "31/02/2026", FEB_2026),
    (1, "ho_so_ba_dinh.csv", 6, "Ngày có kết quả", "29/10/2026 09:00", ENDED_BEFORE),
]


@pytest.fixture(scope="module")
def built(empty_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("data-status")
    db = directory / "motcua.duckdb"
    shutil.copyfile(empty_warehouse, db)
    build(directory, db)
    return db


@pytest.fixture
def loaded(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_settings: None):
    """A fresh copy of the built warehouse, as ``MOTCUA_DB`` (a test may load into it)."""
    db = tmp_path / "wh" / "motcua.duckdb"
    db.parent.mkdir()
    shutil.copyfile(built, db)
    monkeypatch.setenv("MOTCUA_DB", str(db))
    return db


@pytest.fixture(scope="module")
def page() -> ModuleType:
    with ignore_register_page():
        return importlib.import_module("pages.data_status")


def fetch(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def data_url(text: str, mime: str = "text/csv") -> str:
    """A file as ``dcc.Upload`` hands it to a callback."""
    return f"data:{mime};base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")


# --- the questions ---------------------------------------------------------------------------


def test_load_history_lists_every_file_of_every_run_newest_first(loaded: Path) -> None:
    with cursor() as cur:
        history = load_history(cur)
    got = history[
        ["run_id", "file", "kind", "rows_read", "rows_inserted", "rows_updated",
         "rows_unchanged", "rows_rejected", "status"]
    ].values.tolist()  # fmt: skip
    assert got == [
        [5, "ho_so_cua_nam.csv", "dossiers", 2, 2, 0, 0, 0, "ok"],
        [4, "ho_so_ngoc_ha.csv", "dossiers", 3, 2, 0, 0, 1, "ok"],
        [3, "sai_ngay.csv", "dossiers", 4, 0, 0, 0, 3, "refused"],
        [2, "ho_so_bo_sung.csv", "dossiers", 0, 0, 0, 0, 0, "skipped"],
        [1, "ho_so_ba_dinh.csv", "dossiers", 5, 3, 0, 0, 2, "ok"],
    ]
    assert history["message"].tolist() == [
        "2 dòng",
        "3 dòng",
        f"sai_ngay.csv: 3/4 dòng bị loại (quá 50%); lý do chính: {FEB_2026}",
        "không nạp vì tệp sai_ngay.csv bị từ chối",
        "5 dòng",
    ]
    first = hashlib.sha256(BA_DINH_FILE.encode("utf-8")).hexdigest()
    assert history["sha256"].iloc[-1] == first
    assert history["sha256_short"].iloc[-1] == first[:12]
    # the duration is the batch's: its files share it, and it is finished − started
    spans = (history["finished_at"] - history["started_at"]).dt.total_seconds()
    assert history["duration_seconds"].tolist() == pytest.approx(spans.tolist())
    assert (history["duration_seconds"] >= 0).all()
    assert history["duration_seconds"].iloc[0] == history["duration_seconds"].iloc[1]
    # the server's path (a temporary directory) is never shown
    assert not history["file"].str.contains("/").any()
    with cursor() as cur:
        assert load_history(cur, limit=2)["run_id"].tolist() == [5, 4]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, REJECTED),
        ({"run_id": 1}, REJECTED[1:]),
        ({"run_id": 3}, []),  # a refused file's rows are not stored: its message says why
        ({"reason": FEB_2026}, REJECTED[1:2]),
        ({"column": "Ngày tiếp nhận"}, REJECTED[:2]),
        ({"run_id": 1, "column": "Ngày tiếp nhận"}, REJECTED[1:2]),
        ({"reason": "'; DROP TABLE etl_rejects; --"}, []),  # bound, never spliced
    ],
)
def test_rejected_rows_with_line_column_value_reason_by_filter(
    loaded: Path, filters: dict[str, Any], expected: list[tuple]
) -> None:
    with cursor() as cur:
        found = rejects(cur, **filters)
    assert [tuple(r) for r in found.rows.values.tolist()] == expected
    assert found.matching == len(expected)


def test_the_page_shows_a_bounded_number_of_rejects_and_counts_them_all(loaded: Path) -> None:
    with cursor() as cur:
        found = rejects(cur, limit=1)
    assert found.matching == 3 and len(found.rows) == 1


def test_the_reject_filters_offer_what_the_rows_have(loaded: Path) -> None:
    with cursor() as cur:
        choices = reject_choices(cur)
    assert choices.runs == {4: ("ho_so_ngoc_ha.csv", 1), 1: ("ho_so_ba_dinh.csv", 2)}
    assert choices.columns == {"Ngày tiếp nhận": 2, "Ngày có kết quả": 1}
    assert choices.reasons == {ENDED_BEFORE: 1, MALFORMED: 1, FEB_2026: 1}


def test_personal_data_columns_reach_neither_the_rejects_nor_the_page(
    loaded: Path, page: ModuleType
) -> None:
    stored = fetch(loaded, "SELECT * FROM etl_rejects")
    assert not [row for row in stored if PERSON in str(row) or ID_NUMBER in str(row)]
    assert fetch(loaded, "SELECT dropped_columns FROM etl_runs WHERE run_id = 1") == [
        (["Họ tên người nộp", "Số CCCD"],)
    ]
    shown = str(page.layout(**OCTOBER_QUERY).to_plotly_json())
    assert PERSON not in shown and ID_NUMBER not in shown


@pytest.mark.parametrize(("days", "stopped"), [(5, [BA_DINH]), (6, [BA_DINH]), (7, [])])
def test_a_ward_silent_for_n_working_days_has_stopped(
    loaded: Path, days: int, stopped: list[str]
) -> None:
    """Ba Đình's newest dossier is Thursday 29/10; the newest data Friday 06/11: 6 working days
    (30/10, 2–6/11) without a new dossier."""
    with cursor() as cur:
        cov = coverage(cur, period=OCTOBER, province_code="01", stopped_days=days)
    assert cov.stopped["ward_code"].tolist() == stopped
    assert str(cov.data_as_of) == "2026-11-06 10:00:00"
    rows = cov.wards.set_index("ward_code")
    assert rows.loc[BA_DINH, "working_days_silent"] == 6
    assert rows.loc[NGOC_HA, "working_days_silent"] == 0
    assert rows.loc[CUA_NAM, "working_days_silent"] == 1


def test_coverage_lists_the_wards_without_data_this_period(
    loaded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTCUA_STOPPED_WORKING_DAYS", "5")
    with cursor() as cur:
        cov = coverage(cur, period=OCTOBER, province_code="01")
    assert cov.stopped_days == 5
    rows = cov.wards.set_index("ward_code")
    assert len(rows) == 126  # every ward of Hà Nội
    # received in October (Cửa Nam's one October dossier was refused at the counter: not received)
    assert rows.loc[[BA_DINH, NGOC_HA, CUA_NAM], "received"].tolist() == [3, 1, 0]
    assert str(rows.loc[BA_DINH, "last_received"]) == "2026-10-29 10:00:00"
    assert str(rows.loc[CUA_NAM, "last_received"]) == "2026-11-05 09:00:00"
    no_data = set(cov.no_data["ward_code"])
    assert CUA_NAM in no_data and BA_DINH not in no_data and NGOC_HA not in no_data
    assert len(no_data) == 124 and cov.with_data == 2
    assert NGOC_HA not in set(cov.stopped["ward_code"])  # recent data: in neither list
    never = cov.wards[cov.wards["last_received"].isna()]
    assert len(never) == 123 and not never["stopped"].any()  # never had data: not "stopped"
    assert cov.wards["ward_code"].iloc[0] == BA_DINH  # stopped first


def test_the_stopped_setting_is_checked() -> None:
    from kpi.config import settings

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MOTCUA_STOPPED_WORKING_DAYS", "0")
        with pytest.raises(ValueError, match="MOTCUA_STOPPED_WORKING_DAYS"):
            settings()
        mp.setenv("MOTCUA_STOPPED_WORKING_DAYS", "3")
        mp.setenv("MOTCUA_UPLOAD_MAX_MB", "7")
        assert (settings().stopped_working_days, settings().upload_max_mb) == (3, 7)


# --- the page ----------------------------------------------------------------------------------


def test_the_page_shows_coverage_history_rejects_and_for_admins_the_upload(
    loaded: Path, page: ModuleType
) -> None:
    tree = page.layout(**OCTOBER_QUERY)  # outside a request: the trusted reader (admin)
    assert text(find(tree, "data-coverage-line")) == (
        "Dữ liệu đến 10:00 06/11/2026 · 2/126 phường, xã có hồ sơ tiếp nhận trong kỳ · "
        "Kỳ: 01/10/2026 – 31/10/2026"
    )
    stopped = find(tree, "data-stopped")
    assert inline_text(stopped) == (
        "Phường Ba Đình: hồ sơ mới nhất lúc 10:00 29/10/2026, 6 ngày làm việc không có hồ sơ mới"
    )
    assert "Phường Cửa Nam" in text(find(tree, "data-no-data"))
    history = text(find(tree, "data-history-table"))
    assert "ho_so_ba_dinh.csv" in history and "Bị từ chối" in history and "Bỏ qua" in history
    rejected = text(find(tree, "data-rejects-table"))
    assert "31/02/2026" in rejected and FEB_2026 in rejected
    assert "Dòng bị loại: 3/3 dòng." in rejected
    form = find(tree, "upload-file")
    assert form.max_size == 50_000_000 and form.accept == ".csv,.xlsx,.parquet,.json,.jsonl"


def test_the_rejects_menus_filter_the_table(loaded: Path, page: ModuleType) -> None:
    table = page.filter_rejects("1", "all", "Ngày có kết quả")
    assert "29/10/2026 09:00" in text(table) and "31/02/2026" not in text(table)
    assert "Dòng bị loại: 1/1 dòng." in text(table)
    assert "Không có dòng bị loại nào." in text(page.filter_rejects("not-a-run", "x", "all"))


def test_the_exports_hold_every_table_in_full(loaded: Path, page: ModuleType) -> None:
    answer = run_callback(page.export, "data-export-xlsx.n_clicks", 1, None, SEARCH)
    book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(answer["content"])))
    assert book.sheetnames == ["Thông tin", "Độ phủ", "Lịch sử nạp", "Dòng bị loại"]
    coverage_rows = list(book["Độ phủ"].iter_rows(min_row=3, values_only=True))
    assert coverage_rows[0] == ("Mã phường, xã", "Phường, xã", "Hồ sơ mới nhất",
                                "Tiếp nhận trong kỳ", "Ngày làm việc không có hồ sơ mới",
                                "Tình trạng")  # fmt: skip
    assert coverage_rows[1][:2] == ("00004", "Phường Ba Đình")
    assert coverage_rows[1][3:] == (3, 6, "Ngừng gửi dữ liệu")
    assert len(coverage_rows) == 1 + 126
    history = list(book["Lịch sử nạp"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in history[1:]] == [5, 4, 3, 2, 1]
    assert history[-1][3] == "ho_so_ba_dinh.csv" and history[-1][6:12] == (5, 3, 0, 0, 2, "Đã nạp")
    rejected = list(book["Dòng bị loại"].iter_rows(min_row=3, values_only=True))
    assert rejected[0] == ("Lần nạp", "Tệp", "Dòng", "Cột", "Giá trị", "Lý do")
    assert rejected[1:] == REJECTED
    # the rejects' own export, as the menus choose, in CSV
    answer = run_callback(page.export_rejects, "data-rejects-export-csv.n_clicks", None, 1,
                          SEARCH, "1", FEB_2026, "all")  # fmt: skip
    assert answer["filename"] == "motcua-du-lieu-dong-bi-loai-2026-10-01-2026-10-31.csv"
    csv_text = base64.b64decode(answer["content"]).decode("utf-8-sig")
    assert csv_text.splitlines() == [
        "Lần nạp,Tệp,Dòng,Cột,Giá trị,Lý do",
        f"1,ho_so_ba_dinh.csv,3,Ngày tiếp nhận,31/02/2026,{FEB_2026}",
    ]
    answer = run_callback(page.export, "data-export-csv.n_clicks", None, 1, SEARCH)
    with zipfile.ZipFile(io.BytesIO(base64.b64decode(answer["content"]))) as archive:
        assert archive.namelist() == ["01-do-phu.csv", "02-lich-su-nap.csv", "03-dong-bi-loai.csv"]


def test_the_page_reads_in_english(loaded: Path, page: ModuleType) -> None:
    from tests.test_english import fixture_data, in_english, untranslated

    shown = in_english(
        lambda: [
            page.layout(**OCTOBER_QUERY),
            page.layout(**{"from": "2020-01-01", "to": "2020-01-31"}),
            page.filter_rejects("1", "all", "all"),
        ]
    )
    with cursor() as cur:  # the loader's own words are data: messages, reasons, values
        words = set(load_history(cur)["message"]) | {r[5] for r in REJECTED}
        words |= {r[4] for r in REJECTED} | {r[3] for r in REJECTED}
    assert untranslated(shown, fixture_data(loaded) | words) == []


# --- the upload job ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("ho_so.csv", "ho_so.csv"),
        ("../../etc/ho so (1).CSV", "ho so (1).csv"),  # the extension in lower case
        ("C:\\Users\\van\\Hồ sơ tháng 10.xlsx", "Hồ sơ tháng 10.xlsx"),
        (".an.csv", "an.csv"),
        ("a;rm -rf *.csv", "a_rm -rf _.csv"),
    ],
)
def test_an_uploaded_file_keeps_a_safe_base_name(name: str, safe: str) -> None:
    assert safe_name(name) == safe


@pytest.mark.parametrize("name", ["script.sh", "ho_so", None, "ho_so.csv.exe"])
def test_a_file_the_loader_cannot_read_is_refused_by_its_name(name: str | None) -> None:
    with pytest.raises(
        UploadRefused, match=re.escape("chỉ nhận .csv, .xlsx, .parquet, .json, .jsonl")
    ):
        safe_name(name)


def test_a_file_over_the_size_limit_is_refused_with_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MOTCUA_UPLOAD_MAX_MB", "1")
    assert decode(data_url("a" * 1_000_000)) == b"a" * 1_000_000
    for size in (1_000_001, 3_000_000):
        with pytest.raises(UploadRefused, match="lớn hơn giới hạn 1 MB"):
            decode(data_url("a" * size))
    with pytest.raises(UploadRefused, match="Không đọc được"):
        decode("không phải base64")


def _held_at(step: str) -> tuple[Jobs, threading.Event, threading.Event]:
    """Jobs whose load stops at ``step`` until released: (jobs, reached, release)."""
    reached, release = threading.Event(), threading.Event()

    def observe(_source: str, at: str) -> None:
        if at == step:
            reached.set()
            assert release.wait(60)

    return Jobs(observe=observe), reached, release


NEW_FILE = BA_DINH_FILE.replace("B0", "D0")  # five more rows, three of them good


def test_readers_keep_answering_during_a_load_and_a_second_upload_is_refused(
    loaded: Path,
) -> None:
    jobs, reached, release = _held_at("ghi vào kho")
    job = jobs.start("ho_so_moi.csv", data_url(NEW_FILE))
    try:
        assert reached.wait(60)
        assert jobs.current().running and jobs.current().step == "ho_so_moi.csv · ghi vào kho"
        with cursor() as cur:  # the old version answers, whole, while the new one is built
            assert load_history(cur)["run_id"].max() == 5
            assert (
                coverage(cur, period=OCTOBER, province_code="01")
                .wards.set_index("ward_code")
                .loc[BA_DINH, "received"]
                == 3
            )
        with pytest.raises(UploadRefused, match=re.escape("Đang nạp tệp ho_so_moi.csv: chờ")):
            jobs.start("khac.csv", data_url(NEW_FILE))
    finally:
        release.set()
    done = jobs.wait(60)
    assert done.job_id == job.job_id and done.state == "done" and done.result.ok
    (file,) = done.result.files
    assert (file.rows_read, file.inserted, file.rejected) == (5, 3, 2)
    with cursor() as cur:
        history = load_history(cur)
        assert history["run_id"].max() == 6 and history["file"].iloc[0] == "ho_so_moi.csv"
        assert (
            coverage(cur, period=OCTOBER, province_code="01")
            .wards.set_index("ward_code")
            .loc[BA_DINH, "received"]
            == 6
        )


def test_an_upload_while_another_process_loads_is_refused_clearly(loaded: Path) -> None:
    jobs = Jobs()
    with writer_lock(loaded):  # the command line, or another worker, is loading
        jobs.start("ho_so_moi.csv", data_url(NEW_FILE))
        done = jobs.wait(60)
    assert done.state == "failed" and done.error == BUSY
    assert fetch(loaded, "SELECT max(run_id) FROM etl_runs") == [(5,)]


# --- through the server: the access rules and the upload callback ------------------------------


@pytest.fixture
def server(loaded: Path):
    import app

    app.server.test_client().get("/phuong-phap")  # registers the pages' callbacks
    return app


def _upload_key(app_module: Any) -> str:
    return next(k for k in app_module.app.callback_map if "upload-status.children" in k)


def _upload_body(app_module: Any, contents: str, name: str = "ho_so_moi.csv") -> dict[str, Any]:
    return callback_body(app_module.app, _upload_key(app_module), {0: contents, 2: name})


@pytest.mark.parametrize("role", ["evaluator", "city", "ward"])
def test_a_non_admin_posting_the_upload_callback_is_refused(
    server: Any, loaded: Path, role: str
) -> None:
    client = user_client(server.server, role, wards=("00004",) if role == "ward" else (),
                         province="01" if role == "city" else None)  # fmt: skip
    answer = post_callback(client, _upload_body(server, data_url(NEW_FILE)))
    assert answer.status_code == 403
    big = data_url("x" * 400_000)  # over the body limit of everyone but an admin
    assert post_callback(client, _upload_body(server, big)).status_code == 413
    assert fetch(loaded, "SELECT max(run_id) FROM etl_runs") == [(5,)]  # nothing loaded


def test_an_admin_uploads_and_the_poll_gives_the_clis_summary(server: Any, loaded: Path) -> None:
    from etl.upload import JOBS

    client = user_client(server.server, "admin")
    answer = post_callback(client, _upload_body(server, data_url(NEW_FILE)))
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    started = answer.get_json()["response"]
    assert started["upload-poll"] == {"disabled": False}
    assert started["upload-file"] == {"contents": None}  # the same file again is a new upload
    JOBS.wait(60)
    poll = callback_body(server.app, _upload_key(server), {1: 3, 2: "ho_so_moi.csv"})
    poll["changedPropIds"] = ["upload-poll.n_intervals"]
    shown = post_callback(client, poll)
    body = as_text(shown)
    assert "Đã nạp ho_so_moi.csv." in body
    assert f"• ho_so_moi.csv: 1 dòng: {FEB_2026} — dòng 3 (Ngày tiếp nhận = '31/02/2026')" in body
    assert shown.get_json()["response"]["upload-done"]["data"] == JOBS.current().job_id
    assert fetch(loaded, "SELECT count(*) FROM dossiers") == [(10,)]  # 3 + 2 + 2 + 3 new


def test_the_page_is_closed_to_ward_users_and_hides_values_from_evaluators(
    server: Any, loaded: Path
) -> None:
    ward = user_client(server.server, "ward", wards=(BA_DINH,))
    assert ward.get("/du-lieu").status_code == 403
    shown = {}
    for role in ("evaluator", "city", "admin"):
        client = user_client(server.server, role, province="01" if role == "city" else None)
        answer = post_callback(client, router_body(server.app, "/du-lieu", SEARCH))
        assert answer.status_code == 200
        shown[role] = as_text(answer)
        key = next(k for k in server.app.callback_map if k.startswith("data-download"))
        export = post_callback(client, callback_body(server.app, key, {0: 1, 2: SEARCH}))
        shown[role + "-export"] = download_text(export.get_json())
    assert "31/02/2026" not in shown["evaluator"] and "(ẩn)" in shown["evaluator"]
    assert "31/02/2026" not in shown["evaluator-export"]
    assert "31/02/2026" in shown["city"] and "31/02/2026" in shown["city-export"]
    assert "upload-file" not in shown["evaluator"] and "upload-file" not in shown["city"]
    assert "upload-file" in shown["admin"]


@pytest.fixture(autouse=True)
def _no_job_left(request: pytest.FixtureRequest) -> Iterator[None]:
    """The process's upload job ends before the next test copies its warehouse."""
    yield
    from etl.upload import JOBS

    JOBS.wait(60)
