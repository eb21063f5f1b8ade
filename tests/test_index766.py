"""The 766 estimate (metrics.md §5, kpi.index766) scored with the real ``data/index766.toml``.

Points are computed by hand here: an indicator scores ``max × min(1, rate / full_at)`` rounded to
2 decimals; the ward score sums the indicators that apply; ``score_100`` = score / applicable_max
× 100. The end-to-end test loads two wards over two periods with the real loader.
"""

from __future__ import annotations

import csv
import io
import math
import shutil
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from etl.loader import load_files
from kpi.db import cursor
from kpi.index766 import (
    Band,
    Methodology,
    band_of,
    estimate,
    indicator_points,
    load_methodology,
    score_points,
    score_wards,
    what_if,
)
from kpi.metrics import Filters
from kpi.periods import Period

METRICS = (
    "on_time_rate", "online_share", "paid_online_rate", "e_result_rate", "digitized_rate",
    "reuse_rate", "petition_on_time_rate", "petition_satisfaction", "satisfaction_766",
)  # fmt: skip
CODES = ("2.1", "3.3", "3.6", "4.1", "4.2", "4.3", "5.2", "5.3", "5.4")


@pytest.fixture(scope="module")
def method() -> Methodology:
    """The methodology file the app uses."""
    return load_methodology()


def plain(value: Any) -> Any:
    """A frame cell as plain Python: NaN and NA → None, numpy scalars → int/float/str."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def rows(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """The rows of ``frame`` (only ``columns`` when given) as plain dicts."""
    part = frame if columns is None else frame[list(columns)]
    return [{k: plain(v) for k, v in r.items()} for r in part.to_dict("records")]


def ward(code: str, **rates: float | None) -> dict[str, Any]:
    """A ward's rates: every indicator metric, ``None`` (no data) unless given."""
    return {"ward_code": code, **dict.fromkeys(METRICS), **rates}


# A ward with a rate on every indicator but the two petition ones (no petitions in P).
HAND_WARD = ward(
    "W1",
    on_time_rate=0.9876,
    online_share=0.6,
    paid_online_rate=0.5,
    e_result_rate=0.75,
    digitized_rate=0.4,
    reuse_rate=0.6,
    satisfaction_766=0.81,
)
HAND_POINTS = {
    "2.1": 19.75,  # 20 × 0.9876 = 19.752
    "3.3": None,  # online share: listed with its 50% line, carries no points
    "3.6": 3.0,  # 6 × 0.5
    "4.1": 4.5,  # 6 × 0.75
    "4.2": 1.6,  # 4 × 0.4
    "4.3": 1.5,  # 2 × 0.6 / 0.8
    "5.2": 6.0,  # no petitions: full points
    "5.3": 6.0,  # no petitions: full points
    "5.4": 5.4,  # 6 × 0.81 / 0.9
}
HAND_SCORE = 19.75 + 3.0 + 4.5 + 1.6 + 1.5 + 6.0 + 6.0 + 5.4  # 47.75
HAND_MAX = 20 + 6 + 6 + 4 + 2 + 6 + 6 + 6  # 56: every indicator but 3.3


def test_methodology_file_gives_the_maxima_thresholds_and_bands_of_the_spec(
    method: Methodology,
) -> None:
    assert [(i.code, i.metric, i.max, i.full_at, i.no_data_full) for i in method.indicators] == [
        ("2.1", "on_time_rate", 20.0, 1.0, False),
        ("3.3", "online_share", 0.0, 0.5, False),
        ("3.6", "paid_online_rate", 6.0, 1.0, False),
        ("4.1", "e_result_rate", 6.0, 1.0, False),
        ("4.2", "digitized_rate", 4.0, 1.0, False),
        ("4.3", "reuse_rate", 2.0, 0.8, False),
        ("5.2", "petition_on_time_rate", 6.0, 1.0, True),
        ("5.3", "petition_satisfaction", 6.0, 1.0, True),
        ("5.4", "satisfaction_766", 6.0, 0.9, False),
    ]
    assert method.bands == (
        Band("Xuất sắc", 90.0),
        Band("Tốt", 80.0),
        Band("Khá", 70.0),
        Band("Trung bình", 50.0),
        Band("Yếu", 0.0),
    )
    assert [n["code"] for n in method.not_computed] == ["1.x"]
    assert "full_at" in method.text  # shown verbatim on the page


