"""Speed and memory of `redact` on a generated 300-page declaration, against bare PyMuPDF.

    python bench/bench_redact.py [--pages 300] [--runs 5]

Each measurement runs in a fresh child process pinned to one core, so peak
memory belongs to that run alone. Reported: the median wall time
over the runs, pages per second, peak resident memory, and the ratio to the
baseline, which is PyMuPDF alone opening the same file, extracting every
page's words and saving it whole.

Also measured, the floor: the least a true redaction on these libraries does
with the boxes known in advance (no finding, no drawing, no sanitizing):
extract every page's words, remove the text under redactor's own boxes with
MuPDF's cheapest redaction call (one annotation a page, text only), save,
and re-read the saved file with MuPDF (every page's words) and qpdf (every
stream, decoded). It shows how fast any tool doing the same job here can go.

Three documents of the same layout (pleading paper, 28 double-spaced lines a
page) that differ in how much they redact: "sparse" (one sensitive paragraph
of the sample every five pages or so), "typical" (one every two pages) and
"dense" (every paragraph of the sample, over and over), so that the cost of
each redaction shows.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "fixtures"))
sys.path.insert(0, str(ROOT / "bench"))

from runs import PEAK_RSS_MIB, measure, publish  # noqa: E402  (bench/runs.py)

CHILD = (
    PEAK_RSS_MIB
    + r"""
import json, os, sys, time
os.sched_setaffinity(0, {0})
mode, source, target, extra = sys.argv[1:5]  # extra: the terms, or the floor's boxes
start = time.perf_counter()
if mode == "baseline":
    import pymupdf
    with pymupdf.open(source) as doc:
        for page in doc:
            page.get_text("words")
        doc.save(target, garbage=3, deflate=True)
elif mode == "floor":
    import io, pikepdf, pymupdf
    from redactor.removal import remove_text_in
    boxes = json.loads(open(extra).read())
    with pymupdf.open(source) as doc:
        for page in doc:
            page.get_text("words")
        for number, rects in boxes.items():
            remove_text_in(doc, doc[int(number)], rects)
        data = doc.tobytes(garbage=3, deflate=True)
    with pymupdf.open("pdf", data) as again:
        for page in again:
            page.get_text("words")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                obj.read_bytes()
    open(target, "wb").write(data)
else:
    import redactor
    redactor.redact(source, target, terms=extra)
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "max_rss_mib": peak_rss_mib()}))
"""
)


def _cut_boxes(plan) -> dict[int, list[list[float]]]:  # noqa: ANN001
    """Each page's rectangles whose text a redaction removes (0-based page numbers)."""
    boxes: dict[int, list[list[float]]] = {}
    for redaction in plan.redactions:
        for box in redaction.boxes:
            boxes.setdefault(box.page - 1, []).append(list(box.cut_rect))
    return boxes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    from generate import long_declaration  # fixtures/generate.py

    report = {"pages": args.pages, "runs": args.runs, "documents": {}}
    with tempfile.TemporaryDirectory() as folder:
        terms = Path(folder) / "terms.txt"
        terms.write_text((ROOT / "fixtures" / "sample" / "terms.txt").read_text())
        for density in ("sparse", "typical", "dense"):
            source = Path(folder) / f"{density}.pdf"
            long_declaration(args.pages, source, density=density)
            import redactor

            plan = redactor.scan(source, terms=terms)
            boxes = Path(folder) / f"{density}.boxes"  # not .json: measure() deletes those
            boxes.write_text(json.dumps(_cut_boxes(plan)))
            baseline = measure(CHILD, "baseline", source, terms, args.runs)
            floor = measure(CHILD, "floor", source, boxes, args.runs)
            full = measure(CHILD, "redact", source, terms, args.runs)
            report["documents"][density] = {
                "redactions_per_page": round(len(plan.redactions) / args.pages, 1),
                "baseline_s": round(baseline["median_s"], 3),
                "redact_s": round(full["median_s"], 3),
                "pages_per_second": round(args.pages / full["median_s"], 1),
                "ratio_to_baseline": round(full["median_s"] / baseline["median_s"], 1),
                "floor_s": round(floor["median_s"], 3),
                "floor_pages_per_second": round(args.pages / floor["median_s"], 1),
                "peak_rss_mib": round(full["max_rss_mib"], 1),
                "baseline_peak_rss_mib": round(baseline["max_rss_mib"], 1),
            }
    publish(report, args.json)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    started = time.perf_counter()
    main()
    print(f"(bench took {time.perf_counter() - started:.0f} s)", file=sys.stderr)
