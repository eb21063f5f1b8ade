"""The hall screen (/man-hinh/<ward_code>): figures, public rules, options, cache, privacy.

The warehouse is built by the real loader from the hand-written files below; the clock is frozen
at 15:00 on Friday 20/11/2026 (``screen.routes.local_now``). Counted by hand for Ba Đình (00004):

- A: 10 received 05/11 online, no-wait, ended 07/11 (due 10/11): early.
- B: 2 received 05/11 in person, ended 12/11 (due 10/11): late.
- C: 3 received 18/11, due 25/11, still in process: in time.
- D: 7 received today 08:00 online, ended today 10:00 (due 27/11): early.
- E: 3 received today 09:00, due 27/11, in process.
- F: 2 received today 09:30, waiting for a first supplement: in time, "chờ bổ sung".
- G: 1 received 17/11, due 19/11, ended today 11:00: late (the newest record: data as of 11:00).

Today: received D+E+F = 12; completed D+G = 8; in process C+E+F = 8; waiting F = 2 (counts are
exact, small ones included: metrics §7).
Month 1–20/11: received 28; on time (early 17 + in time 8) / 28 = 89,2857% → "89,3%"; online
(A+D) 17/28 = 60,714% → "60,7%"; no-wait 10/28 = 35,714% → "35,7%".
Ratings in November: 10 × 5, 1 × 4, 1 × 1 → satisfied 11/12 = 91,67% → "91,7%"; mean 55/12 =
4,583 → "4,6/5"; 12 ratings.

Ngọc Hà (00008): 3 received today (N, M×2), 1 ended today (N), 2 in process (M), 4 ratings:
every count exact, every rate over fewer than 10 cases "chưa đủ dữ liệu". Hoàn Kiếm (00070) has
no record: counts 0, rates "chưa đủ dữ liệu".
"""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from etl.loader import load_files
from kpi.db import cursor
from kpi.public import NOT_ENOUGH
from kpi.screen import province_figures
from screen import routes
from screen.text import figure_text

NOW = datetime(2026, 11, 20, 15, 0)
HEADER = (
    "Mã hồ sơ,Mã xã,Lĩnh vực,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái,"
    "Số lần yêu cầu bổ sung,Không chờ,Họ tên người nộp,Số điện thoại\n"
)
PERSON = "Nguyễn Văn Riêngtư,0987654321"  # personal columns: dropped by the loader


def _rows(prefix: str, n: int, ward: str, rest: str) -> str:
    return "".join(f"{prefix}{i:03d},{ward},{rest},{PERSON}\n" for i in range(n))


DOSSIERS = HEADER + "".join(
    (
        _rows("HSA", 10, "00004", "Hộ tịch,Trực tuyến,05/11/2026 08:00,10/11/2026,"
              "07/11/2026 10:00,Đã trả kết quả,0,Có"),
        _rows("HSB", 2, "00004", "Đất đai,Trực tiếp,05/11/2026 08:00,10/11/2026,"
              "12/11/2026 10:00,Đã trả kết quả,0,Không"),
        _rows("HSC", 3, "00004", "Đất đai,Trực tiếp,18/11/2026 08:00,25/11/2026,,Đang xử lý,0,"
              "Không"),
        _rows("HSD", 7, "00004", "Chứng thực,Trực tuyến,20/11/2026 08:00,27/11/2026,"
              "20/11/2026 10:00,Đã trả kết quả,0,Không"),
        _rows("HSE", 3, "00004", "Hộ tịch,Trực tiếp,20/11/2026 09:00,27/11/2026,,Đang xử lý,0,"
              "Không"),
        _rows("HSF", 2, "00004", "Hộ tịch,Trực tiếp,20/11/2026 09:30,27/11/2026,,"
              "Yêu cầu bổ sung giấy tờ,1,Không"),
        _rows("HSG", 1, "00004", "Xây dựng,Trực tiếp,17/11/2026 08:00,19/11/2026,"
              "20/11/2026 11:00,Đã trả kết quả,0,Không"),
        _rows("HSN", 1, "00008", "Hộ tịch,Trực tiếp,20/11/2026 08:00,27/11/2026,"
              "20/11/2026 09:00,Đã trả kết quả,0,Không"),
        _rows("HSM", 2, "00008", "Hộ tịch,Trực tiếp,20/11/2026 08:30,27/11/2026,,Đang xử lý,0,"
              "Không"),
    )
)  # fmt: skip
COMMENT = "Cán bộ nhiệt tình lắm, gọi tôi 0912345678"
RATINGS = "Mã đánh giá,Mã xã,Thời gian đánh giá,Mức độ hài lòng,Ý kiến\n" + "".join(
    f'DG{i:03d},{ward},19/11/2026 10:00,{score},"{COMMENT}"\n'
    for i, (ward, score) in enumerate(
        [("00004", 5)] * 10 + [("00004", 4), ("00004", 1)] + [("00008", 5)] * 4
    )
)
DOSSIER_IDS = re.compile(r"HS[A-Z]\d{3}|DG\d{3}")
PHONE = re.compile(r"(?<!\d)0\d{9}(?!\d)")
ID_NUMBER = re.compile(r"(?<!\d)\d{12}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")

