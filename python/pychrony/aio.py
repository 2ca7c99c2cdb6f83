"""asyncio access to chronyd: `AsyncChronyConnection`.

    async with AsyncChronyConnection("127.0.0.1") as conn:
        status = await conn.get_tracking()

No thread per query: the native core sends each request without waiting,
and the event loop watches the session's socket (``loop.add_reader``) and
wakes the read when a reply arrives or a resend or the deadline is due. The
timing rules are the blocking API's: `timeout` seconds per call in all,
resends after 1 s, then 2 s more, ...

A connection runs one read at a time (concurrent awaits on it queue up); use
one connection per chronyd, or several for parallel reads. Cancelling an
await (``asyncio.wait_for``, task cancellation) abandons that read and leaves
the connection usable: a late reply is recognised as stale and ignored.
"""

from __future__ import annotations

import asyncio
from types import TracebackType
from typing import Any

from .connection import ConnectionState, ReportRow
from .models import (
    Activity,
    AuthData,
    NTPData,
    RTCData,
    SelectionData,
    ServerStats,
    Smoothing,
    Source,
    SourceStats,
    TrackingStatus,
)

__all__ = ["AsyncChronyConnection"]


def _resolve(future: asyncio.Future[bool], readable: bool) -> None:
    if not future.done():
        future.set_result(readable)


async def _wait_readable(fd: int, seconds: float) -> bool:
    """True once `fd` is readable, False after `seconds` without."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[bool] = loop.create_future()
    loop.add_reader(fd, _resolve, future, True)
    timer = loop.call_later(seconds, _resolve, future, False)
    try:
        return await future
    finally:
        loop.remove_reader(fd)
        timer.cancel()


class AsyncChronyConnection(ConnectionState):
    """A connection to chronyd for asyncio code; see `ChronyConnection` for
    the arguments, the address forms and the errors."""

    _lock: asyncio.Lock | None = None

    async def __aenter__(self) -> AsyncChronyConnection:
        await self.open()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    async def open(self) -> None:
        """Open the connection (opening a socket does not wait on chronyd)."""
        if self._open_native():
            self._lock = asyncio.Lock()

    async def _read(self, report: str, generic: bool = False) -> Any:
        conn, lock = self._native, self._lock
        if conn is None or lock is None:
            raise RuntimeError(
                "AsyncChronyConnection methods must be awaited within an 'async with' block"
            )
        async with lock:
            conn.begin(report, generic)
            try:
                readable = False
                while (wait := conn.step(readable)) is not None:
                    fd, seconds = wait
                    readable = await _wait_readable(fd, seconds)
                return conn.finish()
            except BaseException:
                conn.abort()
                raise

    async def get_tracking(self) -> TrackingStatus:
        result: TrackingStatus = await self._read("tracking")
        return result

    async def get_sources(self) -> list[Source]:
        result: list[Source] = await self._read("sources")
        return result

    async def get_source_stats(self) -> list[SourceStats]:
        result: list[SourceStats] = await self._read("sourcestats")
        return result

    async def get_rtc_data(self) -> RTCData | None:
        result: RTCData | None = await self._read("rtcdata")
        return result

    async def get_selection_data(self) -> list[SelectionData]:
        result: list[SelectionData] = await self._read("selectdata")
        return result

    async def get_activity(self) -> Activity:
        result: Activity = await self._read("activity")
        return result

    async def get_auth_data(self) -> list[AuthData]:
        result: list[AuthData] = await self._read("authdata")
        return result

    async def get_ntp_data(self) -> list[NTPData]:
        result: list[NTPData] = await self._read("ntpdata")
        return result

    async def get_server_stats(self) -> ServerStats:
        result: ServerStats = await self._read("serverstats")
        return result

    async def get_smoothing(self) -> Smoothing | None:
        result: Smoothing | None = await self._read("smoothing")
        return result

    async def get_report(self, name: str) -> list[ReportRow]:
        if not isinstance(name, str):
            raise TypeError(f"report name must be a str, not {type(name).__name__}")
        result: list[ReportRow] = await self._read(name, generic=True)
        return result
