"""Named points in the build, where a test can pause, kill or crash it (fault tests driven by events).

The build calls `at("point")` at each phase: lock, listing, every parsed file, resolving, every table
written, the file closed, the swap, after the swap. Nothing happens unless a plan is armed, from the
environment (read once, at import) or by `arm()`:

    CAMPAIGN_FAULT="point[:nth]=action[,point[:nth]=action...]"    e.g. "table:3=kill", "*=trace"

`nth` counts the occurrences of that point in this process, from 1 (no nth: every occurrence); `*`
matches every point. Actions:
    pause  write `<dir>/<point>.<nth>.paused` (holding the pid) and wait until `<dir>/<point>.<nth>.release`
           appears; polls with a deadline (PAUSE_LIMIT s), then raises FaultTimeout
    kill   SIGKILL this process (nothing runs after it: no finally, no atexit)
    raise  raise FaultInjected
    trace  append "point:nth detail" to `<dir>/trace` (each line flushed, so a killed build leaves its trail)
    hook   call the function given to `arm(..., hook=fn)` with (point, nth, detail)
`<dir>` is CAMPAIGN_FAULT_DIR (default: the current directory). Unarmed, `at` costs one truth test.
"""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ENV = "CAMPAIGN_FAULT"
DIR_ENV = "CAMPAIGN_FAULT_DIR"
ACTIONS = ("pause", "kill", "raise", "trace", "hook")
PAUSE_LIMIT = 300.0  # a paused build nobody releases gives up instead of holding the lock for ever
POLL = 0.002

Hook = Callable[[str, int, str], None]


class FaultInjected(RuntimeError):
    """Raised by the `raise` action: a crash at a known point."""


class FaultTimeout(RuntimeError):
    """A paused build was not released in time."""


# point -> [(nth or None, action)]; empty when unarmed (the only thing `at` looks at then)
_plan: dict[str, list[tuple[int | None, str]]] = {}
_seen: Counter[str] = Counter()
_hook: Hook | None = None


def parse(spec: str) -> dict[str, list[tuple[int | None, str]]]:
    """"a:2=kill,*=trace" -> {"a": [(2, "kill")], "*": [(None, "trace")]}; rejects what it cannot read."""
    plan: dict[str, list[tuple[int | None, str]]] = {}
    for rule in filter(None, (r.strip() for r in spec.split(","))):
        where, sep, action = rule.partition("=")
        point, _, nth = where.strip().partition(":")
        if not sep or not point or action.strip() not in ACTIONS or (nth and not nth.isdigit()):
            raise ValueError(f"{ENV}: cannot read {rule!r} (want point[:nth]=one of {'/'.join(ACTIONS)})")
        plan.setdefault(point, []).append((int(nth) if nth else None, action.strip()))
    return plan


def arm(spec: str, hook: Hook | None = None) -> None:
    """Replace the plan (an empty spec disarms) and restart the occurrence counts."""
    global _hook
    _plan.clear()
    _plan.update(parse(spec))
    _seen.clear()
    _hook = hook


def disarm() -> None:
    arm("")


def at(point: str, detail: str = "") -> None:
    """The build is at `point` (`detail`: which file or table, for the trace only)."""
    if _plan:
        _fire(point, detail)


def _fire(point: str, detail: str) -> None:
    _seen[point] += 1
    nth = _seen[point]
    for key in (point, "*"):
        for want, action in _plan.get(key, ()):
            if want is None or want == nth:
                _ACT[action](point, nth, detail)


def _dir() -> Path:
    return Path(os.environ.get(DIR_ENV) or ".")


def _pause(point: str, nth: int, detail: str) -> None:
    marker = _dir() / f"{point}.{nth}.paused"
    release = _dir() / f"{point}.{nth}.release"
    marker.write_text(f"{os.getpid()}\n{detail}\n", encoding="utf-8")
    deadline = time.monotonic() + PAUSE_LIMIT
    while not release.exists():
        if time.monotonic() > deadline:
            raise FaultTimeout(f"paused at {point}:{nth} for {PAUSE_LIMIT:.0f} s, never released")
        time.sleep(POLL)


def _kill(point: str, nth: int, detail: str) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _raise(point: str, nth: int, detail: str) -> None:
    raise FaultInjected(f"fault injected at {point}:{nth} {detail}".rstrip())


def _trace(point: str, nth: int, detail: str) -> None:
    with open(_dir() / "trace", "a", encoding="utf-8") as fh:
        fh.write(f"{point}:{nth} {detail}".rstrip() + "\n")


def _call_hook(point: str, nth: int, detail: str) -> None:
    if _hook is not None:
        _hook(point, nth, detail)


_ACT: dict[str, Hook] = {"pause": _pause, "kill": _kill, "raise": _raise, "trace": _trace, "hook": _call_hook}

if os.environ.get(ENV):
    arm(os.environ[ENV])
