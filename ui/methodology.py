"""Builders of the methodology page (``/phuong-phap``): definitions, tables, rules.

Texts are Vietnamese sources shown through :func:`ui.i18n._` (English in
:mod:`ui.locale.methodology` and, for the metrics, :mod:`ui.locale.metrics`); sentences built
from numbers take them as named ``{values}`` so a translation may order them its own way. The
export keeps the Vietnamese texts (its headers are Vietnamese in either language).

Pure functions: the metric texts come from :mod:`ui.definitions`, the 766 methodology and the
targets arrive as the :mod:`kpi` objects read from ``data/index766.toml`` and
``data/targets.toml``, so what the page shows is what the code scores and colours with.
"""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html
from dash.development.base_component import Component

from kpi.index766 import Indicator, Methodology
from kpi.targets import Target
from marks import N_, NP_
from ui.definitions import (
    CHANNEL_METRICS,
    EARLY_WARNING,
    FLOW_METRICS,
    METRICS,
    ON_TIME_CLASSES,
    ON_TIME_RATES,
    PETITION_METRICS,
    RATING_METRICS,
    SIPAS_DIMENSIONS,
    anchor,
)
from ui.export import Column as ExportColumn
from ui.export import Table as ExportTable
from ui.format import NO_DATA, fmt_int, fmt_number, fmt_pct
from ui.i18n import _, current_lang, pgettext

# The published figures of Hồng Hà (TP Hạ Long, Quảng Ninh), 2021 (metrics.md §8).
HONG_HA = {"resolved": 12439, "early_or_on_time": 12432, "late": 7}
# A what-if added to them, to show how the two on-time rates differ.
HONG_HA_OPEN = {"in_time": 50, "overdue": 11}
# Two wards, to show why rates are never averaged.
AGGREGATION_EXAMPLE = ((9, 10), (990, 1000))

CONVENTIONS: tuple[str, ...] = (
    N_(
        "Kỳ báo cáo là một khoảng ngày trọn vẹn, từ ngày đến ngày (kể cả hai ngày đầu, cuối), theo "
        "giờ Việt Nam."
    ),
    N_(
        "Thời điểm tính là cuối kỳ. Nếu kỳ chưa kết thúc, thời điểm tính là hiện tại, và không bao "
        "giờ muộn hơn hồ sơ mới nhất đã nạp; dòng “Dữ liệu đến …” dưới mỗi số liệu cho biết thời "
        "điểm đó."
    ),
    N_(
        "Tỷ lệ được tính và lưu với đầy đủ chữ số, chỉ làm tròn khi hiển thị: hai chữ số thập "
        "phân, dấu phẩy thập phân, dấu chấm phân cách hàng nghìn (12.439 hồ sơ; 99,94%)."
    ),
    N_(
        "Số liệu toàn thành phố (hay gộp nhiều lĩnh vực, nhiều tháng) được tính bằng cách cộng tử "
        "số, cộng mẫu số rồi mới chia; không bao giờ lấy trung bình các tỷ lệ phần trăm."
    ),
    N_(
        "Tỷ lệ có mẫu số bằng 0 là “không có dữ liệu” (hiển thị “—”), không phải 0% và "
        "không phải 100%. Cột dữ liệu mà hệ thống nguồn không cung cấp cũng cho “không có dữ "
        "liệu”, không phải 0."
    ),
    N_(
        "“Tiếp nhận” không tính hồ sơ mới đăng ký mà chưa được tiếp nhận và hồ sơ không được tiếp "
        "nhận."
    ),
    N_(
        "Mỗi số liệu toàn thành phố đều ghi số phường, xã có dữ liệu trong kỳ (ví dụ “118/126 "
        "phường, xã có dữ liệu”)."
    ),
)

