"""Auto-detection, the root-only Unix socket, and what the UDP port serves."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
from pychrony import ChronyConnection, ChronyPermissionError, Transport

from .privileges import as_unprivileged


def test_unprivileged_user_is_refused_by_the_socket(testbed):
    def connect():
        with ChronyConnection(testbed.socket_path) as conn:
            return conn.get_tracking()

    with pytest.raises(ChronyPermissionError) as info:
        as_unprivileged(connect)
    message = str(info.value)
    assert testbed.socket_path in message
    assert "root" in message and "command port" in message and "127.0.0.1" in message


def test_unprivileged_user_reads_the_command_port(testbed):
    def read():
        with ChronyConnection(testbed.address) as conn:
            return conn.transport, conn.get_tracking().stratum

    assert as_unprivileged(read) == (Transport.COMMAND_PORT, 4)


@pytest.mark.parametrize("report", ["selectdata", "authdata", "ntpdata", "serverstats"])
def test_unix_only_reports_refused_over_udp_with_advice(testbed, report):
    with ChronyConnection(testbed.address) as conn:
        with pytest.raises(ChronyPermissionError) as info:
            conn.get_report(report)
        assert "Unix socket" in str(info.value) and "opencommands" in str(info.value)
        assert conn.get_tracking().stratum == 4  # the connection stays usable


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.fixture
def default_paths_chronyd(testbed, tmp_path):
    """A chronyd on the default auto-detect addresses (/run/chrony/chronyd.sock
    and 127.0.0.1:323), synchronised to the test bed's upstream."""
    if os.geteuid() != 0:
        pytest.skip("serving /run/chrony/chronyd.sock and port 323 needs root")
    if os.path.exists("/run/chrony/chronyd.sock") or not _port_free(323):
        pytest.skip("a system chronyd already serves the default addresses")
    created = not os.path.exists("/run/chrony")
    os.makedirs("/run/chrony", mode=0o700, exist_ok=True)
    # chronyd (run as root here) wants the directory to be root's and closed
    # to others; a distribution's chrony package leaves it to _chrony.
    before = os.stat("/run/chrony")
    os.chown("/run/chrony", 0, 0)
    os.chmod("/run/chrony", 0o700)
    conf = tmp_path / "default.conf"
    conf.write_text(
        f"server 127.0.0.1 port {testbed.upstream_port} iburst minpoll -2 maxpoll -1\n"
        "port 0\ncmdport 323\nbindcmdaddress 127.0.0.1\n"
        "bindcmdaddress /run/chrony/chronyd.sock\n"
        f"pidfile {tmp_path}/default.pid\ndriftfile {tmp_path}/default.drift\n"
    )
    log = tmp_path / "default.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            ["chronyd", "-x", "-d", "-u", "root", "-f", str(conf)], stdout=out, stderr=out
        )
    try:
        for _ in range(100):
            if os.path.exists("/run/chrony/chronyd.sock"):
                break
            time.sleep(0.05)
        else:
            pytest.fail(f"chronyd made no /run/chrony/chronyd.sock:\n{log.read_text()}")
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=5)
        if created:
            for leftover in Path("/run/chrony").iterdir():
                leftover.unlink()
            os.rmdir("/run/chrony")
        else:
            os.chown("/run/chrony", before.st_uid, before.st_gid)
            os.chmod("/run/chrony", before.st_mode & 0o7777)


def test_auto_detect_prefers_the_unix_socket(default_paths_chronyd):
    with ChronyConnection() as conn:
        assert conn.transport is Transport.UNIX_SOCKET
        assert conn.address == "/run/chrony/chronyd.sock"
        assert conn.get_tracking().reference_ip in ("127.0.0.1", "")


def test_auto_detect_falls_back_to_the_command_port(default_paths_chronyd):
    def detect():
        with ChronyConnection() as conn:
            return conn.transport, conn.address, len(conn.get_sources())

    assert as_unprivileged(detect) == (Transport.COMMAND_PORT, "127.0.0.1:323", 1)


def test_explicit_address_is_never_replaced(default_paths_chronyd, tmp_path):
    missing = str(tmp_path / "nothing-here.sock")
    with pytest.raises(Exception) as info:
        with ChronyConnection(missing):
            pass
    assert missing in str(info.value)