BA_DINH = {
    "today": {"received": 12, "completed": 8, "in_process": 8, "awaiting_citizen": 2},
    "month": {
        "received": 28,
        "on_time_rate": 25 / 28,
        "online_share": 17 / 28,
        "no_wait_share": 10 / 28,
    },
    "satisfaction": {"ratings": 12, "satisfied_rate": 11 / 12, "mean_rating": 55 / 12},
}
BA_DINH_FIELDS = {
    "today.received": "12",
    "today.completed": "8",
    "today.in_process": "8",
    "today.awaiting_citizen": "2",
    "month.received": "28",
    "month.on_time_rate": "89,3%",
    "month.online_share": "60,7%",
    "month.no_wait_share": "35,7%",
    "satisfaction.satisfied_rate": "91,7%",
    "satisfaction.ratings": "12",
    "satisfaction.mean_rating": "4,6/5",
}


class _Fields(HTMLParser):
    """Collects the text of every ``data-field`` / ``data-text`` element of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self.texts: dict[str, str] = {}
        self.sections: list[str] = []
        self.config: str | None = None
        self._open: tuple[dict[str, str], str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "data-field" in a:
            self._open = (self.fields, a["data-field"])
        elif "data-text" in a:
            self._open = (self.texts, a["data-text"])
        if "data-slide" in a:
            self.sections.append(a["data-slide"])
        if "data-config" in a:
            self.config = a["data-config"]

    def handle_data(self, data: str) -> None:
        if self._open:
            target, key = self._open
            target[key] = target.get(key, "") + data

    def handle_endtag(self, tag: str) -> None:
        self._open = None


def parse(html: str) -> _Fields:
    parser = _Fields()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def built(empty_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The files above, loaded once by the real loader (tests get a copy: :func:`loaded`)."""
    directory = tmp_path_factory.mktemp("screen")
    db = directory / "motcua.duckdb"
    shutil.copyfile(empty_warehouse, db)
    (directory / "ho_so.csv").write_text(DOSSIERS, encoding="utf-8")
    (directory / "danh_gia.csv").write_text(RATINGS, encoding="utf-8")
    result = load_files([directory / "ho_so.csv", directory / "danh_gia.csv"], db=db)
    assert result.ok, result
    return db


@pytest.fixture
def loaded(built: Path, warehouse: Path) -> Path:
    """A fresh copy of the loaded warehouse, set as ``MOTCUA_DB``."""
    shutil.copyfile(built, warehouse)
    return warehouse


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> FlaskClient:
    """A test client of the real app with the clock frozen at :data:`NOW` and a cold cache."""
    import app

    monkeypatch.setattr(routes, "local_now", lambda: NOW)
    routes.figures_cache.clear()
    routes.newest_cache.clear()
    return app.server.test_client()


def test_figures_of_every_ward_are_the_hand_counts(loaded: Path) -> None:
    with cursor(loaded) as cur:
        figures = province_figures(cur, province_code="01", today=NOW.date(), now=NOW)
    assert figures["00004"] == BA_DINH
    assert figures["00008"] == {
        "today": {"received": 3, "completed": 1, "in_process": 2, "awaiting_citizen": 0},
        "month": {
            "received": 3,
            "on_time_rate": NOT_ENOUGH,
            "online_share": NOT_ENOUGH,
            "no_wait_share": NOT_ENOUGH,
        },
        "satisfaction": {
            "ratings": 4,
            "satisfied_rate": NOT_ENOUGH,
            "mean_rating": NOT_ENOUGH,
        },
    }
    assert figures["00070"] == {
        "today": {"received": 0, "completed": 0, "in_process": 0, "awaiting_citizen": 0},
        "month": {
            "received": 0,
            "on_time_rate": NOT_ENOUGH,
            "online_share": NOT_ENOUGH,
            "no_wait_share": NOT_ENOUGH,
        },
        "satisfaction": {"ratings": 0, "satisfied_rate": NOT_ENOUGH, "mean_rating": NOT_ENOUGH},
    }
    assert len(figures) == 126  # one entry per ward of Hà Nội, with or without data


