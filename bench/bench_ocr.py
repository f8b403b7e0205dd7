"""Speed and memory of `redact` on a 50-page scanned declaration, where every page is read by OCR.

    python bench/bench_ocr.py [--pages 50] [--runs 3]

The document is the sample declaration's pages, scanned at 300 dpi grayscale
(fixtures/scans.py), repeated to the page count. Each measurement runs in a
fresh child process. Reported: the median wall time over the runs, pages per
second, peak resident memory of the Python process and of one Tesseract
process reading one page (measured on its own: see `TESSERACT_PEAK`), and
ratios to two references on the same file:

- baseline: PyMuPDF alone opening the file, rendering every page to a 300 dpi
  grayscale picture (what any OCR of it must do first) and saving it whole;
- tesseract-serial: that, plus Tesseract reading each picture one after the
  other on one core: the recognition itself, without redactor's parallelism.

Pages are recognized in parallel on every core (`redactor.ocr.read_pages`), so
`redact` should come close to tesseract-serial divided by the number of cores.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "fixtures"))
sys.path.insert(0, str(ROOT / "bench"))

from runs import PEAK_RSS_MIB, measure, publish  # noqa: E402  (bench/runs.py)

CHILD = (
    PEAK_RSS_MIB
    + r"""
import json, os, subprocess, sys, time
mode, source, target, terms = sys.argv[1:5]
start = time.perf_counter()
import pymupdf
if mode in ("baseline", "tesseract-serial"):
    with pymupdf.open(source) as doc:
        for page in doc:
            picture = page.get_pixmap(dpi=300, colorspace=pymupdf.csGRAY).tobytes("pnm")
            if mode == "tesseract-serial":
                subprocess.run(["tesseract", "stdin", "stdout", "--psm", "3", "tsv"], input=picture,
                               capture_output=True, check=True, env=dict(os.environ, OMP_THREAD_LIMIT="1"))
        doc.save(target, garbage=3, deflate=True)
else:
    import redactor
    redactor.redact(source, target, terms=terms)
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "max_rss_mib": peak_rss_mib()}))
"""
)

# Tesseract's own peak on one page, as redactor runs it. Started from this small process:
# Linux carries a parent's peak over fork and exec, so a Tesseract started by the big
# redactor process would report redactor's size as its own.
TESSERACT_PEAK = r"""
import os, resource, subprocess, sys
picture = open(sys.argv[1], "rb").read()
subprocess.run(["tesseract", "stdin", "stdout", "--psm", "3", "tsv"], input=picture, capture_output=True,
               check=True, env=dict(os.environ, OMP_THREAD_LIMIT="1"))
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""


def tesseract_peak_mib(source: Path) -> float:
    """Peak memory of Tesseract reading the first page of `source` at 300 dpi."""
    import subprocess

    with pymupdf.open(source) as doc, tempfile.TemporaryDirectory() as folder:
        picture = Path(folder) / "page.pnm"
        picture.write_bytes(doc[0].get_pixmap(dpi=300, colorspace=pymupdf.csGRAY).tobytes("pnm"))
        output = subprocess.run(
            [sys.executable, "-c", TESSERACT_PEAK, str(picture)], capture_output=True, text=True, check=True
        )
    return float(output.stdout.strip())


def scanned_declaration(pages: int, target: Path) -> Path:
    """`pages` pages of the sample declaration, scanned at 300 dpi."""
    from scans import VARIANTS  # fixtures/scans.py

    one = target.with_name("one-scan.pdf")
    VARIANTS["gray-300dpi"](one)
    with pymupdf.open(one) as scan, pymupdf.open() as long:
        while long.page_count < pages:
            long.insert_pdf(scan, to_page=min(scan.page_count, pages - long.page_count) - 1)
        long.save(target, garbage=4, deflate=True)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        terms = Path(folder) / "terms.txt"
        terms.write_text((ROOT / "fixtures" / "sample" / "terms.txt").read_text())
        source = scanned_declaration(args.pages, Path(folder) / "scanned.pdf")
        baseline = measure(CHILD, "baseline", source, terms, args.runs)
        serial = measure(CHILD, "tesseract-serial", source, terms, args.runs)
        full = measure(CHILD, "redact", source, terms, args.runs)
        tesseract_mib = tesseract_peak_mib(source)
    report = {
        "pages": args.pages,
        "runs": args.runs,
        "cores": os.cpu_count(),
        "baseline_s": round(baseline["median_s"], 2),
        "tesseract_serial_s": round(serial["median_s"], 2),
        "redact_s": round(full["median_s"], 2),
        "ocr_pages_per_second": round(args.pages / full["median_s"], 2),
        "ratio_to_baseline": round(full["median_s"] / baseline["median_s"], 1),
        "ratio_to_tesseract_serial": round(full["median_s"] / serial["median_s"], 2),
        "peak_rss_mib": round(full["max_rss_mib"], 1),
        "peak_tesseract_rss_mib": round(tesseract_mib, 1),
        "baseline_peak_rss_mib": round(baseline["max_rss_mib"], 1),
    }
    publish(report, args.json)


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"(bench took {time.perf_counter() - started:.0f} s)", file=sys.stderr)
