"""National scope (product.md "Scope: any province"): one warehouse holding Hà Nội and Quảng Ninh.

Two hand-built exports go through the real loader; every figure below is worked out by hand.
October 2026, judged at the end of the month (``as_of`` 31/10 23:59):

- Hà Nội, Phường Ba Đình (00004): H1 early, H2 on time (ended on its due day), H3 late, H4
  overdue → to process 4, on-time rate (1 + 1)/4 = 50%, resolved on time 2/3.
  Phường Ngọc Hà (00008): N1 early, N2 in time → 2/2 = 100%.
  Hà Nội: to process 6, early + on time + in time = 2 + 1 + 1 = 4 → 4/6 = 66,67%.
- Quảng Ninh, named by ward name within the file's province column: Phường Hạ Long (06688): Q1
  early, Q2 late, Q3 on time; Q3 is filed under the pre-2025 "Phường Hồng Hà, Thành phố Hạ Long"
  (Hà Nội has a current Phường Hồng Hà, 00097: the old name resolves within its own province) →
  2/3. Phường Bãi Cháy (06673): B1 overdue → 0/1. Quảng Ninh: 2/4 = 50%.
- The country: 6/10 = 60%. Provinces ranked on summed counts: Hà Nội 1 (66,67%), Quảng Ninh 2
  (50%); the mean of ward rates would say 75% and 33%.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from dash.testing import ignore_register_page
from flask import Flask
from flask.testing import FlaskClient

from api import blueprint
from etl.loader import load_files
from kpi.db import cursor
from kpi.metrics import Filters, kpis
from kpi.overview import province_league
from kpi.periods import Period
from tests.grids import grid_texts
from tests.test_overview_page import find, text, tile_value
from ui.sealed import unseal

OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31))
OCTOBER_QUERY = {"from": "2026-10-01", "to": "2026-10-31"}
NOW = datetime(2026, 11, 21, 9, 0)

HA_NOI = """Mã hồ sơ,Mã xã,Lĩnh vực,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả
H1,00004,Hộ tịch,01/10/2026 08:00,05/10/2026,03/10/2026 10:00
H2,00004,Hộ tịch,02/10/2026 09:00,06/10/2026,06/10/2026 15:00
H3,00004,Đất đai,05/10/2026 09:00,07/10/2026,09/10/2026 10:00
H4,00004,Đất đai,20/10/2026 09:00,25/10/2026,
N1,00008,Hộ tịch,10/10/2026 08:00,15/10/2026,12/10/2026 09:00
N2,00008,Chứng thực,28/10/2026 08:00,05/11/2026,
"""
QUANG_NINH = """Mã hồ sơ,Phường/Xã,Quận/Huyện,Tỉnh/Thành phố,Lĩnh vực,Ngày tiếp nhận,Ngày hẹn trả,\
Ngày có kết quả
Q1,Phường Hạ Long,,Tỉnh Quảng Ninh,Hộ tịch,01/10/2026 08:00,03/10/2026,02/10/2026 10:00
Q2,Hạ Long,,Quảng Ninh,Đất đai,02/10/2026 08:00,04/10/2026,06/10/2026 10:00
Q3,Phường Hồng Hà,Thành phố Hạ Long,Tỉnh Quảng Ninh,Hộ tịch,03/10/2026 08:00,06/10/2026,\
06/10/2026 10:00
B1,Phường Bãi Cháy,,Tỉnh Quảng Ninh,Đất đai,05/10/2026 08:00,10/10/2026,
"""


@pytest.fixture(scope="module")
def two_provinces(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Hà Nội's and Quảng Ninh's exports loaded into one warehouse (Quảng Ninh's with
    ``--province 22``, as its own loader run would be)."""
    directory = tmp_path_factory.mktemp("national")
    (directory / "ha_noi.csv").write_text(HA_NOI, encoding="utf-8")
    (directory / "quang_ninh.csv").write_text(QUANG_NINH, encoding="utf-8")
    db = directory / "motcua.duckdb"
    for name, province in (("ha_noi.csv", "01"), ("quang_ninh.csv", "22")):
        result = load_files([directory / name], db=db, province=province)
        assert result.ok, result
        assert [(f.rows_read, f.inserted, f.rejected) for f in result.files] == [
            (f.rows_read, f.rows_read, 0) for f in result.files
        ], result
    return db


