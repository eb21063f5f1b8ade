"""What the loader accepts: the four kinds of file, their canonical columns and header aliases,
the personal-data columns it drops, and the vocabularies of coded values (data-contract §1).

Headers and words are compared by :func:`etl.normalize.name_key` (no accents, case, spaces or
punctuation), so each alias is listed once in its usual Vietnamese spelling.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.normalize import name_key
from marks import N_

WARD_ALIASES = {
    "ward_code": [
        "Mã xã",
        "Mã phường",
        "Mã phường/xã",
        "Mã đơn vị",
        "MaXa",
        "MaDonVi",
        "ward_code",
    ],
    "ward_name": [
        "Phường/Xã",
        "Xã/Phường",
        "Phường",
        "Xã",
        "Đơn vị",
        "Đơn vị tiếp nhận",
        "Nơi tiếp nhận",
        "Tên đơn vị",
        "TenDonVi",
        "Tên phường/xã",
        "ward_name",
    ],
    "district_name": ["Quận/Huyện", "Quận", "Huyện", "Quận/Huyện cũ", "district_name"],
    "province": ["Tỉnh/Thành phố", "Tỉnh", "Thành phố", "Tỉnh/TP", "province"],
}


@dataclass(frozen=True)
class Kind:
    """One kind of input file: its key column, required columns and header aliases."""

    name: str
    label: str  # Vietnamese, for summaries
    key: str
    aliases: dict[str, list[str]]
    # The kind is recognised when all of these canonical columns are present.
    signature: tuple[str, ...]
    # Yes/no columns (vocabulary BOOL_WORDS). A file that has one states it for every row: a
    # blank cell means "no"; only a column the file lacks leaves the flag unknown (metrics §3).
    flags: tuple[str, ...] = ()


DOSSIERS = Kind(
    name="dossiers",
    label="hồ sơ",
    key="dossier_id",
    signature=("dossier_id",),
    flags=(
        "interagency",
        "digitized",
        "e_result",
        "reused_data",
        "has_fee",
        "paid_online",
        "no_wait",
    ),
    aliases={
        "dossier_id": ["Mã hồ sơ", "Số hồ sơ", "MaHoSo", "Mã HS", "dossier_id"],
        **WARD_ALIASES,
        "procedure_code": ["Mã TTHC", "Mã thủ tục", "MaTTHC", "Mã thủ tục hành chính"],
        "procedure_name": [
            "Tên TTHC",
            N_("Tên thủ tục"),
            "Thủ tục",
            "TenTTHC",
            N_("Thủ tục hành chính"),
        ],
        "field": ["Lĩnh vực", "TenLinhVuc", "Tên lĩnh vực", "field"],
        "channel": [
            "Kênh nộp",
            "Hình thức nộp",
            "Hình thức tiếp nhận",
            "KenhThucHien",
            "Kênh tiếp nhận",
            "channel",
        ],
        "online_level": ["Mức độ", "Mức độ DVC", "MucDo", "Mức độ dịch vụ công", "online_level"],
        "received_at": ["Ngày tiếp nhận", "Ngày nhận", "NgayTiepNhan", "received_at"],
        "submitted_at": ["Ngày nộp", "NgayNopHoSo", "Ngày nộp hồ sơ", "submitted_at"],
        "due_at": ["Ngày hẹn trả", "Hẹn trả", "NgayHenTra", "Ngày hẹn trả kết quả", "due_at"],
        "ended_at": [
            "Ngày có kết quả",
            "Ngày hoàn thành",
            "Ngày kết thúc xử lý",
            "NgayKetThucXuLy",
            "Ngày kết thúc",
            "ended_at",
        ],
        "returned_at": ["Ngày trả kết quả", "NgayTra", "Ngày trả", "returned_at"],
        "status": ["Trạng thái", "TrangThaiHoSo", "Trạng thái hồ sơ", "status"],
        "supplement_count": [
            "Số lần yêu cầu bổ sung",
            "Số lần bổ sung",
            "SoLanBoSung",
            "supplement_count",
        ],
        "paused_days": ["Số ngày tạm dừng", "Ngày tạm dừng", "paused_days"],
        "interagency": ["Liên thông", "HoSoLienThong", "Hồ sơ liên thông", "interagency"],
        "digitized": [
            "Số hóa",
            "Đã số hóa",
            "HoSoCoThanhPhanSoHoa",
            "Hồ sơ có thành phần số hóa",
            "digitized",
        ],
        "e_result": ["Kết quả điện tử", "Có kết quả điện tử", "e_result"],
        "reused_data": ["Tái sử dụng dữ liệu", "DuocSoHoa", "reused_data"],
        "has_fee": ["Có phí", "Lệ phí", "Phí, lệ phí", "has_fee"],
        "paid_online": [
            "Thanh toán trực tuyến",
            "DuocThanhToanTrucTuyen",
            "Đã thanh toán trực tuyến",
            "paid_online",
        ],
        "no_wait": ["Không chờ", "TTHC không chờ", "Thủ tục hành chính không chờ", "no_wait"],
        "applicant_type": ["Loại đối tượng", "Đối tượng", "applicant_type"],
    },
)

RATINGS = Kind(
    name="ratings",
    label="đánh giá",
    key="rating_id",
    signature=("rated_at", "rating"),
    aliases={
        "rating_id": ["Mã đánh giá", "rating_id"],
        "dossier_id": ["Mã hồ sơ", "Số hồ sơ", "MaHoSo", "dossier_id"],
        **WARD_ALIASES,
        "rated_at": ["Thời gian đánh giá", "Ngày đánh giá", "rated_at"],
        "rating": ["Mức độ hài lòng", N_("Đánh giá"), "Điểm", "Điểm đánh giá", "rating"],
        "access": [N_("Tiếp cận dịch vụ"), "access"],
        "procedure": [N_("Thủ tục hành chính"), "procedure"],
        "staff": ["Công chức", N_("Công chức giải quyết"), "staff"],
        "result": ["Kết quả", "result"],
        "feedback": ["Góp ý phản ánh", "Tiếp nhận xử lý góp ý", "feedback"],
        "rating_channel": ["Kênh đánh giá", "rating_channel"],
        "comment": ["Ý kiến", "Góp ý", "Nội dung", "Ý kiến góp ý", "comment"],
    },
)

PETITIONS = Kind(
    name="petitions",
    label="phản ánh, kiến nghị",
    key="petition_id",
    signature=("petition_id",),
    flags=("unsatisfied",),
    aliases={
        "petition_id": ["Mã phản ánh", "Mã PAKN", "Mã phản ánh kiến nghị", "petition_id"],
        **WARD_ALIASES,
        "received_at": ["Ngày tiếp nhận", "Ngày nhận", "Ngày gửi", "received_at"],
        "due_at": ["Hạn xử lý", "Ngày hẹn trả", "Hạn trả lời", "due_at"],
        "handled_at": ["Ngày xử lý", "Ngày trả lời", "Ngày hoàn thành", "handled_at"],
        "category": ["Phân loại", "Loại phản ánh", N_("Nhóm"), "category"],
        "unsatisfied": ["Không hài lòng", "Chưa hài lòng", "unsatisfied"],
        "dossier_id": ["Mã hồ sơ", "Số hồ sơ", "dossier_id"],
    },
)

PROCEDURES = Kind(
    name="procedures",
    label="danh mục thủ tục",
    key="procedure_code",
    signature=("procedure_code", "time_limit_working_days"),
    flags=("has_fee", "paper_result"),
    aliases={
        "procedure_code": ["Mã TTHC", "Mã thủ tục", "MaTTHC", "procedure_code"],
        "procedure_name": ["Tên TTHC", N_("Tên thủ tục"), "Thủ tục", "TenTTHC", "procedure_name"],
        "field": ["Lĩnh vực", "TenLinhVuc", "field"],
        "time_limit_working_days": [
            "Thời hạn giải quyết",
            "Thời hạn giải quyết (ngày làm việc)",
            "Thời hạn (ngày làm việc)",
            "Số ngày giải quyết",
            "time_limit_working_days",
        ],
        "online_level": ["Mức độ", "Mức độ DVC", "MucDo", "online_level"],
        "has_fee": ["Có phí", "Lệ phí", "has_fee"],
        "paper_result": ["Kết quả giấy", "Trả kết quả bản giấy", "paper_result"],
    },
)

# Detection order matters: rating and petition files carry a dossier id too, and a dossier file
# may carry a procedure's time limit.
KINDS: dict[str, Kind] = {k.name: k for k in (RATINGS, PETITIONS, DOSSIERS, PROCEDURES)}

# Personal data: dropped at read time, never stored (data-contract §1). A header is personal when
# its key equals one of these or contains one of PERSONAL_FRAGMENTS.
PERSONAL_HEADERS = [
    "Họ tên",
    "Họ và tên",
    "Tên người nộp",
    "Người nộp",
    "Người nộp hồ sơ",
    "Chủ hồ sơ",
    "Tên công dân",
    "Người yêu cầu",
    "Số CCCD",
    "CCCD",
    "CMND",
    "Số định danh",
    "Số giấy tờ",
    "Điện thoại",
    "Số điện thoại",
    "SĐT",
    "Email",
    "Thư điện tử",
    "Địa chỉ",
    "Ngày sinh",
    "Năm sinh",
    "applicant_name",
    "id_number",
    "phone",
    "address",
    "birth_date",
]
PERSONAL_FRAGMENTS = (
    "hoten",
    "hovaten",
    "cccd",
    "cmnd",
    "dinhdanh",
    "dienthoai",
    "sdt",
    "email",
    "diachi",
    "ngaysinh",
    "namsinh",
    "nguoinop",
    "congdan",
    "chuhoso",
)
_PERSONAL_KEYS = {name_key(h) for h in PERSONAL_HEADERS}


def is_personal(header: str) -> bool:
    """True when a header names personal data that must never be stored."""
    key = name_key(header)
    return key in _PERSONAL_KEYS or any(f in key for f in PERSONAL_FRAGMENTS)


def alias_map(kind: Kind) -> dict[str, str]:
    """Return ``{header key: canonical column}`` for one kind."""
    out: dict[str, str] = {}
    for canonical, aliases in kind.aliases.items():
        for alias in [canonical, *aliases]:
            out.setdefault(name_key(alias), canonical)
    return out


# Vocabularies: word (as a name key) → canonical value. Codes are matched as written.
STATUS_WORDS: dict[str, str] = {
    "1": "submitted",
    "2": "received",
    "3": "refused",
    "4": "processing",
    "5": "supplement",
    "6": "obligation",
    "7": "withdrawn",
    "8": "stopped",
    "9": "processed",
    "10": "returned",
    "moidangky": "submitted",
    "dangky": "submitted",
    "chotiepnhan": "submitted",
    "duoctiepnhan": "received",
    "datiepnhan": "received",
    "moitiepnhan": "received",
    "khongduoctiepnhan": "refused",
    "tuchoitiepnhan": "refused",
    "tuchoi": "refused",
    "dangxuly": "processing",
    "danggiaiquyet": "processing",
    "yeucaubosunggiayto": "supplement",
    "yeucaubosung": "supplement",
    "chobosung": "supplement",
    "yeucauthuchiennghiavutaichinh": "obligation",
    "thuchiennghiavutaichinh": "obligation",
    "congdanyeucaruthoso": "withdrawn",
    "congdanyeucauruthoso": "withdrawn",
    "ruthoso": "withdrawn",
    "dungxuly": "stopped",
    "daxulyxong": "processed",
    "daxuly": "processed",
    "dagiaiquyet": "processed",
    "hoanthanh": "processed",
    "datraketqua": "returned",
    "datra": "returned",
}
for _canonical in set(STATUS_WORDS.values()):
    STATUS_WORDS[_canonical] = _canonical

# Statuses that end a dossier (data-contract §1.5).
ENDED_STATUSES = ("withdrawn", "stopped", "processed", "returned")

CHANNEL_WORDS: dict[str, str] = {
    "1": "direct",
    "2": "online",
    "3": "postal",
    "tructiep": "direct",
    "taiquay": "direct",
    "direct": "direct",
    "tructuyen": "online",
    "dichvucongtructuyen": "online",
    "online": "online",
    "buuchinh": "postal",
    "buuchinhcongich": "postal",
    "quabuuchinh": "postal",
    "quabuuchinhcongich": "postal",
    "postal": "postal",
}

ONLINE_LEVEL_WORDS: dict[str, str] = {
    "4": "full",
    "3": "partial",
    "2": "none",
    "1": "none",
    "muc4": "full",
    "mucdo4": "full",
    "muc3": "partial",
    "mucdo3": "partial",
    "muc2": "none",
    "mucdo2": "none",
    "toantrinh": "full",
    "tructuyentoantrinh": "full",
    "dvctoantrinh": "full",
    "motphan": "partial",
    "tructuyenmotphan": "partial",
    "dvcmotphan": "partial",
    "khong": "none",
    "tructiep": "none",
    "full": "full",
    "partial": "partial",
    "none": "none",
}

BOOL_WORDS: dict[str, bool] = {
    "co": True,
    "x": True,
    "1": True,
    "true": True,
    "yes": True,
    "y": True,
    "dung": True,
    "da": True,
    "khong": False,
    "0": False,
    "false": False,
    "no": False,
    "n": False,
    "sai": False,
    "chua": False,
}

APPLICANT_WORDS: dict[str, str] = {
    "congdan": "citizen",
    "canhan": "citizen",
    "nguoidan": "citizen",
    "citizen": "citizen",
    "tochuc": "organization",
    "doanhnghiep": "organization",
    "organization": "organization",
}

RATING_WORDS: dict[str, int] = {
    "1": 1,
    "2": 2,
    "3": 3,
    "4": 4,
    "5": 5,
    "rathailong": 5,
    "hailong": 4,
    "binhthuong": 3,
    "chapnhanduoc": 3,
    "khonghailong": 2,
    "rathonghailong": 1,
    "ratkhonghailong": 1,
    "thich": 4,
    "like": 4,
    "khongthich": 2,
    "dislike": 2,
}

RATING_CHANNEL_WORDS: dict[str, str] = {
    w: w for w in ("kiosk", "qr", "web", "app", "zalo", "paper")
} | {
    "maqr": "qr",
    "qrcode": "qr",
    "cong": "web",
    "website": "web",
    "ungdung": "app",
    "giay": "paper",
    "phieugiay": "paper",
    "maytinhbang": "kiosk",
}

CATEGORY_WORDS: dict[str, str] = {
    "procedure": "procedure",
    "thutuchanhchinh": "procedure",
    "thutuc": "procedure",
    "tthc": "procedure",
    "staff": "staff",
    "thaidocongchuc": "staff",
    "congchuc": "staff",
    "canbo": "staff",
    "other": "other",
    "khac": "other",
}

VOCABULARIES: dict[str, dict] = {
    "status": STATUS_WORDS,
    "channel": CHANNEL_WORDS,
    "online_level": ONLINE_LEVEL_WORDS,
    "bool": BOOL_WORDS,
    "applicant_type": APPLICANT_WORDS,
    "rating": RATING_WORDS,
    "rating_channel": RATING_CHANNEL_WORDS,
    "category": CATEGORY_WORDS,
}
