"""English labels of the metrics (ui/definitions.py), statuses, classes and periods."""

EN: dict[str, str] = {
    # metric labels
    "Tiếp nhận mới": "Received",
    "Kỳ trước chuyển sang": "Carried over",
    "Tổng số phải giải quyết": "To process",
    "Đã giải quyết": "Resolved",
    "Đang giải quyết": "In process",
    "Bình quân/ngày làm việc": "Per working day",
    "Thời gian giải quyết TB": "Average time to resolve",
    "Trước hạn": "Early",
    "Đúng hạn": "On time",
    "Quá hạn": "Late",
    "Đang giải quyết trong hạn": "In process, within time",
    "Đang giải quyết quá hạn": "In process, overdue",
    "Tỷ lệ đúng hạn": "On-time rate",
    "Tỷ lệ giải quyết đúng và trước hạn": "Resolved on time or early",
    "Tỷ lệ hồ sơ trực tuyến": "Online share",
    "Tỷ lệ trực tuyến toàn trình": "Fully online share",
    "Tỷ lệ qua bưu chính công ích": "Postal share",
    "Tỷ lệ trực tiếp": "In-person share",
    "Tỷ lệ thanh toán trực tuyến": "Paid online",
    "Tỷ lệ cấp kết quả điện tử": "Electronic results",
    "Tỷ lệ số hóa hồ sơ": "Digitised dossiers",
    "Tỷ lệ khai thác dữ liệu số hóa": "Reused digital data",
    "Tỷ lệ “thủ tục hành chính không chờ”": "“No-wait” share",
    "Tỷ lệ hồ sơ liên thông": "Inter-agency share",
    "Tỷ lệ hài lòng": "Satisfied rate",
    "Điểm đánh giá trung bình": "Mean rating",
    "Tỷ lệ hồ sơ được đánh giá": "Response rate",
    "Mức độ hài lòng trong giải quyết hồ sơ (766)": "Satisfaction in handling dossiers (766)",
    "Tỷ lệ xử lý phản ánh, kiến nghị đúng hạn": "Petitions handled on time",
    "Mức độ hài lòng về xử lý phản ánh, kiến nghị": "Satisfaction with petition handling",
    # target statuses
    "Đạt mục tiêu": "Target met",
    "Gần đạt mục tiêu": "Close to target",
    "Chưa đạt mục tiêu": "Target not met",
    "Không có dữ liệu": "No data",
    "Mục tiêu {sign} {shown}": "Target {sign} {shown}",
    # grains and presets
    "Ngày": "Day",
    "Tuần": "Week",
    "Tháng": "Month",
    "Hôm nay": "Today",
    "Tuần này": "This week",
    "Tháng này": "This month",
    "Tháng trước": "Last month",
    "Quý này": "This quarter",
    "Quý trước": "Last quarter",
    "Năm nay": "This year",
    "Năm trước": "Last year",
    "7 ngày qua": "Last 7 days",
    "30 ngày qua": "Last 30 days",
    "90 ngày qua": "Last 90 days",
    "Kể từ 1/7/2025": "Since 1/7/2025",
    "Khoảng ngày tùy chọn": "Custom range",
    # channels
    "Trực tiếp": "In person",
    "Trực tuyến": "Online",
    "Bưu chính công ích": "Public post",
    # definitions and formulas (ui/definitions.py), also the KPI tiles' tooltips
    "Số hồ sơ được tiếp nhận trong kỳ. Không tính hồ sơ mới đăng ký mà chưa được tiếp nhận và "
    "hồ sơ không được tiếp nhận.": (
        "Dossiers received in the period. Dossiers only registered but not yet received, and "
        "dossiers refused at reception, are not counted."
    ),
    "Số hồ sơ có ngày tiếp nhận nằm trong kỳ.": (
        "Dossiers whose reception date falls in the period."
    ),
    "Số hồ sơ tiếp nhận trước kỳ mà đến ngày đầu kỳ vẫn chưa giải quyết xong.": (
        "Dossiers received before the period that were still unresolved on its first day."
    ),
    "Hồ sơ tiếp nhận trước ngày đầu kỳ và chưa kết thúc trước ngày đầu kỳ.": (
        "Dossiers received before the first day of the period and not ended before that day."
    ),
    "Toàn bộ hồ sơ phải giải quyết trong kỳ: hồ sơ tiếp nhận mới cộng hồ sơ kỳ trước chuyển "
    "sang. Đây là mẫu số của tỷ lệ đúng hạn.": (
        "All dossiers to process in the period: the dossiers received plus those carried over "
        "from the previous period. This is the denominator of the on-time rate."
    ),
    "Tiếp nhận mới + Kỳ trước chuyển sang.": "Received + Carried over.",
    "Số hồ sơ kết thúc trong kỳ (đã xử lý xong, đã trả kết quả, dừng xử lý hoặc công dân rút "
    "hồ sơ), kể cả hồ sơ kỳ trước chuyển sang. Hồ sơ rút và hồ sơ dừng xử lý còn được báo cáo "
    "riêng.": (
        "Dossiers ended in the period (processed, result returned, processing stopped, or "
        "withdrawn by the applicant), including those carried over. Withdrawn dossiers and "
        "dossiers whose processing was stopped are also reported separately."
    ),
    "Hồ sơ trong Tổng số phải giải quyết có ngày kết thúc trong kỳ.": (
        "Dossiers in To process whose end date falls in the period."
    ),
    "Số hồ sơ phải giải quyết trong kỳ mà đến thời điểm tính vẫn chưa kết thúc.": (
        "Dossiers to process in the period that have not ended at the time of calculation."
    ),
    "Tổng số phải giải quyết − Đã giải quyết.": "To process − Resolved.",
    "Số hồ sơ giải quyết xong trung bình mỗi ngày làm việc của kỳ. Ngày làm việc theo lịch "
    "Việt Nam: không tính thứ Bảy, Chủ nhật, ngày lễ, Tết; có tính ngày làm bù.": (
        "Average number of dossiers resolved per working day of the period. Working days follow "
        "the Vietnamese calendar: Saturdays, Sundays, public holidays and Lunar New Year (Tết) "
        "are excluded; official make-up working days are included."
    ),
    "Đã giải quyết / số ngày làm việc trong kỳ.": (
        "Resolved / number of working days in the period."
    ),
    "Thời gian trung bình từ lúc tiếp nhận đến lúc kết thúc của các hồ sơ đã giải quyết trong "
    "kỳ, tính theo ngày lịch và theo ngày làm việc.": (
        "Average time from reception to end of the dossiers resolved in the period, in calendar "
        "days and in working days."
    ),
    "Tổng (thời điểm kết thúc − thời điểm tiếp nhận) / Đã giải quyết.": (
        "Sum of (end time − reception time) / Resolved."
    ),
    "Đã kết thúc trong kỳ, vào một ngày trước ngày của hạn giải quyết.": (
        "Ended in the period, on a day before the day of the due time."
    ),
    "Ngày kết thúc < ngày của hạn giải quyết.": "End date < day of the due time.",
    "Đã kết thúc trong kỳ, không trước hạn và không muộn hơn hạn giải quyết.": (
        "Ended in the period, not early and not later than the due time."
    ),
    "Không trước hạn và thời điểm kết thúc ≤ hạn giải quyết.": (
        "Not early, and end time ≤ due time."
    ),
    "Đã kết thúc trong kỳ nhưng sau hạn giải quyết; hoặc bị yêu cầu bổ sung hồ sơ quá một lần, "
    "dù ngày tháng thế nào.": (
        "Ended in the period but after the due time; or asked for additional documents more than "
        "once, whatever the dates."
    ),
    "Thời điểm kết thúc > hạn giải quyết, hoặc số lần yêu cầu bổ sung > 1.": (
        "End time > due time, or requests for additional documents > 1."
    ),
    "Chưa kết thúc tại thời điểm tính và chưa đến hạn; hoặc đang chờ công dân bổ sung hồ sơ "
    "lần đầu (duy nhất): khi đó thời gian giải quyết được tạm dừng.": (
        "Not ended at the time of calculation and not yet due; or waiting for the applicant's "
        "first (and only) supplement of documents, during which the processing clock is paused."
    ),
    "Hạn giải quyết ≥ thời điểm tính, hoặc trạng thái chờ bổ sung với số lần bổ sung = 1.": (
        "Due time ≥ time of calculation, or waiting for a supplement with exactly 1 request for "
        "additional documents."
    ),
    "Chưa kết thúc tại thời điểm tính và đã quá hạn giải quyết, hoặc đã bị yêu cầu bổ sung quá "
    "một lần.": (
        "Not ended at the time of calculation and past the due time, or asked for additional "
        "documents more than once."
    ),
    "Hạn giải quyết < thời điểm tính, hoặc số lần yêu cầu bổ sung > 1.": (
        "Due time < time of calculation, or requests for additional documents > 1."
    ),
    "Trong toàn bộ hồ sơ phải giải quyết của kỳ (tiếp nhận mới và kỳ trước chuyển sang), tỷ lệ "
    "hồ sơ không bị trễ: đã giải quyết trước hạn hoặc đúng hạn, hoặc đang giải quyết và còn "
    "trong hạn. Đây là chỉ số 2.1 của Bộ chỉ số 766. Hồ sơ chờ bổ sung lần đầu được dừng tính "
    "thời gian; yêu cầu bổ sung quá một lần tính là quá hạn. Hồ sơ không có ngày hẹn trả và "
    "không có thời hạn trong danh mục thủ tục không được tính.": (
        "Of all dossiers to process in the period (received and carried over), the share not "
        "late: resolved early or on time, or still in process within the time limit. This is "
        "indicator 2.1 of Index 766 (Bộ chỉ số 766). The clock is paused for dossiers waiting for "
        "a first supplement of documents; more than one request for additional documents counts "
        "as late. Dossiers with neither an appointed return date nor a time limit in the "
        "procedure catalogue are not counted."
    ),
    "(Trước hạn + Đúng hạn + Đang giải quyết trong hạn) / (Trước hạn + Đúng hạn + Quá hạn + "
    "Đang giải quyết trong hạn + Đang giải quyết quá hạn).": (
        "(Early + On time + In process, within time) / (Early + On time + Late + In process, "
        "within time + In process, overdue)."
    ),
    "Trong các hồ sơ đã giải quyết xong trong kỳ, tỷ lệ hồ sơ giải quyết trước hạn hoặc đúng "
    "hạn. Đây là con số các phường, xã thường nêu trên báo chí; hồ sơ đang giải quyết không "
    "được tính.": (
        "Of the dossiers resolved in the period, the share resolved early or on time. This is the "
        "figure wards usually cite in the press; dossiers still in process are not counted."
    ),
    "Sắp đến hạn": "Due soon",
    "Hồ sơ đang giải quyết trong hạn mà hạn giải quyết (đã cộng ngày tạm dừng) đến trong vài "
    "ngày làm việc tới: cảnh báo sớm để xử lý trước khi hồ sơ trễ hạn. Số ngày làm việc đặt "
    "trong cấu hình (MOTCUA_DUE_SOON_DAYS, mặc định 2); không tính thứ Bảy, Chủ nhật, ngày "
    "lễ, Tết. Hồ sơ đang chờ bổ sung lần đầu không tính: thời gian giải quyết đang tạm "
    "dừng. Kỳ đã kết thúc được tính tại thời điểm cuối kỳ.": (
        "Dossiers in process within time whose due time (paused days included) comes within the "
        "next few working days: the early warning to act on before a dossier turns late. The "
        "number of working days is a setting (MOTCUA_DUE_SOON_DAYS, default 2); Saturdays, "
        "Sundays, public holidays and Lunar New Year (Tết) are not working days. A dossier "
        "waiting for its first supplement is not counted: its clock is paused. A period "
        "already over is judged at its end."
    ),
    "Đang giải quyết trong hạn, không chờ bổ sung lần đầu, và số ngày làm việc sau ngày của "
    "thời điểm tính đến hết ngày của hạn giải quyết ≤ số ngày đã cấu hình.": (
        "In process within time, not waiting for a first supplement, and the working days after "
        "the day of the reference time up to the end of the due day ≤ the configured number."
    ),
    "(Trước hạn + Đúng hạn) / (Trước hạn + Đúng hạn + Quá hạn).": (
        "(Early + On time) / (Early + On time + Late)."
    ),
    "Tỷ lệ hồ sơ nộp trực tuyến (qua Cổng Dịch vụ công) trong số hồ sơ tiếp nhận mới của kỳ.": (
        "Share of the dossiers received in the period that were submitted online (through the "
        "Public Service Portal)."
    ),
    "Hồ sơ nộp trực tuyến / Tiếp nhận mới.": "Dossiers submitted online / Received.",
    "Tỷ lệ hồ sơ nộp trực tuyến toàn trình (mọi bước làm trên mạng, không phải đến nộp giấy "
    "tờ) trong số hồ sơ tiếp nhận mới.": (
        "Share of the dossiers received that were submitted as full-process online services "
        "(every step done online, no visit to hand in papers)."
    ),
    "Hồ sơ trực tuyến toàn trình / Tiếp nhận mới.": "Full-process online dossiers / Received.",
    "Tỷ lệ hồ sơ nộp qua dịch vụ bưu chính công ích trong số hồ sơ tiếp nhận mới.": (
        "Share of the dossiers received that were submitted through the public postal service."
    ),
    "Hồ sơ nộp qua bưu chính / Tiếp nhận mới.": "Dossiers submitted by post / Received.",
    "Tỷ lệ hồ sơ nộp trực tiếp tại Điểm phục vụ hành chính công, kể cả hồ sơ không ghi rõ kênh "
    "nộp, trong số hồ sơ tiếp nhận mới.": (
        "Share of the dossiers received that were submitted in person at the public "
        "administrative service point, including dossiers with no channel recorded."
    ),
    "(Hồ sơ nộp trực tiếp + hồ sơ không rõ kênh) / Tiếp nhận mới.": (
        "(Dossiers submitted in person + dossiers with no known channel) / Received."
    ),
    "Trong các hồ sơ tiếp nhận mới có phí, lệ phí, tỷ lệ hồ sơ đã thanh toán trực tuyến.": (
        "Of the dossiers received that carry a fee or charge, the share paid online."
    ),
    "Hồ sơ thanh toán trực tuyến / Hồ sơ tiếp nhận mới có phí (chỉ tính hồ sơ từ các tệp có cột "
    "này).": (
        "Dossiers paid online / Received dossiers with a fee (only dossiers from files "
        "that have this column)."
    ),
    "Trong các hồ sơ đã giải quyết trong kỳ, tỷ lệ hồ sơ được cấp kết quả điện tử.": (
        "Of the dossiers resolved in the period, the share given an electronic result."
    ),
    "Hồ sơ có kết quả điện tử / Đã giải quyết (chỉ tính hồ sơ từ các tệp có cột này).": (
        "Dossiers with an electronic result / Resolved (only dossiers from files "
        "that have this column)."
    ),
    "Tỷ lệ hồ sơ tiếp nhận mới được số hóa thành phần hồ sơ khi tiếp nhận.": (
        "Share of the dossiers received whose documents were digitised at reception."
    ),
    "Hồ sơ được số hóa / Tiếp nhận mới (chỉ tính hồ sơ từ các tệp có cột này).": (
        "Digitised dossiers / Received (only dossiers from files that have this column)."
    ),
    "Tỷ lệ hồ sơ tiếp nhận mới sử dụng lại dữ liệu, giấy tờ đã số hóa, để người dân không phải "
    "nộp lại.": (
        "Share of the dossiers received that reused data or documents already digitised, so that "
        "citizens did not have to submit them again."
    ),
    "Hồ sơ sử dụng lại dữ liệu số hóa / Tiếp nhận mới (chỉ tính hồ sơ từ các tệp có cột này).": (
        "Dossiers reusing digitised data / Received (only dossiers from files that have this "
        "column)."
    ),
    "Tỷ lệ hồ sơ tiếp nhận mới được giải quyết ngay trong lúc người dân chờ.": (
        "Share of the dossiers received that were resolved on the spot while the citizen waited."
    ),
    "Hồ sơ “không chờ” / Tiếp nhận mới (chỉ tính hồ sơ từ các tệp có cột này).": (
        "“No-wait” dossiers / Received (only dossiers from files that have this column)."
    ),
    "Tỷ lệ hồ sơ tiếp nhận mới phải liên thông giữa nhiều cơ quan. Hồ sơ quá hạn được tách "
    "theo có liên thông hay không, để thấy trễ hạn có dồn vào hồ sơ liên thông không.": (
        "Share of the dossiers received that follow an inter-agency procedure (handled by several "
        "agencies). Late dossiers are split by whether they are inter-agency, to show whether "
        "delays concentrate there."
    ),
    "Hồ sơ liên thông / Tiếp nhận mới (chỉ tính hồ sơ từ các tệp có cột này).": (
        "Inter-agency dossiers / Received (only dossiers from files that have this column)."
    ),
    "Số lượt người dân đánh giá mức độ hài lòng trong kỳ (thang 1–5), kể cả lượt đánh giá "
    "không gắn với hồ sơ nào; một hồ sơ có thể được đánh giá nhiều lần.": (
        "Number of citizens' satisfaction ratings given in the period (scale 1–5), including "
        "ratings not linked to any dossier; a dossier may be rated several times."
    ),
    "Số lượt đánh giá có thời điểm đánh giá trong kỳ.": (
        "Ratings whose rating time falls in the period."
    ),
    "Tỷ lệ lượt đánh giá hài lòng (4 hoặc 5 điểm trên thang 1–5) trong các lượt đánh giá của "
    "người dân trong kỳ.": (
        "Share of the citizens' ratings in the period that are satisfied (4 or 5 on the 1–5 scale)."
    ),
    "Lượt đánh giá từ 4 điểm / Tổng số lượt đánh giá.": "Ratings of 4 or more / Total ratings.",
    "Điểm trung bình của các lượt đánh giá của người dân trong kỳ, trên thang 1–5.": (
        "Mean score of the citizens' ratings in the period, on the 1–5 scale."
    ),
    "Tổng số điểm / Số lượt đánh giá.": "Sum of scores / Ratings.",
    "Tỷ lệ hồ sơ đã giải quyết trong kỳ được người dân đánh giá (một hồ sơ đánh giá nhiều lần "
    "chỉ tính một).": (
        "Share of the dossiers resolved in the period that citizens rated (a dossier rated "
        "several times counts once)."
    ),
    "Số hồ sơ được đánh giá / Đã giải quyết.": "Rated dossiers / Resolved.",
    "Chỉ số 5.4 của Bộ chỉ số 766: tỷ lệ hồ sơ phải giải quyết không bị trễ hạn và không bị "
    "phản ánh hay đánh giá kém. Chỉ số này chủ yếu phụ thuộc vào số hồ sơ trễ hạn, không phải "
    "vào ý kiến đánh giá của người dân.": (
        "Indicator 5.4 of Index 766: the share of dossiers to process that were neither late nor "
        "the subject of a petition or a poor rating. It depends mainly on the number of late "
        "dossiers, not on citizens' ratings."
    ),
    "1 − (Quá hạn + Đang giải quyết quá hạn + hồ sơ không trễ hạn nhưng có phản ánh, kiến nghị "
    "hoặc đánh giá từ 2 điểm trở xuống) / Tổng số phải giải quyết.": (
        "1 − (Late + In process, overdue + dossiers not late but with a petition or a rating of 2 "
        "or less) / To process."
    ),
    "Trong các phản ánh, kiến nghị nhận trong kỳ, tỷ lệ đã xử lý đúng hạn hoặc đang xử lý còn "
    "trong hạn.": (
        "Of the petitions received in the period, the share handled on time or still being "
        "handled within the time limit."
    ),
    "(Đã xử lý đúng hạn + Đang xử lý trong hạn) / Số phản ánh, kiến nghị.": (
        "(Handled on time + Being handled within time) / Petitions."
    ),
    "Tỷ lệ phản ánh, kiến nghị không bị người dân đánh giá không hài lòng và không bị quá hạn.": (
        "Share of the petitions that were neither rated unsatisfactory by the citizen nor overdue."
    ),
    "(Số phản ánh, kiến nghị − số bị đánh giá không hài lòng hoặc quá hạn, mỗi phản ánh trừ "
    "một lần) / Số phản ánh, kiến nghị.": (
        "(Petitions − those rated unsatisfactory or overdue, each petition deducted once) / "
        "Petitions."
    ),
    "{definition} Cách tính: {formula}": "{definition} Formula: {formula}",
    # beside a flag rate over only the dossiers of the files that had the column
    "trên {count} hồ sơ có dữ liệu": "of {count} dossiers with data",
}
