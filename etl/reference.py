"""Reference data (data/reference/) as rows for the database's reference tables."""

from __future__ import annotations

import csv
from pathlib import Path

from etl import yaml_fast
from etl.paths import REFERENCE_DIR


def read_csv(path: Path) -> list[dict[str, str]]:
    """A reference CSV: its first lines are `# source: ...` comments, then a header row."""
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def region_rows() -> list[dict]:
    from etl.orgs.match import load_regions

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
        for r in read_csv(REFERENCE_DIR / "population.csv")
    ]


def metric_rows() -> list[dict]:
    with open(REFERENCE_DIR / "metrics.yaml", encoding="utf-8") as fh:
        spec = yaml_fast.safe_load(fh)["metrics"]
    items = spec.items() if isinstance(spec, dict) else ((m["code"], m) for m in spec)
    return [
        {"metric": code, "name_zh": m["name_zh"], "name_en": m["name_en"], "unit_zh": m["unit_zh"],
         "unit_en": m["unit_en"], "max_value": float(m["max_value"]), "sort_order": int(m["sort_order"])}
        for code, m in items
    ]


def tables() -> dict[str, list[dict]]:
    return {"regions": region_rows(), "population": population_rows(), "metrics": metric_rows()}