def test_page_shows_the_figures_in_vietnamese(loaded: Path, client: FlaskClient) -> None:
    response = client.get("/man-hinh/00004")
    assert response.status_code == 200
    page = parse(response.get_data(as_text=True))
    assert page.fields == BA_DINH_FIELDS
    assert page.sections == ["today", "month", "satisfaction", "thanks"]
    assert page.texts["ward_name"] == "Phường Ba Đình"
    assert page.texts["slide.today"] == "Hôm nay, 20/11/2026"
    assert page.texts["slide.month"] == "Tháng 11/2026"


def test_refresh_gives_the_same_figures_as_the_page(loaded: Path, client: FlaskClient) -> None:
    page = parse(client.get("/man-hinh/00004").get_data(as_text=True))
    data = client.get("/man-hinh/00004/data.json").get_json()
    assert data["fields"] == page.fields
    assert {k: v for k, v in data["texts"].items() if k in page.texts} == page.texts
    assert data["markers"] == []  # every rate of Ba Đình has 10 cases or more
    assert data["ward"] == {"code": "00004", "name": "Phường Ba Đình"}
    assert data["server_time"] == "2026-11-20T15:00:00"
    assert data["build"] == routes.BUILD


def test_english_screen_uses_english_words_and_number_formats(
    loaded: Path, client: FlaskClient
) -> None:
    data = client.get("/man-hinh/00008/data.json?lang=en").get_json()
    assert data["fields"]["month.on_time_rate"] == "not enough data"
    assert data["fields"]["today.received"] == "3"  # exact, however small
    assert data["markers"] == [
        "month.on_time_rate", "month.online_share", "month.no_wait_share",
        "satisfaction.satisfied_rate", "satisfaction.mean_rating",
    ]  # fmt: skip
    assert data["texts"]["slide.today"] == "Today, 20 Nov 2026"
    page = client.get("/man-hinh/00004?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert parse(page).fields["month.on_time_rate"] == "89.3%"


@pytest.mark.parametrize(
    ("value", "kind", "lang", "text"),
    [
        (12439, "count", "vi", "12.439"),
        (12439, "count", "en", "12,439"),
        (0.99952, "rate", "vi", "99,9%"),  # never rounded up to 100% ...
        (1.0, "rate", "vi", "100,0%"),  # ... unless every case counts
        (0.89285, "rate", "en", "89.3%"),
        (0.00049, "rate", "vi", "0,0%"),
        (55 / 12, "mean", "vi", "4,6/5"),
        (None, "rate", "vi", "—"),
        (3, "count", "vi", "3"),  # a small count is written as it is
        (NOT_ENOUGH, "rate", "vi", "chưa đủ dữ liệu"),
        (NOT_ENOUGH, "mean", "en", "not enough data"),
    ],
)
def test_figure_text(value: object, kind: str, lang: str, text: str) -> None:
    assert figure_text(value, kind, lang) == text


def test_slides_and_intervals_come_from_the_url(
    loaded: Path, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTCUA_SCREEN_MIN_REFRESH", "30")
    page = parse(
        client.get("/man-hinh/00004?slides=month,thanks&refresh=5&rotate=8").get_data(as_text=True)
    )
    assert page.sections == ["month", "thanks"]
    config = __import__("json").loads(page.config or "")
    # a refresh faster than the server's floor is served at the floor, not refused
    assert (config["refresh"], config["rotate"]) == (30, 8)
    assert config["data_url"] == "/man-hinh/00004/data.json?lang=vi"
    default = __import__("json").loads(parse(client.get("/man-hinh/00004").text).config or "")
    assert (default["refresh"], default["rotate"]) == (60, 15)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("?refresh=abc", "refresh"),
        ("?refresh=0", "refresh"),
        ("?rotate=99999", "rotate"),
        ("?slides=today,ads", "slides"),
        ("?slides=today,today", "slides"),
        ("?lang=fr", "lang"),
        ("?stale=-1", "stale"),
        ("?color=red", "color"),
    ],
)
def test_bad_options_are_refused_naming_the_option(
    loaded: Path, client: FlaskClient, query: str, parameter: str
) -> None:
    page = client.get("/man-hinh/00004" + query)
    assert page.status_code == 400
    assert parameter in page.get_data(as_text=True)
    data = client.get("/man-hinh/00004/data.json" + query)
    assert (data.status_code, data.get_json()["parameter"]) == (400, parameter)


