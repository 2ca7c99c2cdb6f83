"""Parsing `chronyc -c` output for comparisons with pychrony."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

LEAP = {"Normal": 0, "Insert second": 1, "Delete second": 2, "Not synchronised": 3}


def rows(text: str) -> list[list[str]]:
    return [line.split(",") for line in text.strip().splitlines() if line]


def close(a: float, b: float, rel: float = 1e-3, abs_: float = 1e-6) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


def stable(
    read: Callable[[], T], key: Callable[[T], Any], chronyc: Callable[[], str], tries: int = 20
) -> tuple[T, str]:
    """Read ours, then chronyc, then ours again until chronyd did not update
    in between (same `key` both times): the values then describe one state."""
    for _ in range(tries):
        before = read()
        text = chronyc()
        after = read()
        if key(before) == key(after):
            return after, text
    raise AssertionError("chronyd kept updating; no stable window to compare in")