@pytest.mark.parametrize(
    ("code", "rate", "points"),
    [
        ("2.1", 1.0, 20.0),
        ("2.1", 0.9876, 19.75),  # 19.752 rounded to 2 decimals
        ("2.1", 0.0, 0.0),  # a real 0% scores 0, it is not "no data"
        ("2.1", None, None),  # no data: the indicator does not apply
        ("2.1", float("nan"), None),
        ("3.3", 0.6, None),  # no point value published
        ("3.3", 0.2, None),
        ("3.6", 0.5, 3.0),
        ("4.2", 0.4, 1.6),
        ("4.3", 0.8, 2.0),  # reuse: full points exactly at 80%
        ("4.3", 0.95, 2.0),  # never more than the maximum
        ("4.3", 0.6, 1.5),  # 2 × 0.6 / 0.8
        ("5.2", None, 6.0),  # no petitions: full points
        ("5.2", 0.5, 3.0),
        ("5.3", None, 6.0),
        ("5.3", 0.0, 0.0),
        ("5.4", 0.9, 6.0),  # 766 satisfaction: full points exactly at 90%
        ("5.4", 1.0, 6.0),
        ("5.4", 0.45, 3.0),  # 6 × 0.45 / 0.9
        ("5.4", None, None),
    ],
)
def test_indicator_points_are_max_times_rate_over_threshold_capped_and_rounded(
    method: Methodology, code: str, rate: float | None, points: float | None
) -> None:
    indicator = next(i for i in method.indicators if i.code == code)
    assert indicator_points(rate, indicator) == points


def test_points_of_a_hand_computed_ward(method: Methodology) -> None:
    frame = score_points(pd.DataFrame([HAND_WARD]), method)
    columns = ["ward_code", "code", "rate", "full_at", "max", "points", "missed", "applies"]
    assert rows(frame, columns) == [
        {"ward_code": "W1", "code": "2.1", "rate": 0.9876, "full_at": 1.0, "max": 20.0,
         "points": 19.75, "missed": 0.25, "applies": True},
        {"ward_code": "W1", "code": "3.3", "rate": 0.6, "full_at": 0.5, "max": 0.0,
         "points": None, "missed": None, "applies": False},
        {"ward_code": "W1", "code": "3.6", "rate": 0.5, "full_at": 1.0, "max": 6.0,
         "points": 3.0, "missed": 3.0, "applies": True},
        {"ward_code": "W1", "code": "4.1", "rate": 0.75, "full_at": 1.0, "max": 6.0,
         "points": 4.5, "missed": 1.5, "applies": True},
        {"ward_code": "W1", "code": "4.2", "rate": 0.4, "full_at": 1.0, "max": 4.0,
         "points": 1.6, "missed": 2.4, "applies": True},
        {"ward_code": "W1", "code": "4.3", "rate": 0.6, "full_at": 0.8, "max": 2.0,
         "points": 1.5, "missed": 0.5, "applies": True},
        {"ward_code": "W1", "code": "5.2", "rate": None, "full_at": 1.0, "max": 6.0,
         "points": 6.0, "missed": 0.0, "applies": True},
        {"ward_code": "W1", "code": "5.3", "rate": None, "full_at": 1.0, "max": 6.0,
         "points": 6.0, "missed": 0.0, "applies": True},
        {"ward_code": "W1", "code": "5.4", "rate": 0.81, "full_at": 0.9, "max": 6.0,
         "points": 5.4, "missed": 0.6, "applies": True},
    ]  # fmt: skip
    assert dict(zip(frame["code"], map(plain, frame["points"]), strict=True)) == HAND_POINTS


