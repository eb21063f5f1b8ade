"""Reference data: provinces, wards, ward name keys, the 2025 crosswalk and the work calendar.

Everything here comes from maintained packages, never typed by hand (data-contract §1.6):

- ``vietnam-provinces`` (the statistics office's list) is authoritative for the 34 provinces and
  3,321 wards: their codes, names and types.
- ``vietnamadminunits`` supplies centroids, areas, name aliases and the crosswalk from the
  ~10,000 pre-July-2025 wards. Its codes disagree with the authoritative ones for about 120 wards
  and it spells about 40 names differently, so its rows are matched to the authoritative wards by
  name within the province (:func:`reconcile_wards`); its code is kept in ``wards.alt_code``.
- ``holidays`` supplies Vietnam's public holidays, including Tết, the days off given in exchange
  for a working Saturday and the official make-up working Saturdays.

:func:`build_reference` replaces the reference tables inside the caller's connection; the caller
owns the transaction (see ``etl.warehouse.next_version``).
"""

from __future__ import annotations

import difflib
import importlib.metadata
import importlib.util
import json
import logging
import sqlite3
from datetime import date
from pathlib import Path

import duckdb
import holidays
import pandas as pd
from vietnam_provinces import Province, VietNamDivisionType, Ward

from etl.normalize import (
    DISTRICT_PREFIXES,
    PROVINCE_PREFIXES,
    WARD_PREFIXES,
    name_key,
    nfc,
    strip_prefix,
)

log = logging.getLogger(__name__)

CALENDAR_START = date(2015, 1, 1)
CALENDAR_END = date(2035, 12, 31)

# Sanity thresholds of the fallback matching stages (difflib ratio of name keys). When both
# sources give the same code a looser spelling match is enough; by name alone it must be close,
# so that a genuinely different ward is never taken for a misspelling.
SIMILAR_WHEN_CODES_AGREE = 0.6
SIMILAR_BY_NAME_ALONE = 0.85

_PROVINCE_TYPE_PREFIXES = ("Thành phố ", "Tỉnh ")


class ReferenceDataError(RuntimeError):
    """The packaged reference data cannot be reconciled; raised rather than storing NULLs."""


