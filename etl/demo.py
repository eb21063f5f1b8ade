"""Realistic, seeded demo exports for Hà Nội's wards (province ``01``).

:func:`write_demo_files` writes what a city's one-stop system would export: a procedure catalogue
(``thu_tuc.xlsx``), one dossier file per month (``ho_so_YYYY_MM.csv``), the citizens' ratings
(``danh_gia.csv``) and petitions (``phan_anh.csv``), all with Vietnamese headers and words,
day-first dates and UTF-8 with a BOM as Excel saves CSV. The real loader reads them like any other
export.

The shape follows figures wards have published in the press: 15-25 dossiers per ward and
working day (Hồng Hà: ~100 a day; Ba Đình: 439 in its first week of July 2025), certification and
civil status first, on-time rates around 98-99% with late dossiers concentrated in land and
inter-agency procedures, a high and rising online share, ~45% "không chờ" among the simple
procedures of the pilot. Procedure codes follow the national database's format; the catalogue is
illustrative, not a reference.

Everything is vectorised over dossiers with one seeded :class:`numpy.random.Generator`, so the same
seed and the same ``today`` give byte-identical files.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import holidays
import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter
from vietnam_provinces import ProvinceCode, VietNamDivisionType, Ward

PROVINCE_CODE = "01"
FIRST_DAY = date(2025, 7, 1)  # the two-tier local government and today's wards started here
CSV_ENCODING = "utf-8-sig"  # Excel's "CSV UTF-8": a BOM, then UTF-8
CSV_NEWLINE = "\r\n"  # as Excel writes it

DOSSIER_HEADERS = (
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
)
PERSONAL_HEADERS = ("Họ tên người nộp", "Số CCCD")
RATING_HEADERS = (
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
)
PETITION_HEADERS = (
    "Mã phản ánh",
    "Mã xã",
    "Ngày tiếp nhận",
    "Hạn xử lý",
    "Ngày xử lý",
    "Phân loại",
    "Không hài lòng",
    "Mã hồ sơ",
)
PROCEDURE_HEADERS = (
    "Mã TTHC",
    "Tên TTHC",
    "Lĩnh vực",
    "Thời hạn giải quyết (ngày làm việc)",
    "Mức độ DVC",
    "Có phí",
)

CHANNELS = ("Trực tiếp", "Trực tuyến", "Bưu chính công ích")
DIRECT, ONLINE, POSTAL = 0, 1, 2
STATUSES = (
    "Đang xử lý",
    "Yêu cầu bổ sung giấy tờ",
    "Đã xử lý xong",
    "Đã trả kết quả",
    "Công dân yêu cầu rút hồ sơ",
    "Dừng xử lý",
)
PROCESSING, SUPPLEMENT, PROCESSED, RETURNED, WITHDRAWN, STOPPED = range(6)
RATING_WORDS = ("Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng")
RATING_CHANNELS = ("kiosk", "qr", "web", "app", "zalo", "paper")
PETITION_CATEGORIES = ("Thủ tục hành chính", "Thái độ công chức", "Khác")

# Outcome classes drawn for each dossier before the export's cut-off is applied.
_OK, _LATE, _WITHDRAW, _STOP = range(4)
_DAY = 86_400
_HOUR = 3_600
_EPOCH = date(1970, 1, 1)


@dataclass(frozen=True)
class Field:
    """A field (lĩnh vực) and how its dossiers behave."""

    name: str
    share: float  # share of a ward's dossiers (phường); normalised over the fields
    rural: float  # multiplier of the share in a xã
    online_bias: float  # added to the logit of the online probability
    late: float  # base probability that a dossier ends late
    supplement: float  # probability of at least one supplement request
    org: float  # share of dossiers filed by organisations
    postal: float  # probability of filing by public post


@dataclass(frozen=True)
class Procedure:
    """One procedure of the catalogue."""

    field: str
    code: str
    name: str
    days: float  # legal time limit in working days; 0.5 means the same day
    full: bool  # offered as full online service (toàn trình)
    fee: bool
    weight: float  # relative frequency within its field
    interagency: float = 0.0  # probability that a dossier goes through other agencies
    no_wait: bool = False  # can be resolved while the citizen waits (pilot list of Hàng Bài)


FIELDS: tuple[Field, ...] = (
    # name, share, rural, online_bias, late, supplement, org, postal
    Field("Chứng thực", 0.36, 0.85, -2.3, 0.003, 0.002, 0.08, 0.004),
    Field("Hộ tịch", 0.25, 1.0, 0.7, 0.008, 0.02, 0.0, 0.01),
    Field("Đất đai", 0.09, 1.7, -0.2, 0.05, 0.12, 0.05, 0.03),
    Field("Hộ kinh doanh", 0.07, 0.75, 1.4, 0.008, 0.05, 0.0, 0.01),
    Field("Bảo trợ xã hội", 0.055, 1.2, -0.4, 0.012, 0.06, 0.0, 0.03),
    Field("Xây dựng", 0.035, 1.1, 0.0, 0.03, 0.1, 0.08, 0.02),
    Field("Người có công", 0.03, 1.1, -0.5, 0.015, 0.05, 0.0, 0.03),
    Field("Giảm nghèo", 0.012, 2.0, -0.6, 0.01, 0.04, 0.0, 0.02),
    Field("Văn hóa", 0.01, 1.0, 0.3, 0.015, 0.04, 0.45, 0.02),
    Field("Giáo dục", 0.008, 1.0, 0.2, 0.01, 0.05, 0.5, 0.02),
    Field("Công thương", 0.008, 0.9, 0.5, 0.015, 0.05, 0.3, 0.02),
    Field("Y tế", 0.007, 1.0, 0.0, 0.01, 0.04, 0.2, 0.02),
    Field("Nông nghiệp", 0.008, 3.5, -0.6, 0.015, 0.04, 0.1, 0.02),
    Field("Thi đua - Khen thưởng", 0.006, 1.0, -0.3, 0.01, 0.02, 0.6, 0.02),
    Field("Tư pháp", 0.005, 1.0, -0.3, 0.01, 0.02, 0.0, 0.02),
    Field("Môi trường", 0.004, 1.3, 0.2, 0.02, 0.06, 0.5, 0.02),
    Field("Tôn giáo", 0.002, 1.3, -0.5, 0.02, 0.05, 1.0, 0.02),
    Field("Nuôi con nuôi", 0.001, 1.0, -0.8, 0.02, 0.1, 0.0, 0.02),
)

# The catalogue, one procedure a line under its [field], columns separated by spaces: code, time
# limit in working days (0.5 = the same day), T toàn trình / M một phần, C có phí / K không,
# relative frequency within the field, share of inter-agency dossiers, x when "không chờ" applies
# (else -), then the name; an indented line continues a long name.
_CATALOGUE = """
[Chứng thực]
2.000815 0.5 M C 52  0   x Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có
    thẩm quyền của Việt Nam cấp hoặc chứng nhận
2.000908 0.5 M C 6   0   - Chứng thực bản sao điện tử từ bản chính
2.000884 0.5 M C 22  0   x Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp
    chứng thực điểm chỉ)
2.001008 0.5 M C 1.5 0   - Chứng thực chữ ký người dịch mà người dịch không phải là cộng tác viên
    dịch thuật
