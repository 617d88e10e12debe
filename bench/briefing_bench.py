"""How long the overview's briefing takes after the click: the selection's content, the charts drawn by
the local Chromium (Kaleido), the .docx and the PDF, on a built database.

    .venv/bin/python -m bench.briefing_bench --db data/campaigns.duckdb [--runs 3] [--out bench/results/briefing.json]

The first run starts the browser (a dashboard process does this once); later runs reuse it. The smaller
font copy (briefing/fonts.py) is made before the runs, as a dashboard has it from its second briefing on.
The load average is printed with the figures: on a shared machine it explains more of the spread than the
code.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import time
from pathlib import Path

from dashboard.data import activities, common, compare
from dashboard.data import overview as queries
from dashboard.data.db import build_info
from dashboard.filters import Filters
from dashboard.present import summary
from dashboard.present.briefing import build, fonts, images
from dashboard.present.briefing.docx import build_docx
from dashboard.present.briefing.overview import overview_briefing
from dashboard.present.briefing.pdf import build_pdf
from dashboard.present.catalog import Catalog


def _timed(fn, *args):
    start = time.perf_counter()
    out = fn(*args)
    return out, round(time.perf_counter() - start, 2)


def run_once(db: Path, f: Filters) -> dict:
    def content():
        cat = Catalog.from_frames(common.metrics(db), common.provinces(db))
        head = queries.headline(db, f)
        ranking = queries.province_ranking(db, f, f.year)
        coverage = queries.coverage(db, f)
        sentences = (
            summary.summary_line(head, ranking, ranking, coverage, f, cat),
            summary.coverage_line(coverage, f.year, cat, f.lang),
        )
        map_rows = compare.compare_map(db, f.year, f.metric, f.channel)
        acts = activities.activities(
            db, dataclasses.replace(f, years=(f.year,)), ("recommended",), (f.channel,)
        )
        return overview_briefing(f, cat, head, ranking, sentences, map_rows, acts, build_info(db))

    b, t_content = _timed(content)  # in the dashboard these queries are already cached by the page
    # the parts, one after the other (the button overlaps the font's reading with the drawing)
    pictures, t_images = _timed(images.draw, b.charts)
    _, t_docx = _timed(build_docx, b, pictures)
    _, t_pdf = _timed(build_pdf, b, pictures, fonts.pdf_font(build.text_of(b)))
    # what the button does after the click, as it does it
    _, t_click = _timed(build.make_files, b)
    return {
        "content_s": t_content,
        "images_s": t_images,
        "docx_s": t_docx,
        "pdf_s": t_pdf,
        "after_click_s": t_click,
        "load_average": round(os.getloadavg()[0], 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    years = tuple(int(y) for y in common.years(args.db))
    f = Filters(years=years)
    fonts.prepare()  # the smaller font copy, as a dashboard has it from its second briefing on
    runs = [run_once(args.db, f) for _ in range(args.runs)]
    result = {"db": str(args.db), "year": f.year, "runs": runs}
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
