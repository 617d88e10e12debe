"""Province DataFrame + shipped GeoJSON -> a Plotly choropleth of China. Pure: no Streamlit, no SQL.

How it stays offline: Plotly geo always asks for a base-map topojson (`world_110m.json`, by default from
cdn.plot.ly) before drawing a choropleth. Every base layer is hidden here, so its contents are never drawn;
`PLOTLY_CONFIG["topojsonURL"]` points Plotly at an empty topology inlined as a `data:` URL. Plotly appends
`/world_110m.json` to that URL; the `#` before it turns the suffix into a fragment, which a data: URL ignores.
So nothing is fetched, no static file route is needed, and no world boundary data (whose China border would
not match the official map) is shipped at all. The boundaries drawn are only ours (data/reference/, AMap-derived).

Layout follows the usual presentation in China: the mainland map, with 南海诸岛 and the maritime
boundary line in an inset at the lower right.
"""

from __future__ import annotations

import json
from functools import lru_cache
from urllib.parse import quote

import pandas as pd
import plotly.graph_objects as go

from dashboard.present.fmt import format_number, format_pct, nice_ticks
from etl.paths import REFERENCE_DIR

REF = REFERENCE_DIR
PROVINCES_FILE = REF / "china_provinces.geojson"
# The same bytes as PROVINCES_FILE, in dashboard/static/ and served by Streamlit's static route
# (.streamlit/config.toml: enableStaticServing), so a figure names its boundaries by URL: inlined, the 320 KB
# went four times into every map message and Plotly deep-copied them twice (1.6 s of a 1.8 s page run at 11k
# workbooks). scripts/build_map.py writes both; tests/unit/test_geometry.py checks they are identical.
# Relative, so it works under any base URL path.
PROVINCES_URL = "app/static/china_provinces.geojson"
MARITIME_FILE = REF / "china_maritime_line.geojson"

_EMPTY_TOPOLOGY = json.dumps({"type": "Topology", "objects": {}, "arcs": []}, separators=(",", ":"))
STUB_TOPOJSON_URL = "data:application/json," + quote(_EMPTY_TOPOLOGY) + "#"
PLOTLY_CONFIG: dict = {"topojsonURL": STUB_TOPOJSON_URL, "displaylogo": False, "scrollZoom": False}

NO_DATA_COLOR = "#e5e7eb"
BORDER_COLOR = "#ffffff"
INSET_BORDER_COLOR = "#7b8794"  # darker: the islands are specks that a white outline would hide
LINE_COLOR = "#5b6b7f"
COLORSCALE = "Blues"
# Main map: the mainland (the 南海诸岛 are in the inset). Inset: the South China Sea down to 曾母暗沙.
MAIN_VIEW = {"lon": (73.0, 135.5), "lat": (17.0, 55.0)}
INSET_VIEW = {"lon": (106.5, 123.5), "lat": (0.8, 24.8)}  # room for the label below 曾母暗沙
INSET_DOMAIN = {"x": (0.78, 1.0), "y": (0.0, 0.38)}

LABELS = {
    "zh": {
        "rank": "排名",
        "change": "较上年",
        "no_data": "无数据",
        "inset": "南海诸岛",
        "per_10k": "每万人",
        "line": "海域边界线",
        "approx": "约",
        "approx_change": "（依据约数）",
        "partial": "未收到省级报送：为已报送的市县之和",
    },
    "en": {
        "rank": "Rank",
        "change": "vs last year",
        "no_data": "no data",
        "inset": "South China Sea<br>Islands",  # two lines: one ran off a phone-wide map
        "per_10k": "per 10,000 residents",
        "line": "maritime boundary",
        "approx": "≈",
        "approx_change": " (approx.)",
        "partial": "no provincial report: sum of the cities/counties that reported",
    },
}


@lru_cache(maxsize=1)
def load_geometry() -> tuple[dict, dict]:
    """The shipped province FeatureCollection and the maritime line (read once per process)."""
    provinces = json.loads(PROVINCES_FILE.read_text(encoding="utf-8"))
    maritime = json.loads(MARITIME_FILE.read_text(encoding="utf-8"))
    return provinces, maritime


def map_table(data: pd.DataFrame, per_capita: bool) -> pd.DataFrame:
    """The figures the map shows: one row per province with a polygon and a value.

    Input columns: province_code, value, prev_value and, for per_capita, population_10k.
    Output adds shown (the mapped figure), prev_shown, rank (1 = largest) and change_pct.
    """
    df = data.copy()
    df["province_code"] = df["province_code"].astype(str)
    if per_capita:
        pop = df["population_10k"].astype(float)
        df["shown"] = df["value"] / pop
        df["prev_shown"] = df["prev_value"] / pop
    else:
        df["shown"] = df["value"].astype(float)
        df["prev_shown"] = df["prev_value"].astype(float)
    df = df[df["shown"].notna()].copy()
    df["rank"] = df["shown"].rank(ascending=False, method="min").astype(int)
    prev = df["prev_shown"].where(df["prev_shown"] != 0)
    df["change_pct"] = (df["shown"] - prev) / prev * 100
    return df.sort_values("rank").reset_index(drop=True)


