"""Where the time of `redact` goes, step by step, on a generated 300-page declaration.

    python bench/bench_steps.py [--pages 300] [--runs 3] [--density typical]

Runs `redactor.redact` in this process, pinned to one core, with each pipeline step
wrapped in a CPU-time counter (time.process_time: steadier than wall time on a shared
machine), and prints milliseconds per page for the run with the least total CPU time.
Steps nest: "verify" holds the three checks listed under it. The README's per-step
figures come from this script.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "fixtures"))
sys.path.insert(0, str(ROOT / "bench"))

from runs import publish  # noqa: E402  (bench/runs.py)

# (module, function, label): the steps of api.redact, in pipeline order.
STEPS = [
    ("redactor.api", "_open_prepared", "open and prepare"),
    ("redactor.api", "_layouts", "layout (drawings, pictures, words, white text)"),
    ("redactor.api", "read_document", "reading (flow string)"),
    ("redactor.api", "detect", "rules and terms"),
    ("redactor.api", "_redaction", "locating boxes"),
    ("redactor.api", "remove_invisible_text", "removing invisible and white text"),
    ("redactor.api", "apply_redactions", "applying and drawing boxes"),
    ("redactor.api", "remove_marked_content_text", "removing text of tagged spans"),
    ("redactor.api", "sanitize", "sanitizing"),
    ("pymupdf", "Document.tobytes", "saving"),
    ("redactor.api", "verify", "verification"),
    ("redactor.verify", "_check_mupdf", "  MuPDF re-read"),
    ("redactor.verify", "_check_qpdf", "  qpdf objects"),
    ("redactor.verify", "_check_pixels", "  pixels"),
    ("redactor.plan", "Plan.to_json", "plan JSON"),
]


def _wrap(totals: Counter[str], label: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            totals[label] += time.process_time() - start

    return timed


def _install(totals: Counter[str]) -> None:
    import importlib

    for module_name, name, label in STEPS:
        holder: Any = importlib.import_module(module_name)
        *owners, attribute = name.split(".")
        for owner in owners:
            holder = getattr(holder, owner)
        setattr(holder, attribute, _wrap(totals, label, getattr(holder, attribute)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--density", choices=("sparse", "typical", "dense"), default="typical")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})

    from generate import long_declaration  # fixtures/generate.py

    import redactor

    totals: Counter[str] = Counter()
    _install(totals)
    best: dict[str, float] | None = None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"{args.density}.pdf"
        long_declaration(args.pages, source, density=args.density)
        terms = ROOT / "fixtures" / "sample" / "terms.txt"
        for _ in range(args.runs):
            totals.clear()
            start = time.process_time()
            redactor.redact(source, Path(folder) / "out.pdf", terms=terms)
            run = {"total": time.process_time() - start, **totals}
            if best is None or run["total"] < best["total"]:
                best = run
    assert best is not None
    order = ["total"] + [label for _, _, label in STEPS]
    per_page = {label: round(best.get(label, 0.0) * 1000 / args.pages, 2) for label in order}
    publish({"pages": args.pages, "density": args.density, "runs": args.runs, "cpu_ms_per_page": per_page}, args.json)


if __name__ == "__main__":
    main()
