"""`python -m etl build`: every notice and submission under the folders -> the database.

Load: list files, reuse cached parses by content hash, parse the rest (both cores when it pays).
Process: place each file (year, organization, channel, duplicates), parse notices.
Save: one new database file, swapped in atomically under a lock.
Each phase is announced to etl.pipeline.faults, where a test can pause, kill or crash the build.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from etl.pipeline import cache, deadlines, faults, incremental, load, reference_tables
from etl.pipeline.extract import Extracted, extract_file, extract_isolated, extract_many, sha256_of
from etl.pipeline.resolve import FileInput, Rows, place, place_one, resolve

ETL_VERSION = "1.0"
PARALLEL_THRESHOLD = 200  # below this, starting worker processes costs more than it saves
CHUNK = 64


@dataclass
class BuildSummary:
    db_path: Path
    files_read: int
    loaded: int
    duplicate: int
    rejected: int
    values_used: int
    errors: int
    warnings: int
    notices: int
    skipped: bool = False  # nothing changed since the last build: the database was kept

    def lines(self) -> list[str]:
        if self.skipped:
            return [f"输入未变化，数据库保持不变 / inputs unchanged, database kept: {self.db_path}"]
        return [
            f"数据库 / database: {self.db_path}",
            f"文件 / files: {self.files_read}  导入 loaded: {self.loaded}  重复 duplicate: {self.duplicate}"
            f"  拒收 rejected: {self.rejected}",
            f"采用数值 / values used: {self.values_used}  通知 / notices: {self.notices}",
            f"问题 / issues: {self.errors} 个错误 errors, {self.warnings} 个警告 warnings"
            " (详见 load_issues 表 / see the load_issues table)",
        ]


def list_submission_files(folder: Path) -> list[Path]:
    """Every file under the folder except hidden ones (.DS_Store, ~$ Office lock files count)."""
    return [Path(p) for p, _ in _walk(folder)]


def _walk(folder: Path) -> list[tuple[str, int]]:
    """(path, mtime_ns) of every non-hidden file, sorted; one scandir pass on plain strings (rglob, stat
    and sorting Path objects took 1.4 s at 11k files; a no-change rebuild has 1 s in all)."""
    if not folder.exists():
        return []
    found: list[tuple[str, int]] = []
    stack = [str(folder)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif entry.is_file():
                    found.append((entry.path, entry.stat().st_mtime_ns))
    found.sort()
    return found


def _read_sha(path: str) -> str:
    with open(path, "rb") as fh:
        return sha256_of(fh.read())


def list_notice_files(folder: Path) -> list[Path]:
    """Every non-hidden file under the folder, whatever its suffix: each is read or gets a load_issues row
    saying why not (etl/notices/collect.py), never skipped silently."""
    return [Path(p) for p, _ in _walk(folder)]


def _parse_uncached(paths: list[str], workers: int | None, meanwhile: Callable[[], None],
                    each: Callable[[str, Extracted], None] | None = None, isolate: bool = False) -> list[Extracted]:
    """Parse in worker processes when it pays; `meanwhile` runs in this process while they work, and
    `each` on every file as it comes back (this process would otherwise wait for the next chunk).
    `isolate`: a file parsed in this process is read in a child first (`extract_isolated`)."""
    workers = workers or os.cpu_count() or 1
    done: list[Extracted] = []
    if len(paths) < PARALLEL_THRESHOLD or workers < 2:
        meanwhile()
        extract = extract_isolated if isolate else extract_file
        for path in paths:
            done.append(extract(Path(path)))
            faults.at("parsed", os.path.basename(path))
            if each:
                each(path, done[-1])
        return done
    from concurrent.futures import ProcessPoolExecutor  # here: an incremental rebuild seldom needs a pool

    chunks = [paths[i:i + CHUNK] for i in range(0, len(paths), CHUNK)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        parts = pool.map(extract_many, chunks)
        meanwhile()
        for chunk, part in zip(chunks, parts, strict=True):  # announced here, not in the workers
            for path, ex in zip(chunk, part, strict=True):
                done.append(ex)
                faults.at("parsed", os.path.basename(path))
                if each:
                    each(path, ex)
        return done


def _extract_all(files: list[str], shas: dict[str, str] | None, cache_dir: Path | None, workers: int | None,
                 meanwhile: Callable[[], None], each: Callable[[str, Extracted], None],
                 isolate: bool = False) -> list[Extracted]:
    """Each file's extraction, from the cache by content hash where one is given (`shas`), else parsed."""
    cached = cache.load(cache_dir) if cache_dir and shas is not None else {}
    results: dict[str, Extracted] = {}
    todo: list[str] = []
    for path in files:
        hit = cached.get(shas[path]) if cached else None
        if hit is not None:
            results[path] = hit
        else:
            todo.append(path)
    for path, ex in zip(todo, _parse_uncached(todo, workers, meanwhile, each, isolate), strict=True):
        results[path] = ex
    if cache_dir and todo:
        cache.save(cache_dir, {ex.sha256: ex for ex in results.values()})
    return [results[p] for p in files]


