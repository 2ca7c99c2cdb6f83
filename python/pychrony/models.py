"""The records pychrony returns, and the enums in them.

Records are frozen dataclasses: compare, hash, pickle, ``dataclasses.asdict``
and ``dataclasses.replace`` them freely. Their fields, in order, are those of
the report tables in the native core (src/records/*.rs); tests check the two
agree, and docs/reports.md lists them with the libchrony field each comes from.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, IntFlag

__all__ = [
    "Transport",
    "LeapStatus",
    "SourceState",
    "SourceMode",
    "SelectionState",
    "SelectOptions",
    "AuthMode",
    "NTPMode",
    "TimestampSource",
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
    "_ref_id_to_name",
]


class Transport(Enum):
    """How a connection reaches chronyd.

    UNIX_SOCKET is chronyd's local control socket: root or the chrony user
    only, and every report. COMMAND_PORT is its UDP port (323, loopback by
    default): monitoring reports only, for anyone allowed by ``cmdallow``.
    """

    UNIX_SOCKET = "unix_socket"
    COMMAND_PORT = "command_port"


class LeapStatus(Enum):
    """Leap second status."""

    NORMAL = 0
    INSERT = 1
    DELETE = 2
    UNSYNC = 3


class SourceState(Enum):
    """A source's state in chronyd's selection (chronyc sources, column S)."""

    SELECTED = 0
    NONSELECTABLE = 1
    FALSETICKER = 2
    JITTERY = 3
    UNSELECTED = 4
    SELECTABLE = 5


class SourceMode(Enum):
    """What kind of source it is."""

    CLIENT = 0
    PEER = 1
    REFCLOCK = 2


class SelectionState(Enum):
    """Why a source is or is not selected: chronyc selectdata's state code."""

    IGNORED = "N"
    NOT_SYNCHRONIZED = "s"
    MISSING_SAMPLES = "M"
    UNACCEPTABLE_DISTANCE = "d"
    LARGE_DISTANCE = "D"
    JITTERY = "~"
    WAITING_FOR_OTHERS = "w"
    MISSING_SELECTABLE_SOURCES = "W"
    STALE = "S"
    ORPHAN = "O"
    NOT_TRUSTED = "T"
    NOT_PREFERRED = "P"
    WAITING_FOR_UPDATE = "U"
    FALSETICKER = "x"
    COMBINED = "+"
    BEST = "*"


class SelectOptions(IntFlag):
    """Selection options of a source (chronyd's source directives)."""

    NOSELECT = 0x1
    PREFER = 0x2
    TRUST = 0x4
    REQUIRE = 0x8


class AuthMode(Enum):
    """How an NTP source is authenticated."""

    NONE = 0
    SYMMETRIC_KEY = 1
    NTS = 2


class NTPMode(Enum):
    """NTP mode of the last response from a source."""

    ACTIVE_SYMMETRIC = 1
    PASSIVE_SYMMETRIC = 2
    SERVER = 4


class TimestampSource(Enum):
    """Where a packet timestamp was taken."""

    DAEMON = "D"
    KERNEL = "K"
    HARDWARE = "H"


@dataclass(frozen=True)
class TrackingStatus:
    """The system clock's synchronisation state (chronyc tracking)."""

    reference_id: int
    reference_id_name: str
    reference_ip: str
    stratum: int
    leap_status: LeapStatus
    ref_time: float
    offset: float
    last_offset: float
    rms_offset: float
    frequency: float
    residual_freq: float
    skew: float
    root_delay: float
    root_dispersion: float
    update_interval: float

    def is_synchronized(self) -> bool:
        """Whether chronyd has a reference (reference_id != 0, stratum < 16)."""
        return self.reference_id != 0 and self.stratum < 16

    def is_leap_pending(self) -> bool:
        """Whether a leap second will be inserted or deleted."""
        return self.leap_status in (LeapStatus.INSERT, LeapStatus.DELETE)


@dataclass(frozen=True)
class Source:
    """One time source (chronyc sources). For a reference clock, `address`
    is its reference ID as text ("GPS")."""

    address: str
    poll: int
    stratum: int
    state: SourceState
    mode: SourceMode
    flags: int
    reachability: int
    last_sample_ago: int
    orig_latest_meas: float
    latest_meas: float
    latest_meas_err: float

    def is_reachable(self) -> bool:
        """Whether any of the last 8 polls got an answer."""
        return self.reachability > 0

    def is_selected(self) -> bool:
        """Whether chronyd synchronises to this source now."""
        return self.state == SourceState.SELECTED


