"""What every metric means, in plain Vietnamese: the one place for labels, definitions, formulas.

The KPI tiles' tooltips (:mod:`ui.components`) and the methodology page (``/phuong-phap``) read
the same entries, so a leader reads the same words wherever a number appears. The text follows
``metrics.md`` and the decisions the project took where it is silent (README, "Metrics: how the
spec's open points are read"). Keys are the column names of :func:`kpi.metrics.kpis`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from marks import N_
from ui.format import fmt_int
from ui.i18n import _, ngettext

Unit = Literal["count", "rate", "days", "per_day", "score"]

ANCHOR_PREFIX = "methodology-"
METHODOLOGY_PATH = "/phuong-phap"


@dataclass(frozen=True)
class MetricText:
    """The Vietnamese label of a metric, its definition in plain words and how it is computed.

    The texts are the Vietnamese sources; readers see them through :func:`ui.i18n._` (their
    English is in :mod:`ui.locale.metrics`).
    """

    label: str
    definition: str
    formula: str = ""
    unit: Unit = "rate"

    @property
    def tooltip(self) -> str:
        """Definition and formula in the reader's language, the text of a KPI tile's tooltip."""
        if not self.formula:
            return _(self.definition)
        return _(
            "{definition} Cách tính: {formula}",
            definition=_(self.definition),
            formula=_(self.formula),
        )


def anchor(metric: str) -> str:
    """The HTML id of a metric's definition on ``/phuong-phap``: ``methodology-on-time-rate``."""
    return ANCHOR_PREFIX + metric.replace("_", "-")


def definition_href(metric: str) -> str:
    """The link to a metric's definition, for the "định nghĩa" links of other pages."""
    return f"{METHODOLOGY_PATH}#{anchor(metric)}"


def known_note(known: Any, population: Any) -> str | None:
    """The words beside a flag rate that is over fewer dossiers than its population.

    A period that mixes files with and without a flag column rates the flag over the dossiers
    of the files that had it (metrics §3), and the page says so: "trên 4.063 hồ sơ có dữ liệu".
    ``known`` and ``population`` are the rate's counts named by :data:`kpi.metrics.FLAG_RATES`;
    ``None`` (nothing to say) when every dossier had the column or none did (the rate is then
    "no data" itself).
    """
    if any(v is None or pd.isna(v) for v in (known, population)):
        return None
    if not 0 < int(known) < int(population):
        return None
    return ngettext(
        "trên {count} hồ sơ có dữ liệu",
        "trên {count} hồ sơ có dữ liệu",
        int(known),
        count=fmt_int(int(known)),
    )