def test_score_of_a_hand_computed_ward(method: Methodology) -> None:
    assert rows(score_wards(pd.DataFrame([HAND_WARD]), method)) == [
        {
            "ward_code": "W1",
            "score": 47.75,
            "applicable_max": HAND_MAX,
            "score_100": round(HAND_SCORE / HAND_MAX * 100, 2),  # 85.267… → 85.27
            "band": "Tốt",
            "rank": 1,
        }
    ]
    assert round(HAND_SCORE / HAND_MAX * 100, 2) == 85.27


def test_indicator_without_data_does_not_apply_and_shrinks_the_maximum(
    method: Methodology,
) -> None:
    # Only the on-time rate is known: 2.1 (20) plus the petition indicators at full points
    # (5.2, 5.3: 6 + 6); 3.6, 4.1, 4.2, 4.3 and 5.4 have no data and do not count.
    only_on_time = ward("W2", on_time_rate=0.75)
    assert rows(score_wards(pd.DataFrame([only_on_time]), method)) == [
        {
            "ward_code": "W2",
            "score": 15.0 + 6.0 + 6.0,
            "applicable_max": 20.0 + 6.0 + 6.0,
            "score_100": round(27 / 32 * 100, 2),  # 84.375 → 84.38
            "band": "Tốt",
            "rank": 1,
        }
    ]
    points = score_points(pd.DataFrame([only_on_time]), method)
    assert list(points[points["applies"]]["code"]) == ["2.1", "5.2", "5.3"]


def test_ranks_share_ties_and_skip_the_next_place(method: Methodology) -> None:
    # Each ward has an on-time rate only: score_100 = (20 × rate + 12) / 32 × 100.
    wards = pd.DataFrame(
        [
            ward("A", on_time_rate=0.5),  # (10 + 12) / 32 = 68.75
            ward("B", on_time_rate=0.8),  # (16 + 12) / 32 = 87.5
            ward("C", on_time_rate=1.0),  # 100
            ward("D", on_time_rate=0.8),  # 87.5, tied with B
        ]
    )
    assert rows(score_wards(wards, method), ["ward_code", "score_100", "band", "rank"]) == [
        {"ward_code": "A", "score_100": 68.75, "band": "Trung bình", "rank": 4},
        {"ward_code": "B", "score_100": 87.5, "band": "Tốt", "rank": 2},
        {"ward_code": "C", "score_100": 100.0, "band": "Xuất sắc", "rank": 1},
        {"ward_code": "D", "score_100": 87.5, "band": "Tốt", "rank": 2},
    ]


@pytest.mark.parametrize(
    ("score_100", "band"),
    [
        (100.0, "Xuất sắc"),
        (90.0, "Xuất sắc"),
        (89.99, "Tốt"),
        (80.0, "Tốt"),
        (79.99, "Khá"),
        (70.0, "Khá"),
        (69.99, "Trung bình"),
        (50.0, "Trung bình"),
        (49.99, "Yếu"),
        (0.0, "Yếu"),
        (None, None),
        (float("nan"), None),
    ],
)
def test_bands_from_the_methodology_file_start_at_their_minimum(
    method: Methodology, score_100: float | None, band: str | None
) -> None:
    assert band_of(score_100, method.bands) == band


@pytest.mark.parametrize(
    ("metric", "value", "score", "band"),
    [
        # 4.2 from 1.6 to 4 points: 47.75 + 2.4 = 50.15; 50.15 / 56 = 89.55%
        ("digitized_rate", 1.0, 50.15, "Tốt"),
        # 5.2 was full (no petitions); half on time gives 3 points: 44.75 / 56 = 79.91%
        ("petition_on_time_rate", 0.5, 44.75, "Khá"),
        # 3.3 carries no points, whatever the share
        ("online_share", 1.0, 47.75, "Tốt"),
    ],
)
def test_what_if_rescores_the_ward_with_one_rate_changed(
    method: Methodology, metric: str, value: float, score: float, band: str
) -> None:
    result = {k: plain(v) for k, v in what_if(HAND_WARD, metric, value, method).items()}
    assert result == {
        "ward_code": "W1",
        "score": score,
        "applicable_max": HAND_MAX,
        "score_100": round(score / HAND_MAX * 100, 2),
        "band": band,
        "rank": 1,
    }
    assert HAND_WARD[metric] != value  # the ward's own rates are left alone


