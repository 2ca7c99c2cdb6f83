"""Speed of pychrony against its references, in one run, on one test-bed chronyd.

    .venv/bin/python benchmarks/run.py            # full run -> benchmarks/results/latest.*
    .venv/bin/python benchmarks/run.py --quick    # a few calls, to prove it works

Measured per call (median of 5 batches), over the Unix socket and the UDP
command port:
- C: benchmarks/c_floor.c linked to the same libchrony, the same requests,
  every field read: the floor a binding can approach;
- ours: this checkout's pychrony (the interpreter running this script);
- 2.0.3: PyPI's CFFI pychrony 2.0.3, in benchmarks/.venv-ref (made on first use);
- chronyc: `chronyc -c` as a subprocess, as scripts often do.
Also memory per open connection, and RSS / open fds over many calls.

Where the client and chronyd run matters more than any binding here: on a
small VM, waking a process on the other core costs tens of µs per round trip.
So each measurement runs twice, with chronyd and the client pinned to the
same core and to different cores (when there are two).
Results: a Markdown table (ratios included), JSON, and a PNG chart.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))

import testbed  # noqa: E402
from reference import reference_python  # noqa: E402

OPERATIONS = {
    "get_tracking": "tracking",
    "get_sources": "sources",
    "get_source_stats": "sourcestats",
}


def build_c_floor(workdir: Path) -> Path:
    flags = subprocess.run(
        ["pkg-config", "--cflags", "--libs", "libchrony"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    exe = workdir / "c_floor"
    subprocess.run(["cc", "-O2", "-o", str(exe), str(HERE / "c_floor.c"), *flags], check=True)
    return exe


CLIENT_CPU: int | None = None  # set per scenario in main()


def pinned() -> None:
    """preexec_fn: run the child on the scenario's client core."""
    if CLIENT_CPU is not None:
        os.sched_setaffinity(0, {CLIENT_CPU})


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd, capture_output=True, text=True, check=True, preexec_fn=pinned, **kwargs
    )


def python_timings(python: Path, address: str, calls: int) -> dict[str, float]:
    out = run(
        [str(python), str(HERE / "timing.py"), address, str(calls), *OPERATIONS], cwd=HERE
    ).stdout
    timings: dict[str, float] = json.loads(out)
    return timings


def c_timings(exe: Path, address: str, calls: int) -> dict[str, float]:
    return {
        op: float(run([str(exe), address, report, str(calls)]).stdout)
        for op, report in OPERATIONS.items()
    }


def chronyc_timings(address: str, runs: int) -> dict[str, float]:
    if address.startswith("/"):
        target = ["-h", address]
    else:
        host, port = address.rsplit(":", 1)
        target = ["-h", host, "-p", port]
    result = {}
    for op, report in OPERATIONS.items():
        samples = []
        for _ in range(runs):
            start = time.perf_counter_ns()
            run(["chronyc", *target, "-c", "-n", report])
            samples.append(time.perf_counter_ns() - start)
        result[op] = statistics.median(samples)
    return result


def us(ns: float) -> str:
    return f"{ns / 1000:.1f} µs" if ns < 1e6 else f"{ns / 1e6:.2f} ms"