@pytest.fixture
def loaded(two_provinces: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The warehouse as ``MOTCUA_DB``, with the configured province Hà Nội (the default)."""
    monkeypatch.setenv("MOTCUA_DB", str(two_provinces))
    monkeypatch.delenv("MOTCUA_PROVINCE", raising=False)
    monkeypatch.setenv("MOTCUA_CONFIG", str(two_provinces.parent / "no-config.toml"))
    yield two_provinces


@pytest.fixture
def client(loaded: Path) -> FlaskClient:
    """A client of a Flask server with the API blueprint on the two-province warehouse."""
    server = Flask(__name__)
    server.register_blueprint(blueprint)
    return server.test_client()


def get(client: FlaskClient, url: str) -> dict[str, Any]:
    """The JSON body of a successful GET."""
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


CLASSES = ("to_process", "early", "on_time", "late", "in_time", "overdue")


def test_every_record_lands_in_its_own_provinces_ward(loaded: Path) -> None:
    with cursor() as cur:
        rows = cur.execute(
            "SELECT d.dossier_id, d.ward_code, w.province_code, d.ward_name_source"
            " FROM dossiers AS d JOIN wards AS w USING (ward_code) ORDER BY 1"
        ).fetchall()
    assert rows == [
        ("B1", "06673", "22", "Phường Bãi Cháy"),
        ("H1", "00004", "01", None),
        ("H2", "00004", "01", None),
        ("H3", "00004", "01", None),
        ("H4", "00004", "01", None),
        ("N1", "00008", "01", None),
        ("N2", "00008", "01", None),
        ("Q1", "06688", "22", "Phường Hạ Long"),
        ("Q2", "06688", "22", "Hạ Long"),
        # the old name of Quảng Ninh's Hồng Hà, not Hà Nội's current Phường Hồng Hà (00097)
        ("Q3", "06688", "22", "Phường Hồng Hà"),
    ]


@pytest.mark.parametrize(
    ("query", "scope", "figures"),
    [
        (
            "ward=06688",
            {"level": "ward", "code": "06688", "name": "Phường Hạ Long",
             "province": {"code": "22", "name": "Tỉnh Quảng Ninh"}},
            (3, 1, 1, 1, 0, 0),
        ),
        (
            "ward=00004",
            {"level": "ward", "code": "00004", "name": "Phường Ba Đình",
             "province": {"code": "01", "name": "Thành phố Hà Nội"}},
            (4, 1, 1, 1, 0, 1),
        ),
        (
            "province=22",
            {"level": "province", "code": "22", "name": "Tỉnh Quảng Ninh"},
            (4, 1, 1, 1, 0, 1),
        ),
        (
            "",  # neither: the configured province
            {"level": "province", "code": "01", "name": "Thành phố Hà Nội"},
            (6, 2, 1, 1, 1, 1),
        ),
        (
            "ward=06673&province=22",
            {"level": "ward", "code": "06673", "name": "Phường Bãi Cháy",
             "province": {"code": "22", "name": "Tỉnh Quảng Ninh"}},
            (1, 0, 0, 0, 0, 1),
        ),
    ],
)  # fmt: skip
def test_api_kpis_answer_for_any_ward_and_any_province(
    client: FlaskClient, query: str, scope: dict[str, Any], figures: tuple
) -> None:
    body = get(client, f"/api/v1/kpis?from=2026-10-01&to=2026-10-31&{query}")
    assert body["ward"] == scope
    assert tuple(body[c] for c in CLASSES) == figures  # public counts are exact (metrics §7)
    assert body["on_time_rate"] == "chưa đủ dữ liệu"  # a rate over fewer than 10 dossiers


def test_api_ward_of_another_province_than_asked_is_a_400_naming_ward(
    client: FlaskClient,
) -> None:
    response = client.get("/api/v1/kpis?from=2026-10-01&to=2026-10-31&ward=06688&province=01")
    assert response.status_code == 400
    assert response.get_json()["parameter"] == "ward"


def test_api_ward_table_and_766_of_a_province_list_its_own_wards(client: FlaskClient) -> None:
    body = get(client, "/api/v1/wards?from=2026-10-01&to=2026-10-31&province=22")
    assert body["province"] == {"code": "22", "name": "Tỉnh Quảng Ninh"}
    rows = {r["ward_code"]: r for r in body["wards"]}
    assert "00004" not in rows
    assert (rows["06688"]["to_process"], rows["06688"]["late"]) == (3, 1)
    assert (rows["06673"]["to_process"], rows["06673"]["overdue"]) == (1, 1)
    index = get(client, "/api/v1/index766?from=2026-10-01&to=2026-10-31&ward=06688")
    assert index["province"] == {"code": "22", "name": "Tỉnh Quảng Ninh"}
    assert [w["ward_code"] for w in index["wards"]] == ["06688"]


def test_provinces_rank_on_summed_counts_never_on_mean_ward_rates(loaded: Path) -> None:
    with cursor() as cur:
        table = province_league(cur, period=OCTOBER, filters=Filters(None), now=NOW)
        country = kpis(cur, periods=[OCTOBER], filters=Filters(None), now=NOW)
    rows = table[["ward_code", "ward_name", "to_process", "on_time_rate", "rank"]]
    assert rows.to_dict("records") == [
        {"ward_code": "01", "ward_name": "Hà Nội", "to_process": 6, "on_time_rate": 4 / 6,
         "rank": 1},
        {"ward_code": "22", "ward_name": "Quảng Ninh", "to_process": 4, "on_time_rate": 2 / 4,
         "rank": 2},
    ]  # fmt: skip
    assert (country["to_process"].item(), country["on_time_rate"].item()) == (10, 6 / 10)
    assert (country["wards_with_data"].item(), country["wards_total"].item()) == (4, 3321)


@pytest.fixture(scope="module")
def pages() -> dict[str, ModuleType]:
    with ignore_register_page():
        return {name: importlib.import_module(f"pages.{name}") for name in ("overview", "ward")}


def test_overview_of_another_province_shows_its_wards_and_totals(
    loaded: Path, pages: dict[str, ModuleType]
) -> None:
    tree = pages["overview"].layout(**OCTOBER_QUERY, province="22")
    assert find(tree, "overview-province").value == "22"
    assert tile_value(tree, "overview-on-time") == "50,00%"
    assert tile_value(tree, "overview-received") == "4"
    league = {row[1] for row in grid_texts(find(tree, "overview-league-grid"))}
    assert {"Phường Hạ Long", "Phường Bãi Cháy"} <= league
    assert "Phường Ba Đình" not in league
    ward_menu = [o["value"] for o in find(tree, "overview-ward").options]
    assert "06688" in ward_menu and "00004" not in ward_menu


def test_national_overview_ranks_the_provinces(loaded: Path, pages: dict[str, ModuleType]) -> None:
    tree = pages["overview"].layout(**OCTOBER_QUERY, province="all")
    assert find(tree, "overview-province").value == "all"
    assert tile_value(tree, "overview-on-time") == "60,00%"
    league = grid_texts(find(tree, "overview-league-grid"))
    assert [row[1] for row in league] == ["Hà Nội", "Quảng Ninh"]
    assert {"66,67%", "50,00%"} <= {cell.split(" ")[0] for row in league for cell in row}
    data = unseal(find(tree, "overview-league-data").data)
    assert data["unit"] == "province"
    assert [r["ward_code"] for r in data["rows"]] == ["01", "22"]


def test_ward_page_of_another_province_compares_with_its_own_province(
    loaded: Path, pages: dict[str, ModuleType]
) -> None:
    tree = pages["ward"].layout(ward_code="06688", **OCTOBER_QUERY)
    assert tile_value(tree, "ward-on-time") == "66,67%"
    assert text(find(tree, "ward-on-time-beside")).endswith("50,00%")  # Quảng Ninh, not Hà Nội
    assert find(tree, "ward-province").value == "22"


def test_unknown_province_in_the_url_is_named_in_the_alert(
    loaded: Path, pages: dict[str, ModuleType]
) -> None:
    tree = pages["overview"].layout(**OCTOBER_QUERY, province="99")
    problems = [n for n in find(tree, "overview-content").children.children[1].children]
    assert [p.__dict__.get("data-parameter") for p in problems] == ["province"]


def test_province_menu_opens_the_province_keeping_period_and_dropping_the_ward() -> None:
    from ui.filters import province_href

    search = "?from=2026-10-01&to=2026-10-31&ward=00004&field=Hộ+tịch"
    assert province_href("/linh-vuc", search, "22") == (
        "/linh-vuc?from=2026-10-01&to=2026-10-31&field=H%E1%BB%99+t%E1%BB%8Bch&province=22"
    )
    assert province_href("/", "?period=last_month&province=22", "01") == "/?period=last_month"
    assert province_href("/", "?period=last_month", "all") == "/?period=last_month&province=all"


def test_the_four_published_figures_come_from_one_warehouse_through_the_cli(
    warehouse: Path, tmp_path: Path
) -> None:
    """metrics.md §8: the four wards' exports (three provinces, each row naming its province)
    loaded by one ``python -m etl load`` into one warehouse; the public API answers each by its
    ward code alone, with no province configured for it."""
    from typer.testing import CliRunner

    from etl.cli import app as cli
    from tests import test_reference_figures as ref

    files = [
        ref.write_csv(tmp_path / "hong_ha_2021.csv", ref.hong_ha_rows()),
        ref.write_csv(
            tmp_path / "ba_dinh.csv",
            ref.ba_dinh_rows(),
            [h for h in ref.HEADERS if h != "Quận/Huyện"],
        ),
        ref.write_xlsx(tmp_path / "phan_dinh_phung.xlsx", ref.phan_dinh_phung_rows(), "NĂM 2024"),
        ref.write_csv(tmp_path / "hang_bai.csv", ref.hang_bai_rows()),
    ]
    result = CliRunner().invoke(cli, ["load", *map(str, files), "--db", str(warehouse)])
    assert result.exit_code == 0, result.output
    server = Flask(__name__)
    server.register_blueprint(blueprint)
    client = server.test_client()
    hong_ha = get(client, "/api/v1/kpis?from=2021-01-01&to=2021-12-31&ward=06688")
    assert (hong_ha["completed"], hong_ha["late"]) == (12_439, 7)
    assert hong_ha["resolved_on_time_rate"] == 12_432 / 12_439  # 99,94%
    ba_dinh = get(client, "/api/v1/kpis?from=2025-07-01&to=2025-07-07&ward=00004")
    assert (ba_dinh["completed"], ba_dinh["resolved_on_time_rate"]) == (439, 1.0)
    pdp = get(client, "/api/v1/kpis?from=2024-01-01&to=2024-12-31&ward=05443")
    assert pdp["ward"]["province"]["code"] == "19"
    assert pdp["online_share"] == 1_450 / 1_500 >= 0.966
    cua_nam = get(client, "/api/v1/kpis?from=2021-07-01&to=2022-02-28&ward=00073")
    assert (cua_nam["received"], cua_nam["no_wait_share"]) == (4_063, 1_824 / 4_063)  # 44,9%
