"""Run one measurement several times, each in a fresh child process, and keep the figures.

A fresh process per run makes peak memory belong to that run alone. The child reads
its peak from /proc/self/status (VmHWM), not from getrusage: Linux carries
ru_maxrss over fork and exec, so a child of a big parent would report the
parent's size (PEAK_RSS_MIB below is the code the child scripts include).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

PEAK_RSS_MIB = r"""
def peak_rss_mib():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # may include the parent's
"""


def measure(child: str, mode: str, source: Path, terms: Path, runs: int) -> dict[str, float]:
    """Median seconds and the largest of every other figure the `child` script prints as JSON."""
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(runs):
            target = Path(folder) / f"out{run}.pdf"
            output = subprocess.run(
                [sys.executable, "-c", child, mode, str(source), str(target), str(terms)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            results.append(json.loads(output.stdout.strip().splitlines()[-1]))
            for extra in Path(folder).glob("*.json"):
                extra.unlink()
    figures = {"median_s": statistics.median(r["seconds"] for r in results)}
    for key in results[0]:
        if key != "seconds":
            figures[key] = max(r[key] for r in results)
    return figures


def publish(report: dict, path: Path | None) -> None:
    """Print the figures as JSON, and also write them to `path` when given."""
    text = json.dumps(report, indent=2)
    print(text)
    if path:
        path.write_text(text + "\n")
