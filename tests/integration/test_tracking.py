"""get_tracking() against `chronyc -c tracking` on the same daemon."""

from __future__ import annotations

import dataclasses

from pychrony import ChronyConnection, LeapStatus, TrackingStatus, Transport

from .chronyc import LEAP, close, rows, stable


def test_tracking_matches_chronyc(testbed, address):
    with ChronyConnection(address) as conn:
        ours, text = stable(
            conn.get_tracking,
            lambda t: (t.ref_time, t.stratum),
            lambda: testbed.chronyc("tracking", csv=True),
        )
    (row,) = rows(text)
    assert isinstance(ours, TrackingStatus)
    assert ours.reference_id == int(row[0], 16)
    assert ours.reference_ip == row[1]
    assert ours.stratum == int(row[2])
    assert abs(ours.ref_time - float(row[3])) < 1e-6
    assert close(ours.offset, float(row[4]), abs_=2e-9)
    assert close(ours.last_offset, float(row[5]), abs_=2e-9)
    assert close(ours.rms_offset, float(row[6]), abs_=2e-9)
    assert close(ours.frequency, float(row[7]), abs_=1e-3)
    assert close(ours.residual_freq, float(row[8]), abs_=1e-3)
    assert close(ours.skew, float(row[9]), abs_=1e-3)
    assert close(ours.root_delay, float(row[10]), abs_=2e-9)
    # Root dispersion grows between the two reads; allow a few ms of it.
    assert abs(ours.root_dispersion - float(row[11])) < 5e-3
    assert close(ours.update_interval, float(row[12]), abs_=0.1)
    assert ours.leap_status is LeapStatus(LEAP[row[13]])


def test_tracking_is_synchronised_to_the_upstream(testbed, address):
    with ChronyConnection(address) as conn:
        status = conn.get_tracking()
    assert status.is_synchronized()
    assert status.reference_id == 0x7F000001
    assert status.reference_id_name == "127.0.0.1"
    assert status.stratum == 4  # the upstream serves stratum 3
    assert not status.is_leap_pending()
    assert all(
        isinstance(getattr(status, f.name), f.type if isinstance(f.type, type) else object)
        for f in dataclasses.fields(status)
    )


def test_transport_and_address(testbed, address):
    conn = ChronyConnection(address)
    assert conn.address is None and conn.transport is None
    with conn:
        assert conn.address == address
        expected = Transport.UNIX_SOCKET if address.startswith("/") else Transport.COMMAND_PORT
        assert conn.transport is expected
    assert conn.address is None and conn.transport is None


def test_connection_reused_for_many_calls(testbed, address):
    with ChronyConnection(address) as conn:
        stamps = {conn.get_tracking().reference_id for _ in range(200)}
    assert stamps == {0x7F000001}
