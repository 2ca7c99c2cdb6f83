"""A real chronyd to test against, on loopback, in a temp dir.

Two daemons, as libchrony.md describes: an *upstream* serving NTP on a free
loopback port (local stratum 3), and the daemon *under test*, which uses the
upstream as its one NTP source, has a SOCK reference clock (refid "GPS",
noselect) so refclock sources are covered, serves its command port on
127.0.0.1 and its Unix socket in the temp dir. Both run with ``-x`` so the
system clock is never touched, in the foreground, as the current user.

Used by the pytest fixtures (tests/conftest.py), by scripts/setup (the demo
read) and by benchmarks/. Run it directly to get a daemon for manual work::

    python tests/testbed.py -- chronyc -h /tmp/.../chronyd.sock tracking

which starts the daemons, runs the command with CHRONY_ADDRESS (the UDP
command port), CHRONY_SOCKET (the Unix socket) and CHRONYD_PID set, then
stops them.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

CHRONYD = shutil.which("chronyd") or "/usr/sbin/chronyd"
CHRONYC = shutil.which("chronyc") or "/usr/bin/chronyc"


def free_udp_port() -> int:
    """A UDP port on 127.0.0.1 nobody is bound to right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Daemon:
    """One chronyd process and the files it uses."""

    name: str
    directory: Path
    config: str
    process: subprocess.Popen[bytes] | None = None
    log: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log = self.directory / f"{self.name}.log"

    def start(self) -> None:
        conf = self.directory / f"{self.name}.conf"
        conf.write_text(self.config)
        args = [CHRONYD, "-x", "-d", "-f", str(conf)]
        if os.geteuid() == 0:
            args += ["-u", "root"]  # else it drops to _chrony and cannot write the temp dir
        else:
            # -U: run without root (chronyd refuses otherwise); -u: as whom,
            # so that its checks of the temp dir's owner expect us.
            args += ["-U", "-u", pwd.getpwuid(os.geteuid()).pw_name]
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )

    def stop(self) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            self.process.send_signal(signal.SIGCONT)  # a test may have left it stopped
            self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def signal(self, signum: int) -> None:
        assert self.process is not None, f"{self.name} is not running"
        self.process.send_signal(signum)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@dataclass
class TestBed:
    """The pair of daemons; `address` and `socket_path` reach the one under test."""

    directory: Path
    upstream_port: int
    command_port: int
    extra_config: str = ""
    upstream: Daemon = field(init=False)
    daemon: Daemon = field(init=False)

    def __post_init__(self) -> None:
        d = self.directory
        self.upstream = Daemon(
            "upstream",
            d,
            "\n".join(
                [
                    f"port {self.upstream_port}",
                    "bindaddress 127.0.0.1",
                    "cmdport 0",
                    "bindcmdaddress /",  # no Unix socket: else it takes /run/chrony's
                    "local stratum 3",
                    "allow 127.0.0.1",
                    f"pidfile {d}/upstream.pid",
                    f"driftfile {d}/upstream.drift",
                    "",
                ]
            ),
        )
        self.daemon = Daemon(
            "chronyd",
            d,
            "\n".join(
                [
                    f"server 127.0.0.1 port {self.upstream_port} iburst minpoll -2 maxpoll -1",
                    f"refclock SOCK {d}/refclock.sock refid GPS noselect",
                    "port 0",
                    f"cmdport {self.command_port}",
                    "bindcmdaddress 127.0.0.1",
                    f"bindcmdaddress {self.socket_path}",
                    "cmdallow 127.0.0.1",
                    f"pidfile {d}/chronyd.pid",
                    f"driftfile {d}/chronyd.drift",
                    self.extra_config,
                    "",
                ]
            ),
        )

    @property
    def address(self) -> str:
        """The UDP command port, as a pychrony address."""
        return f"127.0.0.1:{self.command_port}"

    @property
    def socket_path(self) -> str:
        return str(self.directory / "chronyd.sock")

    def start(self, wait_selected: bool = True, timeout: float = 20.0) -> None:
        self.upstream.start()
        self.daemon.start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for d in (self.upstream, self.daemon):
                if d.process is not None and d.process.poll() is not None:
                    raise RuntimeError(f"{d.name} exited:\n{d.log_text()}")
            if os.path.exists(self.socket_path) and (not wait_selected or self.source_selected()):
                return
            time.sleep(0.1)
        raise RuntimeError(
            f"chronyd did not select its source within {timeout}s:\n"
            f"{self.daemon.log_text()}\n{self.chronyc('sources')}"
        )

    def stop(self) -> None:
        self.daemon.stop()
        self.upstream.stop()

    def stop_daemon(self) -> None:
        """Stop the daemon under test (the upstream keeps running)."""
        self.daemon.stop()

    def start_daemon(self) -> None:
        """Start the daemon under test again and wait until it answers."""
        self.daemon.start()
        deadline = time.monotonic() + 10
        while not os.path.exists(self.socket_path) or not self._answers():
            if time.monotonic() > deadline:
                raise RuntimeError(f"chronyd did not come back:\n{self.daemon.log_text()}")
            time.sleep(0.05)

    def restart_daemon(self) -> None:
        """Stop and start the daemon under test."""
        self.stop_daemon()
        self.start_daemon()

    def _answers(self) -> bool:
        return self.chronyc("tracking", check=False).startswith("Reference ID")

    def chronyc(self, *args: str, csv: bool = False, check: bool = True) -> str:
        """Run chronyc against the daemon under test over its Unix socket."""
        cmd = [CHRONYC, "-h", self.socket_path, "-n"]
        if csv:
            cmd.append("-c")
        result = subprocess.run(
            [*cmd, *args], capture_output=True, text=True, timeout=15, check=False
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"chronyc {args} failed: {result.stderr}")
        return result.stdout

    def source_selected(self) -> bool:
        return any(
            line.startswith("^,*")
            for line in self.chronyc("sources", csv=True, check=False).splitlines()
        )


@contextlib.contextmanager
def running(extra_config: str = "", wait_selected: bool = True) -> Iterator[TestBed]:
    """Start a test bed in a fresh temp dir, yield it, stop it and clean up."""
    with tempfile.TemporaryDirectory(prefix="pychrony-testbed-") as tmp:
        directory = Path(tmp)
        directory.chmod(0o700)  # chronyd refuses a Unix socket in a dir others can enter
        bed = TestBed(directory, free_udp_port(), free_udp_port(), extra_config)
        try:
            bed.start(wait_selected=wait_selected)
            yield bed
        finally:
            bed.stop()


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    with running() as bed:
        assert bed.daemon.process is not None
        env = dict(
            os.environ,
            CHRONY_ADDRESS=bed.address,
            CHRONY_SOCKET=bed.socket_path,
            CHRONYD_PID=str(bed.daemon.process.pid),
        )
        if not argv:
            print(f"command port {bed.address}, Unix socket {bed.socket_path}")
            return 0
        return subprocess.call(argv, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
