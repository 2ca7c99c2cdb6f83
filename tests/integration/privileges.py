"""Running a check as an unprivileged user: fork, drop to a test user, run
the function, hand back what it returned or raised."""

from __future__ import annotations

import os
import pickle
import pwd
import shutil
import subprocess
from collections.abc import Callable
from typing import Any

import pytest

TEST_USER = "pychrony-test"


def unprivileged_user() -> pwd.struct_passwd:
    """A system user made for these tests (nobody where useradd is missing)."""
    try:
        return pwd.getpwnam(TEST_USER)
    except KeyError:
        pass
    useradd = shutil.which("useradd") or "/usr/sbin/useradd"
    if os.path.exists(useradd):
        subprocess.run(
            [useradd, "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", TEST_USER],
            check=True, capture_output=True,
        )  # fmt: skip
        return pwd.getpwnam(TEST_USER)
    return pwd.getpwnam("nobody")


def as_unprivileged(fn: Callable[[], Any]) -> Any:
    """Run fn in a forked child as an unprivileged user; return its result or re-raise."""
    if os.geteuid() != 0:
        pytest.skip("dropping privileges needs root (this run is not root)")
    user = unprivileged_user()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read)
        try:
            os.setgroups([])
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)
            outcome: tuple[str, Any] = ("ok", fn())
        except BaseException as exc:  # sent back to the parent
            outcome = ("raised", exc)
        with os.fdopen(write, "wb") as pipe:
            pickle.dump(outcome, pipe)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        kind, value = pickle.load(pipe)
    os.waitpid(pid, 0)
    if kind == "raised":
        raise value
    return value
