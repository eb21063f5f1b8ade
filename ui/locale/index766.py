"""English texts of the 766 page (``/chi-so-766``): ranking, points, what-if, exports."""

EN: dict[str, str] = {
    "Chỉ số 766": "766 index",
    "Chỉ số 766 – Một Cửa": "766 index – Một Cửa",
    "Chỉ số 766 (ước tính)": "766 index (estimate)",
    "Chỉ số 766 (ước tính) – Một Cửa": "766 index (estimate) – Một Cửa",
    "Ước tính. ": "Estimate. ",
    "Đây là ước tính từ hồ sơ của chính phường, xã, theo phương pháp trong data/index766.toml; "
    "điểm chính thức là điểm công bố trên Cổng Dịch vụ công quốc gia.": (
        "This is an estimate from the ward's own records, by the method in data/index766.toml; "
        "the official score is the one published on the National Public Service Portal."
    ),
    # ranking
    "Xếp hạng phường, xã theo chỉ số 766 (ước tính)": "Wards ranked by the 766 index (estimate)",
    "Hạng": "Rank",
    "Mã": "Code",
    "Tỉnh, thành phố": "Province",
    "Điểm": "Points",
    "Điểm /100": "Score /100",
    "Xếp loại": "Grade",
    "Điểm /100 kỳ so sánh": "Score /100, comparison period",
    "Thay đổi (điểm)": "Change (points)",
    "Thay đổi hạng": "Rank change",
    "Hạng kỳ so sánh": "Rank, comparison period",
    "Thay đổi hạng (+ lên)": "Rank change (+ up)",
    "Mã tỉnh": "Province code",
    "{n} phường, xã có ước tính, kỳ {period}; thay đổi {compared}. Bấm tên để xem điểm "
    "từng chỉ tiêu.": "{n} wards with an estimate, period {period}; change {compared}. Click a "
    "name to see its points per indicator.",
    # the ward
    "Điểm từng chỉ tiêu": "Points per indicator",
    "Chọn một phường, xã (trong bộ lọc hoặc bấm tên trong bảng xếp hạng) để xem điểm.": (
        "Choose a ward (in the filters, or click its name in the ranking) to see its points."
    ),
    "{score}/{max} điểm · hạng {rank}/{ranked} · {compared}: {change} điểm": (
        "{score}/{max} points · rank {rank}/{ranked} · {compared}: {change} points"
    ),
    "không có dữ liệu": "no data",
    "Điểm của {ward}, chỉ tiêu mất nhiều điểm nhất trước; chỉ tiêu không có dữ liệu trong "
    "kỳ không tính vào điểm tối đa.": "Points of {ward}, the indicator that lost the most "
    "first; indicators with no data in the period do not count in the maximum.",
    # what-if
    "Nếu một chỉ tiêu thay đổi": "What if one indicator changed",
    "Đặt tỷ lệ của một chỉ tiêu để xem điểm và hạng mới; các chỉ tiêu khác và các "
    "phường, xã khác giữ nguyên. Không có gì được lưu lại.": "Set one indicator's rate to see "
    "the new score and rank; the other indicators and wards stay as they are. Nothing is saved.",
    "Chỉ tiêu": "Indicator",
    "Tỷ lệ (%)": "Rate (%)",
    "Nhập một tỷ lệ từ 0 đến 100.": "Enter a rate from 0 to 100.",
    "Phường, xã chưa có ước tính trong kỳ này.": "The ward has no estimate for this period.",
    "Nếu “{label}” đạt {rate}: {score}/100 ({points}/{max} điểm), {band}, hạng {rank}/{ranked} "
    "(hiện nay {before}/100, hạng {rank_before}).": "If “{label}” reached {rate}: {score}/100 "
    "({points}/{max} points), {band}, rank {rank}/{ranked} (now {before}/100, rank "
    "{rank_before}).",
    # lines and exports
    "Dữ liệu đến {moment} · Kỳ: {period}": "Data up to {moment} · Period: {period}",
    "Phương pháp tính chỉ số 766 (ước tính)": "How the 766 estimate is computed",
    "Kỳ {period}, thay đổi {compared}. Dữ liệu đến {moment}. {estimate}": (
        "Period {period}, change {compared}. Data up to {moment}. {estimate}"
    ),
    "Điểm từng chỉ tiêu của mỗi phường, xã": "Points per indicator of every ward",
    "Mã chỉ tiêu": "Indicator code",
    "Chưa có ước tính (không có hồ sơ trong kỳ): {n} phường, xã": (
        "No estimate (no dossier in the period): {n} wards"
    ),
}
