"""The ``pychrony`` command: print any chronyd report.

    pychrony tracking
    pychrony sources --address 127.0.0.1 --json
    python -m pychrony ntpdata --address /run/chrony/chronyd.sock

Human-readable output is one "name : value" line per field for single-record
reports and a table for per-source ones. ``--json`` prints the record as an
object (null when chronyd does not collect the data) or the records as a list;
keys are the record classes' attribute names, enums are their member names,
times are epoch seconds. Exit status: 0 on success, 1 when chronyd cannot be
reached, refuses, or answers with bad data (one line on stderr), 2 for usage
errors, 130 on Ctrl-C.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import enum
import json
import sys
from collections.abc import Sequence
from typing import Any

from . import __version__
from ._loader import native
from .connection import DEFAULT_TIMEOUT, ChronyConnection
from .exceptions import ChronyError

REPORTS = (
    "tracking",
    "sources",
    "sourcestats",
    "selectdata",
    "activity",
    "authdata",
    "ntpdata",
    "serverstats",
    "rtcdata",
    "smoothing",
)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="pychrony",
        description="Print a chronyd report, read through libchrony.",
        epilog="The selectdata, authdata, ntpdata and serverstats reports are served only "
        "on chronyd's Unix socket (root or the chrony user).",
    )
    p.add_argument("report", choices=REPORTS, help="the report to print")
    p.add_argument(
        "-a",
        "--address",
        help="Unix socket path or IP[:port] of chronyd's command port (default: auto-detect)",
    )
    p.add_argument(
        "-t",
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help=f"seconds to wait for chronyd (default {DEFAULT_TIMEOUT:g})",
    )
    p.add_argument("--json", action="store_true", help="machine-readable JSON output")
    p.add_argument("--version", action="version", version=f"pychrony {__version__}")
    return p


def _table(report: str) -> dict[str, Any]:
    """The report's table from the native core (methods, column kinds)."""
    table: dict[str, Any] = next(t for t in native().report_tables() if t["report"] == report)
    return table


def _kinds(report: str) -> dict[str, str]:
    """Column name -> kind ("Time", "Float", ...)."""
    return {c["name"]: c["kind"] for c in _table(report)["columns"]}


def _json_value(value: Any) -> Any:
    if isinstance(value, enum.IntFlag):
        return int(value)
    if isinstance(value, enum.Enum):
        return value.name
    return value


def _record_json(record: Any) -> dict[str, Any]:
    return {f.name: _json_value(getattr(record, f.name)) for f in dataclasses.fields(record)}


def _text(name: str, value: Any, kind: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, enum.IntFlag):
        return "|".join(m.name or "" for m in type(value) if m in value) or "-"
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name == "reference_id" and isinstance(value, int):
        return f"{value:08X}"  # as chronyc shows reference IDs
    if kind.startswith("Time") and isinstance(value, float):
        stamp = datetime.datetime.fromtimestamp(value, datetime.timezone.utc)
        return stamp.strftime("%Y-%m-%d %H:%M:%S.%f UTC")
    if isinstance(value, float):
        return f"{value:.9g}"
    return str(value)


def render(report: str, result: Any) -> str:
    """Human-readable text of a report's result."""
    kinds = _kinds(report)
    if result is None:
        return f"chronyd does not provide {report} data (not configured)."
    if not isinstance(result, list):
        fields = dataclasses.fields(result)
        width = max(len(f.name) for f in fields)
        return "\n".join(
            f"{f.name:<{width}} : {_text(f.name, getattr(result, f.name), kinds.get(f.name, ''))}"
            for f in fields
        )
    if not result:
        return f"({report}: no records)"
    names = [f.name for f in dataclasses.fields(result[0])]
    cells = [[_text(n, getattr(r, n), kinds.get(n, "")) for n in names] for r in result]
    widths = [max(len(n), *(len(row[i]) for row in cells)) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(line.rstrip() for line in lines)


def read(report: str, address: str | None, timeout: float) -> Any:
    with ChronyConnection(address, timeout=timeout) as conn:
        return getattr(conn, _table(report)["method"])()


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        result = read(args.report, args.address, args.timeout)
    except (ChronyError, ValueError, TypeError) as exc:
        message = exc.message if isinstance(exc, ChronyError) else str(exc)
        print(f"pychrony: error: {message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    if args.json:
        if isinstance(result, list):
            payload: Any = [_record_json(r) for r in result]
        else:
            payload = None if result is None else _record_json(result)
        print(json.dumps(payload, indent=2, sort_keys=False))
    else:
        print(render(args.report, result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