# ---------------------------------------------------------------------------------------------
# estimate(): the whole chain on a loaded warehouse.

BA_DINH, NGOC_HA, HOAN_KIEM = "00004", "00008", "00070"
MARCH = Period(date(2025, 3, 1), date(2025, 3, 31))
PREVIOUS = Period(date(2025, 2, 1), date(2025, 2, 28))  # March is compared with February
NOW = datetime(2025, 4, 20, 9, 0)

DOSSIER_HEADER = (
    "Mã hồ sơ", "Mã xã", "Lĩnh vực", "Mã TTHC", "Kênh nộp", "Ngày tiếp nhận", "Ngày hẹn trả",
    "Ngày có kết quả", "Trạng thái", "Đã số hóa", "Có kết quả điện tử", "Tái sử dụng dữ liệu",
    "Có phí",
)  # fmt: skip
RETURNED = "Đã trả kết quả"
C, K = "Có", "Không"
DOSSIERS = [
    # Ba Đình, March: 3 early, 1 late; all digitised; e-result 2/4; reuse 2/4; no fee
    ["B1", BA_DINH, "Hộ tịch", "", "Trực tiếp", "03/03/2025 08:00", "07/03/2025",
     "05/03/2025 10:00", RETURNED, C, C, C, K],
    ["B2", BA_DINH, "Hộ tịch", "", "Trực tiếp", "03/03/2025 08:00", "07/03/2025",
     "05/03/2025 11:00", RETURNED, C, C, C, K],
    ["B3", BA_DINH, "Hộ tịch", "", "Trực tiếp", "03/03/2025 08:00", "07/03/2025",
     "06/03/2025 10:00", RETURNED, C, K, K, K],
    ["B4", BA_DINH, "Hộ tịch", "", "Trực tiếp", "03/03/2025 08:00", "07/03/2025",
     "10/03/2025 10:00", RETURNED, C, K, K, K],
    # Ngọc Hà, March: 2 early, online; none digitised; e-result 2/2; no reuse; no fee
    ["N1", NGOC_HA, "Hộ tịch", "", "Trực tuyến", "04/03/2025 08:00", "07/03/2025",
     "05/03/2025 10:00", RETURNED, K, C, K, K],
    ["N2", NGOC_HA, "Hộ tịch", "", "Trực tuyến", "04/03/2025 08:00", "07/03/2025",
     "06/03/2025 10:00", RETURNED, K, C, K, K],
    # previous period: Ba Đình 1 late (digitised, no e-result, reused); Ngọc Hà 1 early (all yes)
    ["B5", BA_DINH, "Hộ tịch", "", "Trực tiếp", "10/02/2025 08:00", "14/02/2025",
     "17/02/2025 10:00", RETURNED, C, K, C, K],
    ["N3", NGOC_HA, "Hộ tịch", "", "Trực tiếp", "10/02/2025 08:00", "14/02/2025",
     "12/02/2025 10:00", RETURNED, C, C, C, K],
    # Hoàn Kiếm: received in April only, so the data reach past March; nothing to score
    ["H1", HOAN_KIEM, "Hộ tịch", "", "Trực tiếp", "01/04/2025 08:00", "10/04/2025", "",
     "Đang xử lý", "", "", "", ""],
]  # fmt: skip
PETITIONS = (
    "Mã phản ánh,Mã xã,Ngày tiếp nhận,Hạn xử lý,Ngày xử lý,Phân loại,Không hài lòng,Mã hồ sơ\n"
    # Ngọc Hà, March: handled after its due, not rated unsatisfied
    f"PN1,{NGOC_HA},03/03/2025 08:00,07/03/2025,10/03/2025 10:00,Khác,Không,\n"
)


