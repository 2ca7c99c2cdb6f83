"""Faults a monitoring agent meets in production, against real chronyd
processes and a misbehaving UDP server written here: every call ends within
its deadline with the documented exception, and nothing hangs or crashes."""

from __future__ import annotations

import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pychrony import (
    ChronyConnection,
    ChronyConnectionError,
    ChronyDataError,
    ChronyPermissionError,
    ChronyTimeoutError,
    TrackingStatus,
)

TRANSPORTS = ["unix_socket", "command_port"]


def address_of(bed, transport: str) -> str:
    return bed.socket_path if transport == "unix_socket" else bed.address


@contextmanager
def stopped(bed) -> Iterator[None]:
    """chronyd frozen (SIGSTOP) for the duration: alive but silent."""
    bed.daemon.signal(signal.SIGSTOP)
    try:
        yield
    finally:
        bed.daemon.signal(signal.SIGCONT)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_stopped_daemon_times_out_then_recovers(private_testbed, transport):
    address = address_of(private_testbed, transport)
    with ChronyConnection(address, timeout=1.5) as conn:
        assert conn.get_tracking().stratum == 4
        with stopped(private_testbed):
            start = time.monotonic()
            with pytest.raises(ChronyTimeoutError) as info:
                conn.get_tracking()
            elapsed = time.monotonic() - start
        assert 1.5 <= elapsed < 1.9, elapsed
        message = str(info.value)
        assert address in message and "1.500 s" in message and "resent 1 time" in message
        assert isinstance(info.value, TimeoutError) and isinstance(
            info.value, ChronyConnectionError
        )
        # The replies to the requests sent while stopped arrive late now and
        # are recognised as stale: the same connection reads fresh data.
        for _ in range(5):
            assert conn.get_tracking().stratum == 4


def test_deadline_covers_the_whole_multi_record_read(private_testbed):
    with ChronyConnection(private_testbed.socket_path, timeout=0.7) as conn:
        with stopped(private_testbed):
            start = time.monotonic()
            with pytest.raises(ChronyTimeoutError):
                conn.get_ntp_data()
            assert time.monotonic() - start < 1.0


def test_missing_unix_socket(tmp_path):
    path = str(tmp_path / "chronyd.sock")
    start = time.monotonic()
    with pytest.raises(ChronyConnectionError) as info:
        with ChronyConnection(path):
            pass
    assert time.monotonic() - start < 0.5
    assert path in str(info.value) and "No such file" in str(info.value)
    assert not isinstance(info.value, ChronyTimeoutError)


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_udp_port_with_no_listener_fails_fast():
    address = f"127.0.0.1:{free_udp_port()}"
    with ChronyConnection(address, timeout=5) as conn:  # UDP "connects" regardless
        start = time.monotonic()
        with pytest.raises(ChronyConnectionError) as info:
            conn.get_tracking()
        assert time.monotonic() - start < 0.5  # the ICMP refusal, not the timeout
    assert address in str(info.value) and "refused" in str(info.value)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_daemon_restarted_under_an_open_connection(private_testbed, transport):
    with ChronyConnection(address_of(private_testbed, transport)) as conn:
        assert conn.get_tracking().is_synchronized()
        private_testbed.restart_daemon()
        # Reopened transparently. The new daemon has not synchronised yet.
        assert isinstance(conn.get_tracking(), TrackingStatus)
        assert sorted(s.address for s in conn.get_sources()) == ["127.0.0.1", "GPS"]


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_daemon_down_then_back(private_testbed, transport):
    with ChronyConnection(address_of(private_testbed, transport), timeout=2) as conn:
        conn.get_tracking()
        private_testbed.stop_daemon()
        start = time.monotonic()
        with pytest.raises(ChronyConnectionError) as info:
            conn.get_tracking()
        assert time.monotonic() - start < 0.5, "a dead daemon is reported at once"
        assert not isinstance(info.value, ChronyTimeoutError)
        private_testbed.start_daemon()
        assert isinstance(conn.get_tracking(), TrackingStatus)
    # and a new connection works too
    with ChronyConnection(address_of(private_testbed, transport)) as conn:
        conn.get_tracking()


