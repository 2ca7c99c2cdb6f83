"""ChronyConnection: the blocking API, compatible with pychrony 2.0.3."""

from __future__ import annotations

import math
from types import TracebackType
from typing import Any

from ._loader import native
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
    Transport,
)

DEFAULT_TIMEOUT = 5.0

ReportRow = dict[str, "int | float | str"]


def check_arguments(address: object, timeout: object) -> None:
    """TypeError/ValueError for arguments no connection could use."""
    if address is not None and not isinstance(address, str):
        raise TypeError(f"address must be a str or None, not {type(address).__name__}")
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError(f"timeout must be a number of seconds, not {type(timeout).__name__}")
    if not (math.isfinite(timeout) and 0 < timeout <= 86400):
        raise ValueError(f"timeout must be > 0 and <= 86400 seconds, not {timeout!r}")


class ConnectionState:
    """What the blocking and the asyncio connection share: the arguments, the
    native connection once open, and the properties derived from them."""

    def __init__(self, address: str | None = None, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        check_arguments(address, timeout)
        self._requested = address
        self._timeout = float(timeout)
        self._native: Any = None

    def _open_native(self) -> bool:
        """Open the native connection unless open; whether this call opened it."""
        if self._native is not None:
            return False
        self._native = native().Connection(self._requested, self._timeout)
        return True

    def close(self) -> None:
        """Close the connection (what leaving `with` does). Idempotent."""
        conn, self._native = self._native, None
        if conn is not None:
            conn.close()

    @property
    def address(self) -> str | None:
        """The address in use (as given, or the auto-detected one); None when closed."""
        conn = self._native
        if conn is None:
            return None
        return self._requested if self._requested is not None else str(conn.address)

    @property
    def transport(self) -> Transport | None:
        """UNIX_SOCKET or COMMAND_PORT; None when closed."""
        conn = self._native
        if conn is None:
            return None
        return Transport.UNIX_SOCKET if conn.is_unix_socket else Transport.COMMAND_PORT

    @property
    def timeout(self) -> float:
        """Seconds each call may take."""
        return self._timeout


class ChronyConnection(ConnectionState):
    """A connection to chronyd, used as a context manager.

    Args:
        address: chronyd's Unix socket path ("/run/chrony/chronyd.sock"), or
            its UDP command port as "IP", "IP:port", "IPv6" or "[IPv6]:port".
            None tries, in order, /run/chrony/chronyd.sock,
            /var/run/chrony/chronyd.sock, 127.0.0.1:323 and [::1]:323. An
            explicit address is never replaced by another.
        timeout: Seconds each call may take in all (requests are resent after
            1 s, then 2 s more, ...). Expiry raises ChronyTimeoutError.

    One connection may be shared by any number of threads: calls are
    serialised inside, one request in flight. If chronyd restarts while the
    connection is open, the next call reopens the socket once by itself.

    Example:
        >>> with ChronyConnection() as conn:
        ...     print(conn.get_tracking().offset)
    """

    def __enter__(self) -> ChronyConnection:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def open(self) -> None:
        """Open the connection (what entering `with` does)."""
        self._open_native()

    def _conn(self) -> Any:
        conn = self._native
        if conn is None:
            raise RuntimeError(
                "ChronyConnection methods must be called within a 'with' block (or after open())"
            )
        return conn

    def get_tracking(self) -> TrackingStatus:
        """The system clock's synchronisation state (chronyc tracking)."""
        result: TrackingStatus = self._conn().read("tracking")
        return result

    def get_sources(self) -> list[Source]:
        """Every time source (chronyc sources)."""
        result: list[Source] = self._conn().read("sources")
        return result

    def get_source_stats(self) -> list[SourceStats]:
        """Drift and offset estimates per source (chronyc sourcestats)."""
        result: list[SourceStats] = self._conn().read("sourcestats")
        return result

    def get_rtc_data(self) -> RTCData | None:
        """The RTC's error model, or None when chronyd tracks no RTC."""
        result: RTCData | None = self._conn().read("rtcdata")
        return result

    def get_selection_data(self) -> list[SelectionData]:
        """Source selection state per source (chronyc selectdata). Unix socket only."""
        result: list[SelectionData] = self._conn().read("selectdata")
        return result

    def get_activity(self) -> Activity:
        """Sources online, offline, in bursts, unresolved (chronyc activity)."""
        result: Activity = self._conn().read("activity")
        return result

    def get_auth_data(self) -> list[AuthData]:
        """Authentication per NTP source (chronyc authdata). Unix socket only."""
        result: list[AuthData] = self._conn().read("authdata")
        return result

    def get_ntp_data(self) -> list[NTPData]:
        """Last NTP exchange per NTP source (chronyc ntpdata). Unix socket only."""
        result: list[NTPData] = self._conn().read("ntpdata")
        return result

    def get_server_stats(self) -> ServerStats:
        """chronyd's server counters (chronyc serverstats). Unix socket only."""
        result: ServerStats = self._conn().read("serverstats")
        return result

    def get_smoothing(self) -> Smoothing | None:
        """Time smoothing state, or None when chronyd has no `smoothtime`."""
        result: Smoothing | None = self._conn().read("smoothing")
        return result

    def get_report(self, name: str) -> list[ReportRow]:
        """Any report libchrony supports (see `supported_reports()`), as one
        dict per record: snake_case keys, times as epoch seconds. Keys of
        typed reports match the record classes' attribute names. A report
        chronyd does not collect (rtcdata without an RTC) gives []."""
        if not isinstance(name, str):
            raise TypeError(f"report name must be a str, not {type(name).__name__}")
        result: list[ReportRow] = self._conn().read_generic(name)
        return result
