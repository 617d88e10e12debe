"""The shared filter state: one frozen dataclass that pages and queries take. No Streamlit here.

`Filters` is built by dashboard/sidebar.py from the sidebar widgets (which are bound to the URL).
"""

from __future__ import annotations

from dataclasses import dataclass

CHANNELS = ("科协", "农技协")
ORG_LEVELS = ("national", "province", "city", "county", "unit")
MACRO_REGIONS = ("华北", "东北", "华东", "中南", "西南", "西北")
HEADLINE_METRICS = ("volunteers", "events", "media_reports", "beneficiaries")
DEFAULT_METRIC = "beneficiaries"
AREA_SEP = "+"  # several areas in Filters.area: "河南省+湖北省" (Catalog.area_label names each)


@dataclass(frozen=True)
class Filters:
    """What the user chose. Empty tuples mean "no restriction"."""

    years: tuple[int, ...] = ()  # selected years, ascending
    area: str = ""  # "" = all China; a macro-region (华东), a full province name (广东省), or several
    # of those joined by AREA_SEP ("河南省+华中"): the areas as chosen, for display
    provinces: tuple[str, ...] = ()  # full province names the area covers; () = every province
    org_levels: tuple[str, ...] = ()  # subset of ORG_LEVELS; () = all
    channel: str = "科协"  # one reporting channel at a time: they are never summed
    metric: str = DEFAULT_METRIC
    lang: str = "zh"

    @property
    def is_national(self) -> bool:
        """True when no area is chosen: national bodies' own reports then count in headline totals."""
        return self.area == ""

    @property
    def areas(self) -> tuple[str, ...]:
        """The chosen areas one by one (provinces and macro-regions); () = all China."""
        return tuple(a for a in self.area.split(AREA_SEP) if a)

    @property
    def year(self) -> int | None:
        """The year headline figures are shown for: the latest selected."""
        return max(self.years) if self.years else None

    def years_label(self) -> str:
        """2024, 2021-2024 (a run of years) or 2021+2023."""
        ys = sorted(self.years)
        if not ys:
            return ""
        if len(ys) > 1 and ys == list(range(ys[0], ys[-1] + 1)):
            return f"{ys[0]}-{ys[-1]}"
        return "+".join(str(y) for y in ys)
