"""The summary form's figures checked, as the data contract's value rules say.

One value cell: a number (etl/forms/values.py) in a unit its metric allows, not negative, not above the
metric's maximum; a fraction or an estimate (约1.2万) is kept with a warning. A metric written twice: the
first figure wins. A 合计/小计/总计 row is a check: compared with the sum of its metric's values.
"""

from __future__ import annotations

from etl.forms.records import FormValue, ParsedForm
from etl.forms.values import parse_number
from etl.forms.vocabulary import Catalogue, LabelMatch
from etl.issues import Issue, issue


def evaluate(fv: FormValue, raw: object, m: LabelMatch, unit_cell: tuple | None, cat: Catalogue,
             issues: list[Issue]) -> None:  # fmt: skip
    """Read one value cell and apply its metric's rules; a value that breaks one is `rejected` with an issue."""
    spec = cat.metrics[m.target]
    where = (fv.sheet, fv.cell)
    pn = parse_number(raw)
    if pn.error is not None:
        fv.role = "rejected"
        issues.append(issue("value_not_a_number", *where, label=fv.label, raw=fv.raw_text))
        return
    if pn.value is None:
        return
    value, unit = pn.value, pn.unit
    if unit is None and unit_cell is not None:
        unit = unit_cell[0]
        value *= unit_cell[1]
    elif unit is None and m.multiplier != 1.0 and not any(ch in fv.raw_text for ch in "万亿"):
        value *= m.multiplier  # 受益群众（万人次） | 12.5
    if unit is not None and unit not in spec.units:
        fv.role = "rejected"
        issues.append(issue("value_wrong_unit", *where, label=fv.label, raw=fv.raw_text, unit=unit,
                            expected=spec.unit_zh))  # fmt: skip
        return
    if value < 0:
        fv.role = "rejected"
        issues.append(issue("value_negative", *where, label=fv.label, raw=fv.raw_text))
        return
    if value > spec.max_value:
        fv.role = "rejected"
        issues.append(issue("value_too_large", *where, label=fv.label, raw=fv.raw_text,
                            maximum=f"{spec.max_value:,.0f}"))  # fmt: skip
        return
    value = round(value, 6)
    fv.value, fv.approximate = value, pn.approximate
    if not value.is_integer():
        issues.append(issue("value_not_integer", *where, label=fv.label, raw=fv.raw_text))
    if pn.approximate:
        issues.append(
            issue("value_approximate", *where, label=fv.label, raw=fv.raw_text, value=f"{value:,.0f}")
        )


def resolve_repeats(out: ParsedForm, cat: Catalogue) -> None:
    """The same metric (and channel) twice: the first with a figure wins, the others are not used."""
    first: dict[tuple[str, str | None], FormValue] = {}
    for fv in out.values:
        if fv.role != "value" or fv.metric is None:
            continue
        key = (fv.metric, fv.channel)
        kept = first.get(key)
        if kept is None:
            first[key] = fv
        elif kept.value is None and fv.value is not None and kept.raw_text == "":
            kept.role = "rejected"  # a blank first field yields to a filled one
            first[key] = fv
        else:
            fv.role = "rejected"
            if fv.value is not None:
                out.issues.append(issue("metric_repeated", fv.sheet, fv.cell,
                                        metric=cat.metrics[fv.metric].name_zh, other=kept.cell))  # fmt: skip
            fv.value = None


def check_totals(out: ParsedForm, cat: Catalogue) -> None:
    """A 合计/小计/总计 against the sum of its metric's values; a total with no items is the value itself."""
    for t in out.values:
        if t.role != "total" or t.metric is None or t.value is None:
            continue
        items = [v for v in out.values if v.role == "value" and v.metric == t.metric
                 and (t.channel is None or v.channel == t.channel)]  # fmt: skip
        if not items:  # the total is the only figure of its metric: it is the value
            t.role = "value"
            continue
        total = sum(v.value for v in items if v.value is not None)
        if abs(total - t.value) > 0.5:
            out.issues.append(issue("total_mismatch", t.sheet, t.cell, label=t.label,
                                    total=f"{t.value:,.0f}", sum=f"{total:,.0f}"))  # fmt: skip
