"""English texts of the methodology page (pages/methodology.py, ui/methodology.py).

The metrics' own labels, definitions and formulas are in :mod:`ui.locale.metrics`. Place names
of the worked example are written the usual English way, without diacritics (Hong Ha, Ha
Long); "phường, xã" reads "wards" as on every page.
"""

EN: dict[str, str] = {
    "Kỳ báo cáo là một khoảng ngày trọn vẹn, từ ngày đến ngày (kể cả hai ngày đầu, cuối), theo "
    "giờ Việt Nam.": (
        "A reporting period is a whole range of days, from one date to another (both included), "
        "in Vietnam time."
    ),
    "Thời điểm tính là cuối kỳ. Nếu kỳ chưa kết thúc, thời điểm tính là hiện tại, và không bao "
    "giờ muộn hơn hồ sơ mới nhất đã nạp; dòng “Dữ liệu đến …” dưới mỗi số liệu cho biết thời "
    "điểm đó.": (
        "The time of calculation is the end of the period. If the period has not ended, it is the "
        "present moment, never later than the newest dossier loaded; the line “Data up to …” "
        "under each figure gives that moment."
    ),
    "Tỷ lệ được tính và lưu với đầy đủ chữ số, chỉ làm tròn khi hiển thị: hai chữ số thập "
    "phân, dấu phẩy thập phân, dấu chấm phân cách hàng nghìn (12.439 hồ sơ; 99,94%).": (
        "Rates are computed and stored at full precision and rounded only for display, to two "
        "decimals. Vietnamese uses a decimal comma and points between thousands (12.439 dossiers; "
        "99,94%); English uses a decimal point and commas between thousands (12,439 dossiers; "
        "99.94%)."
    ),
    "Số liệu toàn thành phố (hay gộp nhiều lĩnh vực, nhiều tháng) được tính bằng cách cộng tử "
    "số, cộng mẫu số rồi mới chia; không bao giờ lấy trung bình các tỷ lệ phần trăm.": (
        "City-wide figures (or figures combining several fields or months) are computed by adding "
        "the numerators, adding the denominators and only then dividing; percentages are never "
        "averaged."
    ),
    "Tỷ lệ có mẫu số bằng 0 là “không có dữ liệu” (hiển thị “—”), không phải 0% và không phải "
    "100%. Cột dữ liệu mà hệ thống nguồn không cung cấp cũng cho “không có dữ liệu”, không "
    "phải 0.": (
        "A rate whose denominator is 0 is “no data” (shown as “—”), not 0% and not 100%. A data "
        "column the source system does not provide also gives “no data”, not 0."
    ),
    "“Tiếp nhận” không tính hồ sơ mới đăng ký mà chưa được tiếp nhận và hồ sơ không được tiếp "
    "nhận.": (
        "“Received” excludes dossiers only registered but not yet received, and dossiers refused "
        "at reception."
    ),
    "Mỗi số liệu toàn thành phố đều ghi số phường, xã có dữ liệu trong kỳ (ví dụ “118/126 "
    "phường, xã có dữ liệu”).": (
        "Every city-wide figure states how many wards have data in the period (for example "
        "“118/126 wards with data”)."
    ),
    "Yêu cầu bổ sung quá một lần: hồ sơ đã kết thúc là quá hạn, hồ sơ chưa kết thúc là đang "
    "giải quyết quá hạn, có hay không có ngày hẹn trả.": (
        "More than one request for additional documents: an ended dossier is late, an open one is "
        "in process overdue, with or without an appointed return date."
    ),
    "Hồ sơ không có ngày hẹn trả và danh mục thủ tục không có thời hạn bị loại khỏi cả hai tỷ "
    "lệ đúng hạn. Vì vậy tỷ lệ giải quyết đúng và trước hạn chia cho (trước hạn + đúng hạn + "
    "quá hạn); con số này bằng “đã giải quyết” khi mọi hồ sơ đã giải quyết đều có hạn.": (
        "Dossiers with no appointed return date and no time limit in the procedure catalogue are "
        "left out of both on-time rates. The rate resolved on time or early is therefore divided "
        "by (early + on time + late); this equals “resolved” when every resolved dossier has a "
        "due time."
    ),
    "Dừng tính thời gian chỉ áp dụng khi hồ sơ đang ở trạng thái chờ bổ sung và số lần yêu cầu "
    "bổ sung đúng bằng 1.": (
        "The clock is paused only while a dossier is waiting for additional documents and exactly "
        "one request for them has been made."
    ),
    "Hạn tính theo danh mục thủ tục đếm ngày làm việc từ ngày tiếp nhận và kết thúc vào cuối "
    "ngày; số ngày tạm dừng được cộng thêm theo ngày lịch. “Trước hạn” so sánh theo ngày, "
    "không theo giờ.": (
        "A due time from the procedure catalogue counts working days from the reception date and "
        "ends at the end of the day; paused days are added as calendar days. “Early” compares "
        "days, not hours."
    ),
    "Thời điểm tính là thời điểm sớm nhất trong ba mốc: cuối kỳ, hiện tại (giờ Việt Nam) và hồ "
    "sơ mới nhất đã nạp.": (
        "The time of calculation is the earliest of three moments: the end of the period, now "
        "(Vietnam time) and the newest dossier loaded."
    ),
    "Các cột có/không (số hóa, sử dụng lại dữ liệu, không chờ, kết quả điện tử, thanh toán "
    "trực tuyến, liên thông): tệp có cột thì cột đó cho biết thông tin của mọi hồ sơ trong tệp "
    "(“x”, “1”, “Có”, “true” là có; ô trống, “0”, “Không”, “false” là không). Chỉ khi tệp không "
    "có cột thì số liệu là “không có dữ liệu”, không phải 0; kỳ gồm cả tệp có và tệp không có "
    "cột thì tỷ lệ tính trên hồ sơ của các tệp có cột, và trang ghi rõ “trên … hồ sơ có dữ "
    "liệu”. Tỷ lệ thanh toán trực tuyến tính trên hồ sơ tiếp nhận mới có phí, lệ phí.": (
        "Yes/no columns (digitisation, data reuse, no-wait, electronic results, online payment, "
        "inter-agency): a column a file has states the fact for every dossier of that file "
        "(“x”, “1”, “true” and the Vietnamese word for yes mean yes; an empty cell, “0”, “false” "
        "and the word for no mean no). Only a column the file does not have gives “no data”, "
        "not 0; when a period mixes files with and without the column, the rate is over the "
        "dossiers of the files that have it, and the page says so (“of … dossiers with data”). "
        "The online payment rate is computed on the received dossiers that carry a fee or "
        "charge."
    ),
    "Mức độ hài lòng trong giải quyết hồ sơ (5.4) = 1 − (quá hạn + đang giải quyết quá hạn + "
    "hồ sơ không trễ hạn nhưng có phản ánh, kiến nghị hoặc đánh giá từ 2 điểm trở xuống) / số "
    "hồ sơ có phân loại tiến độ.": (
        "Satisfaction in handling dossiers (5.4) = 1 − (late + in process overdue + dossiers not "
        "late but with a petition or a rating of 2 or less) / dossiers with a timeliness class."
    ),
    "Phản ánh, kiến nghị không có hạn xử lý thì không bao giờ bị coi là quá hạn. Mức độ hài "
    "lòng về xử lý phản ánh, kiến nghị (5.3) trừ mỗi phản ánh không hài lòng hoặc quá hạn một "
    "lần (không trừ hai lần nếu vừa không hài lòng vừa quá hạn).": (
        "A petition without a handling deadline is never overdue. Satisfaction with petition "
        "handling (5.3) deducts each unsatisfied or overdue petition once (not twice when it is "
        "both)."
    ),
    "Chỉ số 766: chỉ số 3.3 (tỷ lệ hồ sơ trực tuyến) được hiển thị với ngưỡng 50% nhưng không "
    "có điểm cho đến khi tệp phương pháp quy định; kỳ không có phản ánh, kiến nghị được điểm "
    "tối đa ở 5.2 và 5.3; phường, xã không có hồ sơ nào trong kỳ thì không có điểm.": (
        "Index 766: indicator 3.3 (online share) is shown with its 50% threshold but carries no "
        "points until the methodology file sets them; a period without petitions gets full points "
        "on 5.2 and 5.3; a ward without any dossier in the period has no score."
    ),
    "Hồ sơ rút và hồ sơ dừng xử lý kết thúc hồ sơ: được tính vào “đã giải quyết” và phân loại "
    "tiến độ như mọi hồ sơ khác, đồng thời được báo cáo riêng.": (
        "Withdrawal and stopped processing end a dossier: such dossiers count as “resolved” and "
        "get a timeliness class like any other, and are also reported separately."
    ),
    "Hồ sơ trước ngày 1/7/2025 ghi tên phường, xã cũ được chuyển sang phường, xã hiện nay theo "
    "bảng chuyển đổi đơn vị hành chính, để số liệu lịch sử khớp với bản đồ hiện tại.": (
        "Dossiers from before 1/7/2025 that name a former ward or commune are mapped to today's "
        "ward by the administrative-unit crosswalk, so that historical figures match today's map."
    ),
    "Sắp đến hạn trong N ngày làm việc tới: số ngày làm việc sau ngày của thời điểm tính đến hết "
    "ngày của hạn giải quyết không quá N. Hạn rơi vào ngày nghỉ ngay sau ngày làm việc thứ N "
    "vẫn tính (không còn ngày làm việc nào trước đó); hạn trong chính ngày của thời điểm tính "
    "mà chưa qua thì còn 0 ngày làm việc. Kỳ đã kết thúc được tính tại cuối kỳ: những hồ sơ lẽ "
    "ra đã được cảnh báo vào tối ngày cuối kỳ.": (
        "Due soon within the next N working days: at most N working days lie after the day of "
        "the reference time up to the end of the due day. A due day on the days off right after "
        "the Nth working day counts too (no working day is left before it); a due time later "
        "the same day as the reference time leaves 0 working days. A period already over is "
        "judged at its end: the dossiers that would have been flagged on its last evening."
    ),
    "rule|Hạn giải quyết": "Due time",
    "Hạn giải quyết = ngày hẹn trả + số ngày tạm dừng (những ngày chờ người dân bổ sung, nếu "
    "hệ thống nguồn có ghi; không ghi thì là 0). Ngày hẹn trả chỉ có ngày, không có giờ (hoặc "
    "ghi 00:00) được hiểu là hết ngày đó.": (
        "Due time = appointed return date + days paused (the days spent waiting for the citizen's "
        "additional documents, if the source system records them; otherwise 0). An appointed "
        "return date with a day but no time (or 00:00) is read as the end of that day."
    ),
    "Dừng tính thời gian khi chờ bổ sung": "Clock paused while waiting for additional documents",
    "Hồ sơ đang chờ người dân bổ sung lần đầu (trạng thái chờ bổ sung, số lần yêu cầu bổ sung "
    "đúng bằng 1) được tính là đang giải quyết trong hạn: thời gian được tạm dừng. Từ lần yêu "
    "cầu bổ sung thứ hai, hồ sơ tính là quá hạn (nếu đã kết thúc) hoặc đang giải quyết quá "
    "hạn, dù ngày tháng thế nào, kể cả khi không có ngày hẹn trả.": (
        "A dossier waiting for the citizen's first supplement of documents (status waiting for a "
        "supplement, exactly 1 request for additional documents) counts as in process within "
        "time: the clock is paused. From the second request for additional documents on, the "
        "dossier counts as late (if ended) or in process overdue, whatever the dates, even "
        "without an appointed return date."
    ),
    "Hồ sơ thiếu ngày hẹn trả": "Dossiers without an appointed return date",
    "Nếu danh mục thủ tục có thời hạn giải quyết theo quy định, hạn = ngày tiếp nhận + số ngày "
    "làm việc đó (tính từ ngày tiếp nhận, hết ngày cuối cùng). Nếu không có cả hai, hồ sơ "
    "không được tính vào hai tỷ lệ đúng hạn và được thống kê riêng là “thiếu ngày hẹn trả” "
    "trên trang Dữ liệu. Không bao giờ mặc nhiên coi là đúng hạn.": (
        "If the procedure catalogue gives a statutory processing time, the due time = reception "
        "date + that number of working days (counted from the reception date, to the end of the "
        "last day). If neither exists, the dossier is left out of both on-time rates and counted "
        "separately as “no appointed return date” on the Data page. It is never assumed to be on "
        "time."
    ),
    "Lịch ngày làm việc": "Working-day calendar",
    "Ngày làm việc là thứ Hai đến thứ Sáu, trừ ngày lễ, Tết và ngày nghỉ bù theo lịch chính "
    "thức của Việt Nam (thư viện holidays), cộng các thứ Bảy làm bù chính thức (ví dụ thứ Bảy "
    "26/04/2025). Lịch này dùng cho hạn tính theo danh mục thủ tục, số ngày làm việc của kỳ và "
    "thời gian giải quyết theo ngày làm việc.": (
        "Working days are Monday to Friday, except public holidays, Lunar New Year (Tết) and "
        "compensatory days off in Vietnam's official calendar (the holidays library), plus the "
        "official make-up working Saturdays (for example Saturday 26/04/2025). This calendar is "
        "used for due times from the procedure catalogue, the number of working days in a period "
        "and processing times in working days."
    ),
    "Xuất sắc": "Excellent",
    "Tốt": "Good",
    "Khá": "Fairly good",
    "Trung bình": "Average",
    "Yếu": "Weak",
    "Phương pháp tính các số liệu": "How the figures are calculated",
    "Mỗi số liệu trên bảng điều khiển được định nghĩa dưới đây bằng lời và bằng công thức, "
    "đúng như cách phần mềm tính.": (
        "Every figure on the dashboard is defined below in words and as a formula, exactly as the "
        "software computes it."
    ),
    "Mục lục": "Contents",
    "Quy ước chung": "General conventions",
    "1. Luồng hồ sơ": "1. Dossier flow",
    "2. Tiến độ giải quyết": "2. Timeliness of processing",
    "3. Kênh nộp, dịch vụ trực tuyến, số hóa": (
        "3. Submission channels, online services, digitisation"
    ),
    "4. Mức độ hài lòng: ba số liệu khác nhau": "4. Satisfaction: three different figures",
    "5. Chỉ số 766 ước tính": "5. Estimated Index 766",
    "6. Mục tiêu và màu sắc": "6. Targets and colours",
    "7. Số liệu công khai": "7. Public figures",
    "8. Cách hiểu của dự án ở những điểm quy định chưa nói rõ": (
        "8. How the project reads points the regulations leave open"
    ),
    "Ví dụ: phường A đúng hạn {a} = {a_rate}, phường B {b} = {b_rate}. Hai phường cộng lại: "
    "{both} = {right}, không phải trung bình {wrong}.": (
        "Example: ward A on time {a} = {a_rate}, ward B {b} = {b_rate}. The two wards together: "
        "{both} = {right}, not the average {wrong}."
    ),
    "Cách tính: ": "Formula: ",
    "Mỗi hồ sơ trong Tổng số phải giải quyết thuộc đúng một trong năm loại dưới đây (hoặc là "
    "hồ sơ thiếu ngày hẹn trả, không được tính vào tỷ lệ).": (
        "Every dossier in To process falls into exactly one of the five classes below (or has no "
        "appointed return date and is left out of the rates)."
    ),
    "Năm loại tiến độ của hồ sơ phải giải quyết": (
        "The five timeliness classes of dossiers to process"
    ),
    "Loại": "Class",
    "Quy tắc": "Rule",
    "Điều kiện": "Condition",
    "Bộ chỉ số 766, chỉ số {code}: tối đa {points} điểm, đạt tối đa khi tỷ lệ từ {threshold}; "
    "dưới ngưỡng, điểm tỷ lệ thuận với tỷ lệ.": (
        "Index 766, indicator {code}: at most {points} points, full points from a rate of "
        "{threshold}; below that threshold, points are proportional to the rate."
    ),
    "Bộ chỉ số 766, chỉ số {code}: đạt yêu cầu khi tỷ lệ từ {threshold}; số điểm chưa được "
    "công bố nên chưa tính điểm.": (
        "Index 766, indicator {code}: met from a rate of {threshold}; its points have not been "
        "published, so it is not scored yet."
    ),
    "Ví dụ: Phường Hồng Hà, năm 2021": "Example: Hong Ha ward, 2021",
    "Phường Hồng Hà (TP Hạ Long, Quảng Ninh; nay thuộc Phường Hạ Long) tiếp nhận và giải quyết "
    "{done} hồ sơ; {good} hồ sơ trước hạn hoặc đúng hạn; {late} hồ sơ quá hạn, đều thuộc lĩnh "
    "vực Đất đai, là hồ sơ liên thông.": (
        "Hong Ha ward (Ha Long City, Quang Ninh; now part of Ha Long ward) received and resolved "
        "{done} dossiers: {good} early or on time and {late} late, all of them inter-agency "
        "dossiers in the land field."
    ),
    "Tỷ lệ giải quyết đúng và trước hạn = {good} / {done} = {rate}: con số phường công bố.": (
        "Resolved on time or early = {good} / {done} = {rate}: the figure the ward published."
    ),
    "Cuối năm không còn hồ sơ đang giải quyết, nên tỷ lệ đúng hạn cũng bằng {good} / {done} = "
    "{rate}.": (
        "No dossier was still in process at the end of the year, so the on-time rate is also "
        "{good} / {done} = {rate}."
    ),
    "Giả sử cuối năm còn {open} hồ sơ đang giải quyết ({in_time} trong hạn, {overdue} quá "
    "hạn): tỷ lệ đúng hạn = ({good} + {in_time}) / ({done} + {open}) = {numerator} / "
    "{denominator} = {open_rate}, còn tỷ lệ giải quyết đúng và trước hạn vẫn là {rate}: hồ sơ "
    "đang giải quyết chỉ có mặt trong tỷ lệ đúng hạn.": (
        "Suppose {open} dossiers were still in process at the end of the year ({in_time} within "
        "time, {overdue} overdue): on-time rate = ({good} + {in_time}) / ({done} + {open}) = "
        "{numerator} / {denominator} = {open_rate}, while the rate resolved on time or early "
        "stays {rate}: dossiers in process count only in the on-time rate."
    ),
    "Các tỷ lệ tính trên hồ sơ tiếp nhận mới trong kỳ, trừ khi ghi khác.": (
        "Rates are computed on the dossiers received in the period, unless stated otherwise."
    ),
    "4.1. Đánh giá của người dân": "4.1. Citizens' ratings",
    "Khi có, các khía cạnh SIPAS (mỗi khía cạnh trên thang 1–5): {dimensions}.": (
        "Where available, the SIPAS dimensions (each on the 1–5 scale): {dimensions}."
    ),
    "4.2. Mức độ hài lòng theo Bộ chỉ số 766": "4.2. Satisfaction in Index 766",
    "4.3. Phản ánh, kiến nghị": "4.3. Petitions",
    "Ước tính. ": "Estimate. ",
    "Ước tính từ dữ liệu hồ sơ của chính phường, xã; số liệu chính thức là số công bố trên "
    "Cổng Dịch vụ công quốc gia.": (
        "Estimated from the ward's own dossier records; the official figure is the one published "
        "on the National Public Service Portal."
    ),
    "Chỉ số 766 ước tính (Quyết định 766/QĐ-TTg ngày 23/6/2022)": (
        "Estimated Index 766 (Decision 766/QĐ-TTg of 23/6/2022)"
    ),
    "Điểm của một chỉ số = điểm tối đa × min(1, tỷ lệ / ngưỡng đạt tối đa), làm tròn 2 chữ số. "
    "Điểm của phường, xã = tổng điểm các chỉ số có dữ liệu trong kỳ; điểm trên thang 100 = "
    "tổng điểm / tổng điểm tối đa của các chỉ số đó × 100.": (
        "Points of an indicator = maximum points × min(1, rate / full-points threshold), rounded "
        "to 2 decimals. A ward's score = the sum of the points of the indicators with data in the "
        "period; score out of 100 = score / the sum of those indicators' maximum points × 100."
    ),
    "Tiến độ, kết quả giải quyết": "Timeliness and results",
    "Dịch vụ trực tuyến, thanh toán": "Online services and payment",
    "Số hóa hồ sơ": "Digitisation of dossiers",
    "Công khai, minh bạch": "Publicity and transparency",
    "Chưa công bố số điểm: chỉ hiển thị ngưỡng, không tính điểm.": (
        "Points not published: only the threshold is shown, no points are given."
    ),
    "Kỳ không có trường hợp nào: được điểm tối đa.": "A period without any case: full points.",
    "không tính: không suy ra được từ dữ liệu hồ sơ": (
        "not computed: cannot be derived from dossier data"
    ),
    "Các chỉ số được tính, điểm tối đa và ngưỡng đạt tối đa": (
        "Indicators computed, maximum points and full-points thresholds"
    ),
    "Nhóm": "Group",
    "Đạt tối đa khi tỷ lệ từ": "Full points from a rate of",
    "Ghi chú": "Note",
    "từ {low}": "from {low}",
    "từ {low} đến dưới {high}": "from {low} to under {high}",
    "dưới {high}": "under {high}",
    "Xếp loại theo điểm trên thang 100": "Grades by score out of 100",
    "Xếp loại": "Grade",
    "Điểm trên 100": "Score out of 100",
    "Tệp phương pháp (data/index766.toml), nguyên văn": (
        "The methodology file (data/index766.toml), verbatim"
    ),
    "Xanh: đạt hoặc vượt mục tiêu; vàng: chưa đạt nhưng trong ngưỡng cảnh báo; đỏ: ngoài "
    "ngưỡng. Mục tiêu đọc từ tệp data/targets.toml.": (
        "Green: target met or exceeded; amber: not met but within the warning band; red: beyond "
        "it. The targets are read from data/targets.toml."
    ),
    "Càng cao càng tốt": "Higher is better",
    "Càng thấp càng tốt": "Lower is better",
    "Mục tiêu và màu của các số liệu chính": "Targets and colours of the main figures",
    "Số liệu": "Figure",
    "Mục tiêu": "Target",
    "Chiều tốt": "Better direction",
    "Xanh": "Green",
    "Vàng": "Amber",
    "Đỏ": "Red",
    "Chỉ công bố số tổng hợp: không bao giờ có mã hồ sơ, thông tin người nộp, tên cán bộ, nội "
    "dung góp ý hay danh sách hồ sơ. Chi tiết nhất là theo phường, xã × lĩnh vực × kỳ; không "
    "chia theo thủ tục, đối tượng nộp hay cán bộ.": (
        "Only aggregate figures are published: never a dossier number, applicant information, a "
        "staff member's name, the text of a comment or a list of dossiers. The finest breakdown "
        "is ward × field × period; never by procedure, applicant type or staff member."
    ),
    "Số đếm là số chính xác, kể cả số nhỏ: 3 hồ sơ trễ hạn được công bố là 3 (che số nhỏ là che "
    "đúng những chỗ chậm trễ mà người dân cần biết).": (
        "Counts are exact, small ones included: 3 late dossiers are published as 3 (hiding small "
        "counts would hide exactly the delays the public is owed)."
    ),
    "Tỷ lệ có mẫu số dưới {n} (hoặc không có dữ liệu) được hiển thị là “{shown}” thay cho tỷ lệ "
    "phần trăm. Đây là chuyện độ tin cậy, không phải giữ bí mật: các số đếm bên cạnh vẫn được "
    "hiển thị.": (
        "Rates with a denominator under {n} (or with no data) are shown as “{shown}” (not enough "
        "data) instead of a percentage. This is about reliability, not secrecy: the counts beside "
        "them stay visible."
    ),
    "Trong mọi bảng xếp hạng công khai, phường, xã có tỷ lệ “{shown}” đứng sau các phường, xã "
    "được xếp hạng và không có thứ hạng.": (
        "In every public ranking, a ward whose rate is “{shown}” (not enough data) is listed after "
        "the ranked wards, without a rank."
    ),
    "Chỉ số 766 công khai: chỉ số có dưới {n} trường hợp không được tính điểm; phường, xã có "
    "dưới {n} hồ sơ phải giải quyết không có điểm công khai.": (
        "Public Index 766: an indicator with fewer than {n} cases is not scored; a ward with "
        "fewer than {n} dossiers to process has no public score."
    ),
    "trên {low} đến {high}": "above {low} up to {high}",
}
