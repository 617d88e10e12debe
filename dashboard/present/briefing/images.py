"""A briefing's charts as PNG images, drawn offline by Kaleido in the local Chromium.

Offline on purpose: Kaleido's page loads plotly.js from the installed plotly package (its default when
plotly is installed), MathJax is switched off (its default is a CDN), and the map gets the same empty
base topology as on screen (map.STUB_TOPOJSON_URL), so the browser fetches nothing. Kaleido never downloads
a browser by itself (only kaleido.get_chrome does, which is never called): without Chromium/Chrome the
briefing is made without pictures and says so (`ImagesUnavailable`).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import kaleido
from choreographer.errors import BrowserFailedError, ChromeNotFoundError

from dashboard.present.briefing.content import Chart
from dashboard.present.map import STUB_TOPOJSON_URL
from dashboard.present.slides import SCALE, framed

WIDTH = 1000  # CSS px of a chart in the documents (A4 portrait text width at ~150 dpi, times SCALE)


class ImagesUnavailable(RuntimeError):
    """No browser to draw the charts with (Chromium or Chrome)."""


@dataclass(frozen=True)
class Picture:
    chart: Chart
    png: bytes
    width: int  # pixels of the PNG
    height: int


def _with_room(fig: dict) -> dict:
    """Every axis makes room for its tick labels and title: on screen Streamlit's theme pads the chart,
    drawn here without it a tight margin (the trend panels' l=10) cut the value labels."""
    layout = fig["layout"]
    for name in list(layout):
        if name.startswith(("xaxis", "yaxis")):
            layout[name] = {**layout[name], "automargin": True}
    return fig


async def _draw(charts: tuple[Chart, ...]) -> list[Picture]:
    out = []
    async with kaleido.Kaleido(n=1, mathjax=False, timeout=60) as k:
        for chart in charts:
            fig = _with_room(framed(chart.figure, chart.slide))
            height = int(fig["layout"].get("height") or 450)
            opts = {"format": "png", "width": WIDTH, "height": height, "scale": SCALE}
            png = await k.calc_fig(fig, opts=opts, topojson=STUB_TOPOJSON_URL)
            out.append(Picture(chart, png, WIDTH * SCALE, height * SCALE))
    return out


def draw(charts: tuple[Chart, ...]) -> list[Picture]:
    """Every chart as a 2x PNG with its title and source line (one browser for all of them)."""
    if not charts:
        return []
    try:
        return asyncio.run(_draw(charts))
    except (ChromeNotFoundError, BrowserFailedError, FileNotFoundError) as e:
        raise ImagesUnavailable(str(e)) from e
