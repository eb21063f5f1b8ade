"""The public API (api/, data-contract §5) over a warehouse built by the real loader.

The files below are hand-written; each dossier's comment says which class of metrics.md §2 it
falls in for October 2025 (Wednesday 01/10 … Friday 31/10, 23 working days, no holiday), and the
expected answers are counted by hand from those comments and then put through the public rules
of metrics.md §7 by hand: counts are exact, small ones included; a rate whose denominator is
below 10, or which has no data, is "chưa đủ dữ liệu"; in the ward table (a ranking by on-time
rate) such wards follow the ranked ones with rank null.

Ba Đình (00004) has 17 dossiers to process in October, Ngọc Hà (00008) 3.
Ba Đình's dossiers:
- received in October: A01–A05 early, A06–A08 on time, A09–A10 late (Đất đai, liên thông),
  A11–A12 open and due 10/11 (in time);
- carried over from September: A13 early, A17 on time, A14 and A18 open past due (overdue),
  A19 open, due 05/11 (in time);
- not counted: A15 (November; its end at 10:00 04/11 is the newest data), A16 (refused).
Ngọc Hà's: B01, B02 early, B03 on time.
Channels of the 15 received: online A01 A02 A07 A11 B01 (5; full A01 A07 B01), postal A05 (1),
direct the other 9. Digitised: A01–A08, A11, B01 (10 of 15). Không chờ: A03 A04 A06 (3 of 15).
Ratings: Ba Đình 11 (5,5,5,4,4,4,4,3,2,5,4: 9 satisfied), Ngọc Hà 2 (5 and 1, on B02 which was
early: a complaint about a dossier that was not late, for the 766 satisfaction).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api import blueprint, catalog
from api.estimate import score
from api.payload import COUNTS, RATES, SUPPRESSION, ward_rows
from etl.loader import load_files
from kpi.db import cursor
from kpi.index766 import estimate, load_methodology
from kpi.metrics import Filters, records
from kpi.periods import Period

NE = "chưa đủ dữ liệu"  # written out: the expected values do not come from the code under test

HEADER = (
    "Mã hồ sơ,Mã xã,Họ và tên,Số điện thoại,Số CCCD,Lĩnh vực,Kênh nộp,Mức độ,Ngày tiếp nhận,"
    "Ngày hẹn trả,Ngày có kết quả,Trạng thái,Liên thông,Số hóa,Không chờ\n"
)
PERSON = "Nguyễn Thị Bí Mật,0912345678,001099012345"
DOSSIERS = HEADER + "\n".join(
    f"{row[0]},{row[1]},{PERSON},{row[2]}"
    for row in [
        ("SECRET-ID-123", "00004", "Hộ tịch,Trực tuyến,Toàn trình,01/10/2025 08:00,03/10/2025,"
         "02/10/2025 10:00,Đã trả kết quả,Không,Có,Không"),  # early
        ("SECRET-ID-A02", "00004", "Hộ tịch,Trực tuyến,Một phần,01/10/2025 09:00,06/10/2025,"
         "03/10/2025 15:00,Đã trả kết quả,Không,Có,Không"),  # early
        ("SECRET-ID-A03", "00004", "Chứng thực,Trực tiếp,,02/10/2025 08:00,03/10/2025,"
         "02/10/2025 08:30,Đã trả kết quả,Không,Có,Có"),  # early
        ("SECRET-ID-A04", "00004", "Chứng thực,Trực tiếp,,02/10/2025 09:00,03/10/2025,"
         "02/10/2025 09:20,Đã trả kết quả,Không,Có,Có"),  # early
        ("SECRET-ID-A05", "00004", "Hộ tịch,Bưu chính,,06/10/2025 09:00,10/10/2025,"
         "08/10/2025 11:00,Đã trả kết quả,Không,Có,Không"),  # early
        ("SECRET-ID-A06", "00004", "Chứng thực,Trực tiếp,,07/10/2025 08:00,07/10/2025,"
         "07/10/2025 08:15,Đã trả kết quả,Không,Có,Có"),  # on time (the due day itself)
        ("SECRET-ID-A07", "00004", "Hộ tịch,Trực tuyến,Toàn trình,08/10/2025 08:00,13/10/2025,"
         "13/10/2025 16:00,Đã trả kết quả,Không,Có,Không"),  # on time
        ("SECRET-ID-A08", "00004", "Hộ tịch,Trực tiếp,,09/10/2025 08:00,14/10/2025,"
         "14/10/2025 10:00,Đã trả kết quả,Không,Có,Không"),  # on time
        ("SECRET-ID-A09", "00004", "Đất đai,Trực tiếp,,01/10/2025 10:00,15/10/2025,"
         "20/10/2025 10:00,Đã trả kết quả,Có,Không,Không"),  # late
        ("SECRET-ID-A10", "00004", "Đất đai,Trực tiếp,,02/10/2025 10:00,16/10/2025,"
         "22/10/2025 10:00,Đã trả kết quả,Có,Không,Không"),  # late
        ("SECRET-ID-A11", "00004", "Hộ tịch,Trực tuyến,Một phần,28/10/2025 08:00,10/11/2025,,"
         "Đang xử lý,Không,Có,Không"),  # in time
        ("SECRET-ID-A12", "00004", "Đất đai,Trực tiếp,,29/10/2025 08:00,10/11/2025,,"
         "Đang xử lý,Không,Không,Không"),  # in time
        ("SECRET-ID-A13", "00004", "Hộ tịch,Trực tiếp,,29/09/2025 08:00,03/10/2025,"
         "01/10/2025 10:00,Đã trả kết quả,,,"),  # carried over, early
        ("SECRET-ID-A14", "00004", "Đất đai,Trực tiếp,,15/09/2025 08:00,10/10/2025,,"
         "Đang xử lý,,,"),  # carried over, overdue
        ("SECRET-ID-A15", "00004", "Hộ tịch,Trực tiếp,,03/11/2025 09:00,05/11/2025,"
         "04/11/2025 10:00,Đã trả kết quả,Không,Có,Không"),  # November: data as of
        ("SECRET-ID-A16", "00004", "Hộ tịch,Trực tiếp,,07/10/2025 09:00,,,"
         "Không được tiếp nhận,,,"),  # refused: not counted
        ("SECRET-ID-A17", "00004", "Hộ tịch,Trực tiếp,,25/09/2025 08:00,02/10/2025,"
         "02/10/2025 14:00,Đã trả kết quả,,,"),  # carried over, on time
        ("SECRET-ID-A18", "00004", "Đất đai,Trực tiếp,,22/09/2025 08:00,20/10/2025,,"
         "Đang xử lý,,,"),  # carried over, overdue
        ("SECRET-ID-A19", "00004", "Đất đai,Trực tiếp,,20/09/2025 08:00,05/11/2025,,"
         "Đang xử lý,,,"),  # carried over, in time
        ("SECRET-ID-B01", "00008", "Hộ tịch,Trực tuyến,Toàn trình,06/10/2025 08:00,09/10/2025,"
         "07/10/2025 10:00,Đã trả kết quả,Không,Có,Không"),  # early
        ("SECRET-ID-B02", "00008", "Chứng thực,Trực tiếp,,07/10/2025 08:00,08/10/2025,"
         "07/10/2025 10:00,Đã trả kết quả,Không,Không,Không"),  # early
        ("SECRET-ID-B03", "00008", "Hộ tịch,Trực tiếp,,08/10/2025 08:00,10/10/2025,"
         "10/10/2025 10:00,Đã trả kết quả,Không,Không,Không"),  # on time
    ]
)  # fmt: skip

RATINGS = "Mã đánh giá,Mã hồ sơ,Mã xã,Thời gian đánh giá,Mức độ hài lòng,Ý kiến\n" + "\n".join(
    [
        "SECRET-RATING-01,SECRET-ID-123,00004,02/10/2025 11:00,5,Rất tốt - gọi lại 0912 345 678",
        "SECRET-RATING-02,SECRET-ID-A02,00004,03/10/2025 16:00,5,",
        "SECRET-RATING-03,SECRET-ID-A03,00004,02/10/2025 09:00,5,",
        "SECRET-RATING-04,SECRET-ID-A04,00004,02/10/2025 10:00,4,",
        "SECRET-RATING-05,SECRET-ID-A05,00004,08/10/2025 12:00,4,",
        "SECRET-RATING-06,SECRET-ID-A06,00004,07/10/2025 09:00,4,",
        "SECRET-RATING-07,SECRET-ID-A07,00004,14/10/2025 09:00,4,",
        "SECRET-RATING-08,SECRET-ID-A08,00004,14/10/2025 11:00,3,",
        "SECRET-RATING-09,SECRET-ID-A09,00004,21/10/2025 09:00,2,Chậm quá (CCCD 001099012345)",
        "SECRET-RATING-10,SECRET-ID-A10,00004,23/10/2025 09:00,5,",
        "SECRET-RATING-11,SECRET-ID-A13,00004,01/10/2025 11:00,4,",
        "SECRET-RATING-12,SECRET-ID-B01,00008,07/10/2025 11:00,5,",
        "SECRET-RATING-13,SECRET-ID-B02,00008,07/10/2025 11:00,1,"
        "Nguyễn Thị Bí Mật - liên hệ 0987.654.321",
    ]
)

OCTOBER = "from=2025-10-01&to=2025-10-31"
AS_OF = "2025-10-31T23:59:59.999999"
DATA_AS_OF = "2025-11-04T10:00:00"
PERIOD = {"from": "2025-10-01", "to": "2025-10-31", "as_of": AS_OF, "working_days": 23}
HANOI = {"code": "01", "name": "Thành phố Hà Nội"}
HANOI_WARDS = 126

# October's comparison period is September (metrics.md §6), 01/09–30/09/2025: 22 weekdays less
# the National Day holidays of Monday 01/09 and Tuesday 02/09 = 20 working days. Received in
# it: A13, A14, A17, A18, A19 (Ba Đình, all direct); none ended by 30/09 and every due date
# (02/10 … 05/11) is after it, so all 5 are in process within time. Every rate has a
# denominator of 5 or 0: "chưa đủ dữ liệu" (counts are exact).
SEPTEMBER_CITY = {
    "from": "2025-09-01",
    "to": "2025-09-30",
    "as_of": "2025-09-30T23:59:59.999999",
    "working_days": 20,
    **dict.fromkeys(COUNTS, 0),
    "received": 5,
    "to_process": 5,
    "in_time": 5,
    "direct": 5,
    **dict.fromkeys(RATES, NE),
    "suppressed": list(RATES),
    "coverage": {"wards_with_data": 1, "wards_total": HANOI_WARDS},
}

# Whatever a response may never contain: fixture ids, names, phones, ID numbers.
SECRETS = ("SECRET", "Bí Mật", "0912345678", "0912 345 678", "0987.654.321", "001099012345")
ID_NUMBER = re.compile(r"(?<![\d.])(?:\d{9}|\d{12})(?!\d)")
PHONE = re.compile(r"(?<![\d.])(?:\+84|0)\d{2,3}[ .-]?\d{3}[ .-]?\d{3,4}(?!\d)")


@pytest.fixture(scope="module")
def loaded(empty_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the empty warehouse with :data:`DOSSIERS` and :data:`RATINGS` loaded."""
    directory = tmp_path_factory.mktemp("api")
    db = directory / "motcua.duckdb"
    shutil.copyfile(empty_warehouse, db)
    (directory / "ho_so.csv").write_text(DOSSIERS, encoding="utf-8")
    (directory / "danh_gia.csv").write_text(RATINGS, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MOTCUA_CONFIG", str(directory / "no-such-config.toml"))
        mp.delenv("MOTCUA_MAX_REJECT_SHARE", raising=False)
        result = load_files([directory / "ho_so.csv", directory / "danh_gia.csv"], db=db)
    assert result.ok, result
    assert [f.rejected for f in result.files] == [0, 0], result
    return db


def page_router(path: str) -> str:
    """Stands in for Dash's page router, which answers every other path with the app's page."""
    return f"<html>{path}</html>"


@pytest.fixture
def client(loaded: Path, clean_settings: None, monkeypatch: pytest.MonkeyPatch) -> FlaskClient:
    """A client of a Flask server with the API blueprint and a catch-all page route, as ``app.py``
    builds it, reading the loaded warehouse with default settings.

    Not ``app.server`` itself: Dash's first request moves the pages' callbacks out of
    ``dash._callback.GLOBAL_CALLBACK_LIST``, which the page tests read.
    :func:`test_the_app_routes_api_paths_to_the_api_before_its_page_router` checks the real app.
    """
    monkeypatch.setenv("MOTCUA_DB", str(loaded))
    server = Flask(__name__)
    server.register_blueprint(blueprint)
    server.add_url_rule("/<path:path>", view_func=page_router)
    return server.test_client()


def get_json(client: FlaskClient, url: str, status: int = 200) -> Any:
    """GET ``url`` and return its JSON body, checking the status and content type."""
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


# --- hand-computed figures ----------------------------------------------------------------------

# Rates without data or over fewer than 10 cases; every count is shown exactly.
CITY_SUPPRESSED = [
    "paid_online_rate", "e_result_rate", "reuse_rate", "petition_on_time_rate",
    "petition_satisfaction",
]  # fmt: skip


def test_kpis_for_the_city_are_the_hand_counted_figures_with_exact_counts(
    client: FlaskClient,
) -> None:
    assert get_json(client, f"/api/v1/kpis?{OCTOBER}") == {
        "period": PERIOD | {"kind": "month"},  # exactly a calendar month
        "ward": {"level": "province", **HANOI},
        "field": None,
        "received": 15,  # A01–A12, B01–B03
        "carried_over": 5,  # A13, A14, A17, A18, A19
        "to_process": 20,
        "completed": 15,  # A01–A10, A13, A17, B01–B03
        "early": 8,  # A01–A05, A13, B01, B02
        "on_time": 5,  # A06–A08, A17, B03
        "late": 2,  # A09, A10: exact, however small
        "in_time": 3,  # A11, A12, A19
        "overdue": 2,  # A14, A18
        "no_due": 0,
        "late_interagency": 2,
        "withdrawn": 0,
        "stopped": 0,
        "online": 5,  # A01 A02 A07 A11 B01
        "full_online": 3,  # A01 A07 B01
        "postal": 1,  # A05
        "direct": 9,
        "ratings": 13,
        "petitions": 0,
        "on_time_rate": (8 + 5 + 3) / 20,
        "resolved_on_time_rate": (8 + 5) / 15,
        "online_share": 5 / 15,  # 15 received: enough cases, whatever the numerator
        "full_online_share": 3 / 15,
        "postal_share": 1 / 15,
        "direct_share": 9 / 15,
        "paid_online_rate": NE,  # no fee column: no data
        "e_result_rate": NE,
        "digitized_rate": 10 / 15,
        "reuse_rate": NE,
        "no_wait_share": 3 / 15,
        "interagency_share": 2 / 15,
        "satisfied_rate": 10 / 13,
        "response_rate": 13 / 15,  # 13 rated dossiers of 15 completed
        "satisfaction_766": 1 - ((2 + 2) + 1) / 20,  # late + overdue, B02's complaint
        "petition_on_time_rate": NE,
        "petition_satisfaction": NE,
        "data_as_of": DATA_AS_OF,
        "coverage": {"wards_with_data": 2, "wards_total": HANOI_WARDS},
        "compare": SEPTEMBER_CITY,
        "suppressed": CITY_SUPPRESSED,
        "suppression": SUPPRESSION,
    }


# The newest loaded record is A15's end, 10:00 04/11/2025: presets count back from that day.
# this_month = 01/11–04/11 (A15 received: 1), compared with 01/10–04/10: received A01, A02,
# A09 (01/10), A03, A04, A10 (02/10) = 6. last_30_days = 06/10–04/11: A05–A08, A11, A12, A15,
# B01–B03 = 10 (A16 was refused), compared with the 30 days before, 06/09–05/10: September's 5
# and the 6 of 01–02/10 = 11. A custom range that is no calendar unit, 01/10–28/10 (October
# but A12, received 29/10: 14), is compared with the 28 days just before it, 03/09–30/09: 5.
@pytest.mark.parametrize(
    ("query", "period", "kind", "received", "compare", "compare_received"),
    [
        ("period=this_month", ("2025-11-01", "2025-11-04"), "month", 1,
         ("2025-10-01", "2025-10-04"), 6),
        ("period=last_month", ("2025-10-01", "2025-10-31"), "month", 15,
         ("2025-09-01", "2025-09-30"), 5),
        ("period=last_30_days", ("2025-10-06", "2025-11-04"), "rolling", 10,
         ("2025-09-06", "2025-10-05"), 11),
        ("from=2025-10-01&to=2025-10-28", ("2025-10-01", "2025-10-28"), "custom", 14,
         ("2025-09-03", "2025-09-30"), 5),
    ],
)  # fmt: skip
def test_kpis_compare_block_is_the_comparison_period_of_metrics_6(
    client: FlaskClient,
    query: str,
    period: tuple[str, str],
    kind: str,
    received: int | str,
    compare: tuple[str, str],
    compare_received: int,
) -> None:
    body = get_json(client, f"/api/v1/kpis?{query}")
    got = (body["period"]["from"], body["period"]["to"], body["period"]["kind"])
    assert got == (*period, kind)
    assert body["received"] == received
    assert (body["compare"]["from"], body["compare"]["to"]) == compare
    assert body["compare"]["received"] == compare_received


BA_DINH = {
    "received": 12,
    "carried_over": 5,
    "to_process": 17,
    "completed": 12,
    "early": 6,  # A01–A05, A13
    "on_time": 4,  # A06–A08, A17
    "late": 2,  # A09, A10
    "in_time": 3,  # A11, A12, A19
    "overdue": 2,  # A14, A18
    "no_due": 0,
    "late_interagency": 2,
    "withdrawn": 0,
    "stopped": 0,
    "online": 4,  # A01 A02 A07 A11
    "full_online": 2,  # A01 A07
    "postal": 1,  # A05
    "direct": 7,
    "ratings": 11,
    "petitions": 0,
    "on_time_rate": (6 + 4 + 3) / 17,
    "resolved_on_time_rate": (6 + 4) / 12,
    "online_share": 4 / 12,
    "full_online_share": 2 / 12,
    "postal_share": 1 / 12,
    "direct_share": 7 / 12,
    "paid_online_rate": NE,
    "e_result_rate": NE,
    "digitized_rate": 9 / 12,
    "reuse_rate": NE,
    "no_wait_share": 3 / 12,
    "interagency_share": 2 / 12,
    "satisfied_rate": 9 / 11,
    "response_rate": 11 / 12,
    "satisfaction_766": 1 - (2 + 2 + 0) / 17,
    "petition_on_time_rate": NE,
    "petition_satisfaction": NE,
    "suppressed": CITY_SUPPRESSED,
}  # fmt: skip

# Ngọc Hà: 3 dossiers (B01, B02 early; B03 on time), 2 ratings. Every count exact; every rate
# over fewer than 10 cases.
NGOC_HA = {
    **dict.fromkeys(COUNTS, 0),
    **{"received": 3, "to_process": 3, "completed": 3, "early": 2, "on_time": 1},
    **{"online": 1, "full_online": 1, "direct": 2, "ratings": 2},  # B01 online, fully
    **dict.fromkeys(RATES, NE),
    "suppressed": list(RATES),
}
NO_DATA = {**dict.fromkeys(COUNTS, 0), **dict.fromkeys(RATES, NE), "suppressed": list(RATES)}


def test_kpis_of_one_ward_are_that_wards_figures(client: FlaskClient) -> None:
    body = get_json(client, f"/api/v1/kpis?{OCTOBER}&ward=00004")
    assert body["ward"] == {
        "level": "ward",
        "code": "00004",
        "name": "Phường Ba Đình",
        "province": {"code": "01", "name": "Thành phố Hà Nội"},
    }
    assert body["coverage"] == {"wards_with_data": 1, "wards_total": 1}
    assert {k: body[k] for k in BA_DINH} == BA_DINH


def test_a_ward_with_three_dossiers_shows_its_exact_counts_and_not_enough_data(
    client: FlaskClient,
) -> None:
    body = get_json(client, f"/api/v1/kpis?{OCTOBER}&ward=00008")
    assert {k: body[k] for k in NGOC_HA} == NGOC_HA
    assert body["received"] == 3
    assert body["on_time_rate"] == "chưa đủ dữ liệu"


def test_field_filter_counts_only_that_field(client: FlaskClient) -> None:
    # Đất đai: A09, A10 late; A12, A19 in time; A14, A18 overdue → 6 to process, 3 received.
    body = get_json(client, f"/api/v1/kpis?{OCTOBER}&field=Đất đai")
    assert body["field"] == "Đất đai"
    figures = ("received", "carried_over", "to_process", "completed", "late", "on_time_rate")
    assert {k: body[k] for k in figures} == {
        "received": 3,  # A09, A10, A12
        "carried_over": 3,  # A14, A18, A19
        "to_process": 6,
        "completed": 2,  # A09, A10
        "late": 2,
        "on_time_rate": NE,  # 6 classified: below 10
    }


def test_wards_lists_every_ward_of_the_province_with_the_same_public_figures(
    client: FlaskClient,
) -> None:
    body = get_json(client, f"/api/v1/wards?{OCTOBER}")
    assert body["period"] == PERIOD
    assert body["province"] == HANOI
    assert body["data_as_of"] == DATA_AS_OF
    rows = {row["ward_code"]: row for row in body["wards"]}
    assert len(rows) == HANOI_WARDS
    assert rows["00004"] == {
        "ward_code": "00004", "ward_name": "Phường Ba Đình", "rank": 1, **BA_DINH
    }  # fmt: skip
    assert rows["00008"] == {
        "ward_code": "00008", "ward_name": "Phường Ngọc Hà", "rank": None, **NGOC_HA
    }  # fmt: skip
    others = [row for code, row in rows.items() if code not in ("00004", "00008")]
    assert all({k: v for k, v in row.items() if k not in ("ward_code", "ward_name")}
               == {"rank": None, **NO_DATA} for row in others)  # fmt: skip


def test_wards_is_a_ranking_with_unreliable_rates_last_and_unranked(
    client: FlaskClient, loaded: Path
) -> None:
    """Only Ba Đình has 10 dossiers with an on-time class (17): it is ranked, first. Every other
    ward's on-time rate is "chưa đủ dữ liệu": they follow in Vietnamese name order, rank null."""
    with cursor(loaded) as cur:
        names = list(catalog.wards(cur, province_code="01"))
    body = get_json(client, f"/api/v1/wards?{OCTOBER}")
    order = [(row["ward_code"], row["rank"], row["on_time_rate"]) for row in body["wards"]]
    assert order == [("00004", 1, 13 / 17)] + [(c, None, NE) for c in names if c != "00004"]


def test_ward_table_ranks_by_on_time_rate_and_shows_small_counts_beside_unreliable_rates() -> None:
    """Four wards, counted by hand. B has 3 late and 4 on time of 7 to process: its late count 3
    is shown as 3, its on-time rate 4/7 (7 cases) is "chưa đủ dữ liệu" and it is unranked, after
    the ranked wards. C 9/10 is first; A 16/20 and D 8/10 tie at 0.8: both second (A first, by
    name order), and no third."""

    def row(key: str, on_time: int, late: int) -> dict[str, Any]:
        n = on_time + late
        return {"key": key, "to_process": n, "received": n, "completed": n, "on_time": on_time,
                "late": late, "on_time_rate": on_time / n}  # fmt: skip

    names = {"A": "Phường A", "B": "Phường B", "C": "Phường C", "D": "Phường D"}
    rows = [row("D", 8, 2), row("C", 9, 1), row("B", 4, 3), row("A", 16, 4)]
    table = ward_rows(rows, names)
    assert [(r["ward_code"], r["rank"], r["on_time_rate"], r["late"]) for r in table] == [
        ("C", 1, 9 / 10, 1),
        ("A", 2, 16 / 20, 4),
        ("D", 2, 8 / 10, 2),
        ("B", None, NE, 3),
    ]
    assert [list(r)[:3] for r in table] == [["ward_code", "ward_name", "rank"]] * 4


def parse_cell(text: str) -> Any:
    """A CSV cell back to what the JSON holds: int, float or the marker text."""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def test_wards_csv_parses_back_to_the_same_numbers(client: FlaskClient) -> None:
    response = client.get(f"/api/v1/wards?{OCTOBER}&format=csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="motcua-phuong-xa-01-2025-10-01-2025-10-31.csv"'
    )
    raw = response.data
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(table) == HANOI_WARDS
    rows = {row["ward_code"]: row for row in table}
    for code, name, expected in [
        ("00004", "Phường Ba Đình", BA_DINH),
        ("00008", "Phường Ngọc Hà", NGOC_HA),
    ]:
        row = rows[code]
        assert row["ward_name"] == name
        assert {k: parse_cell(row[k]) for k in (*COUNTS, *RATES)} == {
            k: expected[k] for k in (*COUNTS, *RATES)
        }
        assert row["suppressed"].split(";") == expected["suppressed"]
    assert (rows["00004"]["rank"], rows["00008"]["rank"]) == ("1", "")  # null: an empty cell
    assert list(table[0])[:3] == ["ward_code", "ward_name", "rank"]


# Ba Đình's 766 estimate (metrics.md §5): 2.1 20 × 13/17 = 15.29; 4.2 4 × 9/12 = 3.00;
# 5.2, 5.3 no petitions: 6 each; 5.4 6 × min(1, (13/17)/0.9) = 5.10; 3.3 carries no points;
# 3.6, 4.1, 4.3 have no data. Score 35.39 of 42 = 84.26/100, "Tốt". September had 5 dossiers to
# process: no public score, so no change.
BA_DINH_766 = [
    ("2.1", "on_time_rate", 13 / 17, 20.0, 1.0, 15.29, 4.71, True),
    ("3.3", "online_share", 4 / 12, 0.0, 0.5, None, None, False),
    ("3.6", "paid_online_rate", NE, 6.0, 1.0, None, None, False),
    ("4.1", "e_result_rate", NE, 6.0, 1.0, None, None, False),
    ("4.2", "digitized_rate", 9 / 12, 4.0, 1.0, 3.0, 1.0, True),
    ("4.3", "reuse_rate", NE, 2.0, 0.8, None, None, False),
    ("5.2", "petition_on_time_rate", NE, 6.0, 1.0, 6.0, 0.0, True),
    ("5.3", "petition_satisfaction", NE, 6.0, 1.0, 6.0, 0.0, True),
    ("5.4", "satisfaction_766", 1 - 4 / 17, 6.0, 0.9, 5.1, 0.9, True),
]


def test_index766_is_an_estimate_with_hand_computed_points(client: FlaskClient) -> None:
    body = get_json(client, f"/api/v1/index766?{OCTOBER}")
    assert body["estimate"] is True
    assert "ước tính" in body["title"].lower()
    assert body["period"] == PERIOD
    assert body["previous_period"] == {"from": "2025-09-01", "to": "2025-09-30"}  # September
    assert [g["code"] for g in body["not_computed"]] == ["1.x"]
    assert len(body["wards"]) == HANOI_WARDS
    first, *rest = body["wards"]
    indicators = first.pop("indicators")
    assert first == {
        "ward_code": "00004",
        "ward_name": "Phường Ba Đình",
        "score": 35.39,
        "applicable_max": 42.0,
        "score_100": 84.26,
        "band": "Tốt",
        "rank": 1,
        "score_100_previous": None,
        "change": None,
        "rank_previous": None,
        "suppressed": [],
    }
    assert [
        (i["code"], i["metric"], i["rate"], i["max"], i["full_at"], i["points"], i["missed"],
         i["applies"])
        for i in indicators
    ] == BA_DINH_766  # fmt: skip
    # Ngọc Hà has 3 dossiers to process, the other wards none: no public score.
    assert {w["ward_code"] for w in rest if w["score"] == NE and w["rank"] is None} == {
        w["ward_code"] for w in rest
    }


def test_index766_of_a_ward_without_small_cells_is_the_dashboards_estimate(
    client: FlaskClient, loaded: Path
) -> None:
    with cursor(loaded) as cur:
        wards, _ = estimate(
            cur, period=Period(date(2025, 10, 1), date(2025, 10, 31)), filters=Filters("01")
        )
    internal = wards.set_index("ward_code").loc["00004"]
    [public] = get_json(client, f"/api/v1/index766?{OCTOBER}&ward=00004")["wards"]
    assert (public["score"], public["applicable_max"], public["score_100"], public["band"]) == (
        internal["score"],
        internal["applicable_max"],
        internal["score_100"],
        internal["band"],
    )


def test_index766_for_one_ward_keeps_its_rank_in_the_province(client: FlaskClient) -> None:
    body = get_json(client, f"/api/v1/index766?{OCTOBER}&ward=00008")
    assert body["ward"] == {"code": "00008", "name": "Phường Ngọc Hà"}
    [ward] = body["wards"]
    assert ward == {
        "ward_code": "00008",
        "ward_name": "Phường Ngọc Hà",
        "score": NE,
        "applicable_max": NE,
        "score_100": NE,
        "band": None,
        "rank": None,
        "score_100_previous": None,
        "change": None,
        "rank_previous": None,
        "indicators": [],
        "suppressed": ["score", "applicable_max", "score_100"],
    }


def ward(key: str, *, paid_known: int, petitions: int, classified: int = 20) -> dict[str, Any]:
    """A metrics row with what the 766 scoring and its public rule read."""
    late = classified // 10
    return {
        "key": key, "early": classified - late, "on_time": 0, "late": late, "in_time": 0,
        "overdue": 0, "received": classified, "completed": classified,
        "paid_online_known": paid_known, "petitions": petitions,
        "on_time_rate": 0.9, "online_share": 0.5, "paid_online_rate": 0.6, "e_result_rate": None,
        "digitized_rate": None, "reuse_rate": None, "satisfaction_766": 0.9,
        "petition_on_time_rate": 2 / 3 if petitions else None,
        "petition_satisfaction": 1 / 3 if petitions else None,
    }  # fmt: skip


def test_public_766_scores_only_indicators_with_ten_or_more_cases() -> None:
    rows = [
        # 5 fee-paying dossiers, 3 petitions: 3.6, 5.2 and 5.3 are not scored (not full points
        # either); 2.1 20 × 0.9 = 18, 5.4 6 → 24 of 26 = 92.31.
        ward("X", paid_known=5, petitions=3),
        # 10 fee-paying dossiers, no petitions: 18 + 3.6 (6 × 0.6) + 6 + 6 + 6 = 39.6 of 44 = 90.
        ward("Y", paid_known=10, petitions=0),
        ward("Z", paid_known=50, petitions=0, classified=9),  # 9 dossiers: no public score
    ]
    table, indicators = score(rows, load_methodology())
    assert records(table.sort_values("ward_code")) == [
        {"ward_code": "X", "score": 24.0, "applicable_max": 26.0, "score_100": 92.31,
         "band": "Xuất sắc", "rank": 1},
        {"ward_code": "Y", "score": 39.6, "applicable_max": 44.0, "score_100": 90.0,
         "band": "Xuất sắc", "rank": 2},
    ]  # fmt: skip
    assert sorted(indicators) == ["X", "Y"]
    assert [(i["code"], i["rate"], i["points"], i["applies"]) for i in indicators["X"]] == [
        ("2.1", 0.9, 18.0, True),
        ("3.3", 0.5, None, False),
        ("3.6", NE, None, False),
        ("4.1", NE, None, False),
        ("4.2", NE, None, False),
        ("4.3", NE, None, False),
        ("5.2", NE, None, False),
        ("5.3", NE, None, False),
        ("5.4", 0.9, 6.0, True),
    ]


def recoverable(body: dict[str, Any]) -> dict[str, float]:
    """Suppressed counts that the figures published beside them give back exactly."""
    found: dict[str, float] = {}
    shown = {k for k, v in body.items() if isinstance(v, int | float)}
    # With no dossier lacking a due date, completed = early + on_time + late.
    if "late" not in shown and {"completed", "early", "on_time"} <= shown and body["no_due"] == 0:
        found["late"] = body["completed"] - body["early"] - body["on_time"]
    for count in ("online", "full_online", "postal", "direct"):
        if count not in shown and {"received", f"{count}_share"} <= shown:
            found[count] = round(body[f"{count}_share"] * body["received"], 9)
    return found


def test_suppressed_counts_cannot_be_recovered_from_the_figures_beside_them(
    client: FlaskClient,
) -> None:
    assert recoverable(get_json(client, f"/api/v1/kpis?{OCTOBER}")) == {}


# --- parameters -------------------------------------------------------------------------------

BAD_PARAMETERS = [
    # (endpoint, query, the parameter the error must name)
    ("kpis", "", "from"),
    ("kpis", "from=2025-10-01", "to"),
    ("kpis", "to=2025-10-31", "from"),
    ("kpis", "from=&to=2025-10-31", "from"),
    ("kpis", "from=2025-10-1&to=2025-10-31", "from"),
    ("kpis", "from=20251001&to=2025-10-31", "from"),
    ("kpis", "from=01/10/2025&to=2025-10-31", "from"),
    ("kpis", "from=2025-02-30&to=2025-10-31", "from"),
    ("kpis", "from=2025-10-01&to=2025-13-01", "to"),
    ("kpis", "from=2025-10-01&to=tomorrow", "to"),
    ("kpis", "from=1899-12-31&to=1900-01-31", "from"),
    ("kpis", "from=2025-11-01&to=2025-10-31", "from"),
    ("kpis", "from=2024-01-01&to=2026-01-01", "to"),  # 732 days > 731
    ("kpis", f"{OCTOBER}&ward=99999", "ward"),
    ("kpis", f"{OCTOBER}&ward=4", "ward"),
    ("kpis", f"{OCTOBER}&ward=00004%27%20OR%201=1", "ward"),
    ("kpis", f"{OCTOBER}&ward=06688&province=01", "ward"),  # Phường Hạ Long is in Quảng Ninh
    ("kpis", f"{OCTOBER}&province=99", "province"),
    ("index766", f"{OCTOBER}&province=1", "province"),
    ("kpis", f"{OCTOBER}&ward=00004&ward=00008", "ward"),
    ("kpis", f"{OCTOBER}&field=Không có lĩnh vực này", "field"),
    ("kpis", f"{OCTOBER}&field=đất đai", "field"),
    ("kpis", f"{OCTOBER}&format=csv", "format"),
    ("kpis", f"{OCTOBER}&foo=1", "foo"),
    ("kpis", f"{OCTOBER}&period=this_month", "period"),  # a preset or a range, not both
    ("kpis", "period=next_week", "period"),
    ("kpis", "period=since_2025_07", "period"),  # a page preset, not one of data-contract §5
    ("wards", "to=2025-10-31", "from"),
    ("wards", "from=2025-10-31&to=2025-10-01", "from"),
    ("wards", f"{OCTOBER}&province=99", "province"),
    ("wards", f"{OCTOBER}&province=1", "province"),
    ("wards", f"{OCTOBER}&province=Hà Nội", "province"),
    ("wards", f"{OCTOBER}&format=xlsx", "format"),
    ("wards", f"{OCTOBER}&format=", "format"),
    ("wards", f"{OCTOBER}&ward=00004", "ward"),
    ("wards", f"{OCTOBER}&field=Hộ tịch", "field"),
    ("index766", "from=2025-10-01", "to"),
    ("index766", "from=2025-10-01&to=2099-12-32", "to"),
    ("index766", f"{OCTOBER}&ward=12345", "ward"),
    ("index766", f"{OCTOBER}&field=Hộ tịch", "field"),
    ("index766", f"{OCTOBER}&ward=00004&callback=x", "callback"),
]


@pytest.mark.parametrize(("endpoint", "query", "parameter"), BAD_PARAMETERS)
def test_bad_parameter_is_a_400_naming_it(
    client: FlaskClient, endpoint: str, query: str, parameter: str
) -> None:
    response = client.get(f"/api/v1/{endpoint}?{query}")
    assert response.status_code == 400
    body = response.get_json()
    assert body["parameter"] == parameter
    assert parameter in body["error"]
    assert "Traceback" not in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"


def test_unknown_parameters_are_all_named(client: FlaskClient) -> None:
    body = get_json(client, f"/api/v1/kpis?{OCTOBER}&b=1&a=2", 400)
    assert body["unknown"] == ["b", "a"]
    assert "b, a" in body["error"]


@pytest.mark.parametrize(("days", "status"), [(31, 200), (32, 400)])
def test_longest_range_comes_from_the_environment(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch, days: int, status: int
) -> None:
    monkeypatch.setenv("MOTCUA_API_MAX_DAYS", "31")
    to = "2025-10-31" if days == 31 else "2025-11-01"
    body = get_json(client, f"/api/v1/kpis?from=2025-10-01&to={to}", status)
    if status == 400:
        assert body["parameter"] == "to"
        assert body["max_days"] == 31


def test_a_preset_longer_than_the_longest_range_is_refused(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTCUA_API_MAX_DAYS", "31")
    body = get_json(client, "/api/v1/kpis?period=this_year", 400)  # 01/01–04/11/2025
    assert (body["parameter"], body["max_days"]) == ("period", 31)


def test_default_longest_range_is_two_years(client: FlaskClient) -> None:
    get_json(client, "/api/v1/kpis?from=2024-01-01&to=2025-12-31")  # 366 + 365 days


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
@pytest.mark.parametrize("path", ["/api/v1/kpis", "/api/v1/wards", "/api/v1/index766", "/api/x"])
def test_only_get_is_served(client: FlaskClient, method: str, path: str) -> None:
    response = getattr(client, method)(f"{path}?{OCTOBER}")
    assert response.status_code == 405
    assert response.mimetype == "application/json"
    assert response.headers["Allow"] == "GET, HEAD"
    assert "GET" in response.get_json()["error"]


@pytest.mark.parametrize(
    "path", ["/api", "/api/", "/api/v1", "/api/v1/kpi", "/api/v2/kpis", "/api/v1/kpis/", "/api/a/b"]
)
def test_unknown_api_path_is_a_json_404(client: FlaskClient, path: str) -> None:
    body = get_json(client, f"{path}?{OCTOBER}", 404)
    assert "/api/v1/kpis" in body["error"]


@pytest.mark.parametrize(
    ("path", "method", "endpoint"),
    [
        ("/api/v1/kpis", "GET", "api.kpis_route"),
        ("/api/v1/wards", "GET", "api.wards_route"),
        ("/api/v1/index766", "GET", "api.index766_route"),
        ("/api/v1/kpis", "POST", "api.fallback"),
        ("/api/v1/kpis", "OPTIONS", "api.fallback"),
        ("/api/v9/anything", "GET", "api.fallback"),
        ("/api", "GET", "api.fallback"),
        ("/hall-screen", "GET", "/<path:path>"),  # everything else stays Dash's page router
    ],
)
def test_the_app_routes_api_paths_to_the_api_before_its_page_router(
    path: str, method: str, endpoint: str
) -> None:
    # Matching only (no request), so Dash's first-request setup does not run here.
    from app import server

    assert server.url_map.bind("localhost").match(path, method)[0] == endpoint


@pytest.mark.parametrize("endpoint", ["kpis", "wards", "index766"])
def test_no_warehouse_is_a_json_503(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, endpoint: str
) -> None:
    monkeypatch.setenv("MOTCUA_DB", str(tmp_path / "nothing-here.duckdb"))
    body = get_json(client, f"/api/v1/{endpoint}?{OCTOBER}", 503)
    assert "Chưa có dữ liệu" in body["error"]


@pytest.mark.parametrize(
    ("variable", "value"), [("MOTCUA_API_MAX_DAYS", "two years"), ("MOTCUA_PROVINCE", "99")]
)
def test_a_server_misconfiguration_is_a_json_500_without_details(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    response = client.get(f"/api/v1/kpis?{OCTOBER}")
    assert response.status_code == 500
    assert response.get_json() == {"error": "Lỗi máy chủ; vui lòng thử lại sau."}
    assert response.headers["Cache-Control"] == "no-store"


def test_answers_carry_cache_and_nosniff_headers(client: FlaskClient) -> None:
    ok = client.get(f"/api/v1/kpis?{OCTOBER}")
    assert ok.headers["Cache-Control"] == "public, max-age=60"
    assert ok.headers["X-Content-Type-Options"] == "nosniff"
    bad = client.get("/api/v1/kpis")
    assert bad.headers["X-Content-Type-Options"] == "nosniff"


# --- privacy ----------------------------------------------------------------------------------

CRAWL = [
    f"/api/v1/kpis?{OCTOBER}",
    f"/api/v1/kpis?{OCTOBER}&ward=00004",
    f"/api/v1/kpis?{OCTOBER}&ward=00008",
    f"/api/v1/kpis?{OCTOBER}&field=Đất đai",
    f"/api/v1/kpis?{OCTOBER}&ward=00008&field=Chứng thực",
    "/api/v1/kpis?from=2025-09-01&to=2025-11-30",
    f"/api/v1/wards?{OCTOBER}",
    f"/api/v1/wards?{OCTOBER}&format=csv",
    "/api/v1/wards?from=2025-01-01&to=2025-12-31&format=csv",
    f"/api/v1/index766?{OCTOBER}",
    f"/api/v1/index766?{OCTOBER}&ward=00004",
    "/api/v1/index766?from=2025-11-01&to=2025-11-30",
    "/api/v1/kpis",
    f"/api/v1/kpis?{OCTOBER}&ward=99999",
    "/api/v1/nothing",
]


@pytest.mark.parametrize("url", CRAWL)
def test_no_answer_contains_ids_names_phones_or_id_numbers(client: FlaskClient, url: str) -> None:
    text = client.get(url).data.decode("utf-8")
    assert [s for s in SECRETS if s in text] == []
    assert ID_NUMBER.findall(text) == []
    assert PHONE.findall(text) == []
