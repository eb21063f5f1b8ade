"""The demo exports: reproducible, shaped like real one-stop exports, with realistic rates."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import holidays
import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from vietnam_provinces import ProvinceCode, Ward

from etl.demo import write_demo_files

# A short period over the 2026 National Day break (31/8-2/9) and the working Saturday 22/8.
TODAY = date(2026, 9, 10)
SMALL = {"wards": 3, "days": 20, "today": TODAY}

DOSSIER_HEADERS = [
    "Mã hồ sơ",
    "Mã xã",
    "Phường/Xã",
    "Mã TTHC",
    "Tên TTHC",
    "Lĩnh vực",
    "Kênh nộp",
    "Mức độ",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày có kết quả",
    "Ngày trả kết quả",
    "Trạng thái",
    "Số lần yêu cầu bổ sung",
    "Liên thông",
    "Đã số hóa",
    "Có kết quả điện tử",
    "Tái sử dụng dữ liệu",
    "Có phí",
    "Thanh toán trực tuyến",
    "Không chờ",
    "Loại đối tượng",
]
PERSONAL_HEADERS = ["Họ tên người nộp", "Số CCCD"]
RATING_HEADERS = [
    "Mã đánh giá",
    "Mã hồ sơ",
    "Mã xã",
    "Thời gian đánh giá",
    "Mức độ hài lòng",
    "Tiếp cận dịch vụ",
    "Thủ tục hành chính",
    "Công chức",
    "Kết quả",
    "Góp ý phản ánh",
    "Kênh đánh giá",
    "Ý kiến",
]
PETITION_HEADERS = [
    "Mã phản ánh",
    "Mã xã",
    "Ngày tiếp nhận",
    "Hạn xử lý",
    "Ngày xử lý",
    "Phân loại",
    "Không hài lòng",
    "Mã hồ sơ",
]
PROCEDURE_HEADERS = [
    "Mã TTHC",
    "Tên TTHC",
    "Lĩnh vực",
    "Thời hạn giải quyết (ngày làm việc)",
    "Mức độ DVC",
    "Có phí",
]
STATUSES = {
    "Đang xử lý",
    "Yêu cầu bổ sung giấy tờ",
    "Đã xử lý xong",
    "Đã trả kết quả",
    "Công dân yêu cầu rút hồ sơ",
    "Dừng xử lý",
}
DATETIME = re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}$")
DATE_OR_DATETIME = re.compile(r"^\d{2}/\d{2}/\d{4}( \d{2}:\d{2}:\d{2})?$")
HANOI_CODES = sorted(f"{int(w.code):05d}" for w in Ward.iter_by_province(ProvinceCode.P_01))


def read_csv(path: Path) -> pd.DataFrame:
    """Read a demo CSV as an export reader would: BOM-aware, every value as text."""
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def dossiers(paths: list[Path]) -> pd.DataFrame:
    """All monthly dossier files of a run, concatenated."""
    return pd.concat(
        [read_csv(p)[DOSSIER_HEADERS] for p in paths if p.name.startswith("ho_so_")],
        ignore_index=True,
    )


def parse(text: pd.Series, fmt: str = "%d/%m/%Y %H:%M:%S") -> pd.Series:
    """Day-first timestamps; empty cells become NaT."""
    return pd.to_datetime(text.replace("", None), format=fmt)


def due_at(text: pd.Series) -> pd.Series:
    """'Ngày hẹn trả': a date alone means the end of that day."""
    date_only = text.str.len() == 10
    day_end = parse(text.where(date_only, ""), "%d/%m/%Y") + pd.Timedelta(seconds=86_399)
    return day_end.fillna(parse(text.where(~date_only, "")))


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A 3-ward, 20-day run."""
    return write_demo_files(tmp_path_factory.mktemp("small"), **SMALL)


