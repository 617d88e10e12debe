"""Display names of metrics and provinces in either language. Pure: built from query results."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.filters import AREA_SEP
from dashboard.present.text import province_name, t


@dataclass(frozen=True)
class Catalog:
    metrics: tuple[tuple[str, str, str, str, str], ...]  # metric, name_zh, name_en, unit_zh, unit_en
    provinces: tuple[tuple[str, str, str], ...]  # name, code, macro_region

    @classmethod
    def from_frames(cls, metrics: pd.DataFrame, provinces: pd.DataFrame) -> Catalog:
        m = tuple(
            tuple(r)
            for r in metrics[["metric", "name_zh", "name_en", "unit_zh", "unit_en"]].itertuples(index=False)
        )
        p = tuple(tuple(r) for r in provinces[["name", "code", "macro_region"]].itertuples(index=False))
        return cls(m, p)

    def metric_codes(self) -> list[str]:
        return [m[0] for m in self.metrics]

    def metric_name(self, code: str, lang: str) -> str:
        for m in self.metrics:
            if m[0] == code:
                return m[2] if lang == "en" else m[1]
        return code

    def unit(self, code: str, lang: str) -> str:
        for m in self.metrics:
            if m[0] == code:
                return m[4] if lang == "en" else m[3]
        return ""

    def metric_with_unit(self, code: str, lang: str) -> str:
        """科技志愿者（人） / S&T volunteers (persons): column headers and axis titles."""
        unit = self.unit(code, lang)
        name = self.metric_name(code, lang)
        if not unit:
            return name
        return f"{name} ({unit})" if lang == "en" else f"{name}（{unit}）"

    def province_code(self, name: str) -> str | None:
        return next((p[1] for p in self.provinces if p[0] == name), None)

    def province(self, name: str | None, lang: str) -> str:
        return province_name(name, self.province_code(name) if name else None, lang)

    def provinces_in(self, area: str) -> tuple[str, ...]:
        """Province names an area covers: () for all China, the macro-region's provinces, one province, or
        the union of several areas joined by AREA_SEP (in code order)."""
        if not area:
            return ()
        parts = [a for a in area.split(AREA_SEP) if a]
        inside = {p[0] for p in self.provinces if p[2] in parts or p[0] in parts}
        known = {p[0] for p in self.provinces} | {p[2] for p in self.provinces}
        ordered = tuple(p[0] for p in self.provinces if p[0] in inside)
        return ordered + tuple(a for a in parts if a not in known)  # an unknown name stays (finds nothing)

    def area_label(self, area: str, lang: str) -> str:
        if not area:
            return t("common.area_all", lang)
        parts = [a for a in area.split(AREA_SEP) if a]
        if len(parts) > 1:
            return t("common.list_sep", lang).join(self.area_label(a, lang) for a in parts)
        if any(p[2] == area for p in self.provinces):
            return t(f"codes.macro_{area}", lang)
        return self.province(area, lang)

    def provinces_by_code(self) -> list[str]:
        """Every province-level name, by code (pickers list them all, with data or not)."""
        return [p[0] for p in self.provinces]