def _flag(row: pd.Series, name: str) -> bool:
    v = row.get(name)
    return v is not None and not pd.isna(v) and bool(v)


def _hover_lines(row: pd.Series, n: int, unit: str, lang: str) -> str:
    """Value (约 when approximate), rank, 同比 (marked when it rests on an approximate value), and a line
    saying so when the figure is a sum of cities and counties."""
    words = LABELS[lang]
    change = "—" if pd.isna(row["change_pct"]) else format_pct(row["change_pct"] / 100, lang)
    if change != "—" and (_flag(row, "approximate") or _flag(row, "prev_approximate")):
        change += words["approx_change"]
    shown = f"{row['shown']:,.2f}" if abs(row["shown"]) < 100 else format_number(row["shown"], lang)
    if _flag(row, "approximate"):
        shown = words["approx"] + shown
    text = f"{shown} {unit}<br>{words['rank']}: {row['rank']}/{n}<br>{words['change']}: {change}"
    basis = row.get("basis")
    if basis is not None and not pd.isna(basis) and basis != "province":
        text += f"<br><i>{words['partial']}</i>"
    return text


def _names(provinces: dict, lang: str) -> dict[str, str]:
    key = "name_en" if lang == "en" else "short_name"
    return {str(f["id"]): f["properties"].get(key, f["properties"]["name"]) for f in provinces["features"]}


def _in_view(provinces: dict, view: dict) -> set[str]:
    """Codes of the features whose bounding box meets the view's lon/lat box."""
    (lon0, lon1), (lat0, lat1) = view["lon"], view["lat"]
    out = set()
    for feature in provinces["features"]:
        lons, lats = [], []
        stack = [feature["geometry"]["coordinates"]]
        while stack:
            item = stack.pop()
            if item and isinstance(item[0], (int, float)):
                lons.append(item[0])
                lats.append(item[1])
            else:
                stack.extend(item)
        if lons and min(lons) <= lon1 and max(lons) >= lon0 and min(lats) <= lat1 and max(lats) >= lat0:
            out.add(str(feature["id"]))
    return out


def _line_coords(maritime: dict) -> tuple[list, list]:
    """MultiLineString -> lon/lat lists with None between the dashes."""
    lons: list = []
    lats: list = []
    for feature in maritime["features"]:
        geom = feature["geometry"]
        lines = geom["coordinates"] if geom["type"] == "MultiLineString" else [geom["coordinates"]]
        for line in lines:
            lons += [p[0] for p in line] + [None]
            lats += [p[1] for p in line] + [None]
    return lons, lats


def _zmax(values: pd.Series) -> float:
    top = float(values.max()) if len(values) else 0.0
    return nice_ticks(top)[-1] if top > 0 else 1.0


def _colorbar(values: pd.Series, title: str, lang: str) -> dict:
    """Ticks labelled 万/亿 (zh) or K/M (en): Plotly's own SI ticks (4M, 2G) are wrong for Chinese readers."""
    top = _zmax(values)
    ticks = nice_ticks(top)
    text = [f"{v:g}" if top < 100 else format_number(v, lang) for v in ticks]
    return {
        "title": {"text": title},
        "thickness": 12,
        "len": 0.6,
        "x": 0.0,
        "xanchor": "left",
        "tickvals": ticks,
        "ticktext": text,
    }


def _geo_layout(view: dict, domain: dict, frame: bool = False) -> dict:
    # Albers-like conic equal-area, as on China's standard maps; mercator for the small inset.
    projection = (
        {"type": "mercator"}
        if frame
        else {"type": "conic equal area", "parallels": [25, 47], "rotation": {"lon": 105}}
    )
    layout = {
        "projection": projection,
        "lonaxis": {"range": list(view["lon"])},
        "lataxis": {"range": list(view["lat"])},
        "showland": False,
        "showocean": False,
        "showlakes": False,
        "showrivers": False,
        "showcountries": False,
        "showcoastlines": False,
        "showsubunits": False,
        "showframe": frame,
        "framecolor": LINE_COLOR,
        "framewidth": 1,
        "bgcolor": "rgba(0,0,0,0)",
        "domain": {"x": list(domain["x"]), "y": list(domain["y"])},
    }
    return layout


