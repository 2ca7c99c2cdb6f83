"""pychrony: read chronyd's state through libchrony.

    >>> from pychrony import ChronyConnection
    >>> with ChronyConnection() as conn:
    ...     status = conn.get_tracking()
    ...     print(status.reference_id_name, status.offset)

Blocking API: `ChronyConnection`. asyncio: `pychrony.aio.AsyncChronyConnection`.
Command line: ``pychrony tracking`` or ``python -m pychrony tracking``.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from ._loader import native as _native_module
from .connection import ChronyConnection
from .exceptions import (
    ChronyAddressError,
    ChronyConnectionError,
    ChronyDataError,
    ChronyError,
    ChronyLibraryError,
    ChronyPermissionError,
    ChronyTimeoutError,
)
from .models import (
    Activity,
    AuthData,
    AuthMode,
    LeapStatus,
    NTPData,
    NTPMode,
    RTCData,
    SelectionData,
    SelectionState,
    SelectOptions,
    ServerStats,
    Smoothing,
    Source,
    SourceMode,
    SourceState,
    SourceStats,
    TimestampSource,
    TrackingStatus,
    Transport,
)

try:
    __version__ = version("pychrony")
except PackageNotFoundError:  # running from a source tree without metadata
    __version__ = "0.0.0.dev0"


def supported_reports() -> list[str]:
    """The reports the loaded libchrony can read, by name (for `get_report`)."""
    reports: list[str] = _native_module().supported_reports()
    return reports


__all__ = [
    "__version__",
    "ChronyConnection",
    "supported_reports",
    # enums
    "LeapStatus",
    "SourceState",
    "SourceMode",
    "Transport",
    "SelectionState",
    "SelectOptions",
    "AuthMode",
    "NTPMode",
    "TimestampSource",
    # records
    "TrackingStatus",
    "Source",
    "SourceStats",
    "RTCData",
    "SelectionData",
    "Activity",
    "AuthData",
    "NTPData",
    "ServerStats",
    "Smoothing",
    # exceptions
    "ChronyError",
    "ChronyConnectionError",
    "ChronyTimeoutError",
    "ChronyAddressError",
    "ChronyPermissionError",
    "ChronyDataError",
    "ChronyLibraryError",
]