CLOCK_RULES: tuple[tuple[str, str], ...] = (
    (
        NP_("rule", "Hạn giải quyết"),
        N_(
            "Hạn giải quyết = ngày hẹn trả + số ngày tạm dừng (những ngày chờ người dân bổ sung, "
            "nếu hệ thống nguồn có ghi; không ghi thì là 0). Ngày hẹn trả chỉ có ngày, không có "
            "giờ (hoặc ghi 00:00) được hiểu là hết ngày đó."
        ),
    ),
    (
        N_("Dừng tính thời gian khi chờ bổ sung"),
        N_(
            "Hồ sơ đang chờ người dân bổ sung lần đầu (trạng thái chờ bổ sung, số lần yêu cầu bổ "
            "sung đúng bằng 1) được tính là đang giải quyết trong hạn: thời gian được tạm dừng. Từ "
            "lần yêu cầu bổ sung thứ hai, hồ sơ tính là quá hạn (nếu đã kết thúc) hoặc đang giải "
            "quyết quá hạn, dù ngày tháng thế nào, kể cả khi không có ngày hẹn trả."
        ),
    ),
    (
        N_("Hồ sơ thiếu ngày hẹn trả"),
        N_(
            "Nếu danh mục thủ tục có thời hạn giải quyết theo quy định, hạn = ngày tiếp nhận + số "
            "ngày làm việc đó (tính từ ngày tiếp nhận, hết ngày cuối cùng). Nếu không có cả hai, "
            "hồ sơ không được tính vào hai tỷ lệ đúng hạn và được thống kê riêng là “thiếu ngày "
            "hẹn trả” trên trang Dữ liệu. Không bao giờ mặc nhiên coi là đúng hạn."
        ),
    ),
    (
        N_("Lịch ngày làm việc"),
        N_(
            "Ngày làm việc là thứ Hai đến thứ Sáu, trừ ngày lễ, Tết và ngày nghỉ bù theo lịch "
            "chính thức của Việt Nam (thư viện holidays), cộng các thứ Bảy làm bù chính thức (ví "
            "dụ thứ Bảy 26/04/2025). Lịch này dùng cho hạn tính theo danh mục thủ tục, số ngày làm "
            "việc của kỳ và thời gian giải quyết theo ngày làm việc."
        ),
    ),
)

DECISIONS: tuple[str, ...] = (
    N_(
        "Yêu cầu bổ sung quá một lần: hồ sơ đã kết thúc là quá hạn, hồ sơ chưa kết thúc là đang "
        "giải quyết quá hạn, có hay không có ngày hẹn trả."
    ),
    N_(
        "Hồ sơ không có ngày hẹn trả và danh mục thủ tục không có thời hạn bị loại khỏi cả hai tỷ "
        "lệ đúng hạn. Vì vậy tỷ lệ giải quyết đúng và trước hạn chia cho (trước hạn + đúng hạn + "
        "quá hạn); con số này bằng “đã giải quyết” khi mọi hồ sơ đã giải quyết đều có hạn."
    ),
    N_(
        "Dừng tính thời gian chỉ áp dụng khi hồ sơ đang ở trạng thái chờ bổ sung và số lần yêu cầu "
        "bổ sung đúng bằng 1."
    ),
    N_(
        "Hạn tính theo danh mục thủ tục đếm ngày làm việc từ ngày tiếp nhận và kết thúc vào cuối "
        "ngày; số ngày tạm dừng được cộng thêm theo ngày lịch. “Trước hạn” so sánh theo ngày, "
        "không theo giờ."
    ),
    N_(
        "Thời điểm tính là thời điểm sớm nhất trong ba mốc: cuối kỳ, hiện tại (giờ Việt Nam) và hồ "
        "sơ mới nhất đã nạp."
    ),
    N_(
        "Các cột có/không (số hóa, sử dụng lại dữ liệu, không chờ, kết quả điện tử, thanh toán "
        "trực tuyến, liên thông): tệp có cột thì cột đó cho biết thông tin của mọi hồ sơ trong tệp "
        "(“x”, “1”, “Có”, “true” là có; ô trống, “0”, “Không”, “false” là không). Chỉ khi tệp "
        "không có cột thì số liệu là “không có dữ liệu”, không phải 0; kỳ gồm cả tệp có và tệp "
        "không có cột thì tỷ lệ tính trên hồ sơ của các tệp có cột, và trang ghi rõ “trên … hồ sơ "
        "có dữ liệu”. Tỷ lệ thanh toán trực tuyến tính trên hồ sơ tiếp nhận mới có phí, lệ phí."
    ),
    N_(
        "Mức độ hài lòng trong giải quyết hồ sơ (5.4) = 1 − (quá hạn + đang giải quyết quá hạn + "
        "hồ sơ không trễ hạn nhưng có phản ánh, kiến nghị hoặc đánh giá từ 2 điểm trở xuống) / số "
        "hồ sơ có phân loại tiến độ."
    ),
    N_(
        "Phản ánh, kiến nghị không có hạn xử lý thì không bao giờ bị coi là quá hạn. Mức độ hài "
        "lòng về xử lý phản ánh, kiến nghị (5.3) trừ mỗi phản ánh không hài lòng hoặc quá hạn một "
        "lần (không trừ hai lần nếu vừa không hài lòng vừa quá hạn)."
    ),
    N_(
        "Chỉ số 766: chỉ số 3.3 (tỷ lệ hồ sơ trực tuyến) được hiển thị với ngưỡng 50% nhưng không "
        "có điểm cho đến khi tệp phương pháp quy định; kỳ không có phản ánh, kiến nghị được điểm "
        "tối đa ở 5.2 và 5.3; phường, xã không có hồ sơ nào trong kỳ thì không có điểm."
    ),
    N_(
        "Hồ sơ rút và hồ sơ dừng xử lý kết thúc hồ sơ: được tính vào “đã giải quyết” và phân loại "
        "tiến độ như mọi hồ sơ khác, đồng thời được báo cáo riêng."
    ),
    N_(
        "Hồ sơ trước ngày 1/7/2025 ghi tên phường, xã cũ được chuyển sang phường, xã hiện nay theo "
        "bảng chuyển đổi đơn vị hành chính, để số liệu lịch sử khớp với bản đồ hiện tại."
    ),
    N_(
        "Sắp đến hạn trong N ngày làm việc tới: số ngày làm việc sau ngày của thời điểm tính đến "
        "hết ngày của hạn giải quyết không quá N. Hạn rơi vào ngày nghỉ ngay sau ngày làm việc thứ "
        "N vẫn tính (không còn ngày làm việc nào trước đó); hạn trong chính ngày của thời điểm "
        "tính mà chưa qua thì còn 0 ngày làm việc. Kỳ đã kết thúc được tính tại cuối kỳ: những hồ "
        "sơ lẽ ra đã được cảnh báo vào tối ngày cuối kỳ."
    ),
)