def province_map(
    data: pd.DataFrame,
    provinces: dict | None,
    maritime: dict | None,
    lang: str = "zh",
    per_capita: bool = False,
    unit: str = "",
    height: int = 560,
    geojson_url: str | None = None,
) -> go.Figure:
    """Choropleth of China by province, with the 南海诸岛 inset and the maritime boundary line.

    `data` columns: province_code (6-digit string), value, prev_value, population_10k (for per_capita).
    Every feature in `provinces` is drawn: those without a figure in grey, so a province never vanishes.
    With `geojson_url` (the dashboard passes PROVINCES_URL) the browser loads the same boundaries from
    that URL instead of the figure carrying them. `provinces`/`maritime` None: the shipped files.
    """
    if provinces is None or maritime is None:  # the shipped geometry (cheap for a cache key: None)
        provinces, maritime = load_geometry()

    def geometry(codes: list[str]) -> dict | str:
        """The boundaries a trace draws: the URL, or only its own features (inlined whole in each of the
        four traces, a figure for the offline renderer carried the 320 KB collection four times)."""
        if geojson_url:
            return geojson_url
        wanted = set(codes)
        return {**provinces, "features": [x for x in provinces["features"] if x.get("id") in wanted]}

    words = LABELS[lang]
    names = _names(provinces, lang)
    table = map_table(data, per_capita)
    table = table[table["province_code"].isin(names)]
    unit_shown = f"{unit}/{words['per_10k']}" if per_capita else unit
    with_data = set(table["province_code"])
    hover = dict(zip(table["province_code"], (_hover_lines(r, len(table), unit_shown, lang)
                                               for _, r in table.iterrows()), strict=True))  # fmt: skip
    in_inset = _in_view(provinces, INSET_VIEW)
    fig = go.Figure()
    for geo_id in ("geo", "geo2"):
        inset = geo_id == "geo2"
        border = INSET_BORDER_COLOR if inset else BORDER_COLOR
        # Each feature is drawn once per map: grey when it has no figure. The inset draws only what lies
        # in its view (drawing every province twice per map made the page slow to draw in a browser).
        shown = [c for c in names if not inset or c in in_inset]
        grey = [c for c in shown if c not in with_data]
        coloured = table[table["province_code"].isin(shown)]
        fig.add_trace(
            go.Choropleth(
                geojson=geometry(grey),
                featureidkey="id",
                locations=grey,
                z=[0] * len(grey),
                colorscale=[[0, NO_DATA_COLOR], [1, NO_DATA_COLOR]],
                showscale=False,
                marker={"line": {"color": border, "width": 0.6}},
                text=[names[c] for c in grey],
                hovertemplate=f"%{{text}}<br>{words['no_data']}<extra></extra>",
                geo=geo_id,
                name=words["no_data"],
            )
        )
        fig.add_trace(
            go.Choropleth(
                geojson=geometry(coloured["province_code"].tolist()),
                featureidkey="id",
                locations=coloured["province_code"].tolist(),
                z=coloured["shown"].tolist(),
                colorscale=COLORSCALE,
                zmin=0,
                zmax=_zmax(table["shown"]),
                showscale=not inset,
                colorbar=_colorbar(table["shown"], unit_shown, lang),
                marker={"line": {"color": border, "width": 0.6}},
                text=[names[c] for c in coloured["province_code"]],
                customdata=[hover[c] for c in coloured["province_code"]],
                hovertemplate="<b>%{text}</b><br>%{customdata}<extra></extra>",
                geo=geo_id,
                name=unit_shown,
            )
        )
        lons, lats = _line_coords(maritime)
        fig.add_trace(
            go.Scattergeo(
                lon=lons,
                lat=lats,
                mode="lines",
                line={"color": LINE_COLOR, "width": 1.6},
                hoverinfo="skip",
                showlegend=False,
                geo=geo_id,
                name=words["line"],
            )
        )
    fig.update_layout(
        geo=_geo_layout(MAIN_VIEW, {"x": (0.0, 1.0), "y": (0.0, 1.0)}),  # else Plotly halves it for geo2
        geo2=_geo_layout(INSET_VIEW, INSET_DOMAIN, frame=True),
        height=height,
        margin={"l": 0, "r": 0, "t": 10, "b": 0},
        showlegend=False,
        annotations=[
            {
                "text": words["inset"],
                "x": INSET_DOMAIN["x"][1] - 0.005,  # right-aligned in the frame: never past the map's edge
                "y": INSET_DOMAIN["y"][0] + 0.004,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "right",
                "align": "right",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 10, "color": LINE_COLOR},
            }
        ],
    )
    return fig


def clicked_province(event: object, data: pd.DataFrame) -> str | None:
    """The province clicked on the map (st.plotly_chart's selection: a point's `location`, its code)."""
    points = ((event or {}).get("selection") or {}).get("points") or []  # type: ignore[union-attr]
    codes = dict(zip(data["province_code"].astype(str), data["province"], strict=False))
    for point in points:
        code = str(point.get("location", ""))
        if code in codes:
            return codes[code]
    return None
