"""The reference implementation, pychrony 2.0.3 from PyPI, in its own venv
(benchmarks/.venv-ref, made on first use): for the benchmarks and for the
compatibility test that runs one script under both."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REF_VENV = Path(__file__).resolve().parent / ".venv-ref"
# pytest: 2.0.3's pychrony.testing imports it.
PACKAGES = ["pychrony==2.0.3", "matplotlib==3.10.8", "pytest==9.2.0"]


def reference_python() -> Path:
    """The reference venv's interpreter, with pychrony 2.0.3 and matplotlib."""
    python = REF_VENV / "bin" / "python"
    marker = REF_VENV / "installed.txt"
    wanted = "\n".join(PACKAGES)
    if not marker.exists() or marker.read_text() != wanted:
        subprocess.run([sys.executable, "-m", "venv", str(REF_VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *PACKAGES],
            check=True,
        )
        marker.write_text(wanted)
    return python