@pytest.fixture(scope="module")
def medium(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """The dossiers of a 10-ward, 60-day run."""
    return dossiers(
        write_demo_files(tmp_path_factory.mktemp("medium"), wards=10, days=60, today=TODAY)
    )


def test_same_seed_gives_identical_bytes(small: list[Path], tmp_path: Path) -> None:
    again = write_demo_files(tmp_path / "again", **SMALL)
    assert [p.name for p in again] == [p.name for p in small]
    for first, second in zip(small, again, strict=True):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_other_seed_gives_other_data(small: list[Path], tmp_path: Path) -> None:
    other = write_demo_files(tmp_path / "other", seed=7, **SMALL)
    by_name = {p.name: p.read_bytes() for p in other}
    dossier_files = [p for p in small if p.name.startswith("ho_so_")]
    assert any(by_name.get(p.name) != p.read_bytes() for p in dossier_files)


def test_writes_the_four_kinds_of_file(small: list[Path]) -> None:
    assert [p.name for p in small] == [
        "thu_tuc.xlsx",
        "ho_so_2026_08.csv",
        "ho_so_2026_09.csv",
        "danh_gia.csv",
        "phan_anh.csv",
    ]
    assert all(p.is_file() for p in small)
    for path in small[1:]:
        assert path.read_bytes().startswith(b"\xef\xbb\xbf"), path.name  # Excel's BOM


def test_headers_are_exactly_the_exported_ones(small: list[Path]) -> None:
    catalogue, first, second, ratings, petitions = small
    sheet = load_workbook(catalogue, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == PROCEDURE_HEADERS
    assert 60 <= len(rows) - 1 <= 120
    assert list(read_csv(first).columns) == DOSSIER_HEADERS + PERSONAL_HEADERS
    assert list(read_csv(second).columns) == DOSSIER_HEADERS
    assert list(read_csv(ratings).columns) == RATING_HEADERS
    assert list(read_csv(petitions).columns) == PETITION_HEADERS


def test_catalogue_values_use_the_export_vocabulary(small: list[Path]) -> None:
    rows = list(load_workbook(small[0], read_only=True).active.iter_rows(values_only=True))[1:]
    codes = [r[0] for r in rows]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"\d\.\d{6}", c) for c in codes)
    assert {r[4] for r in rows} == {"Toàn trình", "Một phần"}
    assert {r[5] for r in rows} == {"Có", "Không"}
    assert 15 <= len({r[2] for r in rows}) <= 20
    assert all(0 < r[3] <= 30 for r in rows)


def test_personal_data_only_in_the_first_month(small: list[Path]) -> None:
    first = read_csv(small[1])
    assert first["Số CCCD"].str.fullmatch(r"0\d{11}").all()
    assert (first["Họ tên người nộp"].str.split().str.len() >= 3).all()
    for path in small[2:]:
        assert not set(PERSONAL_HEADERS) & set(read_csv(path).columns), path.name


def test_dossier_ids_are_unique_text_with_leading_zeros(small: list[Path]) -> None:
    ids = dossiers(small)["Mã hồ sơ"]
    assert ids.is_unique
    assert ids.str.startswith("0").any()
    assert ids.str.fullmatch(r"(000\.\d{2}\.\d{2}\.H26|H26\.\d{3})-\d{6}-\d{4}").all()


def test_values_use_the_vietnamese_words(small: list[Path]) -> None:
    df = dossiers(small)
    assert set(df["Kênh nộp"]) <= {"Trực tiếp", "Trực tuyến", "Bưu chính công ích"}
    assert set(df["Mức độ"]) <= {"Toàn trình", "Một phần"}
    assert set(df["Trạng thái"]) <= STATUSES
    assert set(df["Loại đối tượng"]) <= {"Công dân", "Tổ chức"}
    flags = ["Liên thông", "Đã số hóa", "Có kết quả điện tử", "Tái sử dụng dữ liệu", "Có phí"]
    flags += ["Thanh toán trực tuyến", "Không chờ"]
    for column in flags:
        assert set(df[column]) <= {"Có", "Không"}, column
    assert df["Số lần yêu cầu bổ sung"].str.fullmatch(r"\d").all()


def test_ward_codes_are_the_first_hanoi_wards(small: list[Path]) -> None:
    df = dossiers(small)
    assert sorted(set(df["Mã xã"])) == HANOI_CODES[:3]
    assert dict(zip(df["Mã xã"], df["Phường/Xã"], strict=True))["00004"] == "Phường Ba Đình"
    for path in small[3:]:
        assert set(read_csv(path)["Mã xã"]) <= set(HANOI_CODES[:3]), path.name