2.001035 2   M C 8   0   - Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền
    sử dụng đất, nhà ở
2.001019 2   M C 1   0   - Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch
2.001016 2   M C 0.5 0   - Sửa lỗi sai sót trong hợp đồng, giao dịch
2.000942 1   M C 1.5 0   - Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng
    thực
2.001009 2   M C 1   0   - Chứng thực văn bản thỏa thuận phân chia di sản mà di sản là động sản,
    quyền sử dụng đất, nhà ở
2.000913 2   M C 0.8 0   - Chứng thực văn bản khai nhận di sản mà di sản là động sản, quyền sử dụng
    đất, nhà ở
2.001406 2   M C 0.4 0   - Chứng thực di chúc
2.001050 2   M C 0.3 0   - Chứng thực văn bản từ chối nhận di sản

[Hộ tịch]
1.001193 1   T K 20  0   - Đăng ký khai sinh
1.012120 3   T K 8   1   - Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú,
    cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi
1.000894 1   M K 8   0   x Đăng ký kết hôn
1.000656 1   T K 5   0   x Đăng ký khai tử
2.002913 3   T K 3   1   - Liên thông thủ tục hành chính về đăng ký khai tử, xóa đăng ký thường trú,
    hưởng chế độ tử tuất, trợ cấp mai táng
2.000635 0.5 T C 16  0   x Cấp bản sao trích lục hộ tịch
1.004873 3   T C 12  0   - Cấp Giấy xác nhận tình trạng hôn nhân
1.004859 3   M C 4   0   - Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch
1.001022 3   M C 1.5 0   - Đăng ký nhận cha, mẹ, con
1.000689 3   M C 1   0   - Đăng ký khai sinh kết hợp nhận cha, mẹ, con
1.004772 3   M C 1   0   - Đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân
1.004884 5   M C 1.5 0   - Đăng ký lại khai sinh
1.005461 5   M C 0.3 0   - Đăng ký lại khai tử
1.004746 5   M C 0.3 0   - Đăng ký lại kết hôn
1.004837 3   M C 0.3 0   - Đăng ký giám hộ
1.004845 2   M C 0.2 0   - Đăng ký chấm dứt giám hộ
3.000323 3   M K 0.1 0   - Đăng ký giám sát việc giám hộ
1.000593 5   M K 0.1 0   - Đăng ký kết hôn lưu động
1.000419 5   M K 0.1 0   - Đăng ký khai tử lưu động
2.000528 3   M C 0.4 0   - Đăng ký khai sinh có yếu tố nước ngoài
2.000806 10  M C 0.4 0   - Đăng ký kết hôn có yếu tố nước ngoài

[Nuôi con nuôi]
2.001263 20  M C 3   0   - Đăng ký việc nuôi con nuôi trong nước
1.004941 5   M C 1   0   - Đăng ký lại việc nuôi con nuôi trong nước

[Đất đai]
1.012753 20  M C 10  1   - Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn
    liền với đất lần đầu đối với hộ gia đình, cá nhân
1.013978 10  M K 6   0.3 - Xác nhận nguồn gốc, thời điểm sử dụng đất để cấp Giấy chứng nhận lần đầu
1.012774 10  M C 22  0.5 - Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với
    đất do chuyển nhượng, tặng cho, thừa kế
1.012790 15  M C 6   1   - Chuyển mục đích sử dụng đất không phải xin phép
1.012795 10  M C 9   0.3 - Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền
    với đất
1.012801 10  M K 2   0   - Đính chính Giấy chứng nhận đã cấp
1.012806 15  M C 4   0.5 - Tách thửa hoặc hợp thửa đất
1.012812 3   T C 7   0.3 - Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất
1.003554 30  M K 3   0   - Hòa giải tranh chấp đất đai
1.012820 20  M C 1   1   - Giao đất, cho thuê đất đối với hộ gia đình, cá nhân

[Xây dựng]
1.013225 15  M C 14  0   - Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ
1.013226 15  M C 2   0   - Cấp điều chỉnh giấy phép xây dựng đối với nhà ở riêng lẻ
1.013227 5   T C 2   0   - Gia hạn giấy phép xây dựng
1.013228 5   T C 1   0   - Cấp lại giấy phép xây dựng
1.013229 15  M C 3   0   - Cấp giấy phép sửa chữa, cải tạo nhà ở riêng lẻ
1.013231 15  M C 1.5 0   - Cấp giấy phép xây dựng có thời hạn đối với nhà ở riêng lẻ

[Hộ kinh doanh]
2.000575 3   T C 40  0   - Đăng ký thành lập hộ kinh doanh
2.000720 3   T C 25  0   - Đăng ký thay đổi nội dung đăng ký hộ kinh doanh
1.001570 3   T K 12  0   - Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã
    thông báo của hộ kinh doanh
1.001266 3   T K 12  0   - Chấm dứt hoạt động hộ kinh doanh
2.001612 3   T C 6   0   - Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh

[Bảo trợ xã hội]
1.001776 10  M K 30  0   - Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh
    phí chăm sóc, nuôi dưỡng hàng tháng
1.001758 5   M K 5   0   - Chi trả trợ cấp xã hội hàng tháng khi đối tượng thay đổi nơi cư trú
1.001731 3   M K 8   0   - Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội
1.014027 10  M K 10  0   - Thực hiện, điều chỉnh, thôi hưởng trợ cấp hưu trí xã hội
1.014028 3   M K 2   0   - Hỗ trợ chi phí mai táng đối với người đang hưởng trợ cấp hưu trí xã hội
1.001699 20  M K 10  0   - Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật
1.001653 5   M K 3   0   - Đổi, cấp lại Giấy xác nhận khuyết tật

[Giảm nghèo]
1.011606 10  M K 5   0   - Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm
1.011607 15  M K 3   0   - Công nhận hộ nghèo, hộ cận nghèo; hộ thoát nghèo, hộ thoát cận nghèo
    thường xuyên hằng năm
1.011608 10  M K 2   0   - Công nhận hộ thoát nghèo, hộ thoát cận nghèo trong năm

[Người có công]
1.010833 5   M K 8   0   - Cấp giấy xác nhận thân nhân của người có công
1.010803 12  M K 4   1   - Giải quyết chế độ trợ cấp thờ cúng liệt sĩ
1.010801 12  M K 3   1   - Giải quyết trợ cấp mai táng khi người có công với cách mạng từ trần
2.002307 5   M K 3   0   - Giải quyết chế độ mai táng phí đối với cựu chiến binh
2.002308 5   M K 1   0   - Giải quyết chế độ mai táng phí đối với thanh niên xung phong thời kỳ
    chống Pháp

[Giáo dục]
1.004515 15  M K 3   0   - Cho phép nhóm trẻ, lớp mẫu giáo độc lập hoạt động
2.002894 20  M K 1   0   - Cho phép trường mầm non hoạt động giáo dục
1.004438 10  M K 3   0   - Hỗ trợ ăn trưa đối với trẻ em mẫu giáo
2.002770 10  M K 2   0   - Xét duyệt chính sách hỗ trợ đối với học sinh bán trú
1.001639 20  M K 0.2 0   - Giải thể trường tiểu học (theo đề nghị của tổ chức, cá nhân thành lập
    trường)

