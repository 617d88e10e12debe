"""Demo activity forms: 2021 筹备方案 (plans) and 2024 优秀活动推荐表 (recommendations).

`generate_activities(out_dir, rng_seed)` writes, under out_dir/<year>/, plans from a sample of
province 科协 and national societies and recommendations from provincial 农技协 (who submits:
data/reference/demo_units.yaml), as .xlsx and .docx, with names and reasons composed from
data/reference/sample_activities.yaml. Deterministic: the same seed gives the same bytes. Returns
one truth dict per activity, which the ETL must recover (tests compare them with the database).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from etl.demo.activity_forms import GROUPS, MODULES, plan_grid, recommendation_grid, write_forms
from etl.demo.book.spec import SheetSpec
from etl.orgs.regions import load_regions
from etl.reference import load_yaml

PLAN_YEAR, REC_YEAR = 2021, 2024
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞", "平"]
TICK_STYLES = ["paren:√", "paren:✔", "paren:✓", "box", "paren:是"]


def _data() -> tuple[dict, dict]:
    return load_yaml("sample_activities.yaml"), load_yaml("demo_units.yaml")


def _cities() -> dict[str, list[str]]:
    """Province full name -> its prefecture-level city names (for organizers and places)."""
    regions = load_regions()
    names = {r.code: r.name for r in regions if r.level == "province"}
    out: dict[str, list[str]] = {n: [] for n in names.values()}
    for r in regions:
        if r.level == "city" and r.province_code in names:
            out[names[r.province_code]].append(r.name)
    return out


def _contact(rng: random.Random) -> tuple[str, str, str]:
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))
    phone = f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}"
    return name, phone, f"{rng.choice(['人民路', '建设路', '文化路'])}{rng.randrange(1, 300)}号"


def _fill(template: str, rng: random.Random, **known: str) -> str:
    return template.format(**known, day=rng.randrange(10, 31), n=rng.choice([200, 300, 500, 800, 1000]))


def _province_of(org: str, provinces: list[str]) -> str | None:
    return next((p for p in provinces if org.startswith(p) or org.startswith(p.rstrip("省市"))), None)


def _reason(t: dict, rng: random.Random, ctx: dict, long: bool) -> str:
    nums = {
        "volunteers": str(rng.randrange(20, 200)),
        "events": str(rng.randrange(5, 40)),
        "tech": str(rng.randrange(3, 15)),
        "beneficiaries": str(rng.randrange(2000, 60000)),
        "media": str(rng.randrange(5, 60)),
    }
    parts = [
        rng.choice(t["reason_openings"]),
        rng.choice(t["reason_middles"]),
        rng.choice(t["reason_endings"]),
    ]
    text = "".join(p.format(**ctx, **nums) for p in parts)
    while long and len(text) <= 330:
        text += t["reason_long_addition"]
    return text


def _recommendations(
    out_dir: Path, rng: random.Random, templates: dict, units: dict, cities: dict[str, list[str]]
) -> list[dict]:
    t = templates["recommendation"]
    provinces = list(cities)
    orgs = list(units["njx_provinces"])
    chosen = [o for o in orgs if o.startswith("四川")] + rng.sample(
        [o for o in orgs if not o.startswith("四川")], 7
    )
    truth: list[dict] = []
    for i, org in enumerate(chosen):
        province = _province_of(org, provinces) or ""
        short = province.rstrip("省市").replace("壮族自治区", "").replace("自治区", "")
        n_acts = 2 if i % 3 == 1 else 3  # some units recommend two, as the notice allows up to three
        acts = []
        names = list(t["names"])
        rng.shuffle(names)
        if org.startswith("四川"):  # the user story: 四川's 科技小院 activity, always first
            names.sort(key=lambda n: not n["xiaoyuan"])
        for seq in range(1, n_acts + 1):
            ctx = {
                "city": rng.choice(cities.get(province) or [short]),
                "crop": rng.choice(templates["crops"]),
                "topic": rng.choice(templates["topics"]),
                "short": short,
            }
            organizer = rng.choice(t["organizers"]).format(**ctx)
            place = (
                f"{ctx['city']}{ctx['crop']}科技小院"
                if names[seq - 1]["xiaoyuan"]
                else f"{ctx['city']}新时代文明实践中心"
            )
            name = names[seq - 1]["template"].format(**ctx)
            long = i == 2 and seq == 1  # one reason over the form's 300 字: kept whole, flagged
            reason = _reason(t, rng, ctx | {"organizer": organizer, "place": place}, long)
            acts.append({"name": name, "organizer": organizer, "reason": reason})
            truth.append(
                {
                    "table": "recommended_activities",
                    "year": REC_YEAR,
                    "org_name": org,
                    "province": province,
                    "seq": seq,
                    "activity_name": name,
                    "organizer": organizer,
                    "reason": reason,
                    "reason_too_long": len("".join(reason.split())) > 300,
                }
            )
        grid = recommendation_grid(org, _contact(rng), acts, reason_below=(i % 2 == 1))
        ext = ".docx" if i % 2 == 0 else ".xlsx"
        path = out_dir / str(REC_YEAR) / f"{org}_优秀活动推荐表{ext}"
        when = datetime(REC_YEAR, 6, 1, 10, 0) + timedelta(
            days=rng.randrange(0, 14), minutes=rng.randrange(0, 600)
        )
        write_forms(path, [grid], demo=True, modified=when)
        for row in truth[-n_acts:]:
            row["source_file"] = path.relative_to(out_dir).as_posix()
    return truth


def _plans(
    out_dir: Path, rng: random.Random, templates: dict, units: dict, cities: dict[str, list[str]]
) -> list[dict]:
    t = templates["plan"]
    provinces = [p for p in cities if cities[p]]
    orgs = [f"{p}科学技术协会" if j % 2 else f"{p}科协" for j, p in enumerate(rng.sample(provinces, 8))]
    orgs += rng.sample(list(units["societies"]), 4)
    truth: list[dict] = []
    for i, org in enumerate(orgs):
        province = _province_of(org, provinces)
        short = (province or "").rstrip("省市").replace("壮族自治区", "").replace("自治区", "")
        grids: list[SheetSpec] = []
        rows: list[dict] = []
        style = TICK_STYLES[i % len(TICK_STYLES)]
        for name_t in rng.sample(t["names"], rng.choice([1, 2, 3])):  # 一项一表, about 3 per unit
            city = rng.choice(cities[province]) if province else ""
            ctx = {"short": short or org.removeprefix("中国").removesuffix("学会"), "city": city}
            extra = [m for m in MODULES if m != name_t["module"] and rng.random() < 0.25]
            modules = [m for m in MODULES if m == name_t["module"] or m in extra]
            if i == 5 and not grids:  # one plan leaves every module blank: a warning, not a rejection
                modules = []
            groups = [g for g in GROUPS if g == "科技工作者" or rng.random() < 0.4]
            values = {
                "organizer": org,
                "name": name_t["template"].format(**ctx),
                "modules": modules,
                "undertaker": rng.choice(t["undertakers"]).format(**ctx) if province else f"{org}办公室",
                "time": _fill(rng.choice(t["times"]), rng, **ctx),
                "place": _fill(rng.choice(t["places"]), rng, **ctx)
                if province
                else rng.choice(t["society_places"]),
                "groups": groups,
                "scale": _fill(rng.choice(t["scales"]), rng, **ctx),
            }
            name, phone, address = _contact(rng)
            contact = (
                name,
                f"0{rng.randrange(10, 99)}-{rng.randrange(1000000, 9999999)}",
                phone,
                f"kx{rng.randrange(100, 999)}@example.cn",
                address,
            )
            grids.append(plan_grid(values, contact, style))
            rows.append(
                {
                    "table": "planned_activities",
                    "year": PLAN_YEAR,
                    "org_name": org,
                    "province": province,
                    "activity_name": values["name"],
                    "organizer": org,
                    "undertaker": values["undertaker"],
                    "modules": "、".join(modules),
                    "planned_time": values["time"],
                    "planned_place": values["place"],
                    "target_groups": "、".join(groups),
                    "planned_scale": values["scale"],
                }
            )
        ext = ".xlsx" if i % 3 == 2 else ".docx"
        path = out_dir / str(PLAN_YEAR) / f"{org}_特色亮点活动筹备方案{ext}"
        when = datetime(PLAN_YEAR, 5, 1, 9, 0) + timedelta(
            days=rng.randrange(0, 9), minutes=rng.randrange(0, 600)
        )
        write_forms(path, grids, demo=True, modified=when)
        for row in rows:
            row["source_file"] = path.relative_to(out_dir).as_posix()
        truth += rows
    return truth


def generate_activities(out_dir: Path | str, rng_seed: int = 2024) -> list[dict]:
    """Write the demo activity forms under out_dir/<year>/ and return what the ETL must recover."""
    out_dir = Path(out_dir)
    templates, units = _data()
    cities = _cities()
    rng = random.Random(f"activities-{rng_seed}")
    truth = _plans(out_dir, rng, templates, units, cities)
    truth += _recommendations(out_dir, rng, templates, units, cities)
    return truth