def csv_text(header: Sequence[str], data: Sequence[Sequence[str]]) -> str:
    """A CSV file's text: ``header`` then ``data``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(data)
    return out.getvalue()


@pytest.fixture(scope="module")
def cur(
    empty_warehouse: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read cursor on a copy of the empty warehouse loaded with DOSSIERS and PETITIONS."""
    directory = tmp_path_factory.mktemp("index766")
    db = directory / "motcua.duckdb"
    shutil.copyfile(empty_warehouse, db)
    files = {"ho_so.csv": csv_text(DOSSIER_HEADER, DOSSIERS), "phan_anh.csv": PETITIONS}
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        for name in ("MOTCUA_DB", "MOTCUA_PROVINCE", "MOTCUA_MAX_REJECT_SHARE"):
            mp.delenv(name, raising=False)
        mp.setenv("MOTCUA_CONFIG", str(directory / "no-such-config.toml"))
        result = load_files([directory / n for n in files], db=db)
    assert result.ok, result
    assert [f.rejected for f in result.files] == [0, 0], result
    with cursor(db) as c:
        yield c


def test_the_previous_period_of_march_is_february() -> None:
    assert MARCH.previous() == PREVIOUS


def test_estimate_scores_ranks_and_compares_wards_computed_by_hand(
    cur: duckdb.DuckDBPyConnection, method: Methodology
) -> None:
    # March, Ba Đình: 2.1 20 × 3/4 = 15; 3.6 no fee: n/a; 4.1 6 × 2/4 = 3; 4.2 4 × 4/4 = 4;
    #   4.3 2 × (2/4) / 0.8 = 1.25; 5.2, 5.3 no petitions: 6 + 6; 5.4 766 satisfaction
    #   1 − 1/4 = 0.75 → 6 × 0.75 / 0.9 = 5. Score 40.25 of 50 → 80.5.
    # March, Ngọc Hà: 2.1 20; 4.1 6; 4.2 0; 4.3 0; 5.2 one petition, late: 0; 5.3 (1 − 1)/1: 0;
    #   5.4 1.0 → 6. Score 32 of 50 → 64.
    # Previous, Ba Đình: 2.1 0; 4.1 0; 4.2 4; 4.3 2; 5.2, 5.3 6 + 6; 5.4 1 − 1/1 = 0 → 0.
    #   18 of 50 → 36. Previous, Ngọc Hà: everything full, 50 of 50 → 100.
    scope = Filters(province_code="01", ward_codes=(BA_DINH, NGOC_HA, HOAN_KIEM))
    wards, points = estimate(cur, period=MARCH, filters=scope, method=method, now=NOW)
    assert rows(wards) == [
        {"ward_code": BA_DINH, "ward_name": "Phường Ba Đình", "province_code": "01",
         "score": 40.25,
         "applicable_max": 50.0, "score_100": 80.5, "band": "Tốt", "rank": 1,
         "score_100_previous": 36.0, "rank_previous": 2, "change": 80.5 - 36.0},
        {"ward_code": NGOC_HA, "ward_name": "Phường Ngọc Hà", "province_code": "01",
         "score": 32.0,
         "applicable_max": 50.0, "score_100": 64.0, "band": "Trung bình", "rank": 2,
         "score_100_previous": 100.0, "rank_previous": 1, "change": 64.0 - 100.0},
        # no dossier in either period: no score, no rank
        {"ward_code": HOAN_KIEM, "ward_name": "Phường Hoàn Kiếm", "province_code": "01",
         "score": None,
         "applicable_max": None, "score_100": None, "band": None, "rank": None,
         "score_100_previous": None, "rank_previous": None, "change": None},
    ]  # fmt: skip
    by_ward = {
        w: dict(zip(g["code"], map(plain, g["points"]), strict=True))
        for w, g in points.groupby("ward_code")
    }
    assert by_ward == {
        BA_DINH: {"2.1": 15.0, "3.3": None, "3.6": None, "4.1": 3.0, "4.2": 4.0, "4.3": 1.25,
                  "5.2": 6.0, "5.3": 6.0, "5.4": 5.0},
        NGOC_HA: {"2.1": 20.0, "3.3": None, "3.6": None, "4.1": 6.0, "4.2": 0.0, "4.3": 0.0,
                  "5.2": 0.0, "5.3": 0.0, "5.4": 6.0},
    }  # fmt: skip
    assert list(points["code"].unique()) == list(CODES)
