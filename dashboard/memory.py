"""What the dashboard process hands back to the system: the allocators set up once per process.

Measured (issue 16, item 4; docs/performance.md "Dashboard memory"): Streamlit's caches hold ~4 MB and
session state next to nothing, yet the server's RSS climbed ~40 MB per 24 page visits. The growth was
memory freed but kept: every script run is a thread of its own, glibc gives threads up to 8 × cores
malloc arenas, and each arena keeps what its queries' frames (DuckDB results, pandas, Arrow) freed.
`setup()` caps the arenas and gives freed pages back every few seconds from one background thread, off
the pages' path; Arrow allocates from malloc too (its mimalloc pool keeps freed segments of its own).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
import time

M_ARENA_MAX = -8  # glibc's mallopt parameter (malloc.h)
# Two arenas: script threads share them (a lock taken per malloc costs nothing we measured at 2 cores);
# the default 16 kept ~10-30 MB each of freed frames.
ARENA_MAX = 2
TRIM_EVERY_S = 10.0  # one malloc_trim took 0.4-1.9 ms after each page at 11,404 workbooks: nothing, every 10 s

_started = threading.Lock()
_trimmer: threading.Thread | None = None


def _libc() -> ctypes.CDLL | None:
    """glibc, or None elsewhere (musl, macOS: they have no mallopt/malloc_trim worth calling)."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        libc.malloc_trim, libc.mallopt  # noqa: B018 - both exist only in glibc
    except (OSError, AttributeError):
        return None
    return libc


def _trim_forever(libc: ctypes.CDLL, every: float) -> None:
    while True:
        time.sleep(every)
        libc.malloc_trim(0)


def setup(trim_every: float = TRIM_EVERY_S) -> bool:
    """Cap malloc's arenas, route Arrow through malloc, and start the trimming thread; once per process
    (later calls do nothing). False where the C library is not glibc (nothing to set)."""
    global _trimmer
    with _started:
        if _trimmer is not None:
            return True
        libc = _libc()
        if libc is None:
            return False
        libc.mallopt(M_ARENA_MAX, ARENA_MAX)
        import pyarrow as pa

        pa.set_memory_pool(pa.system_memory_pool())
        _trimmer = threading.Thread(
            target=_trim_forever, args=(libc, trim_every), name="malloc-trim", daemon=True
        )
        _trimmer.start()
        return True