def _inputs_hash(walked: list[tuple[str, int]], shas: list[str], skip: int, notice_files: list[Path]) -> str:
    """Everything the database depends on: file bytes, their places and times, and the code."""
    digest = hashlib.sha256(cache.code_fingerprint().encode())
    for (path, mtime_ns), sha in zip(walked, shas, strict=True):
        digest.update(f"{path[skip:]}\0{mtime_ns}\0{sha}\0".encode())
    for path in notice_files:
        digest.update(f"{path.name}\0{sha256_of(path.read_bytes())}\0".encode())
    return digest.hexdigest()


def build(submissions_dir: Path, notices_dir: Path, db_path: Path, *, cache_dir: Path | None = None,
          workers: int | None = None, force: bool = False, isolate: bool = False) -> BuildSummary:
    """Build the database; a file that cannot be used becomes a load_issues row, never an exception.

    `isolate`: for a build run inside a long-lived process (the dashboard's server, after an upload), each
    file parsed in this process is read in a child process first (etl/pipeline/canary.py), so a reader that
    aborts rejects that file instead of ending the server (worker processes need no such care).

    When the previous database was built by the same code (and the cache is in use, i.e. not --no-cache,
    not --force), only the files that changed are parsed and written (etl/pipeline/incremental.py);
    otherwise every file is placed and written afresh."""

    with load.build_lock(db_path):
        faults.at("locked")
        load.remove_leftovers(db_path)
        if cache_dir:
            cache.remove_leftovers(cache_dir)
        faults.at("listing")
        walked = _walk(submissions_dir)
        skip = len(str(submissions_dir).rstrip(os.sep)) + 1  # the relative path starts here
        notice_files = list_notice_files(notices_dir)
        faults.at("listed")
        previous = load.read_run(db_path)
        hashed_too = notice_files + deadlines.input_files(submissions_dir)
        sha_list: list[str] | None = None
        inputs_hash: str | None = None
        if cache_dir is not None or (not force and previous is not None):
            # hashed first: to look files up in the cache, or to find that nothing changed
            sha_list = [_read_sha(p) for p, _ in walked]
            inputs_hash = _inputs_hash(walked, sha_list, skip, hashed_too)
            faults.at("hashed")
            if not force and previous is not None and previous["inputs_sha256"] == inputs_hash:
                return BuildSummary(db_path, len(walked), 0, 0, 0, 0, 0, 0, len(notice_files), skipped=True)
        # else nothing to compare with and no cache: the workers' own hashes serve (each file read once)
        run = {
            "built_at": datetime.now(UTC).replace(tzinfo=None), "submissions_dir": str(submissions_dir),
            "notices_dir": str(notices_dir), "etl_version": ETL_VERSION, "notices_read": len(notice_files),
            "inputs_sha256": inputs_hash, "code_sha256": cache.code_fingerprint(),
            "notices_sha256": _notices_hash(notice_files),
        }
        sources = [p[skip:].replace(os.sep, "/") for p, _ in walked]  # relative, '/' separated
        mtimes = {s: datetime.fromtimestamp(ns / 1e9, tz=UTC) for s, (_, ns) in zip(sources, walked, strict=True)}
        if sha_list is not None and not force and cache_dir and previous is not None \
                and previous.get("code_sha256") == run["code_sha256"]:
            recorded = _update(submissions_dir, db_path, walked, sha_list, sources, mtimes, notice_files, run,
                               previous, cache_dir, workers, isolate)
        else:
            recorded = _full(submissions_dir, db_path, walked, sha_list, mtimes, notice_files, run, cache_dir,
                             workers, lambda shas: _inputs_hash(walked, shas, skip, hashed_too), isolate)
    faults.at("unlocked")
    return BuildSummary(db_path, recorded["files_read"], recorded["files_loaded"], recorded["files_duplicate"],
                        recorded["files_rejected"], recorded["values_used"], recorded["issues_error"],
                        recorded["issues_warning"], len(notice_files))


