"""Soak: a million calls on one connection and 100,000 connections opened
and closed, against a test-bed chronyd; RSS and open fds sampled throughout.
Outside the CI time budget (a few minutes). Writes results/soak.md.

    .venv/bin/python benchmarks/soak.py [--calls N] [--connections N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

import pychrony  # noqa: E402
import testbed  # noqa: E402


def rss_kib() -> int:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))


def fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--connections", type=int, default=100_000)
    args = parser.parse_args()
    rows = []
    start = time.monotonic()
    with testbed.running() as bed:
        assert bed.daemon.process is not None
        os.sched_setaffinity(bed.daemon.process.pid, {0})
        os.sched_setaffinity(0, {0})
        with pychrony.ChronyConnection(bed.socket_path) as conn:
            step = max(args.calls // 10, 1)
            for i in range(args.calls):
                conn.get_tracking()
                if i % step == 0 or i == args.calls - 1:
                    rows.append(("calls", i + 1, rss_kib(), fds()))
        step = max(args.connections // 10, 1)
        for i in range(args.connections):
            address = bed.socket_path if i % 2 else bed.address
            with pychrony.ChronyConnection(address) as conn:
                if i % 100 == 0:
                    conn.get_tracking()
            if i % step == 0 or i == args.connections - 1:
                rows.append(("connections", i + 1, rss_kib(), fds()))
        leftovers = [p for p in Path(bed.socket_path).parent.iterdir() if "libchrony" in p.name]
    elapsed = time.monotonic() - start
    lines = [
        "# Soak",
        "",
        f"{time.strftime('%Y-%m-%d')}: {args.calls:,} `get_tracking()` calls on one "
        f"Unix-socket connection, then {args.connections:,} connections opened and closed "
        f"(Unix socket and UDP alternately), in {elapsed:.0f} s. libchrony client sockets "
        f"left behind: {len(leftovers)}.",
        "",
        "| phase | done | RSS (KiB) | open fds |",
        "|---|---|---|---|",
        *(f"| {phase} | {n:,} | {rss:,} | {fd} |" for phase, n, rss, fd in rows),
        "",
    ]
    text = "\n".join(lines)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "soak.md").write_text(text)
    print(text)
    growth = rows[-1][2] - rows[1][2]
    # Within each phase the fd count must not move (an open connection holds
    # two: its socket and libchrony's /dev/urandom handle).
    steady = all(
        len({r[3] for r in rows if r[0] == phase}) == 1 for phase in ("calls", "connections")
    )
    print(f"RSS growth after warm-up: {growth} KiB; fd counts steady within each phase: {steady}")
    return 0 if growth < 2048 and steady and not leftovers else 1


if __name__ == "__main__":
    sys.exit(main())
