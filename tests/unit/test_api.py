"""The public surface: every 2.0.3 name, the exception hierarchy, argument
checking, and the pytest plugin."""

from __future__ import annotations

import importlib.metadata
import math
import pickle
from pathlib import Path

import pychrony
import pytest
from pychrony import (
    ChronyAddressError,
    ChronyConnection,
    ChronyConnectionError,
    ChronyDataError,
    ChronyError,
    ChronyLibraryError,
    ChronyPermissionError,
    ChronyTimeoutError,
)

NAMES_203 = [
    "__version__", "ChronyConnection", "LeapStatus", "SourceState", "SourceMode", "Transport",
    "TrackingStatus", "Source", "SourceStats", "RTCData", "ChronyError", "ChronyConnectionError",
    "ChronyPermissionError", "ChronyDataError", "ChronyLibraryError",
]  # fmt: skip


def test_every_203_name_is_exported():
    assert set(NAMES_203) <= set(pychrony.__all__)
    for name in pychrony.__all__:
        assert hasattr(pychrony, name), name


def test_submodules_and_typing_marker():
    import pychrony.exceptions
    import pychrony.models
    import pychrony.testing

    assert pychrony.models.TrackingStatus is pychrony.TrackingStatus
    assert pychrony.exceptions.ChronyError is pychrony.ChronyError
    assert (Path(pychrony.__file__).parent / "py.typed").exists()
    assert (Path(pychrony.__file__).parent / "_native.pyi").exists()


def test_version_is_the_distribution_version():
    assert pychrony.__version__ == importlib.metadata.version("pychrony")


def test_exception_hierarchy():
    for cls in (ChronyConnectionError, ChronyPermissionError, ChronyDataError, ChronyLibraryError):
        assert issubclass(cls, ChronyError)
    assert issubclass(ChronyTimeoutError, ChronyConnectionError)
    assert issubclass(ChronyTimeoutError, TimeoutError)
    assert issubclass(ChronyAddressError, ChronyConnectionError)
    assert issubclass(ChronyAddressError, ValueError)


def test_exception_attributes_and_str():
    e = ChronyDataError("bad", error_code=11)
    assert (e.message, e.error_code, str(e)) == ("bad", 11, "bad (error code: 11)")
    assert str(ChronyConnectionError("down")) == "down"
    assert ChronyLibraryError("gone").error_code is None
    t = ChronyTimeoutError("slow", None)
    assert t.message == "slow" and t.error_code is None and str(t) == "slow"
    for exc in (e, t, ChronyAddressError("x", None)):
        again = pickle.loads(pickle.dumps(exc))
        assert type(again) is type(exc) and str(again) == str(exc)


@pytest.mark.parametrize("address", [123, b"/run/chrony/chronyd.sock", ["127.0.0.1"], 1.5])
def test_address_of_wrong_type(address):
    with pytest.raises(TypeError, match="address must be a str"):
        ChronyConnection(address)


@pytest.mark.parametrize("timeout", ["5", None, [1], True])
def test_timeout_of_wrong_type(timeout):
    with pytest.raises(TypeError, match="timeout"):
        ChronyConnection("127.0.0.1", timeout=timeout)


@pytest.mark.parametrize("timeout", [0, -1, math.nan, math.inf, 1e9])
def test_timeout_out_of_range(timeout):
    with pytest.raises(ValueError, match="timeout"):
        ChronyConnection("127.0.0.1", timeout=timeout)


@pytest.mark.parametrize(
    "address, words",
    [
        ("", "empty"),
        ("/run/chrony\x00/chronyd.sock", "NUL"),
        ("127.0.0.1:0", "1 to 65535"),
        ("127.0.0.1:99999", "1 to 65535"),
        ("127.0.0.1:x", "port"),
        ("localhost", "host names"),
        ("999.1.1.1", "IP address"),
        ("[::1", "]"),
        ("/" + "a" * 300, "107 bytes"),
        ("1" * 100_000, "too long"),
    ],
)
def test_malformed_addresses_fail_before_libchrony(address, words):
    conn = ChronyConnection(address)
    with pytest.raises(ChronyAddressError, match="invalid chronyd address") as info:
        conn.__enter__()
    assert words in str(info.value)
    assert len(str(info.value)) < 500  # huge inputs are shortened in the message
    assert isinstance(info.value, ValueError) and isinstance(info.value, ChronyConnectionError)


def test_queries_outside_with_raise_runtime_error():
    conn = ChronyConnection("127.0.0.1")
    for method in (conn.get_tracking, conn.get_sources, conn.get_source_stats, conn.get_rtc_data):
        with pytest.raises(RuntimeError, match="within a 'with' block"):
            method()


def test_get_report_name_type():
    conn = ChronyConnection("127.0.0.1")
    with pytest.raises(TypeError):
        conn.get_report(3)  # type: ignore[arg-type]


def test_pytest_plugin_fixtures(tracking_status, source, source_stats, rtc_data):
    """The fixtures come from the pytest11 entry point, not from a conftest."""
    assert tracking_status.is_synchronized()
    assert source.is_selected() and source.is_reachable()
    assert source_stats.has_sufficient_samples()
    assert rtc_data.is_calibrated()
    entry_points = importlib.metadata.entry_points(group="pytest11")
    assert any(ep.value == "pychrony.testing" for ep in entry_points)