def _notices_hash(notice_files: list[Path]) -> str:
    """The notice files by name and bytes: an incremental rebuild reads the notices again when it changes."""
    digest = hashlib.sha256()
    for path in notice_files:
        digest.update(f"{path.name}\0{sha256_of(path.read_bytes())}\0".encode())
    return digest.hexdigest()


def _full(submissions_dir: Path, db_path: Path, walked: list[tuple[str, int]], sha_list: list[str] | None,
          mtimes: dict[str, datetime], notice_files: list[Path], run: dict, cache_dir: Path | None,
          workers: int | None, inputs_hash: Callable[[list[str]], str], isolate: bool = False) -> dict:
    """Every file placed and written into a new database. `sha_list` None: the files were not hashed
    before parsing, and the run's inputs hash is made from the workers' hashes (`inputs_hash`)."""
    from etl.notices.collect import load_notices  # here: an incremental rebuild seldom reads notices

    files = [p for p, _ in walked]  # plain strings: Path objects for 11k files cost ~0.5 s here
    shas = None if sha_list is None else dict(zip(files, sha_list, strict=True))
    notices: list = []

    def meanwhile() -> None:
        # while the workers parse, this process would only wait: read the notices and import
        # pyarrow and pandas (needed to write: DuckDB's client imports pandas on the first scan of any
        # Python object, an Arrow table too) now, off the build's serial path
        notices.extend(load_notices(notice_files, cache_dir))
        faults.at("notices-read")
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401

    sources = dict(zip(files, mtimes, strict=True))  # path -> source file (mtimes is in walk order)
    placed: dict[str, Rows] = {}

    def each(path: str, ex: Extracted) -> None:
        # each file placed as it comes back from a worker, not all of them after the last one
        source = sources[path]
        placed[source] = place_one(FileInput(source, ex, mtimes[source]))

    extracted = _extract_all(files, shas, cache_dir, workers, meanwhile, each, isolate)
    if run["inputs_sha256"] is None:
        run["inputs_sha256"] = inputs_hash([ex.sha256 for ex in extracted])
        faults.at("hashed")
    inputs = [FileInput(source, ex, mtime) for (source, mtime), ex in zip(mtimes.items(), extracted, strict=True)]
    faults.at("resolving")
    rows = resolve(inputs, placed)
    faults.at("resolved")
    notice_tables, notice_issues = notices
    tables = reference_tables.tables() | deadlines.tables(submissions_dir) | {
        "submissions": rows.submissions, "cell_values": rows.cell_values,
        "submission_contacts": rows.contacts, "load_issues": rows.issues + notice_issues,
    } | notice_tables | rows.activities
    return load.write_database(db_path, tables, run)


def _update(submissions_dir: Path, db_path: Path, walked: list[tuple[str, int]], sha_list: list[str],
            sources: list[str], mtimes: dict[str, datetime], notice_files: list[Path], run: dict,
            previous: dict, cache_dir: Path, workers: int | None, isolate: bool = False) -> dict:
    """Only the changed files parsed and placed; the previous database copied and changed (incremental.py)."""
    current = {source: (sha, mtimes[source]) for source, sha in zip(sources, sha_list, strict=True)}
    changes = incremental.compare(current, load.read_files(db_path))
    faults.at("compared", f"{len(changes.parse)} to parse, {len(changes.drop)} to drop")
    notices = None
    if previous.get("notices_sha256") != run["notices_sha256"]:
        from etl.notices.collect import load_notices

        notices = load_notices(notice_files, cache_dir)  # the unchanged ones (a .doc above all) from the cache
        faults.at("notices-read")
    by_source = {source: p for source, (p, _) in zip(sources, walked, strict=True)}
    extracted = _parse_uncached([by_source[s] for s in changes.parse], workers, lambda: None, isolate=isolate)
    inputs = [FileInput(source, ex, mtimes[source]) for source, ex in zip(changes.parse, extracted, strict=True)]
    faults.at("resolving")
    placed = place(inputs)
    faults.at("resolved")
    tables = deadlines.tables(submissions_dir)
    return load.update_database(db_path, lambda con: incremental.apply(con, changes, placed, tables, notices, run))
