"""Who submits which demo workbook, in which year, layout and format (etl/demo/generate.py writes them).

The default set (scale 1) is realistic and small (~300 files): province 科协 (a few missing each year,
重庆 and 吉林 absent in the years demo_units.yaml names, so their cities/counties make the province
figure), national societies, university/enterprise 科协, 重庆's districts, 吉林市 and its counties, 2024
农技协 forms, and the deliberately broken files. `--scale K` adds city and county 科协 from regions.csv.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from etl.demo.figures import kx_figures, njx_figures, org_rng, society_figures, submission_time
from etl.paths import REFERENCE_DIR
from etl.reference import read_csv

SOCIETY_SHARE, UNIT_SHARE = 0.8, 0.7


@dataclass
class Plan:
    year: int
    org: str  # as written in the form's 填报单位 / 组织单位
    kind: str  # province | city | county | society | unit | njx_province | njx_branch
    group: str = "default"  # deadline group in demo_units.yaml: default | 农技协 | 重庆 | 吉林市
    pop_10k: float = 0.0
    rel_dir: str = ""
    name: str = ""
    fmt: str = "xlsx"  # xlsx | xlsm | xls
    layout: str = "pairs"
    form: str = "kx"  # kx | njx
    special: str = ""  # corrupt | impossible | negative | duplicate_old | duplicate_new | blank_org
    bulk: bool = False
    with_units: bool = False
    modified: datetime | None = None  # fixed time (duplicates), else drawn when written

    def figures(self, seed: int) -> dict[tuple[str, str | None], int]:
        key = self.org + ("|更正" if self.special == "duplicate_new" else "")
        if self.form == "njx":
            return njx_figures(seed, key, self.year, self.kind != "njx_province", "科技小院" in self.org)
        if self.kind in ("society", "unit"):
            return society_figures(seed, key, self.year, university=self.kind == "unit")
        return kx_figures(seed, key, self.year, self.pop_10k, self.with_units)


def population(cfg: dict) -> dict[str, float]:
    """population.csv when it exists (the reference), else the same figures kept in demo_units.yaml."""
    path = REFERENCE_DIR / "population.csv"
    if path.exists():
        return {r["province"]: float(r["population_10k"]) for r in read_csv(path)}
    return {k: float(v) for k, v in cfg["population_fallback"].items()}


def default_plans(cfg: dict, seed: int) -> list[Plan]:
    pop = population(cfg)
    plans: list[Plan] = []
    for year in cfg["years"]:
        rng = org_rng(seed, "plan", year)
        plans += _provinces(cfg, pop, year, rng)
        plans += [Plan(year, s, "society") for s in cfg["societies"] if rng.random() < SOCIETY_SHARE]
        plans += [Plan(year, u["name"], "unit") for u in cfg["units"] if rng.random() < UNIT_SHARE]
        plans += _chongqing(cfg, year, rng)
        plans += _jilin(cfg, year, rng)
        if year == cfg["njx_year"]:
            plans += [Plan(year, o, "njx_province", "农技协", form="njx") for o in cfg["njx_provinces"]]
            plans += [Plan(year, o, "njx_branch", "农技协", form="njx") for o in cfg["njx_branches"]]
    _specials(plans, seed)
    _finish(plans, cfg, seed)
    return plans


def _provinces(cfg: dict, pop: dict[str, float], year: int, rng) -> list[Plan]:
    names = list(cfg["population_fallback"]) + [cfg["bingtuan"]["name"]]
    fixed = {cfg["chongqing"]["province"], cfg["jilin"]["province"], "河南省", "西藏自治区"}
    k = rng.randint(*cfg["province_missing_per_year"])
    missing = set(rng.sample([n for n in names if n not in fixed], k))
    if year in cfg["chongqing"]["absent_years"]:
        missing.add(cfg["chongqing"]["province"])
    if year in cfg["jilin"]["province_absent_years"]:
        missing.add(cfg["jilin"]["province"])
    out = []
    for name in names:
        if name in missing:
            continue
        size = pop.get(name) or float(cfg["bingtuan"]["population_10k"])
        org = name + rng.choice(cfg["province_org_suffixes"])
        out.append(Plan(year, org, "province", pop_10k=size, with_units=rng.random() < 0.45))
    return out


def _chongqing(cfg: dict, year: int, rng) -> list[Plan]:
    cq = cfg["chongqing"]
    if year not in cq["district_years"]:
        return []
    chosen = rng.sample(cq["districts"], rng.randint(*cq["per_year"]))
    if year == cq["district_years"][1] and cq["blank_org_file"] not in chosen:
        chosen.append(cq["blank_org_file"])
    out = []
    for d in sorted(chosen, key=cq["districts"].index):
        short = d in cq["short_written"] and rng.random() < 0.5
        org = f"{d}科协" if short else f"{cq['province']}{d}科协"
        p = Plan(
            year, org, "county", "重庆", pop_10k=org_rng(0, d).uniform(25, 160), with_units=rng.random() < 0.3
        )
        if d == cq["blank_org_file"] and year == cq["district_years"][1]:
            p.special, p.name = "blank_org", f"{org}.xlsx"
        out.append(p)
    return out


def _jilin(cfg: dict, year: int, rng) -> list[Plan]:
    jl = cfg["jilin"]
    out = []
    if year in jl["city_years"]:
        out.append(Plan(year, f"{jl['city']}科协", "city", "吉林市", pop_10k=jl["city_population_10k"]))
    if year in jl["county_years"]:
        for c in jl["counties"]:
            out.append(Plan(year, f"{c}科协", "county", "吉林市", pop_10k=org_rng(0, c).uniform(30, 60)))
    return out


def _specials(plans: list[Plan], seed: int) -> None:
    """The files that are broken or doubled on purpose (see the module docstring of etl/demo/generate.py)."""
    rng = org_rng(seed, "specials")

    def pick(year: int, kind: str) -> Plan:
        pool = [
            p
            for p in plans
            if p.year == year and p.kind == kind and not p.special and not p.org.startswith(("河南", "西藏"))
        ]
        return rng.choice(pool)

    pick(2022, "province").special = "corrupt"
    pick(2021, "province").special = "impossible"
    pick(2023, "county").special = "negative"
    henan = next(p for p in plans if p.year == 2023 and p.org.startswith("河南省"))
    henan.special, henan.name = "duplicate_old", f"{henan.org}2023年活动汇总.xlsx"
    henan.modified = submission_time(rng, 2023, None, 0)
    newer = Plan(
        2023,
        henan.org,
        "province",
        pop_10k=henan.pop_10k,
        with_units=henan.with_units,
        special="duplicate_new",
        name=f"{henan.org}-更正版.xlsx",
    )  # sorts first: time must decide
    newer.modified = henan.modified + timedelta(days=3, hours=2)
    plans.insert(plans.index(henan) + 1, newer)
    tibet = next(p for p in plans if p.year == 2023 and p.org.startswith("西藏"))
    tibet.special, tibet.name = "toplevel", "西藏自治区科协活动信息汇总表.xlsx"  # year only in the title


def _finish(plans: list[Plan], cfg: dict, seed: int) -> None:
    """Layouts, formats and file names (unique per folder)."""
    rng = org_rng(seed, "finish")
    names, weights = zip(*cfg["layouts"].items(), strict=True)
    used: set[str] = set()
    for p in plans:
        p.rel_dir = "" if p.special == "toplevel" else str(p.year)
        if p.form == "kx":
            p.layout = rng.choices(names, weights)[0]
        if not p.special and rng.random() < cfg["xls_share"]:
            p.fmt = "xls"
        if not p.name:
            p.name = rng.choice(cfg["file_names"]).format(org=p.org, year=p.year)
        stem, ext = p.name.rsplit(".", 1)
        p.name = f"{stem}.{p.fmt}" if ext == "xlsx" else p.name
        n = 2
        while f"{p.rel_dir}/{p.name}" in used:
            p.name, n = f"{stem}（{n}）.{p.fmt}", n + 1
        used.add(f"{p.rel_dir}/{p.name}")
    xlsx = [p for p in plans if p.fmt == "xlsx" and not p.special and p.year >= 2023]
    for p in rng.sample(xlsx, cfg["xlsm_count"]):
        used.discard(f"{p.rel_dir}/{p.name}")
        p.fmt, p.name = "xlsm", p.name[: -len("xlsx")] + "xlsm"


def bulk_plans(cfg: dict, seed: int, scale: int, regions_csv: Path) -> list[Plan]:
    """City and county 科协 from regions.csv, so that scale 4 gives >10,000 workbooks over 4 years.

    Per year, round(counties * (K-1) / 3) units are drawn (cities first in the pool, then counties);
    above K=4 every county's 农技协 joins with seed 000's form.
    """
    if not regions_csv.exists():
        raise FileNotFoundError(f"--scale needs the county list {regions_csv} (scripts/build_regions.py)")
    pop = population(cfg)
    rows = read_csv(regions_csv)
    by_code = {r["code"]: r for r in rows}
    skip_province = {cfg["chongqing"]["province"]}
    skip_city = {cfg["jilin"]["city"]}
    pool: list[tuple[str, str, float]] = []  # (written name, level, population)
    counts: dict[tuple[str, str], int] = {}
    for r in rows:
        counts[(r["province_code"], r["level"])] = counts.get((r["province_code"], r["level"]), 0) + 1
    for level in ("city", "county"):
        for r in rows:
            province = by_code.get(r["province_code"], {}).get("name", "")
            parent = by_code.get(r["parent_code"] or "", {})
            if r["level"] != level or province not in pop or province in skip_province:
                continue
            if r["name"] in skip_city or parent.get("name") in skip_city:
                continue
            prefix = province + (parent["name"] if parent.get("level") == "city" else "")
            share = (
                pop[province]
                / max(1, counts[(r["province_code"], level)])
                * (0.6 if level == "county" else 1)
            )
            pool.append((prefix + r["name"], level, share))
    n_counties = sum(1 for p in pool if p[1] == "county")
    per_year = min(len(pool), round(n_counties * (scale - 1) / 3))
    extra = min(n_counties, round(n_counties * max(0, scale - 4) / 3))
    plans = []
    for year in cfg["years"]:
        rng = org_rng(seed, "bulk", year)
        for i in sorted(rng.sample(range(len(pool)), per_year)):
            name, level, share = pool[i]
            size = share * org_rng(seed, name).uniform(0.5, 1.5)
            plans.append(
                Plan(
                    year,
                    f"{name}科协",
                    level,
                    pop_10k=size,
                    rel_dir=f"{year}/县级",
                    name=f"{name}科协.xlsx",
                    bulk=True,
                )
            )
        counties = [p for p in pool if p[1] == "county"]
        for i in sorted(rng.sample(range(len(counties)), extra)):
            name = counties[i][0]
            plans.append(
                Plan(
                    year,
                    f"{name}农技协",
                    "county",
                    form="njx",
                    rel_dir=f"{year}/县级农技协",
                    name=f"{name}农技协.xlsx",
                    bulk=True,
                )
            )
    return plans
