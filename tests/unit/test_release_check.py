"""scripts/release_check.py: tag, Cargo version, CHANGELOG and index agree."""

from __future__ import annotations

import http.server
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import release_check


@pytest.mark.parametrize(
    "semver, pep440",
    [("3.0.0", "3.0.0"), ("3.1.0-rc.1", "3.1.0rc1"), ("3.1.0-beta.2", "3.1.0b2"),
     ("4.0.0-alpha.1", "4.0.0a1"), ("3.0.1-dev.5", "3.0.1.dev5")],
)  # fmt: skip
def test_pep440(semver, pep440):
    assert release_check.pep440(semver) == pep440


def test_unknown_prerelease_label():
    with pytest.raises(ValueError):
        release_check.pep440("3.0.0-preview.1")


def project(tmp_path: Path, version: str, changelog: str) -> Path:
    (tmp_path / "Cargo.toml").write_text(
        f'[package]\nname = "pychrony"\nversion = "{version}"\n\n[dependencies]\nversion = "9"\n'
    )
    (tmp_path / "CHANGELOG.md").write_text(changelog)
    return tmp_path


def test_all_agree(tmp_path):
    root = project(tmp_path, "3.1.0-rc.1", "# Changelog\n\n## [3.1.0rc1] - 2026-12-01\n")
    assert release_check.problems("v3.1.0rc1", root) == []
    assert release_check.problems("v3.1.0-rc.1", root) == []


def test_each_mismatch_is_one_line(tmp_path):
    root = project(tmp_path, "3.1.0", "## [3.0.0]\n")
    found = release_check.problems("v3.2.0", root)
    assert len(found) == 2
    assert "tag v3.2.0 does not match Cargo.toml's version 3.1.0" in found[0]
    assert "CHANGELOG.md has no '## [3.1.0]' entry" in found[1]


@pytest.fixture
def index():
    """A simple index on loopback listing pychrony 3.0.0's files."""
    page = b'<a href="/files/pychrony-3.0.0-cp310-abi3-manylinux_2_28_x86_64.whl">w</a>'

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path.rstrip("/") == "/simple/pychrony":
                self.send_response(200)
                self.end_headers()
                self.wfile.write(page)
            else:
                self.send_error(404)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/simple/"
    server.shutdown()


def test_version_already_on_index(tmp_path, index):
    root = project(tmp_path, "3.0.0", "## [3.0.0]\n")
    assert release_check.problems("v3.0.0", root, index) == [
        f"pychrony 3.0.0 is already on {index}"
    ]
    root = project(tmp_path, "3.0.1", "## [3.0.1]\n")
    assert release_check.problems("v3.0.1", root, index) == []


def test_unreachable_index_is_a_problem(tmp_path):
    root = project(tmp_path, "3.0.0", "## [3.0.0]\n")
    (line,) = release_check.problems("v3.0.0", root, "http://127.0.0.1:9/simple/")
    assert line.startswith("cannot read http://127.0.0.1:9/simple/")


def test_this_repository_is_consistent():
    cargo = (release_check.ROOT / "Cargo.toml").read_text()
    version = release_check.pep440(release_check.cargo_version(cargo))
    assert release_check.problems(f"v{version}") == []
