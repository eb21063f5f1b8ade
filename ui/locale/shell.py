"""English texts of the app shell: navigation, switches, common messages."""

EN: dict[str, str] = {
    "Tổng quan": "Overview",
    "Phường/xã": "Wards",
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
    # the filter bar (ui/filters.py)
    "Kỳ báo cáo": "Period",
    "Từ ngày": "From",
    "Đến ngày": "To",
    "Kênh nộp": "Channel",
    "Tất cả phường, xã": "All wards",
    "Tất cả lĩnh vực": "All fields",
    "Tất cả kênh": "All channels",
    "Bộ lọc": "Filters",
    "Chưa có dữ liệu cho kỳ này": "No data for this period",
    "Chưa có dữ liệu.": "No data yet.",
    "không có dữ liệu": "no data",
}
