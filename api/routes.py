"""The API's routes (data-contract §5): ``/api/v1/kpis``, ``/api/v1/wards``, ``/api/v1/index766``,
``/api/v1/report``.

Read-only and aggregate-only: every figure is a sum over dossiers passed through the public rules
(:mod:`api.payload`); no dossier id, comment, applicant or staff detail is ever read. Only GET
(and HEAD) is served; any other method is 405, an unknown ``/api`` path 404, bad parameters 400
(:mod:`api.params`), a missing or unreadable warehouse and a query past the time limit 503;
every error is a JSON body in Vietnamese, never a
stack trace. Successful answers may be cached for a minute.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import duckdb
from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import InternalServerError

from api import catalog, params
from api import report as report_api
from api.estimate import estimate_body
from api.params import ApiError
from api.payload import SUPPRESSION, iso, kpis_body, kpis_rows, period_body, ward_rows, wards_csv
from kpi.cache import newest_record
from kpi.config import settings
from kpi.db import NoWarehouse, QueryTimeout, cursor
from kpi.metrics import Filters, cached_kpis, records
from kpi.report import Scope, periodic_report
from ui.report_xlsx import file_name as report_file_name
from ui.report_xlsx import report_workbook

blueprint = Blueprint("api", __name__, url_prefix="/api")

ENDPOINTS = ("/api/v1/kpis", "/api/v1/wards", "/api/v1/index766", "/api/v1/report")
READ_METHODS = ("GET", "HEAD")
OTHER_METHODS = ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]
CACHE_OK = "public, max-age=60"
RETRY = "Vui lòng thử lại sau."
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
}

KPIS_PARAMS = ("from", "to", "period", "ward", "province", "field")
WARDS_PARAMS = ("from", "to", "province", "format")
INDEX_PARAMS = ("from", "to", "ward", "province")


def json_response(body: dict[str, Any], status: int = 200) -> Response:
    """A UTF-8 JSON response (Vietnamese left readable, keys in the order built)."""
    text = json.dumps(body, ensure_ascii=False, allow_nan=False)
    return Response(text, status=status, mimetype="application/json")


def _province(cur: duckdb.DuckDBPyConnection, code: str, *, asked: bool) -> dict[str, Any]:
    """``{"code", "name"}`` of a province.

    An unknown code is the client's mistake when it ``asked`` for it (400 naming ``province``),
    else a wrong ``MOTCUA_PROVINCE`` (a server error).
    """
    name = catalog.province_name(cur, province_code=code)
    if name is None and asked:
        raise ApiError(400, f"Không có tỉnh, thành phố mã province={code!r}.", "province")
    if name is None:
        raise RuntimeError(f"MOTCUA_PROVINCE={code!r} is not a province of the warehouse")
    return {"code": code, "name": name}


def _scope(
    cur: duckdb.DuckDBPyConnection, args: Mapping[str, str]
) -> tuple[dict[str, Any], dict[str, str], str | None]:
    """The province asked for, its wards (code → name) and the ``ward`` asked for, if any.

    Ward codes are national: ``ward`` answers for any ward of the reference, in its own
    province (``province``, when given too, must be that one); else ``province``, else the
    configured province.
    """
    ward = params.ward_format(args)
    if ward is not None:
        code = catalog.ward_province(cur, ward_code=ward)
        if code is None:
            raise ApiError(
                400,
                f"Không có phường, xã mã ward={ward!r} trong danh mục phường, xã hiện hành.",
                "ward",
            )
        asked = params.province_code(args, code)
        if asked != code:
            raise ApiError(
                400, f"Phường, xã mã ward={ward!r} không thuộc tỉnh province={asked!r}.", "ward"
            )
        province = _province(cur, code, asked=True)
    else:
        code = params.province_code(args, settings().province)
        province = _province(cur, code, asked="province" in args)
    return province, catalog.wards(cur, province_code=code), ward


@blueprint.get("/v1/kpis", provide_automatic_options=False)
def kpis_route() -> Response:
    """Every published KPI of a period for a province (default: configured) or one ward."""
    params.check_names(request.args, KPIS_PARAMS)
    asked = params.kpis_period(request.args)  # a preset counts from the newest loaded data
    with cursor() as cur:
        period = params.preset_on(asked, lambda: newest_record(cur))
        province, wards, ward = _scope(cur, request.args)
        field = None
        if "field" in request.args:  # the list of fields costs a scan: only when asked
            field = params.field_name(request.args, catalog.fields(cur))
        filters = Filters(province["code"], ward_codes=(ward,) if ward else None, field=field)
        rows = kpis_rows(cur, period=period, filters=filters)  # the period and its comparison
    scope = (
        {"level": "ward", "code": ward, "name": wards[ward], "province": province}
        if ward
        else {"level": "province", **province}
    )
    return json_response(kpis_body(period, scope, field, *rows))


@blueprint.get("/v1/wards", provide_automatic_options=False)
def wards_route() -> Response:
    """One row of published KPIs per ward of a province (default: configured), JSON or CSV."""
    params.check_names(request.args, WARDS_PARAMS)
    fmt = params.output_format(request.args)
    period = params.period(request.args)
    province_code = params.province_code(request.args, settings().province)
    with cursor() as cur:
        province = _province(cur, province_code, asked="province" in request.args)
        names = catalog.wards(cur, province_code=province_code)
        rows = records(
            cached_kpis(cur, periods=[period], filters=Filters(province_code), by="ward")
        )
    table = ward_rows(rows, names)
    if fmt == "csv":
        name = f"motcua-phuong-xa-{province_code}-{period.date_from}-{period.date_to}.csv"
        return Response(
            wards_csv(table),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    first = rows[0] if rows else {}
    body = {
        "period": period_body(period, first),
        "province": province,
        "data_as_of": iso(first.get("data_as_of")),
        "suppression": SUPPRESSION,
        "wards": table,
    }
    return json_response(body)


@blueprint.get("/v1/index766", provide_automatic_options=False)
def index766_route() -> Response:
    """The 766 estimate (an estimate, not the official figure) per ward of a province (default:
    configured; with ``ward``, that ward's province)."""
    params.check_names(request.args, INDEX_PARAMS)
    period = params.period(request.args)
    with cursor() as cur:
        province, wards, ward = _scope(cur, request.args)
        body = estimate_body(cur, period=period, province=province, wards=wards, ward=ward)
    return json_response(body)


@blueprint.get("/v1/report", provide_automatic_options=False)
def report_route() -> Response:
    """The periodic report (one row per field and the total) of a period for one ward, a
    province (default: configured) or the country (``province=all``), as JSON or the
    evaluators' Excel file (``format=xlsx``)."""
    params.check_names(request.args, report_api.PARAMS)
    fmt = report_api.output_format(request.args)
    asked = params.kpis_period(request.args)  # a preset counts from the newest loaded data
    with cursor() as cur:
        period = params.preset_on(asked, lambda: newest_record(cur))
        if report_api.national(request.args):
            scope = Scope("country")
        else:
            scope = report_api.scope(*_scope(cur, request.args))
        report = periodic_report(cur, period=period, scope=scope)
    if fmt == "xlsx":
        name = report_file_name(report, "xlsx")
        return Response(
            report_workbook(report),
            mimetype=report_api.XLSX,
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    return json_response(report_api.report_body(report))


@blueprint.route(
    "/", defaults={"path": ""}, methods=[*READ_METHODS, *OTHER_METHODS], strict_slashes=False
)
@blueprint.route("/<path:path>", methods=[*READ_METHODS, *OTHER_METHODS])
def fallback(path: str) -> Response:
    """Any other ``/api`` address is 404; any method but GET on any ``/api`` address is 405.

    Without this rule the Dash page router (``/<path:path>``) would answer an unknown API path
    with the app's HTML page, and OPTIONS with an empty 200 (OPTIONS listed here turns off
    Flask's automatic answer).
    """
    if request.method not in READ_METHODS:
        raise ApiError(405, f"Phương thức {request.method} không được hỗ trợ: API chỉ đọc (GET).")
    raise ApiError(404, f"Không có địa chỉ API này. Các địa chỉ: {', '.join(ENDPOINTS)}.")


@blueprint.errorhandler(ApiError)
def api_error(exc: ApiError) -> Response:
    """A refused request: its status and JSON body (405 also says which methods are allowed)."""
    response = json_response(exc.body(), exc.status)
    if exc.status == 405:
        response.headers["Allow"] = ", ".join(READ_METHODS)
    return response


@blueprint.errorhandler(NoWarehouse)
def no_warehouse(exc: NoWarehouse) -> Response:
    """Nothing loaded yet, or the warehouse cannot be read: 503, so clients retry later."""
    log = current_app.logger.error if exc.corrupt else current_app.logger.warning
    log("API: no warehouse (%s)", exc)
    return json_response({"error": f"{exc.message} {RETRY}"}, 503)


@blueprint.errorhandler(QueryTimeout)
def query_timeout(exc: QueryTimeout) -> Response:
    """The request's queries ran past MOTCUA_QUERY_TIMEOUT (interrupted): 503, retry later."""
    current_app.logger.warning("API: %s %s", request.full_path, exc)
    response = json_response({"error": f"{exc.message} {RETRY}"}, 503)
    response.headers["Retry-After"] = "60"
    return response


@blueprint.errorhandler(InternalServerError)
def server_error(_exc: InternalServerError) -> Response:
    """An unexpected failure (already logged by Flask): a JSON 500 without any detail."""
    return json_response({"error": "Lỗi máy chủ; vui lòng thử lại sau."}, 500)


@blueprint.after_request
def headers(response: Response) -> Response:
    """Security headers on every API answer; only successful answers may be cached."""
    response.headers.update(HEADERS)
    response.headers["Cache-Control"] = CACHE_OK if response.status_code == 200 else "no-store"
    return response