METRICS: dict[str, MetricText] = {
    # §1 Dossier flow
    "received": MetricText(
        N_("Tiếp nhận mới"),
        N_(
            "Số hồ sơ được tiếp nhận trong kỳ. Không tính hồ sơ mới đăng ký mà chưa được tiếp nhận "
            "và hồ sơ không được tiếp nhận."
        ),
        N_("Số hồ sơ có ngày tiếp nhận nằm trong kỳ."),
        "count",
    ),
    "carried_over": MetricText(
        N_("Kỳ trước chuyển sang"),
        N_("Số hồ sơ tiếp nhận trước kỳ mà đến ngày đầu kỳ vẫn chưa giải quyết xong."),
        N_("Hồ sơ tiếp nhận trước ngày đầu kỳ và chưa kết thúc trước ngày đầu kỳ."),
        "count",
    ),
    "to_process": MetricText(
        N_("Tổng số phải giải quyết"),
        N_(
            "Toàn bộ hồ sơ phải giải quyết trong kỳ: hồ sơ tiếp nhận mới cộng hồ sơ kỳ trước "
            "chuyển sang. Đây là mẫu số của tỷ lệ đúng hạn."
        ),
        N_("Tiếp nhận mới + Kỳ trước chuyển sang."),
        "count",
    ),
    "completed": MetricText(
        N_("Đã giải quyết"),
        N_(
            "Số hồ sơ kết thúc trong kỳ (đã xử lý xong, đã trả kết quả, dừng xử lý hoặc công dân "
            "rút hồ sơ), kể cả hồ sơ kỳ trước chuyển sang. Hồ sơ rút và hồ sơ dừng xử lý còn được "
            "báo cáo riêng."
        ),
        N_("Hồ sơ trong Tổng số phải giải quyết có ngày kết thúc trong kỳ."),
        "count",
    ),
    "in_process": MetricText(
        N_("Đang giải quyết"),
        N_("Số hồ sơ phải giải quyết trong kỳ mà đến thời điểm tính vẫn chưa kết thúc."),
        N_("Tổng số phải giải quyết − Đã giải quyết."),
        "count",
    ),
    "per_working_day": MetricText(
        N_("Bình quân/ngày làm việc"),
        N_(
            "Số hồ sơ giải quyết xong trung bình mỗi ngày làm việc của kỳ. Ngày làm việc theo lịch "
            "Việt Nam: không tính thứ Bảy, Chủ nhật, ngày lễ, Tết; có tính ngày làm bù."
        ),
        N_("Đã giải quyết / số ngày làm việc trong kỳ."),
        "per_day",
    ),
    "avg_days": MetricText(
        N_("Thời gian giải quyết TB"),
        N_(
            "Thời gian trung bình từ lúc tiếp nhận đến lúc kết thúc của các hồ sơ đã giải quyết "
            "trong kỳ, tính theo ngày lịch và theo ngày làm việc."
        ),
        N_("Tổng (thời điểm kết thúc − thời điểm tiếp nhận) / Đã giải quyết."),
        "days",
    ),
    # §2 On-time classes: the definition is the class's rule
    "early": MetricText(
        N_("Trước hạn"),
        N_("Đã kết thúc trong kỳ, vào một ngày trước ngày của hạn giải quyết."),
        N_("Ngày kết thúc < ngày của hạn giải quyết."),
        "count",
    ),
    "on_time": MetricText(
        N_("Đúng hạn"),
        N_("Đã kết thúc trong kỳ, không trước hạn và không muộn hơn hạn giải quyết."),
        N_("Không trước hạn và thời điểm kết thúc ≤ hạn giải quyết."),
        "count",
    ),
    "late": MetricText(
        N_("Quá hạn"),
        N_(
            "Đã kết thúc trong kỳ nhưng sau hạn giải quyết; hoặc bị yêu cầu bổ sung hồ sơ quá một "
            "lần, dù ngày tháng thế nào."
        ),
        N_("Thời điểm kết thúc > hạn giải quyết, hoặc số lần yêu cầu bổ sung > 1."),
        "count",
    ),
    "in_time": MetricText(
        N_("Đang giải quyết trong hạn"),
        N_(
            "Chưa kết thúc tại thời điểm tính và chưa đến hạn; hoặc đang chờ công dân bổ sung hồ "
            "sơ lần đầu (duy nhất): khi đó thời gian giải quyết được tạm dừng."
        ),
        N_("Hạn giải quyết ≥ thời điểm tính, hoặc trạng thái chờ bổ sung với số lần bổ sung = 1."),
        "count",
    ),
    "overdue": MetricText(
        N_("Đang giải quyết quá hạn"),
        N_(
            "Chưa kết thúc tại thời điểm tính và đã quá hạn giải quyết, hoặc đã bị yêu cầu bổ sung "
            "quá một lần."
        ),
        N_("Hạn giải quyết < thời điểm tính, hoặc số lần yêu cầu bổ sung > 1."),
        "count",
    ),
    # §2 The early warning
    "due_soon": MetricText(
        N_("Sắp đến hạn"),
        N_(
            "Hồ sơ đang giải quyết trong hạn mà hạn giải quyết (đã cộng ngày tạm dừng) đến trong "
            "vài ngày làm việc tới: cảnh báo sớm để xử lý trước khi hồ sơ trễ hạn. Số ngày làm "
            "việc đặt trong cấu hình (MOTCUA_DUE_SOON_DAYS, mặc định 2); không tính thứ Bảy, Chủ "
            "nhật, ngày lễ, Tết. Hồ sơ đang chờ bổ sung lần đầu không tính: thời gian giải quyết "
            "đang tạm dừng. Kỳ đã kết thúc được tính tại thời điểm cuối kỳ."
        ),
        N_(
            "Đang giải quyết trong hạn, không chờ bổ sung lần đầu, và số ngày làm việc sau ngày "
            "của thời điểm tính đến hết ngày của hạn giải quyết ≤ số ngày đã cấu hình."
        ),
        "count",
    ),
    # §2 The two on-time rates
    "on_time_rate": MetricText(
        N_("Tỷ lệ đúng hạn"),
        N_(
            "Trong toàn bộ hồ sơ phải giải quyết của kỳ (tiếp nhận mới và kỳ trước chuyển sang), "
            "tỷ lệ hồ sơ không bị trễ: đã giải quyết trước hạn hoặc đúng hạn, hoặc đang giải quyết "
            "và còn trong hạn. Đây là chỉ số 2.1 của Bộ chỉ số 766. Hồ sơ chờ bổ sung lần đầu được "
            "dừng tính thời gian; yêu cầu bổ sung quá một lần tính là quá hạn. Hồ sơ không có ngày "
            "hẹn trả và không có thời hạn trong danh mục thủ tục không được tính."
        ),
        N_(
            "(Trước hạn + Đúng hạn + Đang giải quyết trong hạn) / (Trước hạn + Đúng hạn + Quá hạn "
            "+ Đang giải quyết trong hạn + Đang giải quyết quá hạn)."
        ),
    ),
    "resolved_on_time_rate": MetricText(
        N_("Tỷ lệ giải quyết đúng và trước hạn"),
        N_(
            "Trong các hồ sơ đã giải quyết xong trong kỳ, tỷ lệ hồ sơ giải quyết trước hạn hoặc "
            "đúng hạn. Đây là con số các phường, xã thường nêu trên báo chí; hồ sơ đang giải quyết "
            "không được tính."
        ),
        N_("(Trước hạn + Đúng hạn) / (Trước hạn + Đúng hạn + Quá hạn)."),
    ),
    # §3 Channels, online service, digitisation
    "online_share": MetricText(
        N_("Tỷ lệ hồ sơ trực tuyến"),
        N_(
            "Tỷ lệ hồ sơ nộp trực tuyến (qua Cổng Dịch vụ công) trong số hồ sơ tiếp nhận mới của "
            "kỳ."
        ),
        N_("Hồ sơ nộp trực tuyến / Tiếp nhận mới."),
    ),
    "full_online_share": MetricText(
        N_("Tỷ lệ trực tuyến toàn trình"),
        N_(
            "Tỷ lệ hồ sơ nộp trực tuyến toàn trình (mọi bước làm trên mạng, không phải đến nộp "
            "giấy tờ) trong số hồ sơ tiếp nhận mới."
        ),
        N_("Hồ sơ trực tuyến toàn trình / Tiếp nhận mới."),
    ),
    "postal_share": MetricText(
        N_("Tỷ lệ qua bưu chính công ích"),
        N_("Tỷ lệ hồ sơ nộp qua dịch vụ bưu chính công ích trong số hồ sơ tiếp nhận mới."),
        N_("Hồ sơ nộp qua bưu chính / Tiếp nhận mới."),
    ),
    "direct_share": MetricText(
        N_("Tỷ lệ trực tiếp"),
        N_(
            "Tỷ lệ hồ sơ nộp trực tiếp tại Điểm phục vụ hành chính công, kể cả hồ sơ không ghi rõ "
            "kênh nộp, trong số hồ sơ tiếp nhận mới."
        ),
        N_("(Hồ sơ nộp trực tiếp + hồ sơ không rõ kênh) / Tiếp nhận mới."),
    ),
    "paid_online_rate": MetricText(
        N_("Tỷ lệ thanh toán trực tuyến"),
        N_("Trong các hồ sơ tiếp nhận mới có phí, lệ phí, tỷ lệ hồ sơ đã thanh toán trực tuyến."),
        N_(
            "Hồ sơ thanh toán trực tuyến / Hồ sơ tiếp nhận mới có phí (chỉ tính hồ sơ từ các tệp "
            "có cột này)."
        ),
    ),
    "e_result_rate": MetricText(
        N_("Tỷ lệ cấp kết quả điện tử"),
        N_("Trong các hồ sơ đã giải quyết trong kỳ, tỷ lệ hồ sơ được cấp kết quả điện tử."),
        N_("Hồ sơ có kết quả điện tử / Đã giải quyết (chỉ tính hồ sơ từ các tệp có cột này)."),
    ),
    "digitized_rate": MetricText(
        N_("Tỷ lệ số hóa hồ sơ"),
        N_("Tỷ lệ hồ sơ tiếp nhận mới được số hóa thành phần hồ sơ khi tiếp nhận."),
        N_("Hồ sơ được số hóa / Tiếp nhận mới (chỉ tính hồ sơ từ các tệp có cột này)."),
    ),
    "reuse_rate": MetricText(
        N_("Tỷ lệ khai thác dữ liệu số hóa"),
        N_(
            "Tỷ lệ hồ sơ tiếp nhận mới sử dụng lại dữ liệu, giấy tờ đã số hóa, để người dân không "
            "phải nộp lại."
        ),
        N_(
            "Hồ sơ sử dụng lại dữ liệu số hóa / Tiếp nhận mới (chỉ tính hồ sơ từ các tệp có cột "
            "này)."
        ),
    ),
    "no_wait_share": MetricText(
        N_("Tỷ lệ “thủ tục hành chính không chờ”"),
        N_("Tỷ lệ hồ sơ tiếp nhận mới được giải quyết ngay trong lúc người dân chờ."),
        N_("Hồ sơ “không chờ” / Tiếp nhận mới (chỉ tính hồ sơ từ các tệp có cột này)."),
    ),
    "interagency_share": MetricText(
        N_("Tỷ lệ hồ sơ liên thông"),
        N_(
            "Tỷ lệ hồ sơ tiếp nhận mới phải liên thông giữa nhiều cơ quan. Hồ sơ quá hạn được tách "
            "theo có liên thông hay không, để thấy trễ hạn có dồn vào hồ sơ liên thông không."
        ),
        N_("Hồ sơ liên thông / Tiếp nhận mới (chỉ tính hồ sơ từ các tệp có cột này)."),
    ),
    # §4 Satisfaction
    "ratings": MetricText(
        N_("Số lượt đánh giá"),
        N_(
            "Số lượt người dân đánh giá mức độ hài lòng trong kỳ (thang 1–5), kể cả lượt đánh giá "
            "không gắn với hồ sơ nào; một hồ sơ có thể được đánh giá nhiều lần."
        ),
        N_("Số lượt đánh giá có thời điểm đánh giá trong kỳ."),
        "count",
    ),
    "satisfied_rate": MetricText(
        N_("Tỷ lệ hài lòng"),
        N_(
            "Tỷ lệ lượt đánh giá hài lòng (4 hoặc 5 điểm trên thang 1–5) trong các lượt đánh giá "
            "của người dân trong kỳ."
        ),
        N_("Lượt đánh giá từ 4 điểm / Tổng số lượt đánh giá."),
    ),
    "mean_rating": MetricText(
        N_("Điểm đánh giá trung bình"),
        N_("Điểm trung bình của các lượt đánh giá của người dân trong kỳ, trên thang 1–5."),
        N_("Tổng số điểm / Số lượt đánh giá."),
        "score",
    ),
    "response_rate": MetricText(
        N_("Tỷ lệ hồ sơ được đánh giá"),
        N_(
            "Tỷ lệ hồ sơ đã giải quyết trong kỳ được người dân đánh giá (một hồ sơ đánh giá nhiều "
            "lần chỉ tính một)."
        ),
        N_("Số hồ sơ được đánh giá / Đã giải quyết."),
    ),
    "satisfaction_766": MetricText(
        N_("Mức độ hài lòng trong giải quyết hồ sơ (766)"),
        N_(
            "Chỉ số 5.4 của Bộ chỉ số 766: tỷ lệ hồ sơ phải giải quyết không bị trễ hạn và không "
            "bị phản ánh hay đánh giá kém. Chỉ số này chủ yếu phụ thuộc vào số hồ sơ trễ hạn, "
            "không phải vào ý kiến đánh giá của người dân."
        ),
        N_(
            "1 − (Quá hạn + Đang giải quyết quá hạn + hồ sơ không trễ hạn nhưng có phản ánh, kiến "
            "nghị hoặc đánh giá từ 2 điểm trở xuống) / Tổng số phải giải quyết."
        ),
    ),
    "petition_on_time_rate": MetricText(
        N_("Tỷ lệ xử lý phản ánh, kiến nghị đúng hạn"),
        N_(
            "Trong các phản ánh, kiến nghị nhận trong kỳ, tỷ lệ đã xử lý đúng hạn hoặc đang xử lý "
            "còn trong hạn."
        ),
        N_("(Đã xử lý đúng hạn + Đang xử lý trong hạn) / Số phản ánh, kiến nghị."),
    ),
    "petition_satisfaction": MetricText(
        N_("Mức độ hài lòng về xử lý phản ánh, kiến nghị"),
        N_(
            "Tỷ lệ phản ánh, kiến nghị không bị người dân đánh giá không hài lòng và không bị quá "
            "hạn."
        ),
        N_(
            "(Số phản ánh, kiến nghị − số bị đánh giá không hài lòng hoặc quá hạn, mỗi phản ánh "
            "trừ một lần) / Số phản ánh, kiến nghị."
        ),
    ),
}

