"""The shipped province map: one feature per province-level division, wound for Plotly, small."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

REF = Path(__file__).resolve().parents[2] / "data" / "reference"
PROVINCES = REF / "china_provinces.geojson"
MARITIME = REF / "china_maritime_line.geojson"
# Province-level units with no territory of their own, hence no polygon (shown in a table beside the map).
NO_POLYGON = {"660000"}  # 新疆生产建设兵团


@pytest.fixture(scope="module")
def features() -> list[dict]:
    return json.loads(PROVINCES.read_text(encoding="utf-8"))["features"]


def province_rows() -> dict[str, dict]:
    with (REF / "regions.csv").open(encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return {r["code"]: r for r in csv.DictReader(lines) if r["level"] == "province"}


def signed_area(ring: list[list[float]]) -> float:
    """Shoelace formula: positive for counter-clockwise rings (lon = x, lat = y)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2


def polygons(geometry: dict) -> list:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def test_every_province_has_exactly_one_feature(features):
    ids = [f["id"] for f in features]
    assert len(ids) == len(set(ids)), "a province has more than one feature"
    provinces = province_rows()
    assert set(ids) == set(provinces) - NO_POLYGON
    assert {"710000", "810000", "820000", "460000"} <= set(ids)  # 台湾, 香港, 澳门, 海南


def test_feature_names_match_regions(features):
    provinces = province_rows()
    for f in features:
        assert f["properties"]["name"] == provinces[f["id"]]["name"]
        assert f["properties"]["short_name"] == provinces[f["id"]]["short_name"]
        assert f["properties"]["name_en"]


def test_codes_are_six_digit_strings(features):
    for f in features:
        assert isinstance(f["id"], str) and len(f["id"]) == 6 and f["id"].isdigit()
        assert f["properties"]["code"] == f["id"]


def test_rings_wound_clockwise_for_plotly(features):
    for f in features:
        for polygon in polygons(f["geometry"]):
            exterior, *holes = polygon
            assert signed_area(exterior) < 0, f"{f['id']}: exterior ring counter-clockwise"
            for hole in holes:
                assert signed_area(hole) > 0, f"{f['id']}: hole clockwise"


def test_south_china_sea_islands_present(features):
    hainan = next(f for f in features if f["id"] == "460000")
    lats = [pt[1] for polygon in polygons(hainan["geometry"]) for ring in polygon for pt in ring]
    assert min(lats) < 4.5, "曾母暗沙 (about 4°N) is missing from 海南"
    line = json.loads(MARITIME.read_text(encoding="utf-8"))["features"][0]["geometry"]
    assert line["type"] == "MultiLineString" and len(line["coordinates"]) >= 9


def test_files_are_small():
    assert PROVINCES.stat().st_size < 1_000_000
    assert MARITIME.stat().st_size < 100_000


def test_the_served_copy_is_the_shipped_file() -> None:
    """The dashboard loads the boundaries from dashboard/static/ (by URL); they must be these bytes."""
    served = REF.parents[1] / "dashboard" / "static" / "china_provinces.geojson"
    assert served.read_bytes() == PROVINCES.read_bytes()
