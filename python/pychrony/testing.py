"""Test helpers for code that uses pychrony: record factories and pytest
fixtures (registered through the ``pytest11`` entry point, so they are
available in any test once pychrony is installed).

    from pychrony.testing import make_tracking
    status = make_tracking(stratum=16, reference_id=0)
    assert not status.is_synchronized()
"""

from __future__ import annotations

from typing import Any

import pytest

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
)

__all__ = [
    "TRACKING_DEFAULTS",
    "SOURCE_DEFAULTS",
    "SOURCESTATS_DEFAULTS",
    "RTCDATA_DEFAULTS",
    "SELECTIONDATA_DEFAULTS",
    "ACTIVITY_DEFAULTS",
    "AUTHDATA_DEFAULTS",
    "NTPDATA_DEFAULTS",
    "SERVERSTATS_DEFAULTS",
    "SMOOTHING_DEFAULTS",
    "make_tracking",
    "make_source",
    "make_source_stats",
    "make_rtc_data",
    "make_selection_data",
    "make_activity",
    "make_auth_data",
    "make_ntp_data",
    "make_server_stats",
    "make_smoothing",
]

# A host synchronised at stratum 2 to 192.0.2.1 (documentation range).
TRACKING_DEFAULTS: dict[str, Any] = {
    "reference_id": 0xC0000201,
    "reference_id_name": "192.0.2.1",
    "reference_ip": "192.0.2.1",
    "stratum": 2,
    "leap_status": LeapStatus.NORMAL,
    "ref_time": 1_767_225_600.5,
    "offset": -0.000_012_5,
    "last_offset": 0.000_008_25,
    "rms_offset": 0.000_021,
    "frequency": -3.75,
    "residual_freq": 0.002,
    "skew": 0.04,
    "root_delay": 0.0125,
    "root_dispersion": 0.000_75,
    "update_interval": 64.2,
}

SOURCE_DEFAULTS: dict[str, Any] = {
    "address": "192.0.2.1",
    "poll": 6,
    "stratum": 1,
    "state": SourceState.SELECTED,
    "mode": SourceMode.CLIENT,
    "flags": 0,
    "reachability": 0o377,
    "last_sample_ago": 17,
    "orig_latest_meas": -0.000_011,
    "latest_meas": -0.000_010_5,
    "latest_meas_err": 0.000_45,
}

SOURCESTATS_DEFAULTS: dict[str, Any] = {
    "reference_id": 0xC0000201,
    "address": "192.0.2.1",
    "samples": 12,
    "runs": 7,
    "span": 700,
    "std_dev": 0.000_03,
    "resid_freq": 0.01,
    "skew": 0.2,
    "offset": -0.000_004,
    "offset_err": 0.000_02,
}

RTCDATA_DEFAULTS: dict[str, Any] = {
    "ref_time": 1_767_225_000.0,
    "samples": 6,
    "runs": 3,
    "span": 3_600,
    "offset": -0.25,
    "freq_offset": 12.5,
}


SELECTIONDATA_DEFAULTS: dict[str, Any] = {
    "reference_id": 0xC0000201,
    "address": "192.0.2.1",
    "state": SelectionState.BEST,
    "authentication": False,
    "leap_status": LeapStatus.NORMAL,
    "configured_options": SelectOptions(0),
    "effective_options": SelectOptions(0),
    "last_sample_ago": 17,
    "score": 1.0,
    "low_limit": -0.000_05,
    "high_limit": 0.000_03,
}

ACTIVITY_DEFAULTS: dict[str, Any] = {
    "online": 4,
    "offline": 0,
    "burst_online": 0,
    "burst_offline": 0,
    "unresolved": 0,
}

AUTHDATA_DEFAULTS: dict[str, Any] = {
    "address": "192.0.2.1",
    "mode": AuthMode.NTS,
    "key_type": 15,
    "key_id": 0,
    "key_length": 256,
    "ke_attempts": 1,
    "last_ke_ago": 3_600,
    "cookies": 8,
    "cookie_length": 100,
    "nak": False,
}

