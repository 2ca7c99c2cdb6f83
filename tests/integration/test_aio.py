"""AsyncChronyConnection against real chronyd: no thread per query, many
connections on one loop, deadlines under a stopped daemon, cancellation."""

from __future__ import annotations

import asyncio
import signal
import threading
import time

import pytest
from pychrony import ChronyConnection, ChronyPermissionError, ChronyTimeoutError, TrackingStatus
from pychrony.aio import AsyncChronyConnection


def test_every_report_matches_the_blocking_api(testbed):
    async def read_all():
        async with AsyncChronyConnection(testbed.socket_path) as conn:
            return {
                "tracking": (await conn.get_tracking()).reference_id,
                "sources": sorted(s.address for s in await conn.get_sources()),
                "sourcestats": len(await conn.get_source_stats()),
                "selectdata": len(await conn.get_selection_data()),
                "activity": (await conn.get_activity()).burst_online
                + (await conn.get_activity()).online,
                "authdata": [a.address for a in await conn.get_auth_data()],
                "ntpdata": [n.remote_port for n in await conn.get_ntp_data()],
                "serverstats": (await conn.get_server_stats()).ntp_requests,
                "rtcdata": await conn.get_rtc_data(),
                "smoothing": await conn.get_smoothing(),
                "generic": len(await conn.get_report("sources")),
            }

    got = asyncio.run(read_all())
    assert got == {
        "tracking": 0x7F000001,
        "sources": ["127.0.0.1", "GPS"],
        "sourcestats": 2,
        "selectdata": 2,
        "activity": 1,
        "authdata": ["127.0.0.1"],
        "ntpdata": [testbed.upstream_port],
        "serverstats": 0,
        "rtcdata": None,
        "smoothing": None,
        "generic": 2,
    }


def test_hundreds_of_connections_on_one_loop_without_threads(testbed):
    threads_before = threading.active_count()

    async def one(address: str) -> int:
        async with AsyncChronyConnection(address) as conn:
            return (await conn.get_tracking()).stratum

    async def many():
        addresses = [testbed.address, testbed.socket_path] * 150
        results = await asyncio.gather(*(one(a) for a in addresses))
        return results, threading.active_count()

    start = time.monotonic()
    results, threads_during = asyncio.run(many())
    assert results == [4] * 300
    assert threads_during == threads_before
    assert time.monotonic() - start < 10


def test_concurrent_awaits_on_one_connection(testbed):
    async def run():
        async with AsyncChronyConnection(testbed.address) as conn:
            return await asyncio.gather(*(conn.get_tracking() for _ in range(50)))

    results = asyncio.run(run())
    assert all(isinstance(r, TrackingStatus) and r.stratum == 4 for r in results)


def test_stopped_daemon_times_out_without_blocking_the_loop(private_testbed):
    ticks = 0

    async def ticker():
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    async def run():
        tick_task = asyncio.create_task(ticker())
        async with AsyncChronyConnection(private_testbed.address, timeout=1.2) as conn:
            start = time.monotonic()
            with pytest.raises(ChronyTimeoutError):
                await conn.get_tracking()
            elapsed = time.monotonic() - start
        tick_task.cancel()
        return elapsed

    private_testbed.daemon.signal(signal.SIGSTOP)
    try:
        elapsed = asyncio.run(run())
    finally:
        private_testbed.daemon.signal(signal.SIGCONT)
    assert 1.2 <= elapsed < 1.6
    assert ticks > 50  # the loop kept running while we waited


def test_cancelled_await_leaves_the_connection_usable(private_testbed):
    async def run():
        async with AsyncChronyConnection(private_testbed.socket_path, timeout=5) as conn:
            private_testbed.daemon.signal(signal.SIGSTOP)
            try:
                with pytest.raises(asyncio.TimeoutError):
                    await asyncio.wait_for(conn.get_sources(), 0.3)
            finally:
                private_testbed.daemon.signal(signal.SIGCONT)
            # The stale reply to the cancelled request arrives now; it is ignored.
            return [(await conn.get_tracking()).stratum for _ in range(3)]

    assert asyncio.run(run()) == [4, 4, 4]


def test_unix_only_report_refused_over_udp(testbed):
    async def run():
        async with AsyncChronyConnection(testbed.address) as conn:
            with pytest.raises(ChronyPermissionError):
                await conn.get_ntp_data()
            return (await conn.get_tracking()).stratum

    assert asyncio.run(run()) == 4


def test_awaits_outside_async_with_raise():
    conn = AsyncChronyConnection("127.0.0.1")
    with pytest.raises(RuntimeError, match="async with"):
        asyncio.run(conn.get_tracking())


def test_sync_and_async_agree_on_transport(testbed):
    async def transport():
        async with AsyncChronyConnection(testbed.socket_path) as conn:
            return conn.transport, conn.address

    with ChronyConnection(testbed.socket_path) as conn:
        assert asyncio.run(transport()) == (conn.transport, conn.address)
