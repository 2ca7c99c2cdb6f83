"""get_sources() and get_source_stats() against chronyc on the same daemon,
including the test bed's reference clock (SOCK, refid GPS)."""

from __future__ import annotations

import time

from pychrony import ChronyConnection, SourceMode, SourceState

from .chronyc import close, rows, stable

# chronyc's state and mode symbols.
STATE = {
    "*": SourceState.SELECTED,
    "?": SourceState.NONSELECTABLE,
    "x": SourceState.FALSETICKER,
    "~": SourceState.JITTERY,
    "-": SourceState.UNSELECTED,
    "+": SourceState.SELECTABLE,
}
MODE = {"^": SourceMode.CLIENT, "=": SourceMode.PEER, "#": SourceMode.REFCLOCK}


def test_sources_match_chronyc(testbed, address):
    with ChronyConnection(address) as conn:
        ours, text = stable(
            conn.get_sources,
            lambda ss: [(s.address, s.reachability, s.latest_meas) for s in ss],
            lambda: testbed.chronyc("sources", csv=True),
        )
    theirs = {r[2]: r for r in rows(text)}
    assert sorted(s.address for s in ours) == sorted(theirs) == ["127.0.0.1", "GPS"]
    for s in ours:
        r = theirs[s.address]
        assert s.mode is MODE[r[0]]
        assert s.state is STATE[r[1]]
        assert s.stratum == int(r[3])
        assert s.poll == int(r[4])  # negative polls (minpoll -2) come through signed
        assert s.reachability == int(r[5], 8)
        assert s.last_sample_ago == int(r[6])
        assert close(s.latest_meas, float(r[7]), abs_=2e-9)
        assert close(s.orig_latest_meas, float(r[8]), abs_=2e-9)
        assert close(s.latest_meas_err, float(r[9]), abs_=2e-9)


def test_refclock_source_is_named_by_reference_id(testbed, address):
    with ChronyConnection(address) as conn:
        (refclock,) = [s for s in conn.get_sources() if s.mode is SourceMode.REFCLOCK]
    assert refclock.address == "GPS"
    assert not refclock.is_selected()


def test_ntp_source_is_selected_and_reachable(testbed, address):
    with ChronyConnection(address) as conn:
        (ntp,) = [s for s in conn.get_sources() if s.mode is SourceMode.CLIENT]
    assert ntp.address == "127.0.0.1"
    assert ntp.is_selected() and ntp.is_reachable()
    assert ntp.poll < 0


def test_source_stats_match_chronyc(testbed, address):
    with ChronyConnection(address) as conn:
        ours, text = stable(
            conn.get_source_stats,
            lambda ss: [(s.reference_id, s.samples, s.runs, s.std_dev) for s in ss],
            lambda: testbed.chronyc("sourcestats", csv=True),
        )
    theirs = {r[0]: r for r in rows(text)}
    assert len(ours) == len(theirs) == 2
    for s in ours:
        r = theirs[s.address or "GPS"]
        assert s.samples == int(r[1])
        assert s.runs == int(r[2])
        assert s.span == int(r[3])
        assert close(s.resid_freq, float(r[4]), abs_=1e-3)
        assert close(s.skew, float(r[5]), abs_=1e-3)
        # The offset is extrapolated to the moment of each request.
        assert close(s.offset, float(r[6]), abs_=1e-6)
        assert close(s.std_dev, float(r[7]), abs_=2e-9)
    (refclock,) = [s for s in ours if s.address == ""]
    assert refclock.reference_id == 0x47505300  # "GPS"


def test_rtc_data_is_none_without_an_rtc(testbed, address):
    with ChronyConnection(address) as conn:
        assert conn.get_rtc_data() is None
        assert conn.get_report("rtcdata") == []
        # The connection is still good after the "disabled" answer.
        assert conn.get_tracking().is_synchronized()


def test_real_records_are_dataclasses(testbed, address):
    import dataclasses
    import pickle

    with ChronyConnection(address) as conn:
        tracking, sources = conn.get_tracking(), conn.get_sources()
    for record in [tracking, *sources]:
        assert pickle.loads(pickle.dumps(record)) == record
        assert dataclasses.replace(record) == record
        assert hash(record) == hash(dataclasses.replace(record))
        assert set(dataclasses.asdict(record)) == {f.name for f in dataclasses.fields(record)}


def test_reads_survive_a_changing_source_list(private_testbed):
    """chronyd adds and removes sources under a read (pool refreshes,
    `chronyc add/delete`); a record past the shrunken end is re-read from a
    fresh count (up to 3 attempts), never raised or returned half-read."""
    import threading

    stop = threading.Event()
    churned = []

    def churn() -> None:
        while not stop.is_set():
            private_testbed.chronyc("add", "server", "127.0.0.2", "minpoll", "6", check=False)
            private_testbed.chronyc("delete", "127.0.0.2", check=False)
            churned.append(1)

    worker = threading.Thread(target=churn)
    worker.start()
    counts = set()
    start = time.monotonic()
    try:
        with ChronyConnection(private_testbed.socket_path) as conn:
            # At least 1.5 s and 10 changes of the list, 20 s at most.
            while time.monotonic() - start < 20 and (
                time.monotonic() - start < 1.5 or len(churned) < 10
            ):
                for reader in (conn.get_sources, conn.get_source_stats):
                    records = reader()
                    counts.add(len(records))
                    assert {r.address for r in records} >= {"127.0.0.1"}
    finally:
        stop.set()
        worker.join()
    assert len(churned) >= 10  # the list really changed under the reads
    assert counts <= {2, 3} and len(counts) == 2  # seen with and without the extra source