def test_dates_are_day_first_and_consistent(small: list[Path]) -> None:
    df = dossiers(small)
    assert df["Ngày tiếp nhận"].str.match(DATETIME).all()
    assert df["Ngày hẹn trả"].str.match(DATE_OR_DATETIME).all()
    for column in ["Ngày có kết quả", "Ngày trả kết quả"]:
        filled = df[column][df[column] != ""]
        assert filled.str.match(DATETIME).all(), column
    received = parse(df["Ngày tiếp nhận"])
    due = due_at(df["Ngày hẹn trả"])
    ended = parse(df["Ngày có kết quả"])
    returned = parse(df["Ngày trả kết quả"])
    assert (due.dt.normalize() >= received.dt.normalize()).all()
    assert (ended.dropna() >= received[ended.notna()]).all()
    assert (returned.dropna() >= ended[returned.notna()]).all()
    end_of_today = datetime.combine(TODAY + timedelta(days=1), datetime.min.time())
    start = datetime.combine(TODAY - timedelta(days=20), datetime.min.time())
    assert received.min() >= start
    for stamps in (received, ended, returned):
        assert (stamps.dropna() < end_of_today).all()


def test_open_dossiers_have_no_end_and_ended_ones_do(small: list[Path]) -> None:
    df = dossiers(small)
    open_ = df["Trạng thái"].isin(["Đang xử lý", "Yêu cầu bổ sung giấy tờ"])
    assert open_.any()
    assert (df.loc[open_, "Ngày có kết quả"] == "").all()
    assert (df.loc[~open_, "Ngày có kết quả"] != "").all()
    returned = df["Trạng thái"] == "Đã trả kết quả"
    assert (df.loc[returned, "Ngày trả kết quả"] != "").all()
    assert (df.loc[~returned, "Ngày trả kết quả"] == "").all()


def test_due_dates_fall_on_working_days(small: list[Path]) -> None:
    vn = holidays.country_holidays("VN")
    days = {d.date() for d in due_at(dossiers(small)["Ngày hẹn trả"])}
    assert days, "no due dates"
    assert all(vn.is_working_day(d) for d in days)
    assert not days & {date(2026, 8, 31), date(2026, 9, 1), date(2026, 9, 2)}
    petitions = read_csv(small[4])
    assert all(vn.is_working_day(d.date()) for d in parse(petitions["Hạn xử lý"], "%d/%m/%Y"))


def test_ratings_and_petitions_point_at_real_dossiers(small: list[Path]) -> None:
    df = dossiers(small)
    ratings = read_csv(small[3])
    assert ratings["Mã đánh giá"].is_unique
    assert set(ratings["Mã hồ sơ"]) <= set(df["Mã hồ sơ"])
    assert ratings["Thời gian đánh giá"].str.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}").all()
    rated_at = parse(ratings["Thời gian đánh giá"], "%d/%m/%Y %H:%M")
    assert rated_at.max() < datetime.combine(TODAY + timedelta(days=1), datetime.min.time())
    assert set(ratings["Mức độ hài lòng"]) <= {
        "Rất hài lòng",
        "Hài lòng",
        "Bình thường",
        "Không hài lòng",
        "Rất không hài lòng",
    }
    assert set(ratings["Kênh đánh giá"]) <= {"kiosk", "qr", "web", "app", "zalo", "paper"}
    petitions = read_csv(small[4])
    linked = petitions["Mã hồ sơ"][petitions["Mã hồ sơ"] != ""]
    assert set(linked) <= set(df["Mã hồ sơ"])


def test_period_never_starts_before_the_reform(tmp_path: Path) -> None:
    paths = write_demo_files(tmp_path, wards=1, days=30, today=date(2025, 7, 10))
    received = parse(dossiers(paths)["Ngày tiếp nhận"])
    assert received.min() >= datetime(2025, 7, 1)
    assert [p.name for p in paths if p.name.startswith("ho_so_")] == ["ho_so_2025_07.csv"]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"wards": 0},
        {"wards": 127},
        {"today": date(2025, 6, 30)},
        {"days": -1, "today": TODAY},
    ],
)
def test_bad_arguments_are_refused(tmp_path: Path, kwargs: dict) -> None:
    with pytest.raises(ValueError):
        write_demo_files(tmp_path, **kwargs)


