"""The exceptions pychrony raises.

Every failure that comes from chronyd, libchrony or the data is a
`ChronyError`; the subclasses say what to do about it::

    ChronyError
    ├── ChronyConnectionError      chronyd cannot be reached
    │   ├── ChronyTimeoutError     ...it did not answer in time (also a TimeoutError)
    │   └── ChronyAddressError     ...the address is malformed (also a ValueError)
    ├── ChronyPermissionError      chronyd refused us (Unix socket rights, or a report
    │                              served only on the Unix socket)
    ├── ChronyDataError            the report is missing, malformed or out of range
    └── ChronyLibraryError         libchrony (the native core) cannot be loaded

Programming errors are Python's own: `TypeError` for wrong argument types,
`RuntimeError` for a query outside `with` or after fork.
"""

from __future__ import annotations

__all__ = [
    "ChronyError",
    "ChronyConnectionError",
    "ChronyTimeoutError",
    "ChronyAddressError",
    "ChronyPermissionError",
    "ChronyDataError",
    "ChronyLibraryError",
]


class ChronyError(Exception):
    """Base of every pychrony error.

    Attributes:
        message: What went wrong and what to do about it.
        error_code: libchrony's error code when the error came from it, else None.
    """

    def __init__(self, message: str, error_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.error_code = error_code

    def __str__(self) -> str:
        if self.error_code is not None:
            return f"{self.message} (error code: {self.error_code})"
        return self.message


class ChronyConnectionError(ChronyError):
    """chronyd cannot be reached: nothing listens at the address, the socket
    could not be opened, or a request was sent and never answered.

    The UDP command port "connects" even when nobody listens, so there the
    failure shows on the first request."""


class ChronyTimeoutError(ChronyConnectionError, TimeoutError):
    """chronyd did not answer within the connection's `timeout` (the request
    was resent after 1 s, 3 s, ... as chronyc does). It is stopped, hung,
    overloaded, or the packets are lost."""

    def __new__(cls, message: str, error_code: int | None = None) -> ChronyTimeoutError:
        # OSError would read a second argument as (errno, strerror).
        return super().__new__(cls, message)


class ChronyAddressError(ChronyConnectionError, ValueError):
    """The address is not a Unix socket path or an IP address with an
    optional port. Raised before anything is sent."""


class ChronyPermissionError(ChronyError):
    """chronyd refused us.

    Either its Unix socket is not accessible (it is root/chrony-only and
    joining the chrony group does not help: use the UDP command port,
    e.g. ``ChronyConnection("127.0.0.1")``, for read-only monitoring), or the
    report is served only on the Unix socket (selectdata, authdata, ntpdata,
    serverstats) unless chronyd's ``opencommands`` allows it on the port."""


class ChronyDataError(ChronyError):
    """chronyd answered, but the report is unavailable or its data invalid
    (a missing field, a NaN, a value out of range, an unknown enum value from
    a newer chronyd). pychrony never returns such data."""


class ChronyLibraryError(ChronyError):
    """libchrony or pychrony's native core cannot be loaded. The message
    names libchrony and how to install it. `error_code` is always None."""

    def __init__(self, message: str) -> None:
        super().__init__(message, error_code=None)
