"""A typed health check: exits non-zero when chronyd is unhealthy.

    python examples/health_check.py [ADDRESS] [--max-offset SECONDS]

Type-checked with `mypy --strict` by scripts/check, so it doubles as a test
that pychrony's public API is fully typed.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

import pychrony
from pychrony import (
    ChronyConnection,
    ChronyConnectionError,
    ChronyError,
    ChronyPermissionError,
    LeapStatus,
    Source,
    SourceState,
    TrackingStatus,
    Transport,
)
from pychrony.aio import AsyncChronyConnection


def problems(status: TrackingStatus, sources: list[Source], max_offset: float) -> list[str]:
    found: list[str] = []
    if not status.is_synchronized():
        found.append("not synchronised")
    if abs(status.offset) > max_offset:
        found.append(f"offset {status.offset:+.6f} s exceeds {max_offset} s")
    if status.leap_status is LeapStatus.UNSYNC:
        found.append("leap status: unsynchronised")
    reachable = [s for s in sources if s.is_reachable()]
    if not reachable:
        found.append("no reachable source")
    if not any(s.state is SourceState.SELECTED for s in sources):
        found.append("no selected source")
    return found


async def count_sources(address: str | None) -> int:
    async with AsyncChronyConnection(address, timeout=2.0) as conn:
        return len(await conn.get_sources())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("address", nargs="?")
    parser.add_argument("--max-offset", type=float, default=0.1)
    args = parser.parse_args(argv)
    address: str | None = args.address
    try:
        with ChronyConnection(address, timeout=2.0) as conn:
            status = conn.get_tracking()
            sources = conn.get_sources()
            where = "socket" if conn.transport is Transport.UNIX_SOCKET else "command port"
    except ChronyPermissionError as exc:
        print(f"UNKNOWN: {exc.message}")
        return 3
    except ChronyConnectionError as exc:
        print(f"CRITICAL: chronyd unreachable: {exc.message}")
        return 2
    except ChronyError as exc:
        print(f"UNKNOWN: {exc}")
        return 3
    found = problems(status, sources, args.max_offset)
    async_count = asyncio.run(count_sources(address))
    summary = f"{len(sources)} sources ({async_count} via asyncio), read over the {where}"
    if found:
        print(f"WARNING: {'; '.join(found)}; {summary}")
        return 1
    print(f"OK: pychrony {pychrony.__version__}, offset {status.offset:+.9f} s; {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
