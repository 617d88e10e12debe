"""The overview page's current selection -> a Briefing. It calls the functions the page calls (its
sentence, its headline figures, its charts), so the documents say what the page says. Pure: the page's
query results come in as arguments."""

from __future__ import annotations

import pandas as pd

from dashboard.filters import HEADLINE_METRICS, Filters
from dashboard.present import map as map_chart
from dashboard.present import overview as view
from dashboard.present.briefing.content import (
    Briefing,
    Card,
    Chart,
    file_stem,
    partial_note,
    quality_note,
    top_activities,
)
from dashboard.present.catalog import Catalog
from dashboard.present.charts import province_bars
from dashboard.present.slides import slide
from dashboard.present.text import label, t


def _cards(head: pd.DataFrame, f: Filters, cat: Catalog) -> tuple[Card, ...]:
    """The four metric cards, worded as the page words them."""
    lang = f.lang
    out = []
    for h in view.headlines(head, f, HEADLINE_METRICS):
        out.append(
            Card(
                label=cat.metric_with_unit(h.metric, lang),
                value=view.card_value(h, lang, t("overview.metric_no_data", lang)),  # 约 as on the page
                change=view.card_delta(h, lang) or "",  # like for like, （约） as on the page
                note=view.change_help(h, f, lang),
            )
        )
    return tuple(out)


def _charts(
    head: pd.DataFrame, ranking: pd.DataFrame, map_rows: pd.DataFrame, f: Filters, cat: Catalog, info: dict
) -> tuple[Chart, ...]:
    """Trend and ranking as on the page, and the map of the compare page for the same year and metric."""
    lang = f.lang
    channel = label("channel", f.channel, lang)
    metric = cat.metric_name(f.metric, lang)
    titles = {m: cat.metric_with_unit(m, lang) for m in HEADLINE_METRICS}
    trend = view.trend_grid(
        view.trend_rows(head, f, HEADLINE_METRICS),
        titles,
        lang,
        t("overview.year_axis", lang),
        t("overview.metric_no_data", lang),
    )
    charts = [Chart(slide(t("briefing.what_trend", lang), f.years_label(), "", channel, lang, info), trend)]
    if not ranking.empty:
        names = {p: cat.province(p, lang) for p in ranking["province"]}
        bars = province_bars(
            ranking, names, lang, cat.metric_with_unit(f.metric, lang), t("overview.change_label", lang)
        )
        charts.append(
            Chart(slide(t("briefing.what_ranking", lang), f.year, metric, channel, lang, info), bars)
        )
    if map_rows["value"].notna().any():
        # the geometry inlined (no geojson_url): the offline renderer has no static route to load it from
        fig = map_chart.province_map(map_rows, None, None, lang, False, unit=cat.unit(f.metric, lang))
        charts.append(Chart(slide(t("briefing.what_map", lang), f.year, metric, channel, lang, info), fig))
    return tuple(charts)


def overview_briefing(
    f: Filters,
    cat: Catalog,
    head: pd.DataFrame,
    ranking: pd.DataFrame,
    sentences: tuple[str, ...],
    map_rows: pd.DataFrame,
    activities: pd.DataFrame,
    info: dict,
) -> Briefing:
    """head/ranking: data/overview.headline and province_ranking (as the page has them); sentences: the
    page's summary and coverage lines (present/summary.py), as shown; map_rows:
    data/compare.compare_map for f.year; activities: data/activities.activities for f.year and channel;
    info: data/db.build_info."""
    lang = f.lang
    area = cat.area_label(f.area, lang)
    channel = label("channel", f.channel, lang)
    names = {p: cat.province(p, lang) for p in ranking["province"]} if not ranking.empty else {}
    caveats = [t("overview.definition", lang)]
    caveats += [c for c in (partial_note(ranking, names, lang), quality_note(info, lang)) if c]
    source = slide("", f.year, "", channel, lang, info)
    return Briefing(
        lang=lang,
        title=t("briefing.title", lang),
        subtitle=t("overview.subtitle", lang, year=f.year, area=area, channel=channel),
        sentences=tuple(sentences),
        cards=_cards(head, f, cat),
        charts=_charts(head, ranking, map_rows, f, cat, info),
        activities=top_activities(
            activities,
            {p: cat.province(p, lang) for p in activities.get("province", pd.Series()).dropna().unique()},
            cat.province(None, lang),
        ),
        caveats=tuple(caveats),
        source=source.source,
        is_demo=source.is_demo,
        file_stem=file_stem(lang, f.year, area, channel),
    )
