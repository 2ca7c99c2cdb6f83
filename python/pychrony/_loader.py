"""Loads the native core, or explains why it cannot be loaded.

A source build links the system libchrony; if that library is later
removed, importing the extension fails. `import pychrony` must still work
then (so programs can catch the error), and every call raises
ChronyLibraryError saying what to install.
"""

from __future__ import annotations

from types import ModuleType

from .exceptions import ChronyLibraryError

_native: ModuleType | None
_load_error: str | None
try:
    from . import _native
except ImportError as exc:  # the extension or libchrony.so.0 is missing
    _native = None
    _load_error = str(exc)
else:
    _load_error = None


def native() -> ModuleType:
    """The native module, or ChronyLibraryError explaining its absence."""
    if _native is None:
        raise ChronyLibraryError(
            f"pychrony's native core could not be loaded ({_load_error}). It needs "
            "libchrony (libchrony.so.0): wheels from PyPI carry it; for a source build "
            "install it (Fedora/EPEL: dnf install libchrony; Debian/Ubuntu: run "
            "scripts/provision-libchrony from pychrony's source) and reinstall pychrony."
        )
    return _native
