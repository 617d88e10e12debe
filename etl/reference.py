"""The one loader of reference data (data/reference/ and the dashboard's text files).

YAML goes through libyaml when PyYAML has it (its wheels do): reference files load ~10x faster, which
every build, worker process and dashboard start pays; the same safe subset as `yaml.safe_load`.
Files are read once per process (`load_yaml`, `read_csv` cache by path): treat what they return as
read-only.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from etl.paths import REFERENCE_DIR

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _path(name: str | Path) -> Path:
    """A bare name is a file of data/reference/; a path is taken as it is."""
    return name if isinstance(name, Path) else REFERENCE_DIR / name


def parse_yaml(text: str) -> Any:
    """YAML text -> Python objects (safe subset, C loader when available)."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader (C or Python)


@cache
def load_yaml(name: str | Path) -> Any:
    """A reference YAML file (`"metrics.yaml"`, or any path), parsed once per process."""
    return parse_yaml(_path(name).read_text(encoding="utf-8"))


@cache
def _csv_rows(path: Path) -> tuple[dict[str, str], ...]:
    with open(path, encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(line for line in fh if not line.startswith("#")))


def read_csv(name: str | Path) -> list[dict[str, str]]:
    """A reference CSV: its first lines are `# source: ...` comments, then a header row."""
    return list(_csv_rows(_path(name)))
