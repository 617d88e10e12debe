"""What the form parsers yield: a summary form's figures and contacts, and the activity forms' activities.

`ParsedForm` (etl/forms/summary.py) holds `FormValue`s, each with the sheet and cell it came from, and
`Contact`s; `ActivityForm` (etl/forms/activities.py) holds `RecommendedActivity` (附件2 优秀活动推荐表) and
`PlannedActivity` (2021 筹备方案) rows, and builds their table rows for the loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from etl.issues import Issue


@dataclass
class FormValue:
    sheet: str
    cell: str  # A1 address of the value cell
    label: str  # the label as written (whitespace collapsed)
    label_cell: str
    raw_text: str  # the value as written
    metric: str | None
    channel: str | None
    value: float | None
    approximate: bool
    role: str  # value | total | unmapped | rejected


@dataclass
class Contact:
    sheet: str
    cell: str
    field: str  # contact_name | phone | address | email
    value: str


@dataclass
class ParsedForm:
    form: str | None  # summary | recommendation | plan | None (not a form: the caller rejects the file)
    org_name: str | None = None
    org_sheet: str | None = None
    org_cell: str | None = None
    title: str | None = None
    year_hint: int | None = None
    values: list[FormValue] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


@dataclass
class RecommendedActivity:
    sheet: str
    cell: str  # the activity's name cell (the reason label's cell when it is only named there)
    seq: int
    name: str | None
    organizer: str | None
    reason: str | None = None
    reason_sheet: str | None = None
    reason_cell: str | None = None
    reason_length: int = 0  # characters without whitespace, as a 300-字 limit is counted
    reason_too_long: bool = False


@dataclass
class PlannedActivity:
    sheet: str
    cell: str  # the activity name's cell
    name: str | None
    organizer: str | None
    undertaker: str | None
    modules: list[str]
    planned_time: str | None
    planned_place: str | None
    target_groups: list[str]
    planned_scale: str | None


@dataclass
class ActivityForm:
    form: str | None  # recommendation | plan | None (neither form found)
    org_name: str | None
    org_cell: str | None
    contacts: list[dict] = field(default_factory=list)  # {sheet, cell, field, value}: personal
    activities: list[RecommendedActivity | PlannedActivity] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    org_sheet: str | None = None
    year_hint: int | None = None

    def table_rows(self, submission: dict) -> dict[str, list[dict]]:
        """Rows for recommended_activities / planned_activities, keyed by schema column."""
        base = {
            k: submission.get(k)
            for k in (
                "submission_id",
                "source_file",
                "year",
                "org_name",
                "org_level",
                "reporting_system",
                "province",
            )
        }
        out: dict[str, list[dict]] = {"recommended_activities": [], "planned_activities": []}
        for a in self.activities:
            if isinstance(a, RecommendedActivity):
                out["recommended_activities"].append(
                    base
                    | {
                        "sheet": a.sheet,
                        "cell": a.cell,
                        "seq": a.seq,
                        "activity_name": a.name,
                        "organizer": a.organizer,
                        "reason": a.reason,
                        "reason_sheet": a.reason_sheet,
                        "reason_cell": a.reason_cell,
                        "reason_length": a.reason_length,
                        "reason_too_long": a.reason_too_long,
                    }
                )
            else:
                out["planned_activities"].append(
                    base
                    | {
                        "sheet": a.sheet,
                        "cell": a.cell,
                        "activity_name": a.name,
                        "organizer": a.organizer,
                        "undertaker": a.undertaker,
                        "modules": "、".join(a.modules),
                        "planned_time": a.planned_time,
                        "planned_place": a.planned_place,
                        "target_groups": "、".join(a.target_groups),
                        "planned_scale": a.planned_scale,
                    }
                )
        return {k: v for k, v in out.items() if v}