def section(section_id: str, title: str, children: Sequence[Component | str]) -> Component:
    """A titled section of the page (``<section>`` labelled by its ``<h2>``)."""
    heading_id = f"{section_id}-title"
    return html.Section(
        [html.H2(_(title), id=heading_id, className="h4 mt-5 mb-3"), *children],
        id=section_id,
        className="mc-method-section",
        **{"aria-labelledby": heading_id},
    )


def toc(entries: Sequence[tuple[str, str, Sequence[str]]]) -> Component:
    """The table of contents: ``(section id, title, metric keys)`` → nested lists of links."""
    items = []
    for section_id, title, metrics in entries:
        children: list[Component] = [html.A(_(title), href=f"#{section_id}")]
        if metrics:
            links = [html.Li(html.A(_(METRICS[m].label), href=f"#{anchor(m)}")) for m in metrics]
            children.append(html.Ul(links, className="mc-toc-metrics small mb-2"))
        items.append(html.Li(children))
    return html.Nav(
        [
            html.H2(_("Mục lục"), className="h5", id="methodology-toc-title"),
            html.Ul(items, className="list-unstyled mb-0"),  # the titles carry their numbers
        ],
        id="methodology-toc",
        className="mc-toc border rounded p-3 mb-4",
        **{"aria-labelledby": "methodology-toc-title"},
    )


def _pct(rate: float, lang: str | None = None) -> str:
    """A threshold or target as a percentage without useless decimals: 0.98 → ``98%``."""
    return _trim(fmt_pct(rate, lang=lang).removesuffix("%"), lang) + "%"


def _trim(number: str, lang: str | None = None) -> str:
    """Drop trailing zero decimals of a number: ``98,00`` → ``98``; ``2,50`` → ``2,5``.

    The decimal mark is the reader's (or ``lang``'s): a comma in Vietnamese, a point in English.
    """
    mark = "." if (lang or current_lang()) == "en" else ","
    return number.rstrip("0").rstrip(mark) if mark in number else number


def _number(value: float, lang: str | None = None) -> str:
    """Points or a count without useless decimals: 20 → ``20``; 2.5 → ``2,5``."""
    return _trim(fmt_number(value, 2, lang=lang), lang)


def indicator_line(indicator: Indicator) -> str:
    """How a metric enters the 766 estimate, in one sentence."""
    if indicator.max <= 0:
        return _(
            "Bộ chỉ số 766, chỉ số {code}: đạt yêu cầu khi tỷ lệ từ {threshold}; số điểm chưa "
            "được công bố nên chưa tính điểm.",
            code=indicator.code,
            threshold=_pct(indicator.full_at),
        )
    return _(
        "Bộ chỉ số 766, chỉ số {code}: tối đa {points} điểm, đạt tối đa khi tỷ lệ từ "
        "{threshold}; dưới ngưỡng, điểm tỷ lệ thuận với tỷ lệ.",
        code=indicator.code,
        points=_number(indicator.max),
        threshold=_pct(indicator.full_at),
    )


