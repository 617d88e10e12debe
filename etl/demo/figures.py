"""True figures and submission times for demo units (etl/demo/generate.py decides who submits).

Magnitudes scale with population for 科协 at province, city and county level (a populous province
mobilizes tens of thousands of volunteers and reaches millions); 2022 leans online (more media reports,
fewer on-site beneficiaries); every organization grows year on year at its own rate, with noise.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

FIRST_YEAR = 2021
# 2022: epidemic year, activities moved online.
ONLINE_2022 = {
    "volunteers": 0.9,
    "volunteer_teams": 0.95,
    "events": 0.85,
    "media_reports": 1.8,
    "beneficiaries": 0.65,
    "units_mobilized": 0.95,
}


def org_rng(seed: int, *key: object) -> random.Random:
    """One stream per organization (and year), so adding units never changes the others' figures."""
    return random.Random("|".join([str(seed), *map(str, key)]))


def _year_factor(seed: int, org: str, year: int, metric: str) -> float:
    growth = org_rng(seed, org, "growth").uniform(0.03, 0.15)
    noise = org_rng(seed, org, year, metric).uniform(0.92, 1.08)
    online = ONLINE_2022.get(metric, 1.0) if year == 2022 else 1.0
    return (1 + growth) ** (year - FIRST_YEAR) * noise * online


def _grow(base: dict[str, float], seed: int, org: str, year: int) -> dict[tuple[str, str | None], int]:
    return {(m, None): max(1, round(v * _year_factor(seed, org, year, m))) for m, v in base.items()}


def kx_figures(
    seed: int, org: str, year: int, pop_10k: float, with_units: bool
) -> dict[tuple[str, str | None], int]:
    """A regional 科协 (province, city or county) of `pop_10k` ten-thousand residents."""
    r = org_rng(seed, org, "base")
    volunteers = pop_10k * r.uniform(3.5, 8.0)
    base = {
        "volunteers": volunteers,
        "volunteer_teams": volunteers / r.uniform(25, 45),
        "events": volunteers / r.uniform(6, 14),
        "media_reports": volunteers / r.uniform(6, 14) * r.uniform(0.12, 0.35),
        "beneficiaries": pop_10k * 10000 * r.uniform(0.015, 0.045),
    }
    if with_units:
        base["units_mobilized"] = pop_10k * r.uniform(0.25, 0.7)
    return _grow(base, seed, org, year)


def society_figures(
    seed: int, org: str, year: int, university: bool = False
) -> dict[tuple[str, str | None], int]:
    """A national society or a university/enterprise 科协: not tied to population."""
    r = org_rng(seed, org, "base")
    volunteers = r.uniform(200, 2500) if university else r.uniform(300, 5000)
    events = r.uniform(10, 150) if university else r.uniform(20, 400)
    base = {
        "volunteers": volunteers,
        "volunteer_teams": volunteers / r.uniform(15, 40),
        "events": events,
        "media_reports": events * r.uniform(0.3, 1.0),
        "beneficiaries": r.uniform(3000, 90000) if university else r.uniform(20000, 600000),
    }
    return _grow(base, seed, org, year)


def njx_figures(
    seed: int, org: str, year: int, branch: bool, alliance: bool
) -> dict[tuple[str, str | None], int]:
    """Seed 000's form: units and events per channel (农技协 / 科技小院 / 科普教育基地), then single rows."""
    r = org_rng(seed, org, "base")
    if branch:
        counts = {
            "农技协": r.choice([0, 0, r.randint(3, 60)]),
            "科技小院": r.randint(100, 600) if alliance else r.randint(2, 40),
            "科普教育基地": r.choice([0, r.randint(1, 20)]),
        }
    else:
        counts = {
            "农技协": r.randint(40, 600),
            "科技小院": r.randint(3, 80),
            "科普教育基地": r.randint(3, 60),
        }
    out: dict[tuple[str, str | None], int] = {}
    for channel, n in counts.items():
        out[("units_mobilized", channel)] = n
        out[("events", channel)] = round(n * r.uniform(0.6, 3.0))
    scale = 0.3 if branch else 1.0
    base = {
        "volunteers": r.uniform(500, 9000) * scale,
        "volunteer_teams": r.uniform(20, 300) * scale,
        "media_reports": r.uniform(20, 500) * scale,
        "beneficiaries": r.uniform(30000, 1500000) * scale,
    }
    out.update(_grow(base, seed, org, year))
    return out


def submission_time(rng: random.Random, year: int, deadline: str | None, late_share: float) -> datetime:
    """Beijing time the unit saved the file: mostly 2-4 weeks after 30 May, before the deadline; some late."""
    start = datetime(year, 5, 30)
    clock = timedelta(hours=rng.randint(8, 21), minutes=rng.randint(0, 59), seconds=rng.randint(0, 59))
    if deadline is None:
        return start + timedelta(days=rng.randint(14, 28)) + clock
    month, day = map(int, deadline.split("-"))
    due = datetime.combine(date(year, month, day), datetime.min.time())
    if rng.random() < late_share:
        return due + timedelta(days=rng.randint(1, 12)) + clock
    earliest = max(start + timedelta(days=3), due - timedelta(days=25))
    span = (due - earliest).days
    moment = earliest + timedelta(days=rng.randint(0, span)) + clock
    return min(moment, due + timedelta(hours=17, minutes=rng.randint(0, 59)))


def deadline_for(deadlines: dict, year: int, group: str) -> str | None:
    by_year = deadlines.get(year) or deadlines.get(str(year)) or {}
    return by_year.get(group) or by_year.get("default")
