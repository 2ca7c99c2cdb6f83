"""Memory of our connections: RSS per open connection, and RSS and open
file descriptors over many calls. Prints JSON.

    python memory.py ADDRESS CONNECTIONS CALLS
"""

from __future__ import annotations

import json
import os
import sys

import pychrony


def rss_kib() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def main() -> None:
    address, connections, calls = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    result: dict[str, float] = {}
    with pychrony.ChronyConnection(address) as warm:
        warm.get_tracking()
    before = rss_kib()
    opened = [pychrony.ChronyConnection(address) for _ in range(connections)]
    for conn in opened:
        conn.open()
    result["kib_per_connection"] = (rss_kib() - before) / connections
    for conn in opened:
        conn.close()
    with pychrony.ChronyConnection(address) as conn:
        samples = []
        step = max(calls // 5, 1)
        for i in range(calls):
            conn.get_tracking()
            if i % step == 0:
                samples.append((rss_kib(), fds()))
    result["rss_kib_first"], result["fds_first"] = samples[1] if len(samples) > 1 else samples[0]
    result["rss_kib_last"], result["fds_last"] = samples[-1]
    result["calls"] = calls
    print(json.dumps(result))


if __name__ == "__main__":
    main()