def metric_entry(metric: str, *, indicator: Indicator | None = None, level: int = 3) -> Component:
    """One metric: its label (a heading of ``level``, anchored), definition and formula."""
    text = METRICS[metric]
    heading = html.H3 if level == 3 else html.H4
    children: list[Component] = [
        heading(
            [_(text.label), " ", html.Code(metric, className="mc-key small")],
            className="h6 fw-bold mb-1",
        ),
        html.P(_(text.definition), className="mb-1"),
        html.P([html.Strong(_("Cách tính: ")), _(text.formula)], className="mb-1"),
    ]
    if indicator is not None:
        children.append(html.P(indicator_line(indicator), className="mb-1 text-body-secondary"))
    return html.Article(children, id=anchor(metric), className="mc-metric mb-3")


def metric_entries(
    metrics: Sequence[str], indicators: dict[str, Indicator], *, level: int = 3
) -> list[Component]:
    """Every metric of ``metrics``, with its 766 indicator when it has one."""
    return [metric_entry(k, indicator=indicators.get(k), level=level) for k in metrics]


def table(
    table_id: str,
    caption: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Component | str]],
    *,
    row_ids: Sequence[str] | None = None,
) -> Component:
    """An accessible table: a caption, column header cells, the first cell of a row a row header.

    ``row_ids`` gives each row an id (the anchor of the metric it defines).
    """
    body = []
    for i, (first, *rest) in enumerate(rows):
        cells = [html.Th(first, scope="row"), *(html.Td(c) for c in rest)]
        body.append(html.Tr(cells, id=row_ids[i]) if row_ids else html.Tr(cells))
    return html.Div(
        html.Table(
            [
                html.Caption(_(caption)),
                html.Thead(html.Tr([html.Th(_(h), scope="col") for h in header])),
                html.Tbody(body),
            ],
            id=table_id,
            className="table table-sm table-bordered align-top mc-table",
        ),
        className="table-responsive mc-table-wrap",
    )


def classes_table() -> Component:
    """The five on-time classes of metrics.md §2 and their rules."""
    return table(
        "methodology-classes-table",
        N_("Năm loại tiến độ của hồ sơ phải giải quyết"),
        [N_("Loại"), N_("Quy tắc"), N_("Điều kiện")],
        [
            [_(METRICS[k].label), _(METRICS[k].definition), _(METRICS[k].formula)]
            for k in ON_TIME_CLASSES
        ],
        row_ids=[anchor(k) for k in ON_TIME_CLASSES],
    )


def clock_rules() -> list[Component]:
    """Due time, supplement clock stop, missing due dates and the working-day calendar."""
    out: list[Component] = []
    for title, body in CLOCK_RULES:
        # context "rule": the heading reads "Due time" where a table column reads "Due"
        out += [html.H3(pgettext("rule", title), className="h6 fw-bold mb-1"), html.P(_(body))]
    return out