NTPDATA_DEFAULTS: dict[str, Any] = {
    "remote_address": "192.0.2.1",
    "local_address": "192.0.2.10",
    "remote_port": 123,
    "leap_status": LeapStatus.NORMAL,
    "version": 4,
    "mode": NTPMode.SERVER,
    "stratum": 1,
    "poll": 6,
    "precision": -25,
    "root_delay": 0.0,
    "root_dispersion": 0.000_01,
    "reference_id": 0x47505300,
    "reference_time": 1_767_225_590.0,
    "offset": -0.000_011,
    "peer_delay": 0.000_8,
    "peer_dispersion": 0.000_001,
    "response_time": 0.000_02,
    "jitter_asymmetry": 0.0,
    "flags": 0x3FF,
    "tx_timestamping": TimestampSource.KERNEL,
    "rx_timestamping": TimestampSource.KERNEL,
    "total_tx_count": 120,
    "total_rx_count": 120,
    "total_valid_count": 120,
    "total_good_count": 119,
    "kernel_tx_timestamps": None,
    "kernel_rx_timestamps": None,
    "hardware_tx_timestamps": None,
    "hardware_rx_timestamps": None,
}

SERVERSTATS_DEFAULTS: dict[str, Any] = {
    "ntp_requests": 1_000,
    "nke_connections": 0,
    "cmd_requests": 50,
    "ntp_drops": 0,
    "nke_drops": 0,
    "cmd_drops": 0,
    "log_drops": 0,
    "ntp_auth_requests": 0,
    "ntp_interleaved_requests": 0,
    "ntp_timestamps": 0,
    "ntp_timestamp_span": 0,
    "ntp_daemon_rx_timestamps": None,
    "ntp_daemon_tx_timestamps": None,
    "ntp_kernel_rx_timestamps": None,
    "ntp_kernel_tx_timestamps": None,
    "ntp_hw_rx_timestamps": None,
    "ntp_hw_tx_timestamps": None,
}

SMOOTHING_DEFAULTS: dict[str, Any] = {
    "active": True,
    "leap_only": False,
    "offset": 0.000_2,
    "freq_offset": 0.01,
    "wander": 0.000_1,
    "last_update_ago": 12.0,
    "remaining_time": 300.0,
}


def make_tracking(**overrides: Any) -> TrackingStatus:
    """A synchronised TrackingStatus; keyword arguments replace fields."""
    return TrackingStatus(**{**TRACKING_DEFAULTS, **overrides})


def make_source(**overrides: Any) -> Source:
    """A selected, reachable NTP Source; keyword arguments replace fields."""
    return Source(**{**SOURCE_DEFAULTS, **overrides})


def make_source_stats(**overrides: Any) -> SourceStats:
    """A SourceStats with enough samples; keyword arguments replace fields."""
    return SourceStats(**{**SOURCESTATS_DEFAULTS, **overrides})


def make_rtc_data(**overrides: Any) -> RTCData:
    """A calibrated RTCData; keyword arguments replace fields."""
    return RTCData(**{**RTCDATA_DEFAULTS, **overrides})


def make_selection_data(**overrides: Any) -> SelectionData:
    """A SelectionData of the best source; keyword arguments replace fields."""
    return SelectionData(**{**SELECTIONDATA_DEFAULTS, **overrides})


def make_activity(**overrides: Any) -> Activity:
    """An Activity with four sources online; keyword arguments replace fields."""
    return Activity(**{**ACTIVITY_DEFAULTS, **overrides})


def make_auth_data(**overrides: Any) -> AuthData:
    """An NTS-authenticated AuthData; keyword arguments replace fields."""
    return AuthData(**{**AUTHDATA_DEFAULTS, **overrides})


def make_ntp_data(**overrides: Any) -> NTPData:
    """An NTPData of a healthy stratum-1 server; keyword arguments replace fields."""
    return NTPData(**{**NTPDATA_DEFAULTS, **overrides})


def make_server_stats(**overrides: Any) -> ServerStats:
    """A ServerStats of a lightly used server; keyword arguments replace fields."""
    return ServerStats(**{**SERVERSTATS_DEFAULTS, **overrides})


def make_smoothing(**overrides: Any) -> Smoothing:
    """An active Smoothing; keyword arguments replace fields."""
    return Smoothing(**{**SMOOTHING_DEFAULTS, **overrides})


@pytest.fixture
def tracking_status() -> TrackingStatus:
    """A synchronised TrackingStatus (make_tracking())."""
    return make_tracking()


@pytest.fixture
def source() -> Source:
    """A selected, reachable Source (make_source())."""
    return make_source()


@pytest.fixture
def source_stats() -> SourceStats:
    """A SourceStats with enough samples (make_source_stats())."""
    return make_source_stats()


@pytest.fixture
def rtc_data() -> RTCData:
    """A calibrated RTCData (make_rtc_data())."""
    return make_rtc_data()
