"""Waiting in tests: poll for a condition with a deadline, never sleep a fixed time and hope."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_until(cond: Callable[[], T], timeout: float, what: str = "the condition", every: float = 0.005) -> T:
    """Return cond()'s first truthy value; raise TimeoutError after `timeout` seconds.

    `every` is only the polling interval (the one sleep in the suite): how long the wait lasts is
    decided by the condition, so a fast machine never finds it already over, a slow one never too early.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = cond()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout:.0f} s for {what}")
        time.sleep(every)
