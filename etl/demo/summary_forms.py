"""A plan -> its summary form: which value styles, labels, contact and extras each demo form gets.

Every style and feature in demo_units.yaml is handed out at least once, in plan order (`Messiness`), so one
demo set shows them all; etl/demo/layouts.py lays the form out, etl/demo/generate.py writes it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from etl.demo.book.spec import BookSpec
from etl.demo.cell_styles import noisy_label
from etl.demo.layouts import KX_LAYOUTS, Cell, FormInput, njx
from etl.demo.plan import Plan


@dataclass
class Messiness:
    """Styles and features every demo set must show at least once, handed out in plan order."""

    styles: list[str]
    njx_totals: list[str] = field(default_factory=lambda: ["formula", "typed_wrong"])
    features: list[str] = field(default_factory=lambda: ["instructions", "remark"])


def contact_person(cfg: dict, rng: random.Random) -> tuple[str, str]:
    """A contact's name and mobile number, from the people in demo_units.yaml."""
    people = cfg["people"]
    name = rng.choice(people["surnames"]) + rng.choice(people["given"])
    phone = "1" + rng.choice(["38", "39", "58", "86", "37", "89"]) + f"{rng.randint(0, 99999999):08d}"
    return name, phone


def _fits(style: str, metric: str, value: int, cfg: dict) -> bool:
    if style in cfg["empty_styles"]:
        return metric in cfg["may_be_blank"]
    if style in ("wan", "approx_wan"):
        return value >= 10000
    if style in ("approx_yu", "approx_duo"):
        return value >= 20
    return True


def _styles(plan: Plan, figures: dict, cfg: dict, rng: random.Random, mess: Messiness) -> dict:
    """Clean files write plain numbers; messy ones one style per cell, covering every style somewhere."""
    if plan.bulk:
        return {k: rng.choice(["num", "num", "num", "text", "comma"]) for k in figures}
    if rng.random() >= cfg["messy_share"]:
        return {k: "num" for k in figures}
    names, weights = zip(*cfg["value_styles"].items(), strict=True)
    out = {}
    for key, value in figures.items():
        metric = key[0]
        pending = [s for s in mess.styles if _fits(s, metric, value, cfg)]
        if pending:
            style = pending[0]
            mess.styles.remove(style)
        elif metric in cfg["may_be_blank"] and rng.random() < 0.12:
            style = rng.choice(list(cfg["empty_styles"]))
        else:
            style = rng.choices(names, weights)[0]
            style = style if _fits(style, metric, value, cfg) else "num"
        out[key] = style
    return out


def _labels(cfg: dict, list_style: bool, rng: random.Random) -> dict[str, str]:
    source = cfg["list_labels"] if list_style else cfg["labels"]
    return {m: noisy_label(rng.choice(options), rng) for m, options in source.items()}


def _take(queue: list[str], fallback: str | None) -> str | None:
    return queue.pop(0) if queue else fallback


def summary_form(
    plan: Plan, cfg: dict, seed: int, rng: random.Random, mess: Messiness
) -> tuple[BookSpec, list[Cell]]:
    """The plan's form as a BookSpec, and each value cell with what the ETL must read from it."""
    figures = plan.figures(seed)
    if plan.special == "impossible":
        figures[("beneficiaries", None)] = 500_000_000
    if plan.special == "negative":
        figures[("volunteers", None)] = -300
    contact, phone = contact_person(cfg, rng)
    title = rng.choice(cfg["titles"]).format(year=plan.year)
    form = FormInput(
        org="" if plan.special == "blank_org" else plan.org,
        year=plan.year,
        title=title,
        figures=figures,
        styles=_styles(plan, figures, cfg, rng, mess),
        contact=contact,
        phone=phone,
    )
    if plan.special in ("impossible", "negative"):
        form.styles[("beneficiaries" if plan.special == "impossible" else "volunteers", None)] = "num"
    units = cfg["units_zh"]
    if plan.form == "njx":
        if rng.random() < 0.4 or mess.njx_totals:
            form.total = _take(mess.njx_totals, rng.choice(["formula", "typed_wrong", "typed_ok"]))
        return njx(
            form,
            cfg["njx_channel_rows"],
            cfg["njx_single_rows"],
            cfg["njx_events_label"],
            cfg["njx_total_label"],
            units,
            rng,
        )
    if plan.layout == "pairs" and not plan.bulk:
        if "instructions" in mess.features or rng.random() < 0.2:
            form.instructions = list(cfg["instructions"])
            mess.features = [f for f in mess.features if f != "instructions"]
        if plan.year == 2022 and ("remark" in mess.features or rng.random() < 0.3):
            form.remark = rng.choice(cfg["remarks"])
            mess.features = [f for f in mess.features if f != "remark"]
    labels = _labels(cfg, plan.layout == "list_table", rng)
    return KX_LAYOUTS[plan.layout](form, labels, units, rng)
