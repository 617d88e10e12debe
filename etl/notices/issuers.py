"""Who issued a notice: its level, region and channel, from the issuers' names.

Every issuer is placed by the submissions' own matcher (etl/orgs/match.py `match_org`), so a notice and a
submission never disagree about who is who. The notice speaks with the voice of its first issuer that is a
region's own body (科协 / 农技协, or a national body); else of a region's government department
(重庆市科学技术局 speaks for 重庆市); else of its first issuer:

- a national body: `national` for the CAST system's own (notice_labels.yaml `national_core_issuers`), else
  `national_association` (中国农技协, a national society);
- a region's body or department: that region's level (province / city / county) and the region;
- a university, institute, hospital, enterprise or society: `unit`, its region being its province;
- a body named by its level word alone (市科协, 某县科学技术协会): that level, no region, and a warning;
  so does a name placed nowhere or in a place that may mean several (both warnings from `org_issue`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from etl.issues import Issue
from etl.notices.vocabulary import labels
from etl.orgs.match import OrgMatch, match_org, org_issue

REGION_LEVELS = ("province", "city", "county")


@dataclass(frozen=True)
class Placement:
    level: str | None = None
    region: str | None = None  # full name
    region_code: str | None = None
    reporting_system: str = "科协"
    issues: list[Issue] = field(default_factory=list)


def _voice(matches: list[OrgMatch]) -> OrgMatch:
    """The issuer the notice speaks for: a body of a region or the nation, else a department, else the first."""
    for wanted in (lambda m: m.org_level != "unit", lambda m: m.department):
        found = next((m for m in matches if wanted(m)), None)
        if found is not None:
            return found
    return matches[0]


def _region_of(match: OrgMatch, level: str) -> tuple[str | None, str | None]:
    """The region at the notice's level; a unit's region is its province."""
    if level == "county":
        return match.county, match.county_code
    if level == "city":
        return match.city, match.city_code
    return match.province, match.province_code


def place_issuers(issuers: list[str]) -> Placement:
    """Level, region, channel and warnings for a notice issued by `issuers` (in the notice's order)."""
    spec = labels()
    system = "农技协" if any(p in name for name in issuers for p in spec["nongjixie_patterns"]) else "科协"
    if not issuers:
        return Placement(reporting_system=system)
    matches = [match_org(name) for name in issuers]
    voice = _voice(matches)
    if voice.org_level == "national":
        core = set(spec["national_core_issuers"])
        level = "national" if any(name in core for name in issuers) else "national_association"
        return Placement(level, reporting_system=system)
    if voice.org_level == "unit" and voice.department:  # a department speaks for its region
        level = "county" if voice.county else "city" if voice.city else "province"
    else:
        level = voice.org_level
    region, code = _region_of(voice, level) if voice.matched else (None, None)
    warning = org_issue(voice)
    return Placement(level, region, code, system, [warning] if warning else [])
