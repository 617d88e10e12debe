"""Reference data as rows for the database's reference tables (regions, population, metrics)."""

from __future__ import annotations

from etl.orgs.regions import load_regions
from etl.reference import load_yaml, read_csv


def region_rows() -> list[dict]:
    return [
        {"code": r.code, "name": r.name, "short_name": r.short_name, "level": r.level,
         "parent_code": r.parent_code or None, "province_code": r.province_code,
         "macro_region": r.macro_region or None}
        for r in load_regions()
    ]


def population_rows() -> list[dict]:
    return [
        {"province": r["province"], "province_code": r["province_code"],
         "population_10k": float(r["population_10k"]), "year": int(r["year"]), "source": r.get("source")}
        for r in read_csv("population.csv")
    ]


def metric_rows() -> list[dict]:
    spec = load_yaml("metrics.yaml")["metrics"]
    items = spec.items() if isinstance(spec, dict) else ((m["code"], m) for m in spec)
    return [
        {"metric": code, "name_zh": m["name_zh"], "name_en": m["name_en"], "unit_zh": m["unit_zh"],
         "unit_en": m["unit_en"], "max_value": float(m["max_value"]), "sort_order": int(m["sort_order"])}
        for code, m in items
    ]


def tables() -> dict[str, list[dict]]:
    return {"regions": region_rows(), "population": population_rows(), "metrics": metric_rows()}