def build_reference(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Fill ``provinces``, ``wards``, ``ward_names``, ``ward_crosswalk`` and ``calendar``.

    Existing rows of those tables are replaced, and the ``refdata_version`` row of ``meta`` is
    rewritten. Runs inside ``con`` without committing. Returns the number of rows per table.
    Raises :class:`ReferenceDataError` when the two ward sources cannot be fully reconciled.
    """
    data_dir = _adminunits_data_dir()
    units = _read_sqlite(data_dir / "dataset.db", _UNITS_SQL)
    legacy = _read_sqlite(data_dir / "dataset.db", _LEGACY_SQL)
    converter = json.loads((data_dir / "converter_2025.json").read_text(encoding="utf-8"))

    wards = _authoritative_wards()
    other = units.rename(
        columns={"provinceCode": "province_code", "wardCode": "ward_code", "ward": "ward_name"}
    )
    match = reconcile_wards(wards[["province_code", "ward_code", "ward_name"]], other)
    _log_disagreements(match)
    # One row per authoritative ward with the matched vietnamadminunits row beside it.
    paired = wards.join(match.set_index("ward_code")["other_row"], on="ward_code").join(
        units, on="other_row"
    )

    tables = {
        "provinces": _provinces_frame(units),
        "wards": _wards_frame(paired),
        "ward_names": _ward_names_frame(paired),
        "ward_crosswalk": _crosswalk_frame(paired, legacy, converter),
        "calendar": calendar_frame(CALENDAR_START, CALENDAR_END),
    }
    for table, frame in tables.items():
        _replace(con, table, frame)
    _write_version(con)
    return {table: len(frame) for table, frame in tables.items()}


def reconcile_wards(authoritative: pd.DataFrame, other: pd.DataFrame) -> pd.DataFrame:
    """Match each authoritative ward to one row of ``other``, one to one, within its province.

    Both frames have ``province_code``, ``ward_code`` and ``ward_name``. Stages, each on what the
    previous ones left: (1) same name up to case, Unicode form and spacing; (2) same
    :func:`~etl.normalize.name_key` (tone-mark placement, apostrophes, dashes), used only where the
    key is unique on both sides, because keys drop diacritics and 'Văn Lang' / 'Văn Lăng' are two
    wards; (3) same code and a similar name; (4) the closest name in the province above
    :data:`SIMILAR_BY_NAME_ALONE`, best pairs first.

    Returns one row per authoritative ward: ``ward_code``, ``ward_name``, ``other_row`` (index
    label in ``other``), ``other_code``, ``other_name`` and ``how`` (``name`` | ``name_key`` |
    ``code`` | ``closest``). Raises :class:`ReferenceDataError` naming the wards left unmatched.
    """
    a = authoritative.assign(
        exact=authoritative["ward_name"].map(_exact), key=authoritative["ward_name"].map(name_key)
    )
    o = other.assign(exact=other["ward_name"].map(_exact), key=other["ward_name"].map(name_key))
    pairs: list[tuple[object, object, str]] = []
    left_a, left_o = list(a.index), list(o.index)

    for how in ("exact", "key"):
        la = a.loc[left_a]
        lo = o.loc[left_o]
        la = la[~la.duplicated(["province_code", how], keep=False)]
        lo = lo[~lo.duplicated(["province_code", how], keep=False)]
        joined = (
            la[["province_code", how]]
            .reset_index(names="a_row")
            .merge(lo[["province_code", how]].reset_index(names="o_row"), on=["province_code", how])
        )
        stage = "name" if how == "exact" else "name_key"
        pairs += [
            (ar, orow, stage) for ar, orow in zip(joined["a_row"], joined["o_row"], strict=True)
        ]
        done_a, done_o = set(joined["a_row"]), set(joined["o_row"])
        left_a = [r for r in left_a if r not in done_a]
        left_o = [r for r in left_o if r not in done_o]

    by_code = {(o.at[r, "province_code"], o.at[r, "ward_code"]): r for r in left_o}
    for ar in list(left_a):
        orow = by_code.get((a.at[ar, "province_code"], a.at[ar, "ward_code"]))
        if (
            orow in left_o
            and _ratio(a.at[ar, "key"], o.at[orow, "key"]) >= SIMILAR_WHEN_CODES_AGREE
        ):
            pairs.append((ar, orow, "code"))
            left_a.remove(ar)
            left_o.remove(orow)

    # Score by name key, break ties by the spelling with diacritics, then take best pairs first.
    scored = sorted(
        (
            (
                _ratio(a.at[ar, "key"], o.at[orow, "key"]),
                _ratio(a.at[ar, "exact"], o.at[orow, "exact"]),
                ar,
                orow,
            )
            for ar in left_a
            for orow in left_o
            if a.at[ar, "province_code"] == o.at[orow, "province_code"]
        ),
        key=lambda s: (-s[0], -s[1], str(a.at[s[2], "ward_code"])),
    )
    for key_score, _, ar, orow in scored:
        if key_score < SIMILAR_BY_NAME_ALONE:
            break
        if ar in left_a and orow in left_o:
            pairs.append((ar, orow, "closest"))
            left_a.remove(ar)
            left_o.remove(orow)

    if left_a:
        missing = "; ".join(
            f"{a.at[r, 'province_code']}/{a.at[r, 'ward_code']} {a.at[r, 'ward_name']}"
            for r in left_a
        )
        raise ReferenceDataError(
            f"{len(left_a)} ward(s) of vietnam-provinces have no match in vietnamadminunits: "
            f"{missing}"
        )

    a_rows, o_rows, hows = zip(*pairs, strict=True) if pairs else ((), (), ())
    result = pd.DataFrame(
        {
            "ward_code": a.loc[list(a_rows), "ward_code"].to_numpy(),
            "ward_name": a.loc[list(a_rows), "ward_name"].to_numpy(),
            "other_row": list(o_rows),
            "other_code": o.loc[list(o_rows), "ward_code"].to_numpy(),
            "other_name": o.loc[list(o_rows), "ward_name"].to_numpy(),
            "how": list(hows),
        }
    )
    return result.sort_values("ward_code", ignore_index=True)


def calendar_frame(start: date, end: date) -> pd.DataFrame:
    """Return the calendar rows (``d``, ``is_working``, ``holiday``, ``wd_seq``) from start to end.

    A working day is what ``holidays`` says for Vietnam: Monday to Friday, not a public holiday
    (Tết, its observed and substituted days off included), plus the make-up working Saturdays the
    government announced in exchange for a bridge day off (e.g. Saturday 26/04/2025 for
    Friday 02/05/2025).
    """
    vn = holidays.country_holidays("VN", years=range(start.year, end.year + 1), language="vi")
    days = pd.date_range(start, end, freq="D").date
    frame = pd.DataFrame(
        {
            "d": days,
            "is_working": [vn.is_working_day(day) for day in days],
            "holiday": pd.array([vn.get(day) for day in days], dtype="string"),
        }
    )
    frame["wd_seq"] = frame["is_working"].cumsum().astype("int32")
    return frame


# ---------------------------------------------------------------------------------------------
# Sources

_UNITS_SQL = """
SELECT province, ward, provinceShort, wardShort, wardType, provinceCode, provinceLat,
       provinceLon, wardCode, wardLat, wardLon, wardAreaKm2, provinceKey, wardKey, wardAlias
FROM admin_units
"""
_LEGACY_SQL = """
SELECT province, district, ward, wardCode, provinceKey, districtKey, wardKey
FROM admin_units_legacy
"""


def _adminunits_data_dir() -> Path:
    # find_spec locates the package without importing it (its import pulls in its parsers).
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or spec.origin is None:
        raise ReferenceDataError("package vietnamadminunits is not installed")
    return Path(spec.origin).parent / "data"


def _read_sqlite(path: Path, sql: str) -> pd.DataFrame:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return pd.read_sql_query(sql, con)
    finally:
        con.close()


def _authoritative_wards() -> pd.DataFrame:
    rows = []
    for ward in Ward.iter_all():
        ward_type = ward.division_type.value
        name = _tidy(ward.name)
        if not name.casefold().startswith(ward_type.casefold() + " "):
            raise ReferenceDataError(
                f"vietnam-provinces ward {int(ward.code):05d} {ward.name!r} does not start with "
                f"its type {ward_type!r}"
            )
        rows.append(
            {
                "ward_code": f"{int(ward.code):05d}",
                "ward_name": name,
                "ward_short": name[len(ward_type) + 1 :],
                "ward_type": ward_type,
                "province_code": f"{int(ward.province_code):02d}",
            }
        )
    wards = pd.DataFrame(rows)
    names = {code: full for code, (full, _) in _authoritative_provinces().items()}
    wards["province_name"] = wards["province_code"].map(names)
    return wards


def _authoritative_provinces() -> dict[str, tuple[str, str]]:
    """Province code → (full name, short name)."""
    out = {}
    for province in Province.iter_all():
        name = _tidy(province.name)
        # The package names a centrally-run city in full but a province without 'Tỉnh'.
        if province.division_type is VietNamDivisionType.TINH and not name.startswith("Tỉnh "):
            name = "Tỉnh " + name
        short = name
        for prefix in _PROVINCE_TYPE_PREFIXES:
            short = short.removeprefix(prefix)
        out[f"{int(province.code):02d}"] = (name, short)
    return out


# ---------------------------------------------------------------------------------------------
# Tables


def _provinces_frame(units: pd.DataFrame) -> pd.DataFrame:
    centroids = units.groupby("provinceCode")[["provinceLat", "provinceLon"]].first()
    rows = [
        {
            "province_code": code,
            "province_name": full,
            "province_short": short,
            "lat": centroids["provinceLat"].get(code),
            "lon": centroids["provinceLon"].get(code),
        }
        for code, (full, short) in sorted(_authoritative_provinces().items())
    ]
    return pd.DataFrame(rows)


def _wards_frame(paired: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "ward_code": paired["ward_code"],
            "ward_name": paired["ward_name"],
            "ward_short": paired["ward_short"],
            "ward_type": paired["ward_type"],
            "province_code": paired["province_code"],
            "province_name": paired["province_name"],
            "lat": paired["wardLat"].astype("float64"),
            "lon": paired["wardLon"].astype("float64"),
            "area_km2": paired["wardAreaKm2"].astype("float64"),
            "alt_code": paired["wardCode"].where(paired["wardCode"] != paired["ward_code"]),
        }
    )
    no_centroid = frame[frame["lat"].isna() | frame["lon"].isna()]
    if len(no_centroid):
        raise ReferenceDataError(
            "wards without a centroid in vietnamadminunits: "
            + ", ".join(no_centroid["ward_code"] + " " + no_centroid["ward_name"])
        )
    return frame.sort_values(["province_code", "ward_code"], ignore_index=True)


def _ward_names_frame(paired: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for ward in paired.itertuples(index=False):
        spellings = [ward.ward_name, ward.ward_short, ward.ward, ward.wardShort]
        if isinstance(ward.wardAlias, str) and ward.wardAlias:
            spellings += json.loads(ward.wardAlias)
        for spelling in spellings:
            key = name_key(spelling)
            if key:
                rows.append((ward.province_code, key, ward.ward_code))
    frame = pd.DataFrame(rows, columns=["province_code", "name_key", "ward_code"])
    return frame.drop_duplicates().sort_values(list(frame.columns), ignore_index=True)


def _crosswalk_frame(
    paired: pd.DataFrame, legacy: pd.DataFrame, converter: dict[str, dict]
) -> pd.DataFrame:
    links = []
    for new_province, new_wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, old_keys in new_wards.items():
            links += [(old, new_province, new_ward, True) for old in old_keys]
    for new_province, old_wards in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, candidates in old_wards.items():
            links += [
                (old, new_province, c["newWardKey"], bool(c["isDefaultNewWard"]))
                for c in candidates
            ]
    links_df = pd.DataFrame(links, columns=["old_unit_key", "provinceKey", "wardKey", "is_default"])

    # vietnamadminunits' own keys of the new wards → the authoritative codes of the reconciliation.
    new_codes = paired[["provinceKey", "wardKey", "province_code", "ward_code"]]
    links_df = links_df.merge(new_codes, on=["provinceKey", "wardKey"], how="left", validate="m:1")
    unknown_new = links_df[links_df["ward_code"].isna()]
    if len(unknown_new):
        raise ReferenceDataError(
            "converter_2025.json names new wards missing from admin_units: "
            + ", ".join(sorted(set(unknown_new["provinceKey"] + "/" + unknown_new["wardKey"])))
        )

    # An island district without wards (Côn Đảo, Lý Sơn…) has an empty ward key in the converter.
    old = legacy.assign(
        old_unit_key=legacy["provinceKey"]
        + "_"
        + legacy["districtKey"]
        + "_"
        + legacy["wardKey"].fillna("")
    )
    if old["old_unit_key"].duplicated().any():
        raise ReferenceDataError("admin_units_legacy has duplicate province_district_ward keys")
    walk = links_df.merge(old, on="old_unit_key", how="left", validate="m:1", indicator=True)
    unknown_old = walk[walk["_merge"] == "left_only"]
    if len(unknown_old):
        raise ReferenceDataError(
            "converter_2025.json names old wards missing from admin_units_legacy: "
            + ", ".join(sorted(set(unknown_old["old_unit_key"])))
        )
    unmapped = old[~old["old_unit_key"].isin(links_df["old_unit_key"])]
    if len(unmapped):
        # Not invented: an old ward the package does not map stays out of the crosswalk.
        log.warning("%d pre-2025 wards have no mapping in converter_2025.json", len(unmapped))

    walk["old_ward_name"] = walk["ward"].fillna("")
    frame = pd.DataFrame(
        {
            "old_province_name": walk["province"],
            "old_district_name": walk["district"],
            "old_ward_name": walk["old_ward_name"],
            "old_ward_code": walk["wardCode"],
            # Keys from the full names with the type stripped, as the loader will key a file's
            # names; the package's short columns carry suffixes such as 'Yên Viên (Xã)'.
            "old_province_key": walk["province"].map(lambda s: _short_key(s, PROVINCE_PREFIXES)),
            "old_district_key": walk["district"].map(lambda s: _short_key(s, DISTRICT_PREFIXES)),
            "old_ward_key": walk["old_ward_name"].map(lambda s: _short_key(s, WARD_PREFIXES)),
            "province_code": walk["province_code"],
            "ward_code": walk["ward_code"],
            "is_default": walk["is_default"].astype(bool),
            "old_unit_key": walk["old_unit_key"],
        }
    ).drop_duplicates(["old_unit_key", "ward_code"])

    defaults = frame.groupby("old_unit_key")["is_default"].sum()
    wrong = defaults[defaults != 1]
    if len(wrong):
        raise ReferenceDataError(
            "pre-2025 wards without exactly one default new ward: " + ", ".join(wrong.index[:20])
        )
    frame = frame.sort_values(["province_code", "old_unit_key", "ward_code"], ignore_index=True)
    return frame.drop(columns="old_unit_key")


# ---------------------------------------------------------------------------------------------
# Helpers


def _replace(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    con.execute(f"DELETE FROM {table}")
    con.register("refdata_frame", frame)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM refdata_frame")
    finally:
        con.unregister("refdata_frame")


def _write_version(con: duckdb.DuckDBPyConnection) -> None:
    version = importlib.metadata.version
    value = (
        f"vietnam-provinces {version('vietnam-provinces')}; "
        f"vietnamadminunits {version('vietnamadminunits')}; "
        f"holidays {version('holidays')}"
    )
    con.execute("DELETE FROM meta WHERE key = 'refdata_version'")
    con.execute("INSERT INTO meta VALUES ('refdata_version', ?)", [value])


def _tidy(text: str) -> str:
    # The authoritative list has stray double spaces ('Xã  Bắc Đông Quan'); stored names get one.
    return " ".join(nfc(text).split())


def _exact(text: str) -> str:
    return _tidy(text).casefold()


def _short_key(text: str, prefixes: tuple[str, ...]) -> str:
    return strip_prefix(name_key(text), prefixes)


def _ratio(left: str, right: str) -> float:
    return difflib.SequenceMatcher(None, left, right, autojunk=False).ratio()


def _log_disagreements(match: pd.DataFrame) -> None:
    codes = match[match["ward_code"] != match["other_code"]]
    names = match[match["ward_name"].map(_tidy) != match["other_name"].map(nfc)]
    log.info(
        "wards reconciled: %s; %d code disagreements, %d spelling differences",
        match["how"].value_counts().to_dict(),
        len(codes),
        len(names),
    )