def markdown(results: dict, memory: dict, quick: bool) -> str:
    lines = [
        "# pychrony benchmark",
        "",
        f"{time.strftime('%Y-%m-%d')}, one test-bed chronyd on loopback "
        f"({os.cpu_count()} cores; `benchmarks/run.py{' --quick' if quick else ''}`). "
        "Median time per call; every field read.",
        "",
        "| call | chronyd and client | transport | C floor | pychrony (ours) | pychrony 2.0.3 | "
        "chronyc -c | ours / C | 2.0.3 / ours |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for key, timings in results.items():
        scenario, transport = key.split(", ")
        for op in OPERATIONS:
            c, ours, ref, cli = (timings[k][op] for k in ("c", "ours", "ref", "chronyc"))
            lines.append(
                f"| `{op}()` | {scenario} | {transport} | {us(c)} | {us(ours)} | {us(ref)} | "
                f"{us(cli)} | {ours / c:.2f}x | {ref / ours:.2f}x |"
            )
    lines += [
        "",
        f"Memory: {memory['kib_per_connection']:.1f} KiB of RSS per open connection. Over "
        f"{memory['calls']:,} `get_tracking()` calls RSS went from {memory['rss_kib_first']} KiB "
        f"to {memory['rss_kib_last']} KiB and open fds from {memory['fds_first']} to "
        f"{memory['fds_last']}.",
        "",
    ]
    return "\n".join(lines)


def chart(python: Path, results: dict, path: Path) -> None:
    script = """
import json, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
results, path = json.loads(sys.argv[1]), sys.argv[2]
names = ["c", "ours", "ref"]
labels = {"c": "C floor", "ours": "pychrony 3 (ours)", "ref": "pychrony 2.0.3"}
cols = 2
rows = (len(results) + 1) // 2
fig, axes = plt.subplots(rows, cols, figsize=(11, 3.6 * rows), sharey=True, squeeze=False)
axes = [ax for row in axes for ax in row]
for ax, (transport, timings) in zip(axes, results.items()):
    ops = list(timings["c"])
    width = 0.27
    for i, name in enumerate(names):
        ax.bar([x + i * width for x in range(len(ops))],
               [timings[name][op] / 1000 for op in ops], width, label=labels[name])
    ax.set_xticks([x + width for x in range(len(ops))], [op + "()" for op in ops], fontsize=8)
    ax.set_title(transport)
    ax.set_ylabel("µs per call (lower is better)")
axes[0].legend()
fig.tight_layout()
fig.savefig(path, dpi=110)
"""
    subprocess.run([str(python), "-c", script, json.dumps(results), str(path)], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="few calls: prove it works")
    args = parser.parse_args()
    calls, cli_runs, mem_calls = (50, 3, 2_000) if args.quick else (2_000, 20, 100_000)
    out_dir = HERE / "results" / ("quick" if args.quick else "")
    out_dir.mkdir(parents=True, exist_ok=True)
    ref_python = reference_python(chart=True)
    with tempfile.TemporaryDirectory() as tmp, testbed.running() as bed:
        global CLIENT_CPU
        exe = build_c_floor(Path(tmp))
        assert bed.daemon.process is not None
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(bed.daemon.process.pid, {cpus[0]})
        scenarios = [("same core", cpus[0])] + (
            [("different cores", cpus[1])] if len(cpus) > 1 else []
        )
        results = {}
        for scenario, cpu in scenarios:
            CLIENT_CPU = cpu
            for transport, address in (("Unix socket", bed.socket_path), ("UDP port", bed.address)):
                results[f"{scenario}, {transport}"] = {
                    "c": c_timings(exe, address, calls),
                    "ours": python_timings(Path(sys.executable), address, calls),
                    "ref": python_timings(ref_python, address, calls),
                    "chronyc": chronyc_timings(address, cli_runs),
                }
        CLIENT_CPU = None
        memory = json.loads(
            subprocess.run(
                [sys.executable, str(HERE / "memory.py"), bed.socket_path, "1000", str(mem_calls)],
                capture_output=True, text=True, check=True,
            ).stdout
        )  # fmt: skip
    name = "latest"
    (out_dir / f"{name}.json").write_text(
        json.dumps({"results": results, "memory": memory}, indent=2)
    )
    text = markdown(results, memory, args.quick)
    (out_dir / f"{name}.md").write_text(text)
    chart(ref_python, results, out_dir / f"{name}.png")
    print(text)
    print(f"written to {out_dir.relative_to(ROOT)}/{name}.{{md,json,png}}")
    return 0


if __name__ == "__main__":
    if shutil.which("chronyc") is None:
        sys.exit("chronyc is missing: run scripts/setup")
    sys.exit(main())