# The methodology page's sections, in the order of metrics.md.
FLOW_METRICS = (
    "received",
    "carried_over",
    "to_process",
    "completed",
    "in_process",
    "per_working_day",
    "avg_days",
)
ON_TIME_CLASSES = ("early", "on_time", "late", "in_time", "overdue")
ON_TIME_RATES = ("on_time_rate", "resolved_on_time_rate")
EARLY_WARNING = ("due_soon",)
CHANNEL_METRICS = (
    "online_share",
    "full_online_share",
    "postal_share",
    "direct_share",
    "paid_online_rate",
    "e_result_rate",
    "digitized_rate",
    "reuse_rate",
    "no_wait_share",
    "interagency_share",
)
RATING_METRICS = ("ratings", "satisfied_rate", "mean_rating", "response_rate")
PETITION_METRICS = ("petition_on_time_rate", "petition_satisfaction")

# SIPAS dimensions of a rating (metrics §4), each on 1–5.
SIPAS_DIMENSIONS: dict[str, str] = {
    "access": N_("Tiếp cận dịch vụ"),
    "procedure": N_("Thủ tục hành chính"),
    "staff": N_("Công chức giải quyết"),
    "result": N_("Kết quả giải quyết"),
    "feedback": N_("Tiếp nhận, xử lý góp ý"),
}
