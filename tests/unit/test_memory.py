"""The dashboard process's memory is bounded (issue 16, item 4): every cache the pages go through has a
limit, and the allocator set-up (dashboard/memory.py) takes effect once per process. How much it saves is
measured by bench/dashboard_memory.py, not here."""

from __future__ import annotations

import subprocess
import sys
import threading

import pyarrow as pa
from streamlit.runtime.caching.cache_utils import CachedFunc

from dashboard import memory
from dashboard.data import cache
from etl.paths import ROOT


def _cached_functions() -> dict[str, CachedFunc]:
    return {name: fn for name, fn in vars(cache).items() if isinstance(fn, CachedFunc)}


def test_every_cache_of_the_pages_is_bounded_in_entries_and_time() -> None:
    found = _cached_functions()
    assert {"_cached", "_figure", "_status", "_built_at"} <= found.keys()
    for name, fn in found.items():
        assert fn._info.max_entries, f"{name} has no max_entries"
        assert fn._info.ttl, f"{name} has no ttl"


def test_query_results_are_bounded_in_bytes_too() -> None:
    # an explore frame of 11,400 rows is ~1 MB pickled: 256 of them would be the whole budget
    assert cache._cached._info.max_size_bytes == cache.MAX_RESULT_BYTES
    assert 0 < cache.MAX_RESULT_BYTES <= 128 * 2**20


def test_setup_routes_arrow_through_malloc_and_starts_one_trimming_thread() -> None:
    assert memory.setup(trim_every=3600)
    assert memory.setup(trim_every=3600)  # a second call (every script run makes one) changes nothing
    trimmers = [t for t in threading.enumerate() if t.name == "malloc-trim"]
    assert len(trimmers) == 1 and trimmers[0].daemon
    assert pa.default_memory_pool().backend_name == "system"


def test_the_overview_does_not_load_the_briefing_libraries_until_a_briefing_is_made() -> None:
    code = (
        "import sys; import dashboard.briefing_ui; "
        "print(sorted(m for m in ('fpdf', 'docx', 'fontTools', 'kaleido') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
