"""The example program runs against a real chronyd (it is also type-checked
with mypy --strict by scripts/check)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "health_check.py"


def test_health_check_reports_ok(testbed, address):
    out = subprocess.run(
        [sys.executable, str(EXAMPLE), address], capture_output=True, text=True, timeout=30
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.startswith("OK: pychrony") and "2 sources (2 via asyncio)" in out.stdout


def test_health_check_reports_an_unreachable_daemon(tmp_path):
    out = subprocess.run(
        [sys.executable, str(EXAMPLE), str(tmp_path / "none.sock")],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert out.returncode == 2 and out.stdout.startswith("CRITICAL: chronyd unreachable")