@dataclass(frozen=True)
class SourceStats:
    """Drift and offset estimates of one source (chronyc sourcestats)."""

    reference_id: int
    address: str
    samples: int
    runs: int
    span: int
    std_dev: float
    resid_freq: float
    skew: float
    offset: float
    offset_err: float

    def has_sufficient_samples(self, minimum: int = 4) -> bool:
        """Whether at least `minimum` samples back the estimates."""
        return self.samples >= minimum


@dataclass(frozen=True)
class RTCData:
    """The real-time clock's error model (chronyc rtcdata)."""

    ref_time: float
    samples: int
    runs: int
    span: int
    offset: float
    freq_offset: float

    def is_calibrated(self) -> bool:
        """Whether any measurement backs the model."""
        return self.samples > 0


@dataclass(frozen=True)
class SelectionData:
    """How the source selection sees one source (chronyc selectdata)."""

    reference_id: int
    address: str
    state: SelectionState
    authentication: bool
    leap_status: LeapStatus
    configured_options: SelectOptions
    effective_options: SelectOptions
    last_sample_ago: int
    score: float
    low_limit: float
    high_limit: float


@dataclass(frozen=True)
class Activity:
    """How many sources are in each state (chronyc activity)."""

    online: int
    offline: int
    burst_online: int
    burst_offline: int
    unresolved: int


@dataclass(frozen=True)
class AuthData:
    """Authentication of one NTP source (chronyc authdata)."""

    address: str
    mode: AuthMode
    key_type: int
    key_id: int
    key_length: int
    ke_attempts: int
    last_ke_ago: int
    cookies: int
    cookie_length: int
    nak: bool


@dataclass(frozen=True)
class NTPData:
    """The last NTP exchange with one NTP source (chronyc ntpdata). The
    timestamp counters at the end are None from chronyd versions that do not
    report them."""

    remote_address: str
    local_address: str
    remote_port: int
    leap_status: LeapStatus
    version: int
    mode: NTPMode
    stratum: int
    poll: int
    precision: int
    root_delay: float
    root_dispersion: float
    reference_id: int
    reference_time: float
    offset: float
    peer_delay: float
    peer_dispersion: float
    response_time: float
    jitter_asymmetry: float
    flags: int
    tx_timestamping: TimestampSource
    rx_timestamping: TimestampSource
    total_tx_count: int
    total_rx_count: int
    total_valid_count: int
    total_good_count: int
    kernel_tx_timestamps: int | None
    kernel_rx_timestamps: int | None
    hardware_tx_timestamps: int | None
    hardware_rx_timestamps: int | None


@dataclass(frozen=True)
class ServerStats:
    """chronyd's counters as a server (chronyc serverstats). Counters a
    chronyd version does not report are None."""

    ntp_requests: int
    nke_connections: int | None
    cmd_requests: int
    ntp_drops: int
    nke_drops: int | None
    cmd_drops: int
    log_drops: int
    ntp_auth_requests: int | None
    ntp_interleaved_requests: int | None
    ntp_timestamps: int | None
    ntp_timestamp_span: int | None
    ntp_daemon_rx_timestamps: int | None
    ntp_daemon_tx_timestamps: int | None
    ntp_kernel_rx_timestamps: int | None
    ntp_kernel_tx_timestamps: int | None
    ntp_hw_rx_timestamps: int | None
    ntp_hw_tx_timestamps: int | None


@dataclass(frozen=True)
class Smoothing:
    """Server time smoothing (chronyc smoothing)."""

    active: bool
    leap_only: bool
    offset: float
    freq_offset: float
    wander: float
    last_update_ago: float
    remaining_time: float


def _ref_id_to_name(ref_id: int) -> str:
    """A reference ID as text: ASCII when every byte is printable or NUL
    (reference clocks: "GPS"), else a dotted quad. Same rule as the native
    core's; kept for code written against pychrony 2.0.3."""
    raw = ref_id.to_bytes(4, "big")
    if all(b == 0 or 32 <= b < 127 for b in raw):
        return raw.rstrip(b"\x00").decode("ascii")
    return ".".join(str(b) for b in raw)
