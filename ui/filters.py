"""The filter bar every leaders' page shares, and the URL state behind it.

The URL is the state (product.md): ``?period=last_month`` or ``?from=YYYY-MM-DD&to=YYYY-MM-DD``,
``&ward=``, ``&field=``, ``&channel=``; a link reproduces the view. Pages that drill down to one
procedure (``/linh-vuc``) also read ``&procedure=<code>``, checked against the codes in the data;
other pages ignore it. :func:`parse_query` turns the
URL's parameters into a :class:`Selection`, checking each value against its allow-list (presets,
the province's ward codes, the fields that exist in the data, the three channels) and raising
:class:`FilterError` with one message per bad parameter, in the reader's language (Vietnamese
first, English in :mod:`ui.locale.shell`); :meth:`Selection.search` is the reverse.
:func:`filter_bar` builds the controls with ids prefixed by the page, and
:func:`controls_query` turns the controls' values back into URL parameters, so each page's
callback is glue. Pure functions: no I/O, the allow-lists come from the caller.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlencode

import dash_bootstrap_components as dbc
from dash import Input, Output, html, no_update
from dash.development.base_component import Component

from kpi.config import settings
from kpi.metrics import CHANNELS, Filters
from kpi.periods import DEFAULT_PRESET, PRESETS, Period, PeriodError, local_today, preset_period
from marks import N_
from ui.components import alert
from ui.i18n import _

PARAMETERS = ("period", "from", "to", "province", "ward", "field", "channel")
# The parameters a link to another leaders' page keeps (the navbar's links): the period and
# the filters, ``province`` included (passed through as the URL gives it); not ``procedure``,
# which only /linh-vuc reads.
KEPT = ("period", "from", "to", "province", "ward", "field", "channel")
WARD_PATH = "/phuong/"  # a ward's page is WARD_PATH + its code: the path names the ward
PAGE_URL = "page-url"  # the type of every page's own dcc.Location id (see url_id)
CUSTOM = "custom"  # the period menu's value for an explicit from/to range
ALL = "all"  # the ward, field and channel menus' value for "no filter"
NATIONAL = "all"  # ``province=all``: the whole country (every loaded province, ranked)

CHANNEL_LABELS: dict[str, str] = {
    "direct": N_("Trực tiếp"),
    "online": N_("Trực tuyến"),
    "postal": N_("Bưu chính công ích"),
}
assert tuple(CHANNEL_LABELS) == CHANNELS

# Outside this window a date is a typing mistake; a page shows at most ten years at a time.
MIN_DAY = date(1990, 1, 1)
MAX_DAY = date(2099, 12, 31)
MAX_RANGE_DAYS = 3660

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A date typed in the filter bar: day first (21/11/2026, 21.11.2026, 21-11-2026, 1/7/2026), or
# the URL's own form (2026-11-21) pasted in.
_TYPED_DAY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
DAY_PLACEHOLDER = "dd/mm/yyyy"
_ECHO = 40  # characters of a bad value quoted back in a message


@dataclass(frozen=True)
class ParameterProblem:
    """One bad URL parameter and what is wrong with it (the reader's language, names it)."""

    parameter: str
    message: str


class FilterError(ValueError):
    """The URL has bad parameters; ``problems`` lists each one."""

    def __init__(self, problems: list[ParameterProblem]) -> None:
        """Keep the problems; the message joins them."""
        super().__init__(" ".join(p.message for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Selection:
    """A validated view: the period (from a preset or a range), ward, field, channel, the
    province (``None``: the whole country; default the configured one) and, on pages that ask
    for it, one procedure (its code)."""

    period: Period
    preset: str | None = None  # None when the URL gave an explicit range
    ward: str | None = None
    field: str | None = None
    channel: str | None = None
    procedure: str | None = None
    province: str | None = dataclass_field(default_factory=lambda: settings().province)

    @property
    def national(self) -> bool:
        """True for the whole country (every loaded province)."""
        return self.province is None

    def filters(self, *, with_ward: bool = True) -> Filters:
        """The metrics filters of this selection (its province, or the whole country)."""
        wards = (self.ward,) if with_ward and self.ward else None
        return Filters(
            self.province,
            wards,
            field=self.field,
            procedure_code=self.procedure,
            channel=self.channel,
        )

    def query(self, *, with_ward: bool = True) -> dict[str, str]:
        """The URL parameters of this selection, in canonical order."""
        out = (
            {"period": self.preset}
            if self.preset
            else {"from": self.period.date_from.isoformat(), "to": self.period.date_to.isoformat()}
        )
        # The configured province is the default: a link names any other (or the country).
        province = NATIONAL if self.province is None else self.province
        if province != settings().province:
            out["province"] = province
        extra = {"ward": self.ward if with_ward else None, "field": self.field}
        extra["procedure"] = self.procedure
        extra["channel"] = self.channel
        out.update({k: v for k, v in extra.items() if v})
        return out

    def search(self, *, with_ward: bool = True) -> str:
        """The query string (``?period=last_month&ward=00004``) that reproduces this view."""
        return "?" + urlencode(self.query(with_ward=with_ward))


class _Bad(Exception):
    """A bad parameter found while reading the period."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.problem = ParameterProblem(parameter, message)


def _quote(value: str) -> str:
    return repr(value if len(value) <= _ECHO else value[:_ECHO] + "…")


def _last(value: str | list[str] | None) -> str | None:
    """A repeated parameter counts by its last value; an empty one counts as absent."""
    if isinstance(value, list):
        value = value[-1] if value else None
    return value.strip() if value and value.strip() else None


def _bad_day(raw: str, name: str) -> PeriodError:
    return PeriodError(
        _(
            "Ngày không hợp lệ: {name}={value} (cần dạng YYYY-MM-DD, ví dụ 2026-11-21).",
            name=name,
            value=_quote(raw),
        )
    )


def _day(raw: str, name: str) -> date:
    if not _DATE.fullmatch(raw):
        raise _bad_day(raw, name)
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise _bad_day(raw, name) from None
    if not MIN_DAY <= day <= MAX_DAY:
        raise PeriodError(
            _(
                "Ngày {name}={value} nằm ngoài khoảng hỗ trợ ({first} – {last}).",
                name=name,
                value=raw,
                first=f"{MIN_DAY:%d/%m/%Y}",
                last=f"{MAX_DAY:%d/%m/%Y}",
            )
        )
    return day


def _period(
    preset: str | None, raw_from: str | None, raw_to: str | None, today: date
) -> tuple[Period, str | None]:
    """The period and its preset name (``None`` for a range); raises :class:`_Bad`."""
    if raw_from or raw_to:
        if not (raw_from and raw_to):
            missing = "to" if raw_from else "from"
            raise _Bad(
                missing,
                _("Thiếu tham số {name}: cần cả from và to (YYYY-MM-DD).", name=missing),
            )
        days = []
        for name, raw in (("from", raw_from), ("to", raw_to)):
            try:
                days.append(_day(raw, name))
            except PeriodError as exc:
                raise _Bad(name, str(exc)) from None
        if days[0] > days[1]:  # Period() refuses it too, with a Vietnamese-only message
            raise _Bad(
                "from",
                _(
                    "Ngày bắt đầu ({start}) sau ngày kết thúc ({end}).",
                    start=f"{days[0]:%d/%m/%Y}",
                    end=f"{days[1]:%d/%m/%Y}",
                ),
            )
        period = Period(days[0], days[1])
        if period.days > MAX_RANGE_DAYS:
            raise _Bad(
                "to",
                _(
                    "Khoảng thời gian dài {days} ngày, vượt quá mức tối đa {most} ngày (tham số "
                    "to).",
                    days=period.days,
                    most=MAX_RANGE_DAYS,
                ),
            )
        return period, None
    name = preset or DEFAULT_PRESET
    if name not in PRESETS:
        choices = ", ".join(PRESETS)
        raise _Bad(
            "period",
            _(
                "Kỳ báo cáo không hợp lệ: period={value} (chọn: {choices}).",
                value=_quote(name),
                choices=choices,
            ),
        )
    return preset_period(name, today), name


def parse_query(
    query: Mapping[str, str | list[str]],
    *,
    wards: Collection[str],
    fields: Collection[str],
    procedures: Collection[str] | None = None,
    today: date | None = None,
    province: str | None = None,
    provinces: Collection[str] | None = None,
) -> Selection:
    """Validate the URL parameters against the allow-lists and return the selection.

    ``wards`` are the ward codes of the province, ``fields`` the fields some loaded dossier has,
    ``procedures`` the procedure codes some loaded dossier has: given only by pages that read the
    ``procedure`` parameter (``None``: the parameter is ignored, like any unknown one).
    ``province`` is the province the caller resolved (:func:`province_of`; ``None``: the whole
    country, default the configured one) and ``provinces`` the known province codes, against
    which the ``province`` parameter is checked (``None``: not checked).
    Parameters other than :data:`PARAMETERS` are ignored (a shared link may carry others);
    a repeated parameter counts by its last value. Raises :class:`FilterError` listing every
    bad parameter.
    """
    raw = {name: _last(query.get(name)) for name in PARAMETERS}
    problems: list[ParameterProblem] = []
    period = preset = None
    try:
        period, preset = _period(raw["period"], raw["from"], raw["to"], today or local_today())
    except _Bad as bad:
        problems.append(bad.problem)
    ward, field, channel = raw["ward"], raw["field"], raw["channel"]
    if ward is not None and ward not in wards:
        problems.append(
            ParameterProblem(
                "ward",
                _(
                    "Không tìm thấy phường, xã: ward={value} không có trong danh sách phường, "
                    "xã của tỉnh/thành phố.",
                    value=_quote(ward),
                ),
            )
        )
    if field is not None and field not in fields:
        problems.append(
            ParameterProblem(
                "field",
                _(
                    "Không tìm thấy lĩnh vực: field={value} không có trong dữ liệu đã nạp.",
                    value=_quote(field),
                ),
            )
        )
    if channel is not None and channel not in CHANNELS:
        problems.append(
            ParameterProblem(
                "channel",
                _(
                    "Kênh nộp không hợp lệ: channel={value} (chọn: {choices}).",
                    value=_quote(channel),
                    choices=", ".join(CHANNELS),
                ),
            )
        )
    procedure = _last(query.get("procedure")) if procedures is not None else None
    if procedures is not None and procedure is not None and procedure not in procedures:
        problems.append(
            ParameterProblem(
                "procedure",
                _(
                    "Không tìm thấy thủ tục: procedure={value} không có trong dữ liệu đã nạp.",
                    value=_quote(procedure),
                ),
            )
        )
    asked = raw["province"]
    if asked is not None and asked != NATIONAL and provinces is not None and asked not in provinces:
        problems.append(
            ParameterProblem(
                "province",
                _(
                    "Không tìm thấy tỉnh, thành phố: province={value} (cần mã 2 chữ số, ví dụ "
                    "01, hoặc all cho toàn quốc).",
                    value=_quote(asked),
                ),
            )
        )
    if problems or period is None:
        raise FilterError(problems)
    home = settings().province if province is None and asked != NATIONAL else province
    return Selection(period, preset, ward, field, channel, procedure, home)


def province_of(
    query: Mapping[str, str | list[str]],
    *,
    default: str,
    provinces: Collection[str],
    ward_province: Mapping[str, str] | None = None,
) -> str | None:
    """The province a URL asks for: ``province`` (``all``: ``None``, the whole country), else
    the province of its ``ward`` (``ward_province`` maps a ward code to its province), else
    ``default``. An unknown ``province`` gives ``default`` (:func:`parse_query` reports it)."""
    asked = _last(query.get("province"))
    if asked == NATIONAL:
        return None
    if asked is not None:
        return asked if asked in provinces else default
    ward = _last(query.get("ward"))
    if ward is not None and ward_province and ward in ward_province:
        return ward_province[ward]
    return default


def fmt_day(day: date) -> str:
    """A day as the filter bar shows it, day first whatever the browser's language: 01/10/2026."""
    return f"{day:%d/%m/%Y}"


def typed_day(text: str | None, name: str) -> str | None:
    """The URL form (``2026-11-21``) of a date typed in the filter bar's ``name`` field
    (``"from"`` or ``"to"``): day first, ``21/11/2026`` (``.`` or ``-`` also separate), or the
    URL's own form pasted in; ``None`` when the field is empty. Raises :class:`FilterError`
    naming the field when the text is not a date."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        if _DATE.fullmatch(text):
            return date.fromisoformat(text).isoformat()
        match = _TYPED_DAY.fullmatch(text)
        if match:
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day).isoformat()
    except ValueError:
        pass  # 31/02/2026: the same message as any other text that is not a date
    label = _("Từ ngày") if name == "from" else _("Đến ngày")
    raise FilterError(
        [
            ParameterProblem(
                name,
                _(
                    "{label}: {value} không phải là một ngày (cần dạng ngày/tháng/năm, ví dụ "
                    "21/11/2026).",
                    label=label,
                    value=_quote(text),
                ),
            )
        ]
    )


def controls_query(
    changed: str | None,
    *,
    preset: str | None,
    date_from: str | None,
    date_to: str | None,
    ward: str | None,
    field: str | None,
    channel: str | None,
    procedure: str | None = None,
    province: str | None = None,
) -> dict[str, str]:
    """URL parameters from the filter bar's values; ``changed`` names the control just used.

    Editing a date (``changed`` is ``'from'`` or ``'to'``) or choosing "custom" gives a range
    (the dates as typed, day first: :func:`typed_day`, which raises :class:`FilterError` for
    text that is not a date); choosing a preset gives ``period``. ``ALL`` or an empty menu adds
    nothing. ``procedure`` (a page's drill-down, not a control) is kept unless the field just
    changed: a procedure belongs to its field. ``province`` (the province menu's value:
    choosing another opens its page, :func:`province_href`) is kept.
    """
    if changed in ("from", "to") or preset == CUSTOM:
        problems: list[ParameterProblem] = []
        query = {}
        for name, text in (("from", date_from), ("to", date_to)):
            try:
                day = typed_day(text, name)
            except FilterError as exc:
                problems += exc.problems
                continue
            if day:
                query[name] = day
        if problems:
            raise FilterError(problems)
    else:
        query = {"period": preset or DEFAULT_PRESET}
    for name, value in (("ward", ward), ("field", field), ("channel", channel)):
        if value and value != ALL:
            query[name] = value
    if procedure and changed != "field":
        query["procedure"] = procedure
    if province and province != settings().province:  # the province menu's value
        query["province"] = province
    return query


def _select(
    control_id: str,
    label: str,
    options: list[dict[str, object]],
    value: str,
    *,
    disabled: bool = False,
    md: int = 3,
) -> Component:
    return dbc.Col(
        [
            dbc.Label(label, html_for=control_id),
            dbc.Select(id=control_id, options=options, value=value, disabled=disabled),
        ],
        xs=12,
        sm=6,
        md=md,
    )


def _date(control_id: str, label: str, value: str | None, disabled: bool) -> Component:
    """A date field that shows and takes the day first (21/11/2026) whatever the browser's
    language: a text field, not the browser's own date input, which follows the browser's
    locale (month first in an English (US) one). Read on Enter or on leaving the field."""
    return dbc.Col(
        [
            dbc.Label(
                [label, html.Span(" " + _("(ngày/tháng/năm)"), className="visually-hidden")],
                html_for=control_id,
            ),
            dbc.Input(
                id=control_id,
                type="text",
                value=value,
                placeholder=DAY_PLACEHOLDER,
                maxlength=10,
                autocomplete="off",
                debounce=True,
                disabled=disabled,
            ),
        ],
        xs=6,
        md=2,
    )


def filter_bar(
    prefix: str,
    selection: Selection | None,
    *,
    wards: Mapping[str, str],
    fields: Collection[str],
    provinces: Mapping[str, str] | None = None,
    omit: Collection[str] = (),
) -> Component:
    """The filters (period menu, from/to dates, province, ward, field, channel) of a page.

    ``omit`` names the menus a page has no use for (the 766 estimate ignores ``field`` and
    ``channel``): they are left out, and so are their callback inputs (:func:`control_inputs`).

    Control ids are ``<prefix>-period``, ``-from``, ``-to``, ``-province``, ``-ward``,
    ``-field``, ``-channel``. ``provinces`` maps the code → name of the provinces the menu
    offers (with more than one, "Toàn quốc" too); choosing one opens the page for it.
    ``selection`` is ``None`` when the URL was invalid (the menus show their
    defaults); ``wards`` maps code → name; no wards means nothing is loaded (all disabled).
    """
    disabled = not wards
    period = selection.period if selection else preset_period(DEFAULT_PRESET, local_today())
    presets = [{"label": _(label), "value": key} for key, label in PRESETS.items()]
    presets.append({"label": _("Khoảng ngày tùy chọn"), "value": CUSTOM})
    ward_menu = [{"label": _("Tất cả phường, xã"), "value": ALL}]
    ward_menu += [{"label": name, "value": code} for code, name in wards.items()]
    field_menu = [{"label": _("Tất cả lĩnh vực"), "value": ALL}]
    field_menu += [{"label": name, "value": name} for name in fields]
    channel_menu = [{"label": _("Tất cả kênh"), "value": ALL}]
    channel_menu += [{"label": _(label), "value": key} for key, label in CHANNEL_LABELS.items()]
    preset = (selection.preset or CUSTOM) if selection else DEFAULT_PRESET
    chosen = selection or Selection(period)
    provinces = dict(provinces or {})
    if chosen.province is not None and chosen.province not in provinces:
        provinces[chosen.province] = chosen.province  # a province nothing was loaded for yet
    province_menu = [{"label": name, "value": code} for code, name in provinces.items()]
    if len(provinces) > 1 or chosen.national:
        province_menu.insert(0, {"label": _("Toàn quốc"), "value": NATIONAL})
    controls = {
        "period": _select(f"{prefix}-period", _("Kỳ báo cáo"), presets, preset, disabled=disabled),
        "from": _date(f"{prefix}-from", _("Từ ngày"), fmt_day(period.date_from), disabled),
        "to": _date(f"{prefix}-to", _("Đến ngày"), fmt_day(period.date_to), disabled),
        "province": _select(
            f"{prefix}-province",
            _("Tỉnh, thành phố"),
            province_menu,
            NATIONAL if chosen.national else str(chosen.province),
            disabled=disabled or len(province_menu) < 2,
            md=2,
        ),
        "ward": _select(
            f"{prefix}-ward",
            _("Phường, xã"),
            ward_menu,
            chosen.ward or ALL,
            disabled=disabled,
            md=3,
        ),
        "field": _select(
            f"{prefix}-field",
            _("Lĩnh vực"),
            field_menu,
            chosen.field or ALL,
            disabled=disabled,
            md=4,
        ),
        "channel": _select(
            f"{prefix}-channel",
            _("Kênh nộp"),
            channel_menu,
            chosen.channel or ALL,
            disabled=disabled,
            md=3,
        ),
    }
    shown = [control for name, control in controls.items() if name not in omit]
    return html.Div(
        dbc.Row(shown, class_name="g-2 align-items-end"),
        id=f"{prefix}-filters",
        role="search",
        className="mc-filters mb-4",
        **{"aria-label": _("Bộ lọc")},
    )


# --- the glue every page's filter callback shares ---------------------------------------------


def url_id(prefix: str) -> dict[str, str]:
    """The id of a page's own ``dcc.Location`` (``{"type": "page-url", "page": prefix}``).

    A dict id, so the shell can listen to whichever page is shown (``ALL``): the filters change
    the page's URL without telling any other location (``refresh=False``)."""
    return {"type": PAGE_URL, "page": prefix}


def kept_search(pathname: str | None, search: str | None) -> str:
    """The query string a link to another page keeps from the current URL (``""``: none).

    The :data:`KEPT` parameters as the URL gives them (validating them is the page's work: a bad
    value keeps its alert on the next page), in that order; on a ward's page the ward is its
    path (``/phuong/00004``), carried on as ``ward=00004``."""
    query = search_query(search)
    path = (pathname or "").rstrip("/")
    if path.startswith(WARD_PATH) and path[len(WARD_PATH) :]:
        query["ward"] = path[len(WARD_PATH) :]
    kept = {name: query[name] for name in KEPT if query.get(name)}
    return "?" + urlencode(kept) if kept else ""


CONTROLS = ("period", "from", "to", "ward", "field", "channel")


def search_query(search: str | None) -> dict[str, str]:
    """The parameters of a location's ``search`` (``?a=1&a=2`` counts by its last value)."""
    return {k: v[-1] for k, v in parse_qs((search or "").lstrip("?")).items()}


def changed_control(prefix: str, triggered_id: object) -> str | None:
    """Which control of the bar fired (``"from"``, ``"ward"``, …), from ``ctx.triggered_id``."""
    return str(triggered_id or "").removeprefix(f"{prefix}-") or None


def view_outputs(prefix: str) -> list[Output]:
    """What a page's filter callback updates: the URL, the period controls, the content."""
    return [
        Output(url_id(prefix), "search"),
        Output(f"{prefix}-period", "value"),
        Output(f"{prefix}-from", "value"),
        Output(f"{prefix}-to", "value"),
        Output(f"{prefix}-content", "children"),
    ]


def control_inputs(prefix: str, controls: Sequence[str] = CONTROLS) -> list[Input]:
    """The bar's controls as callback inputs, in the order of ``controls``."""
    return [Input(f"{prefix}-{name}", "value") for name in controls]


def view_answer(
    selection: Selection | None, content: Component, *, with_ward: bool = True
) -> tuple[Any, ...]:
    """The values of :func:`view_outputs`: the link of the view, the period in step, content.

    An invalid selection (``None``) keeps the URL and the controls as they are and shows the
    content (the alert that says what is wrong).
    """
    if selection is None:
        return no_update, no_update, no_update, no_update, content
    period = selection.period
    return (
        selection.search(with_ward=with_ward),
        selection.preset or CUSTOM,
        fmt_day(period.date_from),
        fmt_day(period.date_to),
        content,
    )


def province_href(path: str, search: str | None, province: str | None) -> str | None:
    """The address of ``path`` for another province chosen in the menu, keeping the period and
    the other filters but the ward (a ward belongs to its province); ``None`` without one."""
    if not province:
        return None
    query = search_query(search)
    query.pop("ward", None)
    query["province"] = province
    if province == settings().province:
        query.pop("province")
    return path + ("?" + urlencode(query) if query else "")


def invalid_alert(error: FilterError) -> Component:
    """One alert listing every bad URL parameter, each line tagged with the parameter's name."""
    return alert(
        N_("Tham số trên địa chỉ trang không hợp lệ"),  # alert() translates
        detail=[html.Div(p.message, **{"data-parameter": p.parameter}) for p in error.problems],
    )