[Văn hóa]
1.001029 5   M C 3   0   - Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke
1.003645 5   T K 2   0   - Thông báo tổ chức lễ hội cấp xã
1.000954 5   M K 3   0   - Xét tặng danh hiệu Gia đình văn hóa hằng năm
1.001120 5   T K 1   0   - Thông báo tổ chức biểu diễn nghệ thuật

[Thi đua - Khen thưởng]
1.000748 10  M K 3   0   - Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã về thực hiện nhiệm vụ
    chính trị
1.000775 10  M K 1   0   - Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã cho gia đình
1.000780 5   M K 1   0   - Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã về thành tích đột xuất

[Tư pháp]
1.002211 5   M K 2   0   - Công nhận hòa giải viên
2.000950 5   M K 1   0   - Công nhận tổ trưởng tổ hòa giải
2.000930 5   M K 0.5 0   - Thôi làm hòa giải viên
2.000424 5   M K 1.5 0   - Thanh toán thù lao cho hòa giải viên

[Nông nghiệp]
1.008004 5   M K 3   0   - Đăng ký chuyển đổi cơ cấu cây trồng trên đất trồng lúa
1.008010 10  M K 3   0   - Hỗ trợ khôi phục sản xuất vùng bị thiệt hại do thiên tai, dịch bệnh
1.000045 3   M K 1   0   - Xác nhận bảng kê lâm sản

[Y tế]
1.003101 5   M K 3   0   - Xét hưởng chính sách hỗ trợ cho đối tượng sinh con đúng chính sách dân số
1.003110 10  M C 2   0   - Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm

[Môi trường]
1.010738 5   T K 3   0   - Đăng ký môi trường
1.010740 10  M K 0.5 0   - Tham vấn ý kiến trong đánh giá tác động môi trường

[Công thương]
2.000620 10  T C 3   0   - Cấp Giấy phép bán lẻ rượu
2.000633 10  T C 2   0   - Cấp Giấy phép bán lẻ sản phẩm thuốc lá
2.000181 10  M C 0.5 0   - Cấp Giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh

[Tôn giáo]
1.001055 15  M K 2   0   - Đăng ký hoạt động tín ngưỡng
1.001078 15  M K 2   0   - Thông báo danh mục hoạt động tôn giáo đối với tổ chức có địa bàn hoạt
    động tôn giáo ở một xã
1.001085 20  M K 1   0   - Đăng ký sinh hoạt tôn giáo tập trung
1.001090 15  M K 0.5 0   - Thông báo về việc thay đổi địa điểm sinh hoạt tôn giáo tập trung
"""


def _parse_catalogue(text: str) -> tuple[Procedure, ...]:
    """Read :data:`_CATALOGUE` into procedures."""
    rows: list[list[str]] = []
    field = ""
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith("["):
            field = line.strip("[] ")
        elif line.startswith(" "):
            rows[-1][-1] += " " + line.strip()
        else:
            rows.append([field, *line.split(maxsplit=7)])
    return tuple(
        Procedure(
            field=f,
            code=code,
            name=name,
            days=float(days),
            full=level == "T",
            fee=fee == "C",
            weight=float(weight),
            interagency=float(inter),
            no_wait=nw == "x",
        )
        for f, code, days, level, fee, weight, inter, nw, name in rows
    )


PROCEDURES = _parse_catalogue(_CATALOGUE)

# Published anchor: Ba Đình received and resolved 439 dossiers in 1-7/7/2025 (press, 8/7/2025).
_ANCHORS: dict[str, tuple[date, date, float]] = {"00004": (date(2025, 7, 1), date(2025, 7, 7), 439)}

_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Phan", "Đặng", "Bùi", "Đỗ", "Ngô",
             "Dương", "Lý", "Hồ", "Trịnh", "Đinh")  # fmt: skip
_SURNAME_P = (0.34, 0.11, 0.09, 0.07, 0.05, 0.05, 0.04, 0.04, 0.04, 0.04, 0.03, 0.03, 0.02, 0.02,
              0.02, 0.01)  # fmt: skip
_MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Ngọc", "Thanh", "Quang", "Hồng", "Xuân",
           "Thành", "Phương", "Tuấn")  # fmt: skip
_GIVEN = ("An", "Anh", "Bình", "Chi", "Cường", "Dũng", "Duy", "Giang", "Hà", "Hải", "Hạnh",
          "Hiền", "Hoa", "Hùng", "Hương", "Huy", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh",
          "Nam", "Nga", "Ngọc", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Trang",
          "Trung", "Tú", "Tùng", "Vân", "Việt", "Yến")  # fmt: skip

_GOOD_COMMENTS = (
    "Cán bộ hướng dẫn tận tình, chu đáo.",
    "Giải quyết nhanh, không phải chờ lâu.",
    "Rất hài lòng với thái độ phục vụ.",
    "Thủ tục nhanh gọn, cảm ơn phường.",
    "Nộp trực tuyến tiện, nhận kết quả đúng hẹn.",
    "Công chức niềm nở, giải thích dễ hiểu.",
    "Nơi làm thủ tục sạch sẽ, có chỗ ngồi chờ.",
)
_MID_COMMENTS = (
    "Đông người, phải chờ khá lâu.",
    "Nên bố trí thêm chỗ gửi xe.",
    "Trang dịch vụ công hơi khó dùng với người lớn tuổi.",
    "Cần hướng dẫn rõ hơn về giấy tờ cần mang theo.",
)
_BAD_COMMENTS = (
    "Hồ sơ bị trễ hẹn, không được báo trước.",
    "Phải đi lại nhiều lần mới xong.",
    "Yêu cầu bổ sung giấy tờ nhiều lần.",
    "Chờ quá lâu, không ai hướng dẫn.",
    "Hẹn trả kết quả nhưng đến nơi chưa có.",
)
_PHONE_LEADS = (" Xin liên hệ lại số ", " Gọi cho tôi qua số ", " SĐT: ")


def write_demo_files(
    out_dir: Path,
    *,
    wards: int = 126,
    days: int | None = None,
    seed: int = 2025,
    today: date | None = None,
    taken_at: datetime | None = None,
) -> list[Path]:
    """Write realistic demo exports for Hà Nội into ``out_dir`` and return their paths.

    The period runs from 1/7/2025 (or ``today - days``, never earlier) to ``today``; ``wards`` is
    how many of Hà Nội's 126 wards, first by code. The export was taken at ``taken_at`` (a local
    time on ``today``; default: the end of ``today``): nothing after it is in the files, so a
    demo made in the morning holds no afternoon. Same ``seed``, ``today`` and ``taken_at`` give
    byte-identical files. Returns the catalogue, the monthly dossier files in order, the
    ratings, the petitions.
    """
    today = today or (taken_at.date() if taken_at else date.today())
    if taken_at is not None and taken_at.date() != today:
        raise ValueError(f"taken_at={taken_at:%d/%m/%Y %H:%M} is not on today={today:%d/%m/%Y}")
    start = FIRST_DAY if days is None else max(FIRST_DAY, today - timedelta(days=days))
    if today < FIRST_DAY:
        raise ValueError(f"today={today:%d/%m/%Y} is before {FIRST_DAY:%d/%m/%Y}")
    if days is not None and days < 0:
        raise ValueError(f"days must be ≥ 0, got {days}")
    all_wards = hanoi_wards()
    if not 1 <= wards <= len(all_wards):
        raise ValueError(f"wards must be between 1 and {len(all_wards)}, got {wards}")

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    cal = _Calendar(start, today, taken_at)
    # Drawn for all 126 wards, so that a smaller run is the same wards with the same habits.
    wp = _ward_params(rng, all_wards, cal)[:wards]
    dossiers = _dossiers(rng, cal, all_wards[:wards], wp)

    paths = [_write_catalogue(out_dir / "thu_tuc.xlsx", today)]
    paths += _write_dossier_files(rng, out_dir, dossiers, cal, wp)
    paths.append(_write_ratings(rng, out_dir / "danh_gia.csv", dossiers, cal, wp))
    paths.append(_write_petitions(rng, out_dir / "phan_anh.csv", dossiers, cal, wp))
    return paths


def hanoi_wards() -> list[tuple[str, str, bool]]:
    """Return Hà Nội's wards as ``(5-digit code, full name, is_phường)``, sorted by code."""
    wards = Ward.iter_by_province(ProvinceCode.P_01)
    return sorted(
        (f"{int(w.code):05d}", w.name, w.division_type == VietNamDivisionType.PHUONG) for w in wards
    )


