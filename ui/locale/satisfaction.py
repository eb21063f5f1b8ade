"""English texts of the satisfaction page (``/hai-long``)."""

EN: dict[str, str] = {
    # page, sections
    "Hài lòng – Một Cửa": "Satisfaction – Một Cửa",
    "Đánh giá của người dân": "Citizens' ratings",
    "Ba loại số liệu khác nhau, trình bày riêng: đánh giá của người dân (thang 1–5); chỉ số hài "
    "lòng 766 (5.4), tính từ tiến độ giải quyết hồ sơ; phản ánh, kiến nghị (5.2, 5.3).": (
        "Three different things, shown apart: citizens' ratings (1–5 scale); the 766 "
        "satisfaction indicator (5.4), computed from how on time dossiers are handled; "
        "petitions (5.2, 5.3)."
    ),
    "Tham số trên địa chỉ trang không hợp lệ": "Invalid parameters in the page address",
    # tiles
    "Số lượt đánh giá": "Ratings",
    "Số hồ sơ được đánh giá: {n}": "Dossiers rated: {n}",
    "{n} lượt đánh giá từ 4 điểm": "{n} ratings of 4 or more",
    "Trên thang 1–5 điểm": "On a 1–5 scale",
    "Trên {n} hồ sơ đã giải quyết": "Of {n} resolved dossiers",
    "điểm": "points",
    "không đổi": "unchanged",
    "tăng": "up",
    "giảm": "down",
    "Tỷ lệ hài lòng": "Satisfied rate",
    "Điểm đánh giá trung bình": "Mean rating",
    "Tỷ lệ hồ sơ được đánh giá": "Response rate",
    "Mức độ hài lòng trong giải quyết hồ sơ (766)": "Satisfaction in handling dossiers (766)",
    "Tỷ lệ xử lý phản ánh, kiến nghị đúng hạn": "Petitions handled on time",
    "Mức độ hài lòng về xử lý phản ánh, kiến nghị": "Satisfaction with petition handling",
    "Gần đạt mục tiêu": "Close to target",
    # distribution
    "Phân bố mức đánh giá": "Distribution of ratings",
    "Số lượt đánh giá theo mức 1–5 trong kỳ": "Ratings by level 1–5 in the period",
    "Chưa có lượt đánh giá nào của người dân trong kỳ này.": "No citizen rating in this period.",
    "1 – Rất không hài lòng": "1 – Very dissatisfied",
    "2 – Không hài lòng": "2 – Dissatisfied",
    "3 – Bình thường": "3 – Neutral",
    "4 – Hài lòng": "4 – Satisfied",
    "5 – Rất hài lòng": "5 – Very satisfied",
    "Mức": "Level",
    "Mức đánh giá": "Rating",
    "Số lượt": "Ratings",
    "Tỷ lệ": "Share",
    # SIPAS
    "Các tiêu chí SIPAS": "SIPAS dimensions",
    "Điểm trung bình (thang 1–5) của từng tiêu chí của Chỉ số hài lòng về sự phục vụ hành chính "
    "(SIPAS), tính trên các lượt đánh giá có chấm tiêu chí đó.": (
        "Mean score (1–5 scale) of each dimension of the Satisfaction Index of Public "
        "Administrative Services (SIPAS), over the ratings that score that dimension."
    ),
    "Điểm trung bình từng tiêu chí SIPAS trong kỳ": "Mean score of each SIPAS dimension",
    "Nguồn dữ liệu đánh giá không có điểm theo tiêu chí SIPAS.": (
        "The ratings source gives no SIPAS dimension scores."
    ),
    "Tiêu chí": "Dimension",
    "Điểm TB": "Mean",
    "chưa có dữ liệu": "no data yet",
    "Tiếp cận dịch vụ": "Access to the service",
    "Thủ tục hành chính": "Administrative procedure",
    "Công chức giải quyết": "Civil servants",
    "Kết quả giải quyết": "Result",
    "Tiếp nhận, xử lý góp ý": "Handling of feedback",
    # trend
    "Xu hướng {words}": "Trend {words}",
    "theo tuần": "by week",
    "theo tháng": "by month",
    "Tỷ lệ hài lòng và số lượt đánh giá {words}": "Satisfied rate and ratings {words}",
    "Không có lượt đánh giá nào trong các mốc thời gian của kỳ.": (
        "No rating in any interval of the period."
    ),
    "Mục tiêu {pct}": "Target {pct}",
    "Thời gian": "Time",
    # 766 (5.4)
    "Chỉ số hài lòng 766 (5.4)": "766 satisfaction indicator (5.4)",
    "{points}/{max} điểm (đủ điểm khi đạt {full})": "{points}/{max} points (full at {full})",
    "Cách tính: 1 − (hồ sơ quá hạn + hồ sơ đang giải quyết quá hạn + hồ sơ không trễ hạn nhưng "
    "bị phản ánh, kiến nghị hoặc được đánh giá từ 2 điểm trở xuống) / số hồ sơ phải giải quyết "
    "có xác định được hạn.": (
        "Formula: 1 − (late dossiers + overdue dossiers in process + dossiers not late but with "
        "a petition or a rating of 2 or less) / dossiers to process that have a due date."
    ),
    "Trong kỳ: {late} hồ sơ trễ hạn ({late_share}) và {complained} hồ sơ không trễ hạn nhưng bị "
    "phản ánh hoặc đánh giá kém ({complained_share}), trên {classified} hồ sơ.": (
        "In the period: {late} late dossiers ({late_share}) and {complained} dossiers not late "
        "but with a petition or a poor rating ({complained_share}), of {classified} dossiers."
    ),
    "Chỉ số này chủ yếu phụ thuộc vào số hồ sơ trễ hạn, không phải vào ý kiến đánh giá của người "
    "dân: một phường, xã giải quyết đúng hạn gần như luôn đạt điểm cao, dù tỷ lệ hài lòng ở trên "
    "thấp. Vì vậy chỉ số được trình bày riêng với đánh giá của người dân.": (
        "This indicator depends mostly on late dossiers, not on what citizens say: a ward that "
        "resolves on time almost always scores high, even with a low satisfied rate above. "
        "That is why it is shown apart from citizens' ratings."
    ),
    "Số điểm theo tệp phương pháp data/index766.toml; là số ước tính từ dữ liệu của chính "
    "phường, xã. ": (
        "Points from the methodology file data/index766.toml; an estimate from the ward's own "
        "records. "
    ),
    "Định nghĩa": "Definition",
    # petitions (5.2, 5.3)
    "Phản ánh, kiến nghị (5.2, 5.3)": "Petitions (5.2, 5.3)",
    "Phản ánh, kiến nghị của người dân về thủ tục và cán bộ: một nguồn số liệu riêng, không gộp "
    "với lượt đánh giá.": (
        "Citizens' petitions about procedures and staff: a separate source, never merged with "
        "ratings."
    ),
    "{n} phản ánh, kiến nghị nhận trong kỳ; {on_time} xử lý đúng hạn hoặc còn trong hạn; "
    "{unsatisfied} bị đánh giá không hài lòng.": (
        "{n} petitions received in the period; {on_time} handled on time or still within "
        "time; {unsatisfied} rated unsatisfied."
    ),
    "Không có phản ánh, kiến nghị trong kỳ: 5.2 và 5.3 được tính đủ điểm, như Cổng Dịch vụ công "
    "quốc gia.": (
        "No petition in the period: 5.2 and 5.3 get full points, as on the national portal."
    ),
    "Chỉ số": "Indicator",
    "Tên": "Name",
    "Giá trị": "Value",
    "Điểm 766": "766 points",
    # comments
    "Ý kiến góp ý của người dân": "Citizens' comments",
    "Ý kiến góp ý (đã che số điện thoại, số giấy tờ, thư điện tử) có trên trang của từng "
    "phường, xã, chỉ cho lãnh đạo của phường, xã đó và của tỉnh, thành phố.": (
        "Comments (with phone numbers, ID numbers and e-mails masked) are on each ward's page, "
        "for the leaders of that ward and of the province only."
    ),
    # ward table
    "Theo phường, xã": "By ward",
    "Hạng": "Rank",
    "Phường, xã": "Ward",
    "Lượt đánh giá": "Ratings",
    "Hài lòng 766 (5.4)": "766 satisfaction (5.4)",
    "Phản ánh, kiến nghị": "Petitions",
    "PAKN đúng hạn (5.2)": "Petitions on time (5.2)",
    "ít đánh giá": "few ratings",
    "Ít đánh giá": "Few ratings",
    "Dưới {n} lượt đánh giá: chưa xếp hạng": "Fewer than {n} ratings: not ranked",
    "Sắp xếp theo {label}": "Sort by {label}",
    "Xếp hạng theo tỷ lệ hài lòng, chỉ các phường, xã có từ {n} lượt đánh giá; phường, xã ít đánh "
    "giá được đánh dấu và xếp sau. Bấm tiêu đề cột để sắp xếp.": (
        "Ranked by satisfied rate, only wards with at least {n} ratings; wards with few ratings "
        "are flagged and listed after. Click a column header to sort."
    ),
    # exports
    "Tổng hợp": "Summary",
    "Đánh giá, chỉ số 766 và phản ánh, kiến nghị": "Ratings, 766 indicator and petitions",
    "Kỳ": "Period",
    "Kỳ này": "This period",
    "Kỳ trước": "Previous period",
    "Cùng kỳ năm trước": "Same period last year",
    "Kỳ: {start} – {end}": "Period: {start} – {end}",
    "Từ ngày": "From",
    "Đến ngày": "To",
    "Phân bố đánh giá": "Ratings distribution",
    "Tiêu chí SIPAS": "SIPAS dimensions",
    "Xu hướng": "Trend",
    "Mã xã": "Ward code",
    "Điểm nhóm Mức độ hài lòng của Chỉ số 766": "Points of the 766 index's satisfaction group",
    "Đủ điểm khi đạt": "Full points at",
    "Điểm tối đa": "Maximum points",
    "Điểm": "Points",
}
