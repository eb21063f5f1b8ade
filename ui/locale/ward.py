"""English texts of the ward page (``/phuong/<ward_code>``, ui/ward.py)."""

EN: dict[str, str] = {
    "Toàn thành phố": "Whole city",
    "(không ghi tên)": "(no name given)",
    "Chỉ số 766 (ước tính)": "766 index (estimate)",
    "Chỉ số 766": "766 index",
    "Chỉ tiêu": "Indicator",
    "Danh sách hồ sơ quá hạn và đang giải quyết quá hạn": "Late and overdue dossiers",
    "Hạn giải quyết": "Due",
    "Hồ sơ quá hạn và đang giải quyết quá hạn": "Late and overdue dossiers",
    "Hồ sơ quá hạn": "Late dossiers",
    "Hồ sơ trước ngày 1/7/2025 theo tên phường, xã cũ và năm": (
        "Dossiers before 1/7/2025 by old ward name and year"
    ),
    "Không có hồ sơ nào trước ngày 1/7/2025 của phường, xã này trong dữ liệu đã nạp.": (
        "No dossier of this ward from before 1/7/2025 in the loaded data."
    ),
    "Không có hồ sơ quá hạn hay đang giải quyết quá hạn trong kỳ.": (
        "No late or overdue dossier in the period."
    ),
    "Không tìm thấy phường, xã": "Ward not found",
    "Mã {code} không có trong danh sách phường, xã của tỉnh/thành phố.": (
        "Code {code} is not one of the province's wards."
    ),
    "Kết quả giải quyết theo lĩnh vực": "Results by field",
    "Lĩnh vực": "Field",
    "Mã hồ sơ": "Dossier id",
    "Mã thủ tục": "Procedure code",
    "Mã": "Code",
    "Mức độ hài lòng của phường, xã và toàn thành phố": "Satisfaction of the ward and the city",
    "Mức độ hài lòng": "Satisfaction",
    "Ngày có kết quả": "Ended",
    "Năm": "Year",
    "Phương pháp tính": "Methodology",
    "Phường, xã": "Ward",
    "Quận, huyện cũ": "Old district",
    "Số ngày quá hạn": "Days over",
    "Tham số trên địa chỉ trang không hợp lệ": "Invalid parameters in the page address",
    "Theo bảng chuyển đổi, phường, xã hiện nay gồm (toàn bộ hoặc một phần): ": (
        "By the crosswalk, today's ward covers (wholly or in part): "
    ),
    "Theo lĩnh vực": "By field",
    "Thủ tục": "Procedure",
    "Trước 1-7-2025": "Before 1-7-2025",
    "Trước ngày 1/7/2025, theo tên phường, xã cũ": "Before 1/7/2025, under the old ward names",
    "Tên phường, xã cũ": "Old ward name",
    "Tình trạng": "Status",
    "Tối đa": "Maximum",
    "Từ ngày": "From",
    "Xếp theo số hồ sơ quá hạn và đang giải quyết quá hạn, nhiều nhất trước.": (
        "Sorted by late plus overdue dossiers, most first."
    ),
    "{score}/100": "{score}/100",
    "{ward} ({code}), hồ sơ trước ngày 1/7/2025": "{ward} ({code}), dossiers before 1/7/2025",
    "{ward} ({code}), kỳ {span}": "{ward} ({code}), period {span}",
    "{year} (đến {day})": "{year} (to {day})",
    "Điểm bị mất": "Points missed",
    "Điểm từng chỉ tiêu của chỉ số 766 (ước tính)": (
        "Points per indicator of the 766 index (estimate)"
    ),
    "Điểm": "Points",
    "Đạt điểm tối đa từ": "Full points at",
    "Đến ngày": "To",
    "ước tính; điểm chính thức trên Cổng Dịch vụ công quốc gia": (
        "estimate; the official score is on the National Public Service Portal"
    ),
    "Xếp hạng {rank}/{ranked} phường, xã · {compared}: {change} điểm": (
        "Rank {rank}/{ranked} wards · {compared}: {change} points"
    ),
    "Số lượt đánh giá": "Ratings",
    "Quá hạn liên thông": "Late, inter-agency",
    "Rất hài lòng (5)": "Very satisfied (5)",
    "Hài lòng (4)": "Satisfied (4)",
    "Bình thường (3)": "Neutral (3)",
    "Không hài lòng (2)": "Dissatisfied (2)",
    "Rất không hài lòng (1)": "Very dissatisfied (1)",
    "Trước hạn": "Early",
    "Đúng hạn": "On time",
    "Quá hạn": "Late",
    "Đang giải quyết trong hạn": "In process, within time",
    # notes under the late list, the satisfaction table, the 766 estimate and history
    "{shown}/{total} hồ sơ, nhiều ngày quá hạn nhất trước. Số ngày quá hạn: số ngày (kể cả "
    "ngày chưa trọn) tính từ hạn giải quyết (đã cộng ngày tạm dừng) đến ngày có kết quả, hoặc "
    "đến cuối kỳ nếu chưa có kết quả. Hồ sơ yêu cầu bổ sung quá một lần được tính quá hạn dù "
    "chưa tới hạn.": (
        "{shown}/{total} dossiers, most days overdue first. Days overdue: the days (a day begun "
        "counts) from the due time (paused days added) to the result date, or to the end of the "
        "period if there is no result yet. A dossier asked for additional documents more than "
        "once counts as late even before its due time."
    ),
    "Đánh giá của người dân trong kỳ (thang 1–5). Mức độ hài lòng trong giải quyết hồ sơ (chỉ "
    "số 766, 5.4) chủ yếu phụ thuộc số hồ sơ quá hạn.": (
        "Citizens' ratings in the period (scale 1–5). Satisfaction in handling dossiers (Index "
        "766, indicator 5.4) depends mainly on the number of late dossiers."
    ),
    "Ước tính từ hồ sơ của chính phường, xã, theo phương pháp trong data/index766.toml; điểm "
    "chính thức là điểm công bố trên Cổng Dịch vụ công quốc gia. Điểm /100 = tổng điểm / tổng "
    "điểm tối đa của các chỉ tiêu có dữ liệu. ": (
        "Estimated from the ward's own dossiers with the method in data/index766.toml; the "
        "official score is the one published on the National Public Service Portal. Score /100 = "
        "points / the maximum points of the indicators with data. "
    ),
    "Hồ sơ giữ tên đơn vị như trong tệp nguồn; mỗi năm tính như một kỳ báo cáo (năm 2025 đến "
    "hết 30/6/2025).": (
        "Dossiers keep the unit names of their source file; each year counts as one reporting "
        "period (2025 up to 30/6/2025)."
    ),
    "Hồ sơ sắp đến hạn": "Dossiers due soon",
    "Danh sách hồ sơ sắp đến hạn": "List of dossiers due soon",
    "Không có hồ sơ sắp đến hạn.": "No dossier is due soon.",
    "Số ngày làm việc còn lại": "Working days left",
    "cuối kỳ ({day})": "the end of the period, {day}",
    "{shown}/{total} hồ sơ, hạn sớm nhất trước. Số ngày làm việc còn lại: số ngày làm "
    "việc từ sau ngày tính ({since}) đến hết ngày của hạn giải quyết (đã cộng ngày tạm "
    "dừng); 0 là hạn rơi vào chính ngày đó hoặc các ngày nghỉ liền sau. Hồ sơ đang chờ "
    "bổ sung lần đầu không được tính: thời gian giải quyết đang tạm dừng.": (
        "{shown}/{total} dossiers, earliest due first. Working days left: the working days "
        "after the day they are judged at ({since}) up to the end of the due day (paused days "
        "included); 0 means due that same day or on the days off right after it. Dossiers "
        "waiting for their first supplement are not counted: their clock is paused."
    ),
    "đang giải quyết trong hạn, hạn giải quyết trong {days} ngày làm việc sau thời "
    "điểm tính": "in process within time, due within {days} working days after the reference time",
}
