"""A notice form's field label -> (metric code, channel), with the label synonyms of
data/reference/metrics.yaml (through etl/forms/vocabulary.py, the same matcher the submission forms use)."""

from __future__ import annotations

from etl.paths import REFERENCE_DIR


def match_metric(label: str) -> tuple[str | None, str | None]:
    """('动员科技小院数量（个）') -> ('units_mobilized', '科技小院'); a non-metric field -> (None, None)."""
    if not (REFERENCE_DIR / "metrics.yaml").exists():
        return None, None  # the catalogue is optional input for notices: fields are still listed
    from etl.forms.vocabulary import catalogue

    found = catalogue().match(label)
    if found is None or found.kind != "metric":
        return None, None
    return found.target, found.channel