def worked_example() -> Component:
    """The two on-time rates on Hồng Hà's published 2021 figures, then with open dossiers."""
    done, good, late = HONG_HA["resolved"], HONG_HA["early_or_on_time"], HONG_HA["late"]
    in_time, overdue = HONG_HA_OPEN["in_time"], HONG_HA_OPEN["overdue"]
    numerator, denominator = good + in_time, done + in_time + overdue
    n = {
        "done": fmt_int(done),
        "good": fmt_int(good),
        "rate": fmt_pct(good / done),
    }
    return html.Div(
        [
            html.H3(_("Ví dụ: Phường Hồng Hà, năm 2021"), className="h6 fw-bold"),
            html.P(
                _(
                    "Phường Hồng Hà (TP Hạ Long, Quảng Ninh; nay thuộc Phường Hạ Long) tiếp nhận "
                    "và giải quyết {done} hồ sơ; {good} hồ sơ trước hạn hoặc đúng hạn; {late} hồ "
                    "sơ quá hạn, đều thuộc lĩnh vực Đất đai, là hồ sơ liên thông.",
                    done=n["done"],
                    good=n["good"],
                    late=fmt_int(late),
                )
            ),
            html.Ul(
                [
                    html.Li(
                        _(
                            "Tỷ lệ giải quyết đúng và trước hạn = {good} / {done} = {rate}: con "
                            "số phường công bố.",
                            **n,
                        )
                    ),
                    html.Li(
                        _(
                            "Cuối năm không còn hồ sơ đang giải quyết, nên tỷ lệ đúng hạn cũng "
                            "bằng {good} / {done} = {rate}.",
                            **n,
                        )
                    ),
                    html.Li(
                        _(
                            "Giả sử cuối năm còn {open} hồ sơ đang giải quyết ({in_time} trong "
                            "hạn, {overdue} quá hạn): tỷ lệ đúng hạn = ({good} + {in_time}) / "
                            "({done} + {open}) = {numerator} / {denominator} = {open_rate}, còn "
                            "tỷ lệ giải quyết đúng và trước hạn vẫn là {rate}: hồ sơ đang giải "
                            "quyết chỉ có mặt trong tỷ lệ đúng hạn.",
                            **n,
                            open=fmt_int(in_time + overdue),
                            in_time=fmt_int(in_time),
                            overdue=fmt_int(overdue),
                            numerator=fmt_int(numerator),
                            denominator=fmt_int(denominator),
                            open_rate=fmt_pct(numerator / denominator),
                        )
                    ),
                ]
            ),
        ],
        id="methodology-example",
        className="mc-example border-start border-4 ps-3 my-3",
    )


def aggregation_example() -> Component:
    """Two wards' rates summed the right way, next to the wrong average."""
    (a_num, a_den), (b_num, b_den) = AGGREGATION_EXAMPLE
    right = (a_num + b_num) / (a_den + b_den)
    wrong = (a_num / a_den + b_num / b_den) / 2
    return html.P(
        _(
            "Ví dụ: phường A đúng hạn {a} = {a_rate}, phường B {b} = {b_rate}. Hai phường cộng "
            "lại: {both} = {right}, không phải trung bình {wrong}.",
            a=f"{fmt_int(a_num)}/{fmt_int(a_den)}",
            a_rate=fmt_pct(a_num / a_den),
            b=f"{fmt_int(b_num)}/{fmt_int(b_den)}",
            b_rate=fmt_pct(b_num / b_den),
            both=f"{fmt_int(a_num + b_num)}/{fmt_int(a_den + b_den)}",
            right=fmt_pct(right),
            wrong=fmt_pct(wrong),
        ),
        id="methodology-aggregation-example",
    )


def bullet_list(items: Sequence[str], list_id: str) -> Component:
    """A plain list of sentences, in the reader's language."""
    return html.Ul([html.Li(_(item)) for item in items], id=list_id)


def index766_rows(method: Methodology, *, page: str = "") -> list[list[Component | str]]:
    """The 766 table's rows, scored indicators first, then those not computed.

    Cells: code, group, indicator (linked to its metric's definition on ``page``, default this
    page), maximum, full-points threshold, note. The indicators' names are the file's, in
    either language (data); the groups and notes are translated.
    """
    rows: list[list[Component | str]] = []
    for ind in method.indicators:
        if ind.max <= 0:
            note = _("Chưa công bố số điểm: chỉ hiển thị ngưỡng, không tính điểm.")
        elif ind.no_data_full:
            note = _("Kỳ không có trường hợp nào: được điểm tối đa.")
        else:
            note = ""
        label: Component | str = ind.label
        if ind.metric in METRICS:
            label = html.A(ind.label, href=f"{page}#{anchor(ind.metric)}")
        rows.append([ind.code, _(ind.group), label, _number(ind.max), _pct(ind.full_at), note])
    for item in method.not_computed:
        reason = _(item["reason"])
        rows.append([item["code"], _(item["group"]), item["label"], NO_DATA, NO_DATA, reason])
    return rows


def index766_table(method: Methodology, *, page: str = "") -> Component:
    """Indicators, maxima and thresholds of the methodology file (links to ``page``'s
    definitions, :func:`index766_rows`)."""
    return table(
        "methodology-index766-table",
        N_("Các chỉ số được tính, điểm tối đa và ngưỡng đạt tối đa"),
        [
            N_("Mã"),
            N_("Nhóm"),
            N_("Chỉ số"),
            N_("Điểm tối đa"),
            N_("Đạt tối đa khi tỷ lệ từ"),
            N_("Ghi chú"),
        ],
        index766_rows(method, page=page),
    )


