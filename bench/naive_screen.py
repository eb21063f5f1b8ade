"""The naive peer of the hall screen's data route, for ``bench/screen_load.py``.

What a screen endpoint looks like without the shared cache: every request asks the metrics
layer for its own ward (today and the month to date) and publishes the figures. Same answers,
one query per request. Serve with ``gunicorn bench.naive_screen:app``.
"""

from __future__ import annotations

import json

from flask import Flask, Response

from kpi.config import local_now
from kpi.db import cursor
from kpi.metrics import Filters, kpis, records
from kpi.periods import Period
from kpi.public import publish
from kpi.screen import MONTH_COUNTS, MONTH_RATES, TODAY_COUNTS

app = Flask(__name__)


@app.get("/man-hinh/<ward_code>/data.json")
def data(ward_code: str) -> Response:
    """One ward's screen figures, computed for this request alone."""
    now = local_now()
    today = now.date()
    periods = [Period(today, today), Period(today.replace(day=1), today)]
    with cursor() as cur:
        frame = kpis(cur, periods=periods, filters=Filters("01", (ward_code,)), now=now)
    day, month = records(frame)
    body = {
        "today": publish(day, counts=TODAY_COUNTS, rates=()),
        "month": publish(month, counts=MONTH_COUNTS, rates=MONTH_RATES),
    }
    return Response(json.dumps(body, ensure_ascii=False), mimetype="application/json")
