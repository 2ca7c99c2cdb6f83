"""Show pychrony working: the tracking report of the system chronyd if one
answers, else of a test-bed chronyd started for the purpose (and stopped)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pychrony

ROOT = Path(__file__).resolve().parent.parent


def system_chronyd_answers() -> bool:
    try:
        with pychrony.ChronyConnection(timeout=1.0) as conn:
            conn.get_tracking()
        return True
    except pychrony.ChronyError:
        return False


def main() -> int:
    cli = [sys.executable, "-m", "pychrony"]
    if system_chronyd_answers():
        print("(the system's chronyd)")
        return subprocess.call([*cli, "tracking"])
    print("(no system chronyd answers: a test-bed chronyd on loopback)")
    testbed = str(ROOT / "tests" / "testbed.py")
    return subprocess.call(
        [
            sys.executable,
            testbed,
            "--",
            "sh",
            "-c",
            f'"{sys.executable}" -m pychrony --address "$CHRONY_SOCKET" tracking',
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
