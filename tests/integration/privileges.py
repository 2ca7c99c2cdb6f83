"""Running a check as an unprivileged user: fork, drop to `nobody`, run the
function, hand back what it returned or raised."""

from __future__ import annotations

import os
import pickle
import pwd
from collections.abc import Callable
from typing import Any

import pytest


def as_nobody(fn: Callable[[], Any]) -> Any:
    """Run fn in a forked child as user nobody; return its result or re-raise."""
    if os.geteuid() != 0:
        pytest.skip("dropping privileges needs root (this run is not root)")
    nobody = pwd.getpwnam("nobody")
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read)
        try:
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
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
