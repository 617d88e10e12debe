"""Why the Explore table is empty, in words, from what exists nearby (data/explore.py `nearby`): which
levels the chosen provinces, years and channel do have, other years, the other channel. Pure.

"河南省、湖北省 2022–2024（科协）没有市级报送；省级报送 6 份。"
"""

from __future__ import annotations

import re

import pandas as pd

from dashboard.filters import ORG_LEVELS, Filters
from dashboard.present.catalog import Catalog
from dashboard.present.explore import places_label
from dashboard.present.text import t

# The levels each grain draws its rows from when the level filter does not choose them.
LEVELS_OF_GRAIN = {"city": ("city", "county"), "province_year": ("province", "city", "county")}


def wanted_levels(grain: str, f: Filters, level_grains: tuple[str, ...]) -> tuple[str, ...]:
    if grain in level_grains:
        return f.org_levels or ORG_LEVELS
    return LEVELS_OF_GRAIN.get(grain, ORG_LEVELS)


def _levels(levels: tuple[str, ...], lang: str) -> str:
    """'市级、县级' / 'city, county'; nothing when every level is wanted ("no reports" says it all)."""
    if set(levels) >= set(ORG_LEVELS):
        return ""
    return t("common.list_sep", lang).join(t(f"explore.level_short_{lv}", lang) for lv in levels)


def _count(level: str, n: int, lang: str) -> str:
    return t("explore.empty_level_count", lang, level=t(f"explore.level_short_{level}", lang), n=n)


def empty_note(
    grain: str, f: Filters, nearby: pd.DataFrame, cat: Catalog, level_grains: tuple[str, ...]
) -> str:
    """One or two sentences: what the filters exclude and what exists nearby, with counts."""
    lang = f.lang
    years = f.years_label().replace("-", "–") or t("explore.all_years", lang)
    scope = t(
        "explore.empty_scope",
        lang,
        places=places_label(f, cat, lang, sep=t("common.list_sep", lang)),
        years=years,
        channel=t(f"codes.fchannel_{f.channel}", lang),
    )
    wanted = wanted_levels(grain, f, level_grains)
    in_years = nearby["year"].isin(f.years) if f.years else pd.Series(True, index=nearby.index)
    same_channel = nearby["channel"] == f.channel
    is_wanted = nearby["org_level"].isin(wanted)
    scoped = nearby[in_years & same_channel]
    if scoped.empty:
        parts = [t("explore.empty_nothing", lang, scope=scope)]
    elif not scoped["org_level"].isin(wanted).any():
        parts = [t("explore.empty_none", lang, scope=scope, levels=_levels(wanted, lang))]
        have = scoped.groupby("org_level")["n_files"].sum()
        parts += [_count(lv, int(have[lv]), lang) for lv in ORG_LEVELS if lv in have.index]
    else:
        n = int(scoped.loc[scoped["org_level"].isin(wanted), "n_files"].sum())
        key = "explore.empty_no_metric" if grain == "metric_value" else "explore.empty_no_values"
        metric = cat.metric_name(f.metric, lang)
        note = t(key, lang, scope=scope, levels=_levels(wanted, lang), metric=metric, n=n)
        return _tidy(note)
    other_years = nearby[is_wanted & same_channel & ~in_years].groupby("year")["n_files"].sum()
    if len(other_years):
        items = t("common.list_sep", lang).join(
            t("explore.empty_year_count", lang, year=int(y), n=int(n)) for y, n in other_years.items()
        )
        parts.append(t("explore.empty_other_years", lang, levels=_levels(wanted, lang), items=items))
    other_channel = nearby[is_wanted & ~same_channel & in_years]
    for channel, n in other_channel.groupby("channel")["n_files"].sum().items():
        parts.append(
            t("explore.empty_other_channel", lang, channel=t(f"codes.fchannel_{channel}", lang), n=int(n))
        )
    return _tidy(t("explore.sentence_sep", lang).join(parts) + t("explore.sentence_end", lang))


def _tidy(text: str) -> str:
    """One space where an empty level list left two."""
    return re.sub(r" {2,}", " ", text)
