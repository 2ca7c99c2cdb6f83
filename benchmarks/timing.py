"""Time pychrony calls in this interpreter: whichever pychrony it imports
(ours, or 2.0.3 in the reference venv). Prints JSON {operation: ns per call}.

    python timing.py ADDRESS CALLS OPERATION [OPERATION ...]

Each operation runs 5 batches of CALLS calls on one open connection; the
median batch gives the per-call time.
"""

from __future__ import annotations

import json
import statistics
import sys
import time

import pychrony


def per_call_ns(fn, calls: int) -> float:
    fn()  # warm up: connection, caches
    batches = []
    for _ in range(5):
        start = time.perf_counter_ns()
        for _ in range(calls):
            fn()
        batches.append((time.perf_counter_ns() - start) / calls)
    return statistics.median(batches)


def main() -> None:
    address, calls, operations = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    results = {}
    with pychrony.ChronyConnection(address) as conn:
        for op in operations:
            results[op] = per_call_ns(getattr(conn, op), calls)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