# --- calendar --------------------------------------------------------------------------------


class _Calendar:
    """Days of the period, Vietnam's working days around it and the lookups to format dates."""

    def __init__(self, start: date, today: date, taken_at: datetime | None = None) -> None:
        """Build the calendar of ``[start, today]`` with working days well past ``today``; the
        export's cut-off is ``taken_at`` (default: the end of ``today``)."""
        self.today = today
        self.lo = _dn(start) - 20
        self.hi = _dn(today) + 500  # room for due dates and late endings beyond the cut-off
        vn = holidays.country_holidays("VN", years=range(start.year - 1, today.year + 3))
        all_days = [_EPOCH + timedelta(days=int(n)) for n in range(self.lo, self.hi + 1)]
        # Working days as the holidays library counts them (Mon-Fri without public holidays,
        # plus the Saturdays the government swaps in for a bridge day).
        working = np.array([vn.is_working_day(d) for d in all_days])
        self.wd = np.arange(self.lo, self.hi + 1, dtype=np.int64)[working]
        self.is_wd = working  # indexed by day number - lo
        self.day_text = np.array([d.strftime("%d/%m/%Y") for d in all_days], dtype=object)
        self.month = np.array([d.year * 100 + d.month for d in all_days])
        self.days = np.arange(_dn(start), _dn(today) + 1, dtype=np.int64)
        dates = all_days[self.days[0] - self.lo : self.days[-1] - self.lo + 1]
        self.vn = vn
        self.kind = _day_kinds(dates, vn)
        self.factor = _day_factors(dates, vn)
        self.cutoff = (_dn(today) + 1) * _DAY - 1  # the export was taken at the end of today
        if taken_at is not None:  # … or earlier that day
            since_midnight = taken_at - datetime.combine(today, datetime.min.time())
            self.cutoff = min(self.cutoff, _dn(today) * _DAY + int(since_midnight.total_seconds()))
        seconds = np.arange(_DAY)
        self.time_text = np.array(
            [f" {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in seconds], dtype=object
        )
        self.minute_text = np.array(
            [f" {m // 60:02d}:{m % 60:02d}" for m in range(1440)], dtype=object
        )

    def working_index(self, day: np.ndarray) -> np.ndarray:
        """Index in ``wd`` of the last working day on or before each day number."""
        return np.searchsorted(self.wd, day, side="right") - 1

    def is_working(self, day: np.ndarray) -> np.ndarray:
        """Whether each day number is a working day."""
        return self.is_wd[day - self.lo]

    def datetime_text(self, secs: np.ndarray, valid: np.ndarray | None = None) -> np.ndarray:
        """Format seconds since 1970 as ``dd/mm/yyyy HH:MM:SS``; None where not ``valid``."""
        text = self.day_text[secs // _DAY - self.lo] + self.time_text[secs % _DAY]
        return text if valid is None else np.where(valid, text, None)

    def minute_text_of(self, secs: np.ndarray) -> np.ndarray:
        """Format seconds since 1970 as ``dd/mm/yyyy HH:MM``."""
        return self.day_text[secs // _DAY - self.lo] + self.minute_text[secs % _DAY // 60]

    def date_text(self, day: np.ndarray) -> np.ndarray:
        """Format day numbers as ``dd/mm/yyyy``."""
        return self.day_text[day - self.lo]

    def month_of(self, day: np.ndarray) -> np.ndarray:
        """``yyyymm`` of each day number."""
        return self.month[day - self.lo]


def _dn(d: date) -> int:
    """Day number (days since 1970-01-01) of a date."""
    return (d - _EPOCH).days


def _day_kinds(dates: list[date], vn: holidays.HolidayBase) -> np.ndarray:
    """1 for a working day, 2 for a Saturday morning (counters open), 0 when closed."""
    return np.array(
        [1 if vn.is_working_day(d) else 2 if d.weekday() == 5 and d not in vn else 0 for d in dates]
    )


def _day_factors(dates: list[date], vn: holidays.HolidayBase) -> np.ndarray:
    """Relative volume of each day: weekday, season, the July 2025 opening and Tết."""
    kind = _day_kinds(dates, vn)
    weekday = np.array([1.12, 1.04, 1.0, 0.98, 0.92, 1.0, 1.0])
    season = {1: 1.08, 2: 0.92, 3: 1.0, 4: 0.97, 5: 0.97, 6: 1.04, 7: 1.05, 8: 1.03, 9: 0.98,
              10: 1.0, 11: 1.0, 12: 1.08}  # fmt: skip
    tet = vn.get_named("Lunar New Year", lookup="exact")
    out = np.zeros(len(dates))
    closed_run = 0
    for i, d in enumerate(dates):
        if kind[i] == 0:
            closed_run += 1
            continue
        f = season[d.month] * (weekday[d.weekday()] if kind[i] == 1 else 0.12)
        if kind[i] == 1 and closed_run >= 3:
            f *= 1.25  # the queue after a long holiday
        opening = (d - FIRST_DAY).days
        if 0 <= opening < 24:
            f *= 1 + 0.45 * (1 - opening / 24)  # the new wards' first weeks
        for t in tet:
            if 0 < (t - d).days <= 21:
                f *= 1.25  # papers before Tết
            elif 0 < (d - t).days <= 12:
                f *= 0.8
        out[i] = f
        if kind[i] == 1:
            closed_run = 0
    return out


# --- wards -----------------------------------------------------------------------------------


def _ward_params(
    rng: np.random.Generator, wards: list[tuple[str, str, bool]], cal: _Calendar
) -> pd.DataFrame:
    """Draw each ward's size (dossiers per ordinary working day) and habits, one row per ward."""
    n = len(wards)
    phuong = np.array([w[2] for w in wards])
    rank = np.arange(n) / n  # codes run from the old inner districts outwards
    size = rng.lognormal(np.log(14.0), 0.45, n) * np.where(phuong, 1.55 - 0.5 * rank, 0.85)
    for code, (d0, d1, count) in _ANCHORS.items():
        i = next(i for i, w in enumerate(wards) if w[0] == code)
        # The anchor's days at full weight, whatever period is generated.
        anchor = _day_factors(
            [d0 + timedelta(days=j) for j in range((d1 - d0).days + 1)], vn=cal.vn
        )
        size[i] = count / anchor.sum()

    def beta(mean: float, k: float) -> np.ndarray:
        return rng.beta(mean * k, (1 - mean) * k, n)

    return pd.DataFrame(
        {
            "size": size,
            "phuong": phuong,
            "online": rng.normal(0.0, 0.5, n) + np.where(phuong, 0.25, -0.25),
            "late": rng.lognormal(-0.12, 0.5, n),
            "digitized": beta(0.83, 30),
            "e_result": beta(0.75, 25),
            "reuse": beta(0.55, 20),
            "paid": beta(0.55, 20),
            "no_wait": beta(0.62, 12),
            "rate": beta(0.4, 25),
            "bad": beta(0.03, 60),
            "petition": np.where(rng.random(n) < 0.4, 0.0, rng.gamma(0.8, 1.25, n)),
            # Two id formats, as wards run different one-stop systems; Ba Đình's ids start
            # with a zero, so leading zeros are always there to be kept.
            "id_style": np.arange(n) % 3 != 1,
        }
    )


# --- dossiers --------------------------------------------------------------------------------


def _dossiers(
    rng: np.random.Generator, cal: _Calendar, wards: list[tuple[str, str, bool]], wp: pd.DataFrame
) -> pd.DataFrame:
    """Simulate every dossier of the period as numeric columns (one row per dossier)."""
    n_w, n_d = len(wards), len(cal.days)
    lam = wp["size"].to_numpy()[:, None] * cal.factor[None, :]
    lam = lam * rng.lognormal(-0.02, 0.2, lam.shape)
    counts = rng.poisson(lam).ravel()
    group = np.repeat(np.arange(n_w * n_d), counts)
    w, d = group // n_d, group % n_d
    day = cal.days[d]
    n = len(group)

    # Receipt time: the morning rush, a lunch lull, the afternoon; Saturdays are mornings only.
    hours = np.where(
        rng.random(n) < 0.6,
        rng.triangular(7.5, 9.0, 11.5, n),
        np.where(
            rng.random(n) < 0.95, rng.triangular(13.0, 14.5, 17.0, n), rng.uniform(11.5, 13, n)
        ),
    )
    hours = np.where(cal.kind[d] == 2, rng.triangular(7.5, 9.0, 11.5, n), hours)
    t_recv = np.minimum((hours * _HOUR).astype(np.int64), 17 * _HOUR - 1)
    # Sequence numbers in ids follow the order of receipt within a ward and day.
    order = np.lexsort((t_recv, group))
    group, w, d, day, t_recv = group[order], w[order], d[order], day[order], t_recv[order]
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    seq = np.arange(n) - starts[group] + 1
    recv = day * _DAY + t_recv
    trend = (day - _dn(FIRST_DAY)) / 365.0

    # Procedure, with a rural mix for the xã.
    field_names = [f.name for f in FIELDS]
    fields = {f.name: f for f in FIELDS}
    p_field = np.array([FIELDS[field_names.index(p.field)].share for p in PROCEDURES])
    p_rural = p_field * np.array([fields[p.field].rural for p in PROCEDURES])
    within = np.array([p.weight for p in PROCEDURES])
    field_tot = {f: sum(p.weight for p in PROCEDURES if p.field == f) for f in field_names}
    within = within / np.array([field_tot[p.field] for p in PROCEDURES])
    cum_u = np.cumsum(p_field * within)
    cum_r = np.cumsum(p_rural * within)
    u = rng.random(n)
    phuong = wp["phuong"].to_numpy()[w]
    proc = np.where(
        phuong,
        np.searchsorted(cum_u / cum_u[-1], u, side="right"),
        np.searchsorted(cum_r / cum_r[-1], u, side="right"),
    )
    proc = np.minimum(proc, len(PROCEDURES) - 1)
    f_idx = np.array([field_names.index(p.field) for p in PROCEDURES])[proc]

    def by_field(attr: str) -> np.ndarray:
        return np.array([getattr(f, attr) for f in FIELDS])[f_idx]

    def by_proc(attr: str) -> np.ndarray:
        return np.array([getattr(p, attr) for p in PROCEDURES])[proc]

    limit, full, no_wait_ok = by_proc("days"), by_proc("full"), by_proc("no_wait")
    interagency = rng.random(n) < by_proc("interagency")

    # Channel: post first, then a logit of ward, field, service level and time.
    u = rng.random(n)
    p_postal = by_field("postal")
    logit = 1.15 + wp["online"].to_numpy()[w] + by_field("online_bias") + np.where(full, 0.5, -0.3)
    logit = logit + 0.9 * trend
    p_online = 1 / (1 + np.exp(-logit))
    channel = np.where(
        u < p_postal, POSTAL, np.where(u < p_postal + (1 - p_postal) * p_online, ONLINE, DIRECT)
    )
    level_full = full & ((channel != ONLINE) | (rng.random(n) < 0.93))

    # Due date: the limit in working days counted from the day after receipt; same-day
    # procedures are due at the end of the day, or the next working day after 15:00.
    recv_wd = cal.is_working(day)
    base = cal.working_index(day)
    same_day = limit < 1
    n_days = np.where(same_day, np.where(recv_wd & (t_recv < 15 * _HOUR), 0, 1), limit)
    n_days = n_days.astype(np.int64)
    due_day = cal.wd[base + n_days]
    due = due_day * _DAY + np.where(same_day, 17 * _HOUR, _DAY - 1)

    # "Không chờ": a simple procedure resolved while the citizen waits at the counter.
    no_wait = (
        no_wait_ok
        & (channel == DIRECT)
        & (t_recv < 16 * _HOUR + 1800)
        & (rng.random(n) < np.clip(wp["no_wait"].to_numpy()[w] * (0.85 + 0.25 * trend), 0, 0.95))
    )

    # Outcome class.
    launch = 1 + 0.8 * np.clip(1 - (day - _dn(FIRST_DAY)) / 45, 0, 1)  # teething troubles
    p_late = by_field("late") * np.where(interagency, 2.2, 1.0) * wp["late"].to_numpy()[w]
    p_late = np.where(no_wait, 0.0, p_late * launch)
    slow_field = np.isin(f_idx, [field_names.index("Đất đai"), field_names.index("Xây dựng")])
    p_stop = np.where(slow_field, 0.008, 0.002)
    p_withdraw = np.where(no_wait, 0.0, 0.009)
    u = rng.random(n)
    cls = np.select(
        [u < p_withdraw, u < p_withdraw + p_stop, u < p_withdraw + p_stop + p_late],
        [_WITHDRAW, _STOP, _LATE],
        _OK,
    )

    # Supplement requests; more than one makes a dossier late whatever its dates (metrics §2).
    sup = (rng.random(n) < np.where(no_wait, 0.0, by_field("supplement"))).astype(np.int64)
    many = (cls == _LATE) & (rng.random(n) < 0.25)
    sup = np.where(many, 2 + (rng.random(n) < 0.2), sup)

    # When it ends: k working days after the last working day on or before receipt.
    room = 17 * _HOUR + 900 - t_recv  # seconds left in the working day
    # Early completions are common; short procedures often end the day they arrive, long ones
    # (land, building) take most of their time.
    long_proc = n_days >= 10
    k_ok = 1 + np.floor(
        np.maximum(n_days - 1, 0)
        * rng.beta(np.where(long_proc, 2.2, 1.3), np.where(long_proc, 1.4, 1.8), n)
    ).astype(np.int64)
    k_ok = np.where((n_days == 1) & (rng.random(n) < 0.35), 0, np.minimum(k_ok, n_days))
    k_late = n_days + rng.geometric(np.where(slow_field, 0.3, 0.5), n)
    stuck = rng.random(n) < np.where(slow_field, 0.05, 0.01)
    k_late = k_late + np.where(stuck, rng.integers(10, 60, n), 0)
    k_end = rng.integers(0, n_days + 1)
    k = np.select([cls == _OK, cls == _LATE], [k_ok, k_late], k_end)
    k = np.where(no_wait, 0, k)
    must_wait = ~no_wait & (~recv_wd | (room < 3600))
    k = np.where(must_wait & (k == 0), 1, k)
    k = np.where(same_day & (cls == _OK) & ~no_wait, n_days, k)
    same = k == 0
    later_t = (rng.triangular(7.75, 10.0, 17.25, n) * _HOUR).astype(np.int64)
    in_day = np.where(
        no_wait,
        rng.integers(300, 2400, n),
        np.maximum(600, (rng.beta(1.3, 2.5, n) * np.maximum(room - 600, 600)).astype(np.int64)),
    )
    end_idx = np.minimum(base + k, len(cal.wd) - 1)
    ended = np.where(same, recv + in_day, cal.wd[end_idx] * _DAY + later_t)
    # A same-day procedure that ends on time ends by 17:00 on its due day.
    ended = np.where(same_day & (cls == _OK), np.minimum(ended, due), ended)
    ended = np.maximum(ended, recv + 60)

    # Result handed back: at once when waited for or sent electronically, else within days.
    e_result = (cls <= _LATE) & (
        rng.random(n)
        < np.clip(wp["e_result"].to_numpy()[w] + np.where(channel == ONLINE, 0.12, -0.05), 0, 0.99)
    )
    pick = rng.choice(6, n, p=[0.55, 0.2, 0.1, 0.07, 0.07, 0.01])
    pick = np.where(channel == POSTAL, rng.integers(1, 4, n), pick)  # by post
    offset = np.select([pick == 4, pick == 5], [rng.integers(4, 11, n), 0], pick)
    ended_day = ended // _DAY
    ret_idx = np.minimum(cal.working_index(ended_day) + offset, len(cal.wd) - 1)
    returned = np.where(
        offset == 0,
        ended + rng.integers(600, 7200, n),
        cal.wd[ret_idx] * _DAY + (rng.triangular(7.75, 9.5, 17.0, n) * _HOUR).astype(np.int64),
    )
    fast = no_wait | ((channel == ONLINE) & e_result)
    returned = np.where(fast, ended + rng.integers(30, 900, n), returned)
    returned = np.maximum(returned, ended)
    never = (pick == 5) & ~fast  # results never collected

    # The export's cut-off: what has not happened by the end of today is blank.
    in_process = ended > cal.cutoff
    not_returned = in_process | never | (cls >= _WITHDRAW) | (returned > cal.cutoff)
    status = np.select(
        [
            in_process & (sup > 0) & (rng.random(n) < 0.5),
            in_process,
            cls == _WITHDRAW,
            cls == _STOP,
            not_returned,
        ],
        [SUPPLEMENT, PROCESSING, WITHDRAWN, STOPPED, PROCESSED],
        RETURNED,
    )

    digitized = rng.random(n) < np.where(
        channel == DIRECT, wp["digitized"].to_numpy()[w] - 0.05 + 0.08 * trend, 0.97
    )
    reused = rng.random(n) < np.clip(wp["reuse"].to_numpy()[w] + 0.1 * trend, 0, 0.95)
    fee = by_proc("fee")
    paid_online = fee & (
        rng.random(n) < np.where(channel == ONLINE, wp["paid"].to_numpy()[w], 0.04)
    )
    org = rng.random(n) < by_field("org")

    frame = pd.DataFrame(
        {
            "ward": w,
            "seq": seq,
            "day": day,
            "recv": recv,
            "proc": proc,
            "field": f_idx,
            "channel": channel,
            "level_full": level_full,
            "due_day": due_day,
            "due": due,
            "same_day": same_day,
            "ended": ended,
            "returned": returned,
            "in_process": in_process,
            "not_returned": not_returned,
            "status": status,
            "late": (ended > due) | (sup > 1),
            "sup": sup,
            "interagency": interagency,
            "digitized": digitized,
            "e_result": e_result & ~in_process,
            "reused": reused,
            "fee": fee,
            "paid_online": paid_online,
            "no_wait": no_wait & ~in_process,
            "org": org,
        }
    )
    # Received after the export was taken (later on its day): not in it.
    return frame[frame["recv"] <= cal.cutoff].reset_index(drop=True)


def _dossier_ids(df: pd.DataFrame, cal: _Calendar, wp: pd.DataFrame) -> np.ndarray:
    """Ids as the one-stop systems write them: unit code, receipt date ``yymmdd``, sequence."""
    n_w = len(wp)
    i = np.arange(n_w)
    prefix = np.where(
        wp["id_style"].to_numpy(),
        [f"000.{30 + j // 90:02d}.{10 + j % 90:02d}.H26" for j in i],
        [f"H26.{100 + j}" for j in i],
    ).astype(object)
    yymmdd = np.array(
        [(_EPOCH + timedelta(days=int(x))).strftime("%y%m%d") for x in range(cal.lo, cal.hi + 1)],
        dtype=object,
    )
    seq = _zero_pad(df["seq"].to_numpy(), 4)
    return prefix[df["ward"].to_numpy()] + "-" + yymmdd[df["day"].to_numpy() - cal.lo] + "-" + seq


def _zero_pad(values: np.ndarray, width: int) -> np.ndarray:
    """Integers as zero-padded text (an object array, ready for ``+``)."""
    return pd.Series(values, dtype="int64").astype(str).str.zfill(width).to_numpy(dtype=object)


def _yes_no(flag: np.ndarray) -> np.ndarray:
    """'Có' / 'Không' for a boolean array."""
    return np.where(flag, "Có", "Không")


def _write_dossier_files(
    rng: np.random.Generator, out_dir: Path, df: pd.DataFrame, cal: _Calendar, wp: pd.DataFrame
) -> list[Path]:
    """Write one ``ho_so_YYYY_MM.csv`` per month of receipt; returns the paths in order."""
    months = cal.month_of(df["day"].to_numpy())
    # A period without any dossier still gets its (empty) export, headers and all.
    present = (
        np.unique(months) if len(months) else np.array([cal.today.year * 100 + cal.today.month])
    )
    paths: list[Path] = []
    for i, month in enumerate(present):
        part = _dossier_table(df[months == month], cal, wp)  # a month at a time: less memory
        if i == 0:
            # Personal data on purpose, in the first month only: the loader must drop these
            # columns at read time (data-contract §1), and the demo proves that path end to end.
            part = part.assign(**_fake_people(rng, len(part)))
        path = out_dir / f"ho_so_{month // 100}_{month % 100:02d}.csv"
        _write_csv(part, path)
        paths.append(path)
    return paths


def _dossier_table(df: pd.DataFrame, cal: _Calendar, wp: pd.DataFrame) -> pd.DataFrame:
    """The export's rows for some dossiers: Vietnamese headers, words and day-first dates."""
    wards = hanoi_wards()
    codes = np.array([w[0] for w in wards], dtype=object)
    names = np.array([w[1] for w in wards], dtype=object)
    w = df["ward"].to_numpy()
    proc = df["proc"].to_numpy()
    p_code = np.array([p.code for p in PROCEDURES], dtype=object)
    p_name = np.array([p.name for p in PROCEDURES], dtype=object)
    f_name = np.array([f.name for f in FIELDS], dtype=object)
    due_text = np.where(
        df["same_day"].to_numpy(),
        cal.datetime_text(df["due"].to_numpy()),
        cal.date_text(df["due_day"].to_numpy()),
    )
    return pd.DataFrame(
        {
            "Mã hồ sơ": _dossier_ids(df, cal, wp),
            "Mã xã": codes[w],
            "Phường/Xã": names[w],
            "Mã TTHC": p_code[proc],
            "Tên TTHC": p_name[proc],
            "Lĩnh vực": f_name[df["field"].to_numpy()],
            "Kênh nộp": np.array(CHANNELS, dtype=object)[df["channel"].to_numpy()],
            "Mức độ": np.where(df["level_full"].to_numpy(), "Toàn trình", "Một phần"),
            "Ngày tiếp nhận": cal.datetime_text(df["recv"].to_numpy()),
            "Ngày hẹn trả": due_text,
            "Ngày có kết quả": cal.datetime_text(
                df["ended"].to_numpy(), ~df["in_process"].to_numpy()
            ),
            "Ngày trả kết quả": cal.datetime_text(
                df["returned"].to_numpy(), ~df["not_returned"].to_numpy()
            ),
            "Trạng thái": np.array(STATUSES, dtype=object)[df["status"].to_numpy()],
            "Số lần yêu cầu bổ sung": df["sup"].to_numpy(),
            "Liên thông": _yes_no(df["interagency"].to_numpy()),
            "Đã số hóa": _yes_no(df["digitized"].to_numpy()),
            "Có kết quả điện tử": _yes_no(df["e_result"].to_numpy()),
            "Tái sử dụng dữ liệu": _yes_no(df["reused"].to_numpy()),
            "Có phí": _yes_no(df["fee"].to_numpy()),
            "Thanh toán trực tuyến": _yes_no(df["paid_online"].to_numpy()),
            "Không chờ": _yes_no(df["no_wait"].to_numpy()),
            "Loại đối tượng": np.where(df["org"].to_numpy(), "Tổ chức", "Công dân"),
        }
    )


def _fake_people(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Fake applicant names and 12-digit CCCD numbers (Hà Nội's birth-place prefix ``001``)."""
    surname = np.array(_SURNAMES, dtype=object)[
        rng.choice(len(_SURNAMES), n, p=np.array(_SURNAME_P) / sum(_SURNAME_P))
    ]
    middle = np.array(_MIDDLE, dtype=object)[rng.integers(0, len(_MIDDLE), n)]
    given = np.array(_GIVEN, dtype=object)[rng.integers(0, len(_GIVEN), n)]
    century_sex = rng.integers(0, 4, n)  # 0/1: born 19xx male/female, 2/3: 20xx
    yy = rng.integers(50, 100, n) % 100
    yy = np.where(century_sex >= 2, rng.integers(0, 8, n), yy)
    tail = rng.integers(0, 1_000_000, n)
    cccd = "001" + century_sex.astype(str).astype(object) + _zero_pad(yy, 2) + _zero_pad(tail, 6)
    return {"Họ tên người nộp": surname + " " + middle + " " + given, "Số CCCD": cccd}


def _write_csv(table: pd.DataFrame, path: Path) -> None:
    """Write a table as Excel's "CSV UTF-8" (BOM, comma, CRLF)."""
    table.to_csv(path, index=False, encoding=CSV_ENCODING, lineterminator=CSV_NEWLINE)


# --- ratings and petitions -------------------------------------------------------------------


def _write_ratings(
    rng: np.random.Generator, path: Path, df: pd.DataFrame, cal: _Calendar, wp: pd.DataFrame
) -> Path:
    """Rate 30-50% of completed dossiers; worse ratings go with late dossiers."""
    status = df["status"].to_numpy()
    done = np.isin(status, [PROCESSED, RETURNED])
    rated = done & (rng.random(len(df)) < wp["rate"].to_numpy()[df["ward"].to_numpy()])
    r = df[rated]
    n = len(r)
    channel = r["channel"].to_numpy()
    # Kiosks and QR codes at the counter for direct dossiers; web, app and Zalo for online ones.
    p_direct = [0.55, 0.22, 0.03, 0.05, 0.1, 0.05]
    p_online = [0.03, 0.05, 0.45, 0.35, 0.12, 0.0]
    u = rng.random(n)
    via = np.where(
        channel == DIRECT,
        np.searchsorted(np.cumsum(p_direct), u, side="right"),
        np.searchsorted(np.cumsum(p_online), u, side="right"),
    )
    via = np.minimum(via, len(RATING_CHANNELS) - 1)
    at_counter = np.isin(via, [0, 1, 5])
    anchor = np.where(r["not_returned"].to_numpy(), r["ended"].to_numpy(), r["returned"].to_numpy())
    delay = np.where(
        at_counter, rng.integers(30, 900, n), (rng.exponential(0.8, n) * _DAY).astype(np.int64)
    )
    rated_at = anchor + delay
    keep = rated_at <= cal.cutoff

    # 1-5 by the dossier's fate: waited-for, ordinary, late (or a ward's bad day).
    probs = np.array(
        [
            [0.001, 0.004, 0.015, 0.26, 0.72],
            [0.006, 0.014, 0.045, 0.335, 0.60],
            [0.13, 0.17, 0.20, 0.30, 0.20],
        ]
    )
    bad = r["late"].to_numpy() | (rng.random(n) < wp["bad"].to_numpy()[r["ward"].to_numpy()])
    mood = np.where(bad, 2, np.where(r["no_wait"].to_numpy(), 0, 1))
    score = 1 + (rng.random(n)[:, None] > np.cumsum(probs, axis=1)[mood]).sum(axis=1)
    score = np.minimum(score, 5)

    def dimension() -> np.ndarray:
        return np.clip(score + rng.choice([-1, 0, 1], n, p=[0.12, 0.76, 0.12]), 1, 5)

    dims = {name: dimension() for name in RATING_HEADERS[5:10]}
    comment = _comments(rng, score)

    order = np.argsort(rated_at[keep], kind="stable")
    ids = _dossier_ids(r, cal, wp)
    codes = np.array([w[0] for w in hanoi_wards()], dtype=object)
    table = pd.DataFrame(
        {
            "Mã đánh giá": [f"DG{i:08d}" for i in range(1, int(keep.sum()) + 1)],
            "Mã hồ sơ": ids[keep][order],
            "Mã xã": codes[r["ward"].to_numpy()][keep][order],
            "Thời gian đánh giá": cal.minute_text_of(rated_at[keep][order]),
            "Mức độ hài lòng": np.array(RATING_WORDS, dtype=object)[score - 1][keep][order],
            **{k: v[keep][order] for k, v in dims.items()},
            "Kênh đánh giá": np.array(RATING_CHANNELS, dtype=object)[via][keep][order],
            "Ý kiến": comment[keep][order],
        }
    )
    _write_csv(table, path)
    return path


def _comments(rng: np.random.Generator, score: np.ndarray) -> np.ndarray:
    """Short comments on ~5% of ratings; a few leave a (fake) phone number to be masked."""
    n = len(score)
    has = rng.random(n) < np.where(score <= 2, 0.3, np.where(score == 3, 0.12, 0.04))
    pools = [np.array(p, dtype=object) for p in (_BAD_COMMENTS, _MID_COMMENTS, _GOOD_COMMENTS)]
    kind = np.where(score <= 2, 0, np.where(score == 3, 1, 2))
    text = np.full(n, None, dtype=object)
    for k, pool in enumerate(pools):
        m = has & (kind == k)
        text[m] = pool[rng.integers(0, len(pool), int(m.sum()))]
    phone = has & (rng.random(n) < 0.06)
    m = int(phone.sum())
    digits = rng.integers(0, 10, (m, 8))
    heads = np.array(["091", "098", "090", "097", "086", "035"])[rng.integers(0, 6, m)]
    styles = rng.integers(0, 3, m)
    leads = np.array(_PHONE_LEADS, dtype=object)[rng.integers(0, len(_PHONE_LEADS), m)]
    numbers = []
    for head, ds, style in zip(heads, digits, styles, strict=True):
        s = head + "".join(map(str, ds[:7]))
        numbers.append([f"{s[:4]} {s[4:7]} {s[7:]}", f"{s[:4]}.{s[4:7]}.{s[7:]}", s][int(style)])
    text[phone] = text[phone] + leads + np.array(numbers, dtype=object)
    return text


def _write_petitions(
    rng: np.random.Generator, path: Path, df: pd.DataFrame, cal: _Calendar, wp: pd.DataFrame
) -> Path:
    """Petitions (PAKN): ~0.1-0.3% of dossiers, linked mostly to late ones; many wards have none."""
    w = df["ward"].to_numpy()
    late = df["late"].to_numpy()
    prop = wp["petition"].to_numpy()
    # Linked to a dossier: late dossiers draw far more complaints.
    p_link = 0.0015 * prop[w] * np.where(late, 15.0, 1.0)
    linked = rng.random(len(df)) < p_link
    link_at = np.where(df["in_process"].to_numpy(), df["recv"].to_numpy(), df["ended"].to_numpy())
    link_at = link_at[linked]
    n_link = len(link_at)
    l_day = link_at // _DAY + rng.integers(0, 6, n_link)
    l_time = (rng.uniform(7.5, 17.0, n_link) * _HOUR).astype(np.int64)
    l_recv = np.maximum(l_day * _DAY + l_time, link_at + 1800)
    # Not linked: spread over the open days of the period.
    per_ward = np.bincount(w, minlength=len(wp))
    free = rng.poisson(0.001 * per_ward * prop)
    f_ward = np.repeat(np.arange(len(wp)), free)
    open_days = cal.days[cal.kind == 1]
    f_day = (
        open_days[rng.integers(0, len(open_days), len(f_ward))] if len(open_days) else cal.days[:0]
    )
    f_recv = f_day * _DAY + (rng.uniform(7.5, 17.0, len(f_ward)) * _HOUR).astype(np.int64)

    ids = _dossier_ids(df[linked], cal, wp)
    recv = np.concatenate([l_recv, f_recv])
    ward = np.concatenate([w[linked], f_ward])
    dossier = np.concatenate([ids, np.full(len(f_ward), None, dtype=object)])
    was_late = np.concatenate([late[linked], np.zeros(len(f_ward), dtype=bool)])
    is_linked = np.arange(len(recv)) < len(l_recv)
    keep = recv <= cal.cutoff
    recv, ward, dossier, was_late, is_linked = (
        a[keep] for a in (recv, ward, dossier, was_late, is_linked)
    )
    n = len(recv)

    # Handling: due 10 working days after receipt; most on time, some late, recent ones open.
    base = cal.working_index(recv // _DAY)
    due_day = cal.wd[base + 10]
    k = np.where(rng.random(n) < 0.92, rng.integers(1, 11, n), rng.integers(11, 26, n))
    handled = cal.wd[base + k] * _DAY + (rng.uniform(8.0, 17.0, n) * _HOUR).astype(np.int64)
    done = handled <= cal.cutoff
    p_cat = np.where(
        was_late[:, None],
        [0.75, 0.15, 0.10],
        np.where(is_linked[:, None], [0.5, 0.25, 0.25], [0.3, 0.2, 0.5]),
    )
    cat = (rng.random(n)[:, None] > np.cumsum(p_cat, axis=1)).sum(axis=1)
    cat = np.minimum(cat, 2)
    unhappy = done & (rng.random(n) < 0.12)

    order = np.argsort(recv, kind="stable")
    codes = np.array([x[0] for x in hanoi_wards()], dtype=object)
    years = np.array([(_EPOCH + timedelta(days=int(x))).year for x in recv[order] // _DAY])
    pet_ids = [f"PAKN.{y}.{i:05d}" for i, y in enumerate(years, start=1)]
    table = pd.DataFrame(
        {
            "Mã phản ánh": pet_ids,
            "Mã xã": codes[ward[order]],
            "Ngày tiếp nhận": cal.datetime_text(recv[order]),
            "Hạn xử lý": cal.date_text(due_day[order]),
            "Ngày xử lý": cal.datetime_text(handled[order], done[order]),
            "Phân loại": np.array(PETITION_CATEGORIES, dtype=object)[cat[order]],
            "Không hài lòng": _yes_no(unhappy[order]),
            "Mã hồ sơ": dossier[order],
        }
    )
    _write_csv(table, path)
    return path


# --- catalogue -------------------------------------------------------------------------------


def _write_catalogue(path: Path, today: date) -> Path:
    """Write the procedure catalogue as ``.xlsx``; zip entries and properties carry fixed dates."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh mục TTHC"
    ws.append(list(PROCEDURE_HEADERS))
    for p in PROCEDURES:
        ws.append(
            [
                p.code,
                p.name,
                p.field,
                int(p.days) if p.days.is_integer() else p.days,
                "Toàn trình" if p.full else "Một phần",
                "Có" if p.fee else "Không",
            ]
        )
    for col, width in zip("ABCDEF", (12, 90, 22, 18, 12, 8), strict=True):
        ws.column_dimensions[col].width = width
    stamp = datetime(today.year, today.month, today.day)
    wb.properties.creator = "Một Cửa demo"
    wb.properties.created = wb.properties.modified = stamp
    buffer = io.BytesIO()
    # ExcelWriter rather than wb.save(), which stamps the current time as "modified".
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    path.write_bytes(_fixed_zip(buffer.getvalue()))
    return path


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip archive with a fixed timestamp on every entry, so bytes are reproducible."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
