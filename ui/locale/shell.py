"""English texts of the app shell: navigation, switches, common messages."""

EN: dict[str, str] = {
    "Tổng quan": "Overview",
    "Phường/xã": "Ward",  # the ward page (one ward at a time)
    "Lĩnh vực": "Field",
    # context "page": the name of a page (navigation, page titles), where a word differs
    "page|Lĩnh vực": "Fields",
    "Hài lòng": "Satisfaction",
    "Phương pháp": "Methodology",
    "Bỏ qua, tới nội dung chính": "Skip to main content",
    "English": "English",
    "Tiếng Việt": "Tiếng Việt",
    "Giao diện tối": "Dark theme",
    "Giao diện sáng": "Light theme",
    "In trang": "Print",
    # an address without a page (pages/not_found_404.py, ui.components.not_found)
    "Lỗi 404": "Error 404",
    "Không tìm thấy trang": "Page not found",
    "Không có trang nào ở địa chỉ này: liên kết có thể đã cũ hoặc bị gõ nhầm.": (
        "There is no page at this address: the link may be out of date or mistyped."
    ),
    "Về trang Tổng quan": "Back to the overview",
    # the filter bar (ui/filters.py)
    "Kỳ báo cáo": "Period",
    "Từ ngày": "From",
    "Đến ngày": "To",
    "(ngày/tháng/năm)": "(day/month/year)",
    "{label}: {value} không phải là một ngày (cần dạng ngày/tháng/năm, ví dụ 21/11/2026).": (
        "{label}: {value} is not a date (expected day/month/year, for example 21/11/2026)."
    ),
    "Kênh nộp": "Channel",
    "Tất cả phường, xã": "All wards",
    "Tỉnh, thành phố": "Province",
    "Toàn quốc": "Whole country",
    "Tất cả lĩnh vực": "All fields",
    "Tất cả kênh": "All channels",
    "Bộ lọc": "Filters",
    "Chưa có dữ liệu cho kỳ này": "No data for this period",
    "Chưa có dữ liệu.": "No data yet.",
    # the warehouse cannot be read, or a page's queries took too long (kpi.db)
    "Kho dữ liệu bị hỏng hoặc không đọc được; hãy nạp lại dữ liệu (python -m etl load …).": (
        "The data warehouse is damaged or cannot be read; load the data again "
        "(python -m etl load …)."
    ),
    "Truy vấn quá thời gian cho phép ({seconds} giây).": (
        "The query took longer than allowed ({seconds} seconds)."
    ),
    "Hãy chọn kỳ ngắn hơn hoặc thu hẹp bộ lọc rồi thử lại.": (
        "Choose a shorter period or narrower filters and try again."
    ),
    "không có dữ liệu": "no data",
    # the URL's problems (ui/filters.py parse_query), shown by invalid_alert
    "Kỳ báo cáo không hợp lệ: period={value} (chọn: {choices}).": (
        "Invalid period: period={value} (choose: {choices})."
    ),
    "Không tìm thấy phường, xã: ward={value} không có trong danh sách phường, xã của "
    "tỉnh/thành phố.": "Ward not found: ward={value} is not in the province's list of wards.",
    "Không tìm thấy lĩnh vực: field={value} không có trong dữ liệu đã nạp.": (
        "Field not found: field={value} is not in the loaded data."
    ),
    "Không tìm thấy tỉnh, thành phố: province={value} (cần mã 2 chữ số, ví dụ 01, hoặc all cho "
    "toàn quốc).": (
        "Province not found: province={value} (a 2-digit code such as 01, or all for the whole "
        "country)."
    ),
    "Kênh nộp không hợp lệ: channel={value} (chọn: {choices}).": (
        "Invalid channel: channel={value} (choose: {choices})."
    ),
    "Ngày không hợp lệ: {name}={value} (cần dạng YYYY-MM-DD, ví dụ 2026-11-21).": (
        "Invalid date: {name}={value} (expected YYYY-MM-DD, for example 2026-11-21)."
    ),
    "Thiếu tham số {name}: cần cả from và to (YYYY-MM-DD).": (
        "Missing parameter {name}: both from and to are needed (YYYY-MM-DD)."
    ),
    "Ngày bắt đầu ({start}) sau ngày kết thúc ({end}).": (
        "The start date ({start}) is after the end date ({end})."
    ),
    "Ngày {name}={value} nằm ngoài khoảng hỗ trợ ({first} – {last}).": (
        "The date {name}={value} is outside the supported range ({first} – {last})."
    ),
    "Khoảng thời gian dài {days} ngày, vượt quá mức tối đa {most} ngày (tham số to).": (
        "The range is {days} days long, more than the maximum of {most} days (parameter to)."
    ),
    "Không tìm thấy thủ tục: procedure={value} không có trong dữ liệu đã nạp.": (
        "Procedure not found: procedure={value} is not in the loaded data."
    ),
    # the stale-data banner of every leaders' page (kpi.freshness)
    "Dữ liệu có thể chưa được cập nhật: hồ sơ mới nhất được ghi nhận lúc {moment}, "
    "{days} ngày làm việc trước hôm nay (quá {limit} ngày làm việc). Các số liệu dưới "
    "đây chỉ tính đến thời điểm đó.": (
        "The data may not be up to date: the newest record is of {moment}, {days} working days "
        "before today (more than {limit}). The figures below only run up to then."
    ),
}