def band_rows(method: Methodology) -> list[list[str]]:
    """Grade bands from the highest: label and the range of the score out of 100."""
    rows, upper = [], None
    for band in method.bands:
        low = _number(band.min)
        if upper is None:
            span = _("từ {low}", low=low)
        elif band.min <= 0:
            span = _("dưới {high}", high=upper)
        else:
            span = _("từ {low} đến dưới {high}", low=low, high=upper)
        rows.append([_(band.label), span])
        upper = low
    return rows


def bands_table(method: Methodology) -> Component:
    """The grade bands of the methodology file."""
    return table(
        "methodology-bands-table",
        N_("Xếp loại theo điểm trên thang 100"),
        [N_("Xếp loại"), N_("Điểm trên 100")],
        band_rows(method),
    )


def methodology_file(method: Methodology) -> Component:
    """The methodology file itself, verbatim."""
    return html.Pre(html.Code(method.text), id="methodology-index766-file", className="mc-file")


def index766_method(method: Methodology, *, page: str = "") -> list[Component]:
    """The 766 estimate's methodology in full: that it is an estimate, the scoring rule, the
    indicators and bands, and the file itself (here and on the 766 page, whose links to the
    definitions go to ``page``, ``/phuong-phap``)."""
    return [
        dbc.Alert(
            [html.Strong(_("Ước tính. ")), _(method.note)],
            color="info",
            id="methodology-estimate",
        ),
        html.P(_(method.title)),
        html.P(
            _(
                "Điểm của một chỉ số = điểm tối đa × min(1, tỷ lệ / ngưỡng đạt tối đa), làm "
                "tròn 2 chữ số. Điểm của phường, xã = tổng điểm các chỉ số có dữ liệu trong "
                "kỳ; điểm trên thang 100 = tổng điểm / tổng điểm tối đa của các chỉ số đó × "
                "100."
            )
        ),
        html.H3(_("Phương pháp tính"), className="h5 mt-4", id="methodology-index766-method"),
        index766_table(method, page=page),
        bands_table(method),
        html.H4(_("Tệp phương pháp (data/index766.toml), nguyên văn"), className="h6"),
        methodology_file(method),
    ]


def _value(metric: str, value: float, lang: str | None = None) -> str:
    """A target value in the metric's own unit."""
    unit = METRICS[metric].unit if metric in METRICS else "count"
    if unit == "rate":
        return _pct(value, lang)
    return _number(value, lang)


def target_rows(targets: dict[str, Target], *, lang: str | None = None) -> list[list[str]]:
    """Per target: metric, target, direction, and the values that give green, amber, red.

    In the reader's language, or ``lang`` (the export asks for Vietnamese).
    """
    rows = []
    for metric, t in targets.items():
        label = _(METRICS[metric].label, lang=lang) if metric in METRICS else metric
        goal = _value(metric, t.target, lang)
        amber = None if t.amber is None else _value(metric, t.amber, lang)
        if t.higher_is_better:
            green, direction = f"≥ {goal}", _("Càng cao càng tốt", lang=lang)
            yellow = (
                NO_DATA
                if amber is None
                else _("từ {low} đến dưới {high}", lang=lang, low=amber, high=goal)
            )
            red = f"< {amber or goal}"
        else:
            green, direction = f"≤ {goal}", _("Càng thấp càng tốt", lang=lang)
            yellow = (
                NO_DATA
                if amber is None
                else _("trên {low} đến {high}", lang=lang, low=goal, high=amber)
            )
            red = f"> {amber or goal}"
        rows.append([label, goal, direction, green, yellow, red])
    return rows


def targets_table(targets: dict[str, Target]) -> Component:
    """The targets file as a table."""
    return table(
        "methodology-targets-table",
        N_("Mục tiêu và màu của các số liệu chính"),
        [N_("Số liệu"), N_("Mục tiêu"), N_("Chiều tốt"), N_("Xanh"), N_("Vàng"), N_("Đỏ")],
        target_rows(targets),
    )


