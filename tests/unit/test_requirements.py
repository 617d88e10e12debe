"""Every package the ETL and the dashboard import is in requirements.txt (what `make run` installs).

The test suite runs with requirements-dev.txt, so a runtime import listed only there passes every test and
still breaks `make run` on a fresh machine (it happened with xlwt)."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions

from etl.paths import ROOT

RUNTIME_CODE = ["etl", "dashboard"]


def _imported_top_modules() -> set[str]:
    names: set[str] = set()
    for folder in RUNTIME_CODE:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names.update(a.name.split(".")[0] for a in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n not in RUNTIME_CODE}


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_runtime_imports_are_runtime_requirements() -> None:
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    listed = {
        _normalize(re.split(r"[=<>~ ]", line.strip())[0]) for line in lines if line.strip() and line[0] != "#"
    }
    dists = packages_distributions()
    missing = {}
    for module in _imported_top_modules():
        owners = {_normalize(d) for d in dists.get(module, [module])}
        if not owners & listed:
            missing[module] = sorted(owners)
    assert not missing, f"imported by etl/ or dashboard/ but not in requirements.txt: {missing}"