@pytest.mark.parametrize("code", ["99999", "4", "00004x", "abcde"])
def test_unknown_ward_is_404(loaded: Path, client: FlaskClient, code: str) -> None:
    assert client.get(f"/man-hinh/{code}").status_code == 404
    response = client.get(f"/man-hinh/{code}/data.json")
    assert response.status_code == 404
    assert response.get_json()["error"] == f"Không tìm thấy phường, xã mã {code}."


def test_a_screen_installed_before_any_load_waits_and_then_shows_figures(
    warehouse: Path, tmp_path: Path, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "not-yet" / "motcua.duckdb"
    monkeypatch.setenv("MOTCUA_DB", str(missing))
    page = client.get("/man-hinh/00004")
    assert page.status_code == 200
    assert parse(page.text).texts["notice"].startswith("Chưa có dữ liệu")
    waiting = client.get("/man-hinh/00004/data.json").get_json()
    assert waiting["fields"]["today.received"] == "—"
    assert waiting["stale"] is True
    (tmp_path / "ho_so.csv").write_text(DOSSIERS, encoding="utf-8")
    assert load_files([tmp_path / "ho_so.csv"], db=missing).ok
    data = client.get("/man-hinh/00004/data.json").get_json()
    assert data["fields"]["today.received"] == "12"
    assert data["texts"]["notice"] == ""


def test_stale_data_is_flagged_after_the_configured_age(
    loaded: Path, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTCUA_STALE_WORKING_DAYS", "100000")  # the records' age aside
    with cursor(loaded) as cur:
        loaded_at = cur.execute("SELECT max(finished_at) FROM etl_runs").fetchone()[0]
    monkeypatch.setattr(routes, "local_now", lambda: loaded_at + timedelta(minutes=119))
    fresh = client.get("/man-hinh/00004/data.json").get_json()
    assert fresh["stale"] is False
    # the time alone on the day of the load; with its date once the clock passed midnight
    same_day = (loaded_at + timedelta(minutes=119)).date() == loaded_at.date()
    moment = f"{loaded_at:%H:%M}" if same_day else f"{loaded_at:%H:%M %d/%m/%Y}"
    assert fresh["texts"]["updated"] == f"Cập nhật lúc {moment}"
    monkeypatch.setattr(routes, "local_now", lambda: loaded_at + timedelta(minutes=121))
    stale = client.get("/man-hinh/00004/data.json").get_json()
    assert stale["stale"] is True
    assert stale["texts"]["stale"].startswith(f"Số liệu chưa được cập nhật từ {loaded_at:%H:%M}")
    assert client.get("/man-hinh/00004/data.json?stale=180").get_json()["stale"] is False
    assert 'class="mc-screen is-stale"' in client.get("/man-hinh/00004").text


def test_a_screen_says_so_when_the_newest_record_is_older_than_the_working_day_limit(
    loaded: Path, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loads may keep running while a ward's records stop arriving: the screen then says the
    data is stale once the newest record is more than MOTCUA_STALE_WORKING_DAYS (2) working days
    old. The newest record is of Friday 20/11/2026; neither the weekend nor Tuesday 24/11
    (Ngày Văn hóa Việt Nam, a public holiday from 2026) counts."""
    with cursor(loaded) as cur:
        newest = cur.execute(
            "SELECT max(greatest(received_at, ended_at, returned_at)) FROM dossiers"
        ).fetchone()[0]
    assert newest.date() == date(2026, 11, 20) and newest.weekday() == 4
    for now, stale in (
        (datetime(2026, 11, 23, 9, 0), False),  # Monday: 1 working day
        (datetime(2026, 11, 24, 17, 0), False),  # Tuesday, a holiday: still 1
        (datetime(2026, 11, 25, 17, 0), False),  # Wednesday: 2
        (datetime(2026, 11, 26, 8, 0), True),  # Thursday: 3
    ):
        monkeypatch.setattr(routes, "local_now", lambda now=now: now)
        data = client.get("/man-hinh/00004/data.json").get_json()
        assert data["stale"] is stale, now
    assert (
        data["texts"]["stale"]
        == f"Dữ liệu chưa được cập nhật: hồ sơ mới nhất lúc {newest:%H:%M %d/%m/%Y}"
    )
    monkeypatch.setenv("MOTCUA_STALE_WORKING_DAYS", "3")
    assert client.get("/man-hinh/00004/data.json").get_json()["stale"] is False


def test_every_screen_of_a_province_shares_one_computation_per_data_version(
    loaded: Path, client: FlaskClient, tmp_path: Path
) -> None:
    for _ in range(20):
        for code in ("00004", "00008", "00070"):
            assert client.get(f"/man-hinh/{code}/data.json").status_code == 200
    assert (routes.figures_cache.misses, routes.figures_cache.hits) == (1, 59)
    more = HEADER + _rows("HSX", 5, "00004", "Hộ tịch,Trực tiếp,20/11/2026 08:15,27/11/2026,,"
                                            "Đang xử lý,0,Không")  # fmt: skip
    (tmp_path / "them.csv").write_text(more, encoding="utf-8")
    assert load_files([tmp_path / "them.csv"], db=loaded).ok
    data = client.get("/man-hinh/00004/data.json").get_json()
    assert routes.figures_cache.misses == 2  # a new data version: computed again, once
    assert (data["fields"]["today.received"], data["fields"]["today.in_process"]) == ("17", "13")


def test_no_response_carries_ids_comments_or_personal_data(
    loaded: Path, client: FlaskClient
) -> None:
    urls = [
        f"/man-hinh/{code}{suffix}{query}"
        for code in ("00004", "00008", "00070", "99999")
        for suffix in ("", "/data.json")
        for query in ("", "?lang=en", "?slides=thanks", "?refresh=x")
    ]
    assert len(urls) == 32
    for url in urls:
        text = client.get(url).get_data(as_text=True)
        assert not DOSSIER_IDS.search(text), url
        assert not PHONE.search(text), url
        assert not ID_NUMBER.search(text), url
        assert not EMAIL.search(text), url
        assert "nhiệt tình" not in text and "Riêngtư" not in text, url


def test_only_reads_are_served_with_strict_headers(loaded: Path, client: FlaskClient) -> None:
    assert client.post("/man-hinh/00004").status_code == 405
    assert client.post("/man-hinh/00004/data.json").status_code == 405
    page = client.get("/man-hinh/00004")
    csp = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "http" not in csp  # no other origin, ever
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get("/man-hinh/00004/data.json").headers["Cache-Control"] == "no-store"
    html = page.get_data(as_text=True)
    assert not re.search(r"(src|href)=\"(https?:)?//", html)  # every asset from the app itself
    script = client.get(re.search(r'src="([^"]+screen\.js[^"]*)"', html).group(1))
    assert script.status_code == 200 and b"XMLHttpRequest" in script.data


def test_thank_you_slide_shows_configured_contact_lines(
    loaded: Path, client: FlaskClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    contacts = tmp_path / "screen.toml"
    contacts.write_text(
        '[default]\nhours = "Thứ Hai – Thứ Sáu 7:30–17:00"\n'
        '[wards."00004"]\nhotline = "024 0000 0000"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(routes, "CONTACTS_FILE", contacts)
    ba_dinh = client.get("/man-hinh/00004?slides=thanks").text
    assert "Giờ làm việc: Thứ Hai – Thứ Sáu 7:30–17:00" in ba_dinh
    assert "Đường dây nóng: 024 0000 0000" in ba_dinh
    ngoc_ha = client.get("/man-hinh/00008?slides=thanks").text
    assert "Giờ làm việc" in ngoc_ha and "Đường dây nóng" not in ngoc_ha
    assert parse(ba_dinh).texts["thanks.line"] == "Cảm ơn quý khách đã đến Phường Ba Đình."


def test_today_is_the_clock_day(loaded: Path, client: FlaskClient) -> None:
    assert NOW.date() == date(2026, 11, 20)
    later = client.get("/man-hinh/00004/data.json").get_json()
    assert later["texts"]["slide.satisfaction"] == "Mức độ hài lòng tháng 11/2026"


def test_etl_wards_lists_every_ward_with_its_screen_address(empty_warehouse: Path) -> None:
    from typer.testing import CliRunner

    from etl.cli import app as cli

    runner = CliRunner()
    result = runner.invoke(
        cli, ["wards", "--db", str(empty_warehouse), "--base-url", "http://10.0.0.5:8050/"]
    )
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "/man-hinh/" in line]
    assert len(lines) == 126  # Hà Nội's wards, one screen address each
    assert any("00004" in x and "Phường Ba Đình" in x and "10.0.0.5:8050/man-hinh/00004" in x
               for x in lines)  # fmt: skip
    unknown = runner.invoke(cli, ["wards", "--db", str(empty_warehouse), "--province", "99"])
    assert unknown.exit_code == 1