def test_online_share_is_high(medium: pd.DataFrame) -> None:
    share = (medium["Kênh nộp"] == "Trực tuyến").mean()
    assert 0.5 <= share <= 0.9
    postal = (medium["Kênh nộp"] == "Bưu chính công ích").mean()
    assert 0.003 <= postal <= 0.04
    by_field = medium.groupby("Lĩnh vực")["Kênh nộp"].apply(lambda s: (s == "Trực tuyến").mean())
    assert by_field["Chứng thực"] < share < by_field["Hộ tịch"]


def test_late_share_is_small_and_worst_in_land(medium: pd.DataFrame) -> None:
    ended = parse(medium["Ngày có kết quả"])
    done = ended.notna()
    late = (ended > due_at(medium["Ngày hẹn trả"])) | (medium["Số lần yêu cầu bổ sung"] > "1")
    late = late[done]
    assert 0.005 <= late.mean() <= 0.06
    by_field = late.groupby(medium.loc[done, "Lĩnh vực"]).mean()
    assert by_field["Đất đai"] > by_field["Chứng thực"]
    assert 0.02 <= by_field["Đất đai"] <= 0.2


def test_field_mix_and_service_rates(medium: pd.DataFrame) -> None:
    fields = medium["Lĩnh vực"].value_counts(normalize=True)
    assert 0.5 <= fields["Chứng thực"] + fields["Hộ tịch"] <= 0.7
    assert list(fields.index[:2]) == ["Chứng thực", "Hộ tịch"]
    yes = medium.drop(columns=["Lĩnh vực"]) == "Có"
    assert 0.7 <= yes["Đã số hóa"].mean() <= 0.97
    assert 0.3 <= yes["Tái sử dụng dữ liệu"].mean() <= 0.8
    simple = medium["Lĩnh vực"] == "Chứng thực"
    assert 0.25 <= yes.loc[simple, "Không chờ"].mean() <= 0.5
    statuses = medium["Trạng thái"].value_counts(normalize=True)
    assert 0.003 <= statuses["Công dân yêu cầu rút hồ sơ"] <= 0.02
    assert np.isclose(statuses.sum(), 1.0)


def test_an_export_taken_in_the_morning_holds_nothing_later(tmp_path: Path) -> None:
    """``make run`` at 10:00 makes a demo taken at 10:00: no dossier received, ended or returned,
    no rating and no petition after it (the freshness line must not read 18:00 in the morning)."""
    taken = datetime(2025, 7, 10, 10, 0)
    paths = write_demo_files(tmp_path, wards=30, days=10, today=taken.date(), taken_at=taken)
    df = dossiers(paths)
    moments = [parse(df[c]) for c in ("Ngày tiếp nhận", "Ngày có kết quả", "Ngày trả kết quả")]
    ratings = read_csv(paths[-2])
    petitions = read_csv(paths[-1])
    latest = max(m.max() for m in moments)
    assert datetime(2025, 7, 10, 7, 0) < latest <= taken  # the morning is there, nothing after
    assert parse(ratings["Thời gian đánh giá"], "%d/%m/%Y %H:%M").max() <= taken
    assert len(petitions) > 0
    for column in ("Ngày tiếp nhận", "Ngày xử lý"):  # the due date "Hạn xử lý" may be later
        assert (parse(petitions[column]).dropna() <= taken).all(), column
    # The day before is whole, as in an export taken at the end of the day.
    whole = dossiers(write_demo_files(tmp_path / "whole", wards=30, days=10, today=taken.date()))
    before = parse(whole["Ngày tiếp nhận"]) < datetime(2025, 7, 10)
    assert (parse(whole["Ngày tiếp nhận"]) > taken).any()
    assert before.sum() > 0


def test_an_export_taken_on_another_day_than_today_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="taken_at"):
        write_demo_files(tmp_path, today=date(2025, 7, 10), taken_at=datetime(2025, 7, 11, 9))
