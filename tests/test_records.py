"""kpi.metrics.records: each kind of column a kpis frame holds becomes plain Python, missing None.

The expected rows are typed by hand, with their Python types checked too: json.dumps, Dash and
the API must never see a NumPy scalar, NaN, NA or NaT."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from kpi.metrics import records


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "received": pd.Series([12, 0, 7], dtype="int64"),
            "rank": pd.Series([1, 2, 3], dtype="int32"),
            "on_time_rate": [0.75, np.nan, 1.0],
            "overdue": pd.Series([3, None, 0], dtype="Int64"),
            "is_total": [False, False, True],
            "meets": pd.Series([True, None, False], dtype="boolean"),
            "score": pd.Series([81.5, None, 90.0], dtype="Float64"),
            "as_of": [pd.Timestamp("2026-03-10 10:00"), pd.NaT, pd.Timestamp("2026-03-31")],
            "start": [dt.date(2026, 3, 1), None, dt.date(2026, 1, 1)],
            "ward_name": ["Phường Ba Đình", None, "Toàn thành phố"],
            "roles": [["đảng ủy"], None, []],
        }
    )


EXPECTED = [
    {
        "received": 12,
        "rank": 1,
        "on_time_rate": 0.75,
        "overdue": 3,
        "is_total": False,
        "meets": True,
        "score": 81.5,
        "as_of": dt.datetime(2026, 3, 10, 10, 0),
        "start": dt.date(2026, 3, 1),
        "ward_name": "Phường Ba Đình",
        "roles": ["đảng ủy"],
    },
    {
        "received": 0,
        "rank": 2,
        "on_time_rate": None,
        "overdue": None,
        "is_total": False,
        "meets": None,
        "score": None,
        "as_of": None,
        "start": None,
        "ward_name": None,
        "roles": None,
    },
    {
        "received": 7,
        "rank": 3,
        "on_time_rate": 1.0,
        "overdue": 0,
        "is_total": True,
        "meets": False,
        "score": 90.0,
        "as_of": dt.datetime(2026, 3, 31),
        "start": dt.date(2026, 1, 1),
        "ward_name": "Toàn thành phố",
        "roles": [],
    },
]


def _types(rows: list[dict]) -> list[dict[str, type]]:
    return [{key: type(value) for key, value in row.items()} for row in rows]


def test_every_kind_of_column_becomes_plain_python() -> None:
    rows = records(_frame())
    assert rows == EXPECTED
    assert _types(rows) == _types(EXPECTED)
    assert [list(row) for row in rows] == [list(_frame().columns)] * 3  # the frame's order


def test_a_subset_of_columns_and_an_empty_frame() -> None:
    frame = _frame()
    assert records(frame[["ward_name", "received"]].iloc[[2, 0]]) == [
        {"ward_name": "Toàn thành phố", "received": 7},
        {"ward_name": "Phường Ba Đình", "received": 12},
    ]
    assert records(frame.iloc[:0]) == []
    assert records(pd.DataFrame(index=[0, 1])) == [{}, {}]
