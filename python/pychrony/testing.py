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
    LeapStatus,
    RTCData,
    Source,
    SourceMode,
    SourceState,
    SourceStats,
    TrackingStatus,
)

__all__ = [
    "TRACKING_DEFAULTS",
    "SOURCE_DEFAULTS",
    "SOURCESTATS_DEFAULTS",
    "RTCDATA_DEFAULTS",
    "make_tracking",
    "make_source",
    "make_source_stats",
    "make_rtc_data",
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