class FakeChronyd:
    """A UDP server on loopback answering each request with `reply(request)`
    (None: stay silent). Counts the requests it got."""

    def __init__(self, reply) -> None:
        self.reply = reply
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.address = f"127.0.0.1:{self.sock.getsockname()[1]}"
        self.requests = 0
        self.running = True
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        deadline = time.monotonic() + 30  # bounded, whatever happens
        while self.running and time.monotonic() < deadline:
            try:
                request, peer = self.sock.recvfrom(65536)
            except TimeoutError:
                continue
            self.requests += 1
            answer = self.reply(request)
            if answer is not None:
                self.sock.sendto(answer, peer)

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.sock.close()


@pytest.fixture
def fake():
    servers: list[FakeChronyd] = []

    def start(reply) -> FakeChronyd:
        servers.append(FakeChronyd(reply))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def header(request: bytes, status: int = 0, code: int | None = None) -> bytes:
    """A chronyd reply header matching `request` (version, command, sequence)."""
    command = struct.unpack_from("!H", request, 4)[0]
    sequence = request[8:12]
    reply_code = 5 if code is None else code  # 5: tracking reply
    return (
        struct.pack("!BBBBHHH", 6, 2, 0, 0, command, reply_code, status)
        + b"\0" * 6
        + sequence
        + b"\0" * 8
    )


def test_garbage_answers_are_ignored_until_the_deadline(fake):
    server = fake(lambda request: os.urandom(len(request)))
    with ChronyConnection(server.address, timeout=1.2) as conn:
        start = time.monotonic()
        with pytest.raises(ChronyTimeoutError):
            conn.get_tracking()
        assert 1.2 <= time.monotonic() - start < 1.6
    assert server.requests == 2  # sent, then resent after 1 s


def test_truncated_reply_is_a_data_error(fake):
    server = fake(lambda request: header(request) + b"\x01\x02\x03")
    with ChronyConnection(server.address, timeout=2) as conn:
        with pytest.raises(ChronyDataError) as info:
            conn.get_tracking()
    assert "tracking" in str(info.value) and info.value.error_code is not None


def test_oversized_reply_never_crashes(fake):
    # A valid header and 60 KB of random payload: libchrony reads what fits.
    server = fake(lambda request: header(request) + os.urandom(60_000))
    with ChronyConnection(server.address, timeout=2) as conn:
        for _ in range(20):
            try:
                status = conn.get_tracking()
            except ChronyDataError as exc:
                assert "invalid tracking data" in str(exc)
            else:  # random bytes that happen to pass every check
                assert 0 <= status.stratum <= 15


def test_status_codes_map_to_the_documented_exceptions(fake):
    server = fake(lambda request: header(request, status=2))  # unauthorised
    with ChronyConnection(server.address, timeout=2) as conn:
        with pytest.raises(ChronyPermissionError):
            conn.get_tracking()
    server = fake(lambda request: header(request, status=18))  # bad packet version
    with ChronyConnection(server.address, timeout=2) as conn:
        with pytest.raises(ChronyDataError, match="too new"):
            conn.get_tracking()


def test_wrong_reply_type_is_a_data_error(fake):
    server = fake(lambda request: header(request, code=99) + b"\0" * 200)
    with ChronyConnection(server.address, timeout=2) as conn:
        with pytest.raises(ChronyDataError):
            conn.get_tracking()


def test_one_connection_shared_by_many_threads(testbed):
    errors: list[BaseException] = []
    results: list[int] = []
    with ChronyConnection(testbed.socket_path) as conn:

        def work() -> None:
            try:
                for i in range(150):
                    if i % 3 == 0:
                        results.append(len(conn.get_sources()))
                    else:
                        results.append(conn.get_tracking().stratum)
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    assert not errors, errors
    assert len(results) == 8 * 150
    assert set(results) <= {2, 4}


