"""The reports beyond 2.0.3's four, against chronyc on the same daemon."""

from __future__ import annotations

import pychrony
import pytest
from pychrony import (
    Activity,
    AuthMode,
    ChronyConnection,
    LeapStatus,
    NTPMode,
    SelectionState,
    SelectOptions,
    ServerStats,
    Smoothing,
    TimestampSource,
)

from .chronyc import LEAP, close, rows, stable


def test_selection_data_matches_chronyc(testbed):
    with ChronyConnection(testbed.socket_path) as conn:
        ours, text = stable(
            conn.get_selection_data,
            lambda ss: [(s.state, s.low_limit, s.high_limit) for s in ss],
            lambda: testbed.chronyc("selectdata", csv=True),
        )
    theirs = {r[1]: r for r in rows(text)}
    assert len(ours) == len(theirs) == 2
    for s in ours:
        r = theirs[s.address or "GPS"]
        assert s.state is SelectionState(r[0])
        assert s.authentication is (r[2] == "Y")
        assert s.last_sample_ago == int(r[13])
        assert close(s.score, float(r[14]), abs_=0.05)
        assert close(s.low_limit, float(r[15]), abs_=2e-9)
        assert close(s.high_limit, float(r[16]), abs_=2e-9)
        assert s.leap_status is LeapStatus(LEAP[r[17]])
    by_address = {s.address: s for s in ours}
    assert by_address["127.0.0.1"].state is SelectionState.BEST
    assert SelectOptions.NOSELECT in by_address[""].configured_options  # the refclock


def test_activity_matches_chronyc(testbed):
    with ChronyConnection(testbed.address) as conn:
        ours = conn.get_activity()
    theirs = [int(v) for v in rows(testbed.chronyc("activity", csv=True))[0]]
    assert isinstance(ours, Activity)
    assert [
        ours.online,
        ours.offline,
        ours.burst_online,
        ours.burst_offline,
        ours.unresolved,
    ] == theirs
    assert sum(theirs) == 1  # the one NTP source (the refclock is not counted)


def test_auth_data_matches_chronyc(testbed):
    with ChronyConnection(testbed.socket_path) as conn:
        ours = conn.get_auth_data()
    (r,) = rows(testbed.chronyc("authdata", csv=True))  # NTP sources only
    (a,) = ours
    assert a.address == r[0] == "127.0.0.1"
    assert a.mode is AuthMode.NONE and r[1] == "-"
    assert (a.key_id, a.key_type, a.key_length) == (int(r[2]), int(r[3]), int(r[4]))
    assert a.last_ke_ago == int(r[5])
    assert (a.ke_attempts, a.nak, a.cookies, a.cookie_length) == (
        int(r[6]),
        bool(int(r[7])),
        int(r[8]),
        int(r[9]),
    )


def test_ntp_data_matches_chronyc(testbed):
    with ChronyConnection(testbed.socket_path) as conn:
        ours, text = stable(
            conn.get_ntp_data,
            lambda ns: [n.total_rx_count for n in ns],
            lambda: testbed.chronyc("ntpdata", csv=True),
        )
    (r,) = rows(text)
    (n,) = ours
    assert n.remote_address == r[0] == "127.0.0.1"
    assert n.remote_port == int(r[2]) == testbed.upstream_port
    assert n.local_address == r[3]
    assert n.leap_status is LeapStatus(LEAP[r[5]])
    assert n.version == int(r[6])
    assert n.mode is NTPMode.SERVER and r[7] == "Server"
    assert (n.stratum, n.poll, n.precision) == (int(r[8]), int(r[9]), int(r[11]))
    assert close(n.root_delay, float(r[13]), abs_=2e-6)
    assert n.reference_id == int(r[15], 16)
    assert abs(n.reference_time - float(r[17])) < 1e-6
    assert close(n.offset, float(r[18]), abs_=2e-9)
    assert close(n.peer_delay, float(r[19]), abs_=2e-9)
    assert close(n.response_time, float(r[21]), abs_=2e-9)
    assert n.tx_timestamping is TimestampSource[r[28].upper()]
    assert n.rx_timestamping is TimestampSource[r[29].upper()]
    assert [n.total_tx_count, n.total_rx_count, n.total_valid_count, n.total_good_count] == [
        int(v) for v in r[30:34]
    ]


def test_server_stats_match_chronyc(testbed):
    with ChronyConnection(testbed.socket_path) as conn:
        ours = conn.get_server_stats()
    r = [int(v) for v in rows(testbed.chronyc("serverstats", csv=True))[0]]
    assert isinstance(ours, ServerStats)
    assert ours.ntp_requests == r[0] == 0  # nobody uses the daemon under test as a server
    # Every command request counts, ours and chronyc's included.
    assert 0 < ours.cmd_requests < r[2] + 1
    assert [ours.ntp_drops, ours.cmd_drops, ours.log_drops] == [r[3], r[5], r[6]]
    assert ours.ntp_interleaved_requests == 0  # chronyd 4.3 reports this generation


@pytest.fixture(scope="module")
def smoothing_testbed():
    import testbed as tb

    with tb.running(extra_config="smoothtime 400 0.001 leaponly") as bed:
        yield bed


def test_smoothing_none_without_smoothtime(testbed):
    with ChronyConnection(testbed.address) as conn:
        assert conn.get_smoothing() is None


def test_smoothing_matches_chronyc(smoothing_testbed):
    with ChronyConnection(smoothing_testbed.address) as conn:
        ours = conn.get_smoothing()
    r = rows(smoothing_testbed.chronyc("smoothing", csv=True))[0]
    assert isinstance(ours, Smoothing)
    assert ours.active is (r[0] == "Yes")
    assert ours.leap_only is ("leap second only" in r[1]) and ours.leap_only
    assert close(ours.offset, float(r[2]), abs_=2e-9)
    assert close(ours.freq_offset, float(r[3]), abs_=2e-6)
    assert close(ours.remaining_time, float(r[6]), abs_=0.1)


def test_supported_reports_come_from_libchrony():
    reports = pychrony.supported_reports()
    assert reports[:3] == ["tracking", "sources", "sourcestats"]
    assert len(reports) == 10


@pytest.mark.parametrize("name", pychrony.supported_reports())
def test_generic_report_keys_and_types(testbed, name):
    with ChronyConnection(testbed.socket_path) as conn:
        records = conn.get_report(name)
    tables = {t["report"]: t for t in pychrony._native.report_tables()}
    typed = {c["name"] for c in tables[name]["columns"]}
    for record in records:
        assert record, name
        for key, value in record.items():
            assert key == key.lower() and " " not in key
            assert isinstance(value, int | float | str)
        # Keys are the record classes' names wherever a field maps onto one.
        assert typed & set(record), (name, sorted(record))
    if name == "tracking":
        assert records[0]["offset"] == pytest.approx(conn_tracking_offset(testbed), abs=1e-3)


def conn_tracking_offset(testbed) -> float:
    with ChronyConnection(testbed.socket_path) as conn:
        return conn.get_tracking().offset


def test_generic_report_of_an_unknown_name(testbed):
    with ChronyConnection(testbed.socket_path) as conn:
        with pytest.raises(ValueError, match=r'unknown report "no-such-report".*tracking, sources'):
            conn.get_report("no-such-report")
        with pytest.raises(ValueError, match="unknown report"):
            conn.get_report("Tracking")  # names are exact
        assert conn.get_tracking().stratum == 4
