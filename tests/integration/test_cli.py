"""The `pychrony` command and `python -m pychrony`, end to end."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pychrony import TrackingStatus
from pychrony.cli import REPORTS

SCRIPT = shutil.which("pychrony", path=str(Path(sys.executable).parent))


def cli(*args: str, module: bool = False) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "pychrony"] if module or SCRIPT is None else [SCRIPT]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=30)


def test_console_script_is_installed():
    assert SCRIPT is not None


@pytest.mark.parametrize("report", REPORTS)
def test_every_report_prints(testbed, report):
    out = cli("--address", testbed.socket_path, report)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() and not out.stderr


def test_tracking_text_shows_the_fields(testbed):
    out = cli("-a", testbed.socket_path, "tracking", module=True)
    assert out.returncode == 0
    pairs = (line.split(" : ", 1) for line in out.stdout.splitlines())
    lines = {key.strip(): value.strip() for key, value in pairs}
    assert lines["reference_id"] == "7F000001"  # hex, as chronyc shows it
    assert lines["reference_ip"] == "127.0.0.1"
    assert lines["stratum"] == "4"
    assert lines["ref_time"].endswith("UTC")


def test_sources_table(testbed):
    out = cli("-a", testbed.address, "sources")
    header, rule, *body = out.stdout.splitlines()
    assert header.split()[:3] == ["address", "poll", "stratum"]
    assert set(rule.replace(" ", "")) == {"-"}
    assert sorted(line.split()[0] for line in body) == ["127.0.0.1", "GPS"]


def test_json_keys_are_stable(testbed):
    tracking = json.loads(cli("-a", testbed.address, "tracking", "--json").stdout)
    assert list(tracking) == [f.name for f in dataclasses.fields(TrackingStatus)]
    assert tracking["leap_status"] == "NORMAL" and tracking["stratum"] == 4
    sources = json.loads(cli("-a", testbed.socket_path, "sources", "--json").stdout)
    assert {s["mode"] for s in sources} == {"CLIENT", "REFCLOCK"}
    assert json.loads(cli("-a", testbed.address, "rtcdata", "--json").stdout) is None


def one_line_error(out: subprocess.CompletedProcess[str]) -> str:
    assert out.returncode == 1
    assert "Traceback" not in out.stderr and not out.stdout
    (line,) = out.stderr.strip().splitlines()
    assert line.startswith("pychrony: error: ")
    return line


def test_unreachable_chronyd(tmp_path):
    line = one_line_error(cli("-a", str(tmp_path / "none.sock"), "tracking"))
    assert "none.sock" in line


def test_refused_report(testbed):
    line = one_line_error(cli("-a", testbed.address, "ntpdata"))
    assert "Unix socket" in line


def test_bad_address_and_timeout():
    assert "invalid chronyd address" in one_line_error(cli("-a", "not an address", "tracking"))
    assert "timeout" in one_line_error(cli("-a", "127.0.0.1", "-t", "0", "tracking"))


def test_version():
    import pychrony

    out = cli("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"pychrony {pychrony.__version__}"


def test_usage_errors_exit_2():
    assert cli("nonsense").returncode == 2
    assert cli().returncode == 2
    out = cli("--help")
    assert out.returncode == 0 and "tracking" in out.stdout