def public_rules(*, min_denominator: int, not_enough: str) -> Component:
    """The rules of public surfaces (metrics.md §7), from the constants of :mod:`kpi.public`."""
    rules = [
        _(
            "Chỉ công bố số tổng hợp: không bao giờ có mã hồ sơ, thông tin người nộp, tên cán bộ, "
            "nội dung góp ý hay danh sách hồ sơ. Chi tiết nhất là theo phường, xã × lĩnh vực × "
            "kỳ; không chia theo thủ tục, đối tượng nộp hay cán bộ."
        ),
        _(
            "Số đếm là số chính xác, kể cả số nhỏ: 3 hồ sơ trễ hạn được công bố là 3 (che số nhỏ "
            "là che đúng những chỗ chậm trễ mà người dân cần biết)."
        ),
        _(
            "Tỷ lệ có mẫu số dưới {n} (hoặc không có dữ liệu) được hiển thị là “{shown}” thay "
            "cho tỷ lệ phần trăm. Đây là chuyện độ tin cậy, không phải giữ bí mật: các số đếm bên "
            "cạnh vẫn được hiển thị.",
            n=min_denominator,
            shown=not_enough,
        ),
        _(
            "Trong mọi bảng xếp hạng công khai, phường, xã có tỷ lệ “{shown}” đứng sau các "
            "phường, xã được xếp hạng và không có thứ hạng.",
            shown=not_enough,
        ),
        _(
            "Chỉ số 766 công khai: chỉ số có dưới {n} trường hợp không được tính điểm; phường, "
            "xã có dưới {n} hồ sơ phải giải quyết không có điểm công khai.",
            n=min_denominator,
        ),
    ]
    return html.Ul([html.Li(rule) for rule in rules], id="methodology-public-rules")


def export_tables(method: Methodology, targets: dict[str, Target]) -> list[ExportTable]:
    """The page's tables as one workbook: definitions, the 766 indicators and bands, targets."""
    definitions = pd.DataFrame(
        [
            {
                "key": key,
                "label": text.label,
                "definition": text.definition,
                "formula": text.formula,
            }
            for key, text in METRICS.items()
        ]
    )
    # rates and counts share the target columns: written as the page writes them ("98%", "0")
    goals = pd.DataFrame(
        [
            [metric, *row]
            for metric, row in zip(targets, target_rows(targets, lang="vi"), strict=True)
        ],
        columns=["metric", "label", "target", "direction", "green", "amber", "red"],
    )
    return [
        ExportTable(
            N_("Định nghĩa"),
            "Định nghĩa các chỉ tiêu (metrics.md)",
            [
                ExportColumn("key", N_("Mã chỉ tiêu"), "text"),
                ExportColumn("label", N_("Chỉ tiêu"), "text"),
                ExportColumn("definition", N_("Định nghĩa"), "text"),
                ExportColumn("formula", "Cách tính", "text"),
            ],
            definitions,
        ),
        *index766_export_tables(method),
        ExportTable(
            N_("Mục tiêu"),
            "Mục tiêu và màu (data/targets.toml)",
            [
                ExportColumn("metric", N_("Mã chỉ tiêu"), "text"),
                ExportColumn("label", N_("Chỉ tiêu"), "text"),
                ExportColumn("target", N_("Mục tiêu"), "text"),
                ExportColumn("direction", N_("Chiều tốt"), "text"),
                ExportColumn("green", "Xanh (đạt)", "text"),
                ExportColumn("amber", "Vàng (gần đạt)", "text"),
                ExportColumn("red", "Đỏ (chưa đạt)", "text"),
            ],
            goals,
        ),
    ]


def index766_export_tables(method: Methodology) -> list[ExportTable]:
    """The 766 indicators (maxima, thresholds) and grade bands as export tables: in the
    methodology page's workbook and the 766 page's."""
    indicators = pd.DataFrame(
        [
            {"code": i.code, "group": i.group, "label": i.label, "metric": i.metric,
             "max": i.max, "full_at": i.full_at}
            for i in method.indicators
        ]
        + [
            {"code": n["code"], "group": n["group"], "label": n["label"], "metric": None,
             "max": None, "full_at": None}
            for n in method.not_computed
        ]
    )  # fmt: skip
    bands = pd.DataFrame([{"label": b.label, "min": b.min} for b in method.bands])
    return [
        ExportTable(
            N_("Chỉ số 766"),
            method.title,
            [
                ExportColumn("code", N_("Mã"), "text"),
                ExportColumn("group", N_("Nhóm"), "text"),
                ExportColumn("label", N_("Chỉ số"), "text"),
                ExportColumn("metric", N_("Chỉ tiêu"), "text"),
                ExportColumn("max", N_("Điểm tối đa"), "number"),
                ExportColumn("full_at", N_("Đạt tối đa khi tỷ lệ từ"), "pct"),
            ],
            indicators,
            note=method.note,
        ),
        ExportTable(
            N_("Xếp loại"),
            "Xếp loại theo điểm /100",
            [
                ExportColumn("label", N_("Xếp loại"), "text"),
                ExportColumn("min", "Từ điểm", "number"),
            ],
            bands,
        ),
    ]


