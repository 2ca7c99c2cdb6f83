"""The reference implementation, pychrony 2.0.3 from PyPI, in its own venv
(benchmarks/.venv-ref, made on first use): for the benchmarks and for the
compatibility test that runs one script under both."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REF_VENV = Path(__file__).resolve().parent / ".venv-ref"
# pytest: 2.0.3's pychrony.testing imports it. matplotlib draws the
# benchmark chart.
PACKAGES = ["pychrony==2.0.3", "pytest==9.2.0"]
CHART = ["matplotlib==3.10.8"]


def reference_python(chart: bool = False) -> Path:
    """The reference venv's interpreter with pychrony 2.0.3 (and matplotlib)."""
    python = REF_VENV / "bin" / "python"
    marker = REF_VENV / "installed.txt"
    packages = PACKAGES + CHART if chart else PACKAGES
    installed = marker.read_text().splitlines() if marker.exists() else []
    if set(packages) <= set(installed):
        return python
    wanted = "\n".join(sorted(set(packages) | set(installed)))
    subprocess.run([sys.executable, "-m", "venv", str(REF_VENV)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *packages],
        check=True,
    )
    marker.write_text(wanted)
    return python
