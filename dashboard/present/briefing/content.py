"""What a briefing holds: plain strings and figures, already worded and formatted by the overview's own
functions (present/overview.py), so the files say exactly what the page says. Pure: no Streamlit, no SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from dashboard.present.slides import Slide
from dashboard.present.text import t

TOP_ACTIVITIES = 5
REASON_CHARS = 150  # a reason is cut to this in the briefing (the activities page has it whole)
# Which recommendations lead: a national body's or a province's own pick before a city's or a unit's.
LEVEL_ORDER = {"national": 0, "province": 1, "city": 2, "county": 3, "unit": 4}
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


@dataclass(frozen=True)
class Card:
    """One headline figure as the page's metric card shows it."""

    label: str  # 受益人次（人次）
    value: str  # 2366万
    change: str  # +6.0%, or "" when there is no 同比
    note: str  # 同比, or why there is none


@dataclass(frozen=True)
class Chart:
    slide: Slide  # its title, source line and file name
    figure: object  # a plotly Figure (or its dict), drawn offline by images.py


@dataclass(frozen=True)
class Activity:
    name: str
    org: str  # the recommending unit
    where: str  # province (or national bodies)
    reason: str


@dataclass(frozen=True)
class Briefing:
    lang: str
    title: str  # 全国科技工作者日活动简报
    subtitle: str  # 2024年 · 全国 · 科协渠道
    sentences: tuple[str, ...]  # the page's headline sentences, as shown
    cards: tuple[Card, ...]
    charts: tuple[Chart, ...]
    activities: tuple[Activity, ...]
    caveats: tuple[str, ...]  # 口径 and data-quality notes
    source: str  # 数据来源：…，截至 …
    is_demo: bool
    file_stem: str  # 简报_2024_全国_科协

    def heading(self, name: str) -> str:
        """A section heading (briefing.h_<name>)."""
        return t(f"briefing.h_{name}", self.lang)

    def word(self, name: str) -> str:
        """Any other fixed text of the documents (briefing.<name>)."""
        return t(f"briefing.{name}", self.lang)

    @property
    def demo_label(self) -> str:
        return t("common.demo_banner", self.lang) if self.is_demo else ""


def file_stem(lang: str, year: object, area: str, channel: str) -> str:
    """简报_2024_全国_科协: what the file holds, no character a file system refuses."""
    stem = "_".join(str(p) for p in (t("briefing.file_word", lang), year, area, channel) if p)
    return _UNSAFE.sub("-", stem)


def top_activities(
    df: pd.DataFrame, names: dict[str, str], national: str, n: int = TOP_ACTIVITIES
) -> tuple[Activity, ...]:
    """The first `n` recommended activities: national and provincial picks first, then by province.

    df: data/activities.activities rows (kind, province, org_name, org_level, activity_name, reason, seq).
    """
    if df.empty:
        return ()
    rec = df[df["kind"] == "recommended"].copy()
    rec["_level"] = rec["org_level"].map(LEVEL_ORDER).fillna(len(LEVEL_ORDER))
    rec = rec.sort_values(["_level", "province", "org_name", "seq"], na_position="first", kind="stable")
    out = []
    for r in rec.head(n).itertuples():
        province = r.province if isinstance(r.province, str) else None
        out.append(
            Activity(
                name=str(r.activity_name or ""),
                org=str(r.org_name or ""),
                where=names.get(province, province) if province else national,
                reason=_cut(str(r.reason or ""), REASON_CHARS),
            )
        )
    return tuple(out)


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n].rstrip() + "…"


def partial_note(ranking: pd.DataFrame, names: dict[str, str], lang: str) -> str:
    """Which provinces' figures are the sum of some of their cities and counties (no provincial report)."""
    if ranking.empty or "basis" not in ranking:
        return ""
    partial = [names.get(p, p) for p in ranking.loc[ranking["basis"] != "province", "province"]]
    if not partial:
        return ""
    sep = t("common.list_sep", lang)
    return t("briefing.caveat_partial", lang, provinces=sep.join(partial))


def quality_note(info: dict, lang: str) -> str:
    """How many errors and warnings the build found (the 数据质量 page lists them)."""
    errors, warnings = info.get("issues_error"), info.get("issues_warning")
    if errors is None or warnings is None or pd.isna(errors) or pd.isna(warnings):
        return ""
    return t("briefing.caveat_quality", lang, errors=int(errors), warnings=int(warnings))
