"""Shared fixtures: a real chronyd test bed (tests/testbed.py) for the
integration tests. Unit tests (tests/unit) use none of these."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import testbed as testbed_module


def _require_chronyd() -> None:
    if shutil.which("chronyd") is None and not Path(testbed_module.CHRONYD).exists():
        pytest.fail("chronyd is not installed; run scripts/setup (apt-get install chrony)")


@pytest.fixture(scope="session")
def testbed() -> Iterator[testbed_module.TestBed]:
    """Two chronyd on loopback, the one under test synchronised to the other.
    Shared by the whole session: tests must not stop or restart it."""
    _require_chronyd()
    with testbed_module.running() as bed:
        yield bed


@pytest.fixture
def private_testbed() -> Iterator[testbed_module.TestBed]:
    """A test bed of the test's own, for tests that stop, kill or restart it."""
    _require_chronyd()
    with testbed_module.running() as bed:
        yield bed


@pytest.fixture(params=["unix_socket", "command_port"])
def address(request: pytest.FixtureRequest, testbed: testbed_module.TestBed) -> str:
    """The test bed's address over each transport in turn."""
    return testbed.socket_path if request.param == "unix_socket" else testbed.address
