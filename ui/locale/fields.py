"""English texts of the fields page (``/linh-vuc``): tables, answer line, charts, exports."""

EN: dict[str, str] = {
    "Lĩnh vực – Một Cửa": "Fields – Một Cửa",
    "Tham số trên địa chỉ trang không hợp lệ": "Invalid parameters in the page address",
    "Tất cả lĩnh vực": "All fields",
    "Toàn bộ lĩnh vực": "All fields",
    "Vị trí trong lĩnh vực, thủ tục": "Position among fields and procedures",
    "(không có mã)": "(no code)",
    # the answer line
    "Lĩnh vực nhiều hồ sơ trễ nhất": "Field with the most late dossiers",
    "Thủ tục nhiều hồ sơ trễ nhất": "Procedure with the most late dossiers",
    "Phường, xã nhiều hồ sơ trễ nhất": "Ward with the most late dossiers",
    "{subject}: {names} ({count} hồ sơ quá hạn/trễ hạn{each}, {share} của toàn bộ "
    "{total} hồ sơ).": "{subject}: {names} ({count} late or overdue dossiers{each}, {share} of "
    "all {total}).",
    " mỗi nơi": " each",
    "Không có hồ sơ quá hạn hoặc đang giải quyết quá hạn trong kỳ.": (
        "No dossier was late or overdue in the period."
    ),
    "Dữ liệu đến {moment} · Kỳ: {first} – {last}": "Data up to {moment} · Period: {first} – {last}",
    # tables
    "Hồ sơ theo lĩnh vực": "Dossiers by field",
    "Thủ tục của lĩnh vực": "Procedures of the field",
    "Phường, xã giải quyết thủ tục": "Wards handling the procedure",
    "Hồ sơ theo lĩnh vực, xếp theo tổng trễ hạn (nhiều nhất trước). Bấm tên lĩnh vực để xem "
    "các thủ tục; bấm tiêu đề cột để sắp xếp.": "Dossiers by field, by total late (most first). "
    "Click a field to see its procedures; click a column header to sort.",
    "Hồ sơ theo thủ tục, xếp theo tổng trễ hạn (nhiều nhất trước). Bấm mã thủ tục để xem các "
    "phường, xã; bấm tiêu đề cột để sắp xếp.": "Dossiers by procedure, by total late (most "
    "first). Click a procedure code to see its wards; click a column header to sort.",
    "Hồ sơ của thủ tục theo phường, xã, xếp theo tổng trễ hạn (nhiều nhất trước). Bấm tên "
    "phường, xã để mở trang của phường, xã; bấm tiêu đề cột để sắp xếp.": "The procedure's "
    "dossiers by ward, by total late (most first). Click a ward to open its page; click a "
    "column header to sort.",
    "Sắp xếp theo {label}": "Sort by {label}",
    "Mã thủ tục": "Procedure code",
    "Tên thủ tục": "Procedure name",
    "Thủ tục": "Procedure",
    "Phường, xã": "Ward",
    "Tiếp nhận mới": "Received",
    "Đã giải quyết": "Resolved",
    "Tổng số phải giải quyết": "To process",
    "Tỷ lệ đúng hạn": "On-time rate",
    "Giải quyết đúng/trước hạn": "Resolved on time or early",
    "Quá hạn": "Late",
    "Tổng trễ hạn": "Total late",
    "Tỷ trọng trễ hạn": "Share of late",
    "Quá hạn có liên thông": "Late, inter-agency",
    "liên thông": "inter-agency",
    "Tỷ lệ trực tuyến": "Online share",
    "Tỷ lệ trực tuyến toàn trình": "Fully online share",
    "Tỷ lệ hồ sơ trực tuyến": "Online share",
    "Nộp trực tuyến": "Submitted online",
    "Định nghĩa: ": "Definitions: ",
    "Quá hạn (đã giải quyết sau hạn) + Đang giải quyết quá hạn, trong kỳ.": (
        "Late (resolved after the due date) + overdue (in process past it), in the period."
    ),
    "Tổng trễ hạn của dòng / Tổng trễ hạn của mọi dòng trong bảng.": (
        "The row's total late / the total late of every row of the table."
    ),
    "Hồ sơ quá hạn (đã giải quyết sau hạn) phải liên thông giữa nhiều cơ quan; hồ sơ đang "
    "giải quyết quá hạn không được tách theo liên thông.": "Late dossiers (resolved after the "
    "due date) processed by several agencies; overdue dossiers are not split by this flag.",
    # charts
    "Hồ sơ trễ hạn tập trung ở đâu": "Where late dossiers concentrate",
    "Quá hạn, có liên thông": "Late, inter-agency",
    "Quá hạn, không liên thông": "Late, single agency",
    "Hồ sơ quá hạn được tách theo có liên thông giữa nhiều cơ quan hay không.": (
        "Late dossiers are split by whether several agencies processed them."
    ),
    "Dữ liệu không có thông tin liên thông: hồ sơ quá hạn không được tách.": (
        "The data has no inter-agency flag: late dossiers are not split."
    ),
    "Chỉ hiện {n} dòng nhiều hồ sơ trễ nhất.": "Only the {n} rows with the most late are shown.",
    "Tỷ lệ trực tuyến của các thủ tục nhiều hồ sơ nhất": "Online share of the busiest procedures",
    "{n} thủ tục có nhiều hồ sơ tiếp nhận mới nhất; đường đứt nét là ngưỡng đạt điểm tối đa "
    "của chỉ số 3.3 (Bộ chỉ số 766): {value} hồ sơ nộp trực tuyến.": "The {n} procedures with "
    "the most dossiers received; the dashed line is the full-points threshold of indicator 3.3 "
    "(766 index): {value} submitted online.",
    "Ngưỡng 766: {value}": "766 threshold: {value}",
    "Không có hồ sơ tiếp nhận mới nào trong kỳ.": "No dossier was received in the period.",
    # exports
    "Trực tuyến theo thủ tục": "Online by procedure",
    "Kỳ: {first} – {last}{scope}. Tổng trễ hạn = Quá hạn + Đang giải quyết quá hạn.": (
        "Period: {first} – {last}{scope}. Total late = late + overdue in process."
    ),
}