# (section id, title, metrics listed under it in the table of contents). Section ids carry
# "section-" so they never collide with a metric's anchor (on_time → methodology-on-time).
SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("methodology-section-conventions", N_("Quy ước chung"), ()),
    ("methodology-section-flow", N_("1. Luồng hồ sơ"), FLOW_METRICS),
    (
        "methodology-section-on-time",
        N_("2. Tiến độ giải quyết"),
        ON_TIME_CLASSES + ON_TIME_RATES + EARLY_WARNING,
    ),
    (
        "methodology-section-channels",
        N_("3. Kênh nộp, dịch vụ trực tuyến, số hóa"),
        CHANNEL_METRICS,
    ),
    (
        "methodology-section-satisfaction",
        N_("4. Mức độ hài lòng: ba số liệu khác nhau"),
        (*RATING_METRICS, "satisfaction_766", *PETITION_METRICS),
    ),
    ("methodology-section-index766", N_("5. Chỉ số 766 ước tính"), ()),
    ("methodology-section-targets", N_("6. Mục tiêu và màu sắc"), ()),
    ("methodology-section-public", N_("7. Số liệu công khai"), ()),
    (
        "methodology-section-decisions",
        N_("8. Cách hiểu của dự án ở những điểm quy định chưa nói rõ"),
        (),
    ),
)


def page_sections(
    method: Methodology, targets: dict[str, Target], *, public_rules: Component
) -> list[Component]:
    """The table of contents and every section of the page, in :data:`SECTIONS` order.

    ``method`` and ``targets`` as read from their files; ``public_rules`` is
    :func:`public_rules` for the public surfaces' settings."""
    indicators = {i.metric: i for i in method.indicators}
    body: dict[str, list[Component]] = {
        "methodology-section-conventions": [
            bullet_list(CONVENTIONS, "methodology-conventions-list"),
            aggregation_example(),
        ],
        "methodology-section-flow": metric_entries(FLOW_METRICS, indicators),
        "methodology-section-on-time": [
            html.P(
                _(
                    "Mỗi hồ sơ trong Tổng số phải giải quyết thuộc đúng một trong năm loại dưới "
                    "đây (hoặc là hồ sơ thiếu ngày hẹn trả, không được tính vào tỷ lệ)."
                )
            ),
            classes_table(),
            *metric_entries(ON_TIME_RATES, indicators),
            worked_example(),
            *clock_rules(),
            *metric_entries(EARLY_WARNING, indicators),
        ],
        "methodology-section-channels": [
            html.P(_("Các tỷ lệ tính trên hồ sơ tiếp nhận mới trong kỳ, trừ khi ghi khác.")),
            *metric_entries(CHANNEL_METRICS, indicators),
        ],
        "methodology-section-satisfaction": [
            html.H3(_("4.1. Đánh giá của người dân"), className="h5 mt-4"),
            *metric_entries(RATING_METRICS, indicators, level=4),
            html.P(
                _(
                    "Khi có, các khía cạnh SIPAS (mỗi khía cạnh trên thang 1–5): {dimensions}.",
                    dimensions="; ".join(_(d) for d in SIPAS_DIMENSIONS.values()),
                )
            ),
            html.H3(_("4.2. Mức độ hài lòng theo Bộ chỉ số 766"), className="h5 mt-4"),
            *metric_entries(["satisfaction_766"], indicators, level=4),
            html.H3(_("4.3. Phản ánh, kiến nghị"), className="h5 mt-4"),
            *metric_entries(PETITION_METRICS, indicators, level=4),
        ],
        "methodology-section-index766": index766_method(method),
        "methodology-section-targets": [
            html.P(
                _(
                    "Xanh: đạt hoặc vượt mục tiêu; vàng: chưa đạt nhưng trong ngưỡng cảnh báo; "
                    "đỏ: ngoài ngưỡng. Mục tiêu đọc từ tệp data/targets.toml."
                )
            ),
            targets_table(targets),
        ],
        "methodology-section-public": [public_rules],
        "methodology-section-decisions": [bullet_list(DECISIONS, "methodology-decisions-list")],
    }
    return [toc(SECTIONS), *(section(sid, title, body[sid]) for sid, title, _m in SECTIONS)]
