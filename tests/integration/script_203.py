"""A monitoring script written for pychrony 2.0.3, using every public name.
tests/integration/test_compat_203.py runs it unchanged under pychrony 2.0.3
and under ours against the same chronyd; the outputs must be identical.
It prints only what does not change from one second to the next."""

import dataclasses
import sys

import pychrony
from pychrony import (
    ChronyConnection,
    ChronyConnectionError,
    ChronyDataError,
    ChronyError,
    ChronyLibraryError,
    ChronyPermissionError,
    LeapStatus,
    RTCData,
    Source,
    SourceMode,
    SourceState,
    SourceStats,
    TrackingStatus,
    Transport,
)
from pychrony.testing import make_rtc_data, make_source, make_source_stats, make_tracking

assert isinstance(pychrony.__version__, str)
assert set(pychrony.__all__) >= {"ChronyConnection", "TrackingStatus", "ChronyError"}
for exc in (ChronyConnectionError, ChronyPermissionError, ChronyDataError, ChronyLibraryError):
    assert issubclass(exc, ChronyError)

for address in sys.argv[1:]:
    with ChronyConnection(address) as conn:
        print("transport", conn.transport.name, conn.transport.value, conn.address == address)
        t = conn.get_tracking()
        assert isinstance(t, TrackingStatus) and isinstance(t.leap_status, LeapStatus)
        print("tracking", hex(t.reference_id), t.reference_id_name, t.reference_ip, t.stratum,
              t.leap_status.name, t.is_synchronized(), t.is_leap_pending())  # fmt: skip
        print("tracking fields", [f.name for f in dataclasses.fields(t)])
        for s in sorted(conn.get_sources(), key=lambda s: s.address):
            assert isinstance(s, Source) and isinstance(s.mode, SourceMode)
            assert isinstance(s.state, SourceState)
            print("source", s.address, s.poll, s.stratum, s.mode.name, s.state.name,
                  s.is_selected(), s.is_reachable())  # fmt: skip
        for st in sorted(conn.get_source_stats(), key=lambda s: s.reference_id):
            assert isinstance(st, SourceStats)
            print("sourcestats", hex(st.reference_id), repr(st.address), st.std_dev >= 0)
        rtc = conn.get_rtc_data()
        assert rtc is None or isinstance(rtc, RTCData)
        print("rtc", rtc)
    print("closed", conn.address, conn.transport)

try:
    conn.get_tracking()
except RuntimeError:
    print("outside with: RuntimeError")

print(make_tracking().is_synchronized(), make_source().is_selected(),
      make_source_stats().has_sufficient_samples(), make_rtc_data().is_calibrated())  # fmt: skip
print(Transport.UNIX_SOCKET.value, Transport.COMMAND_PORT.value)