def test_threads_keep_running_while_one_waits_on_a_silent_daemon(private_testbed, testbed):
    """The GIL is released during the wait: other threads make progress."""
    silent = ChronyConnection(private_testbed.address, timeout=1.0)
    counted = []
    with silent, ChronyConnection(testbed.socket_path) as healthy:
        with stopped(private_testbed):
            outcome: list[BaseException] = []

            def wait_silent() -> None:
                try:
                    silent.get_tracking()
                except BaseException as exc:
                    outcome.append(exc)

            waiter = threading.Thread(target=wait_silent)
            waiter.start()
            deadline = time.monotonic() + 0.8
            while time.monotonic() < deadline:
                counted.append(healthy.get_tracking().stratum)
            waiter.join()
    assert len(counted) > 100
    assert len(outcome) == 1 and isinstance(outcome[0], ChronyTimeoutError)


INTERRUPT_CHILD = """
import signal, sys, threading, time, os
from pychrony import ChronyConnection
conn = ChronyConnection(sys.argv[1], timeout=30).__enter__()
threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT)).start()
start = time.monotonic()
try:
    conn.get_tracking()
except KeyboardInterrupt:
    print(f"interrupted {time.monotonic() - start - 0.5:.3f}")
"""


def test_ctrl_c_interrupts_a_long_wait(private_testbed):
    with stopped(private_testbed):
        out = subprocess.run(
            [sys.executable, "-c", INTERRUPT_CHILD, private_testbed.address],
            capture_output=True, text=True, timeout=20,
        )  # fmt: skip
    assert out.stdout.startswith("interrupted"), out.stderr
    assert float(out.stdout.split()[1]) < 0.15


def in_child(fn):
    """Run fn in a forked child; return what it returned, as repr."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            result = repr(fn())
        except BaseException as exc:
            result = f"{type(exc).__name__}: {exc}"
        os.write(write, result.encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        result = pipe.read()
    os.waitpid(pid, 0)
    return result


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_fork_child_must_open_its_own_connection(testbed, transport):
    address = address_of(testbed, transport)
    with ChronyConnection(address) as conn:
        conn.get_tracking()
        inherited = in_child(conn.get_tracking)
        assert inherited.startswith("RuntimeError") and "fork" in inherited

        def own() -> int:
            with ChronyConnection(address) as mine:
                return mine.get_tracking().stratum

        assert in_child(own) == "4"
        # The parent's connection (and its Unix client socket) is intact.
        assert conn.get_tracking().stratum == 4


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_no_descriptor_leaks_over_many_connections(testbed, tmp_path):
    for address in (testbed.socket_path, testbed.address):
        with ChronyConnection(address) as conn:
            conn.get_tracking()
        before = open_fds()
        for _ in range(2000):
            with ChronyConnection(address) as conn:
                pass
        for _ in range(200):  # and failed opens
            with pytest.raises(ChronyConnectionError):
                ChronyConnection(str(tmp_path / "missing.sock")).open()
        assert open_fds() == before
    # libchrony's client sockets next to chronyd's socket are cleaned up too.
    leftovers = [
        p.name for p in Path(testbed.socket_path).parent.iterdir() if "libchrony" in p.name
    ]
    assert leftovers == []


def test_closing_is_idempotent_and_final(testbed):
    conn = ChronyConnection(testbed.address)
    with conn:
        conn.get_tracking()
    conn.close()
    with pytest.raises(RuntimeError):
        conn.get_tracking()
    with conn:  # a connection can be entered again
        assert conn.get_tracking().stratum == 4


def test_no_deadlock_between_a_waiting_read_and_other_threads(private_testbed):
    """The main thread waits on a silent daemon holding the connection's lock
    and takes the GIL every 50 ms to run signal handlers; meanwhile another
    thread keeps calling into the same connection. Neither may wait for the
    lock while holding the GIL, or both would block forever."""
    conn = ChronyConnection(private_testbed.address, timeout=1.0)
    stop = threading.Event()
    calls = []

    def poke() -> None:
        while not stop.is_set():
            calls.append(conn._native.is_open)  # takes the connection's lock

    with conn, stopped(private_testbed):
        poker = threading.Thread(target=poke)
        poker.start()
        try:
            start = time.monotonic()
            with pytest.raises(ChronyTimeoutError):
                conn.get_tracking()
            assert time.monotonic() - start < 1.5
        finally:
            stop.set()
            poker.join(timeout=10)
    assert not poker.is_alive() and calls
