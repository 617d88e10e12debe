"""Parsed-file cache: unchanged files (same bytes) are not parsed again on rebuild.

Keyed by the file's SHA-256 and by a fingerprint of the ETL code and reference data, so a new
parser or a new synonym invalidates everything at once. Never keyed by name or time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path

from etl.paths import REFERENCE_DIR, ROOT
from etl.pipeline import faults
from etl.pipeline.extract import Extracted
from etl.readers.convert import soffice

CACHE_FILE = "parsed.pickle"
NOTICE_CACHE_FILE = "notices.pickle"  # parsed notices (etl/notices/collect.py), by content hash and name
TEMP_PREFIX = ".parsed-"  # then the writer's pid: a killed writer's temp file is known by its dead pid


@cache
def code_fingerprint() -> str:
    """Hash of every ETL module and reference file, and whether the converter is installed: what a parse
    result depends on besides the file."""
    digest = hashlib.sha256()
    for folder in (ROOT / "etl", REFERENCE_DIR):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in {".py", ".yaml", ".csv", ".sql"}:
                digest.update(path.relative_to(ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    # a .doc/.wps/.et reads differently once LibreOffice is installed (etl/readers/convert.py)
    digest.update(f"converter:{soffice() is not None}".encode())
    return digest.hexdigest()


def load(cache_dir: Path, name: str = CACHE_FILE) -> dict:
    """Cached results for this code version; empty when absent, stale or unreadable. `name`: which cache
    (parsed submissions, or NOTICE_CACHE_FILE)."""
    path = cache_dir / name
    try:
        with open(path, "rb") as fh:
            stored = pickle.load(fh)  # our own file, written below; never user input
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return {}
    if not isinstance(stored, dict) or stored.get("fingerprint") != code_fingerprint():
        return {}
    return stored.get("results", {})


def save(cache_dir: Path, results: dict[str, Extracted], name: str = CACHE_FILE) -> None:
    """Write atomically, so a killed build never leaves a half-written cache. Only the submissions' cache
    announces its fault points (the fault tests count them)."""
    announce = faults.at if name == CACHE_FILE else _quiet
    cache_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump({"fingerprint": code_fingerprint(), "results": results}, fh, protocol=5)
        announce("cache-written")
        os.replace(tmp, cache_dir / name)
        announce("cache-saved")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _quiet(point: str) -> None:
    """No fault point here."""


def remove_leftovers(cache_dir: Path) -> None:
    """Temp files of killed writers (builds of other databases may share the folder: spare the living)."""
    if not cache_dir.is_dir():
        return
    for temp in cache_dir.glob(f"{TEMP_PREFIX}*.tmp"):
        pid = temp.name[len(TEMP_PREFIX):].split("-", 1)[0]
        if not pid.isdigit() or not _alive(int(pid)):
            temp.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True
