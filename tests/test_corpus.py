"""Robustness on real filings: every file of the shared corpora is redacted with the default
policy, verified, and re-read by an independent extractor, which must not find any value that
the plan says was removed; and every page without a box looks as it did."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest
from conftest import SHARED, found_in, independent_text
from PIL import Image, ImageChops

import redactor
from redactor.detect import find_value, looked_for_elsewhere, value_pattern

FILES = sorted(SHARED.glob("court-filings/*.pdf")) + sorted(SHARED.glob("xray-assets/*.pdf"))

pytestmark = pytest.mark.skipif(not FILES, reason=f"shared corpora not found at {SHARED} (../shared is absent)")


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_real_filing_is_redacted_verified_and_leaks_nothing(path: Path, tmp_path: Path) -> None:
    result = redactor.redact(path, tmp_path / "public.pdf", plan_path=tmp_path / "plan.json")
    assert result.verification.passed
    boxed = {box.page for redaction in result.plan.applied for box in redaction.boxes}
    changed = _changed_pages(path, result.output, boxed)
    assert not changed, f"pages without a box look different after redaction: {changed}"
    values = set()
    for redaction in result.plan.applied:
        if redaction.scope == "sentence":
            values.update(p for p in redaction.removed if len(p) >= 20)
        elif looked_for_elsewhere(redaction.category, redaction.text) and value_pattern(redaction.text):
            values.add(redaction.text)  # not a minor's single name nor a short number: the same everywhere
    if not values:
        return
    reader, text = independent_text(result.output)
    leaked = [v for v in values if found_in(v, text, squeeze=False) and _as_a_word(v, text)]
    assert not leaked, f"{reader} reads {len(leaked)} removed value(s)"


def _as_a_word(value: str, text: str) -> bool:
    """Whether `value`, when it is one word, stands in `text` as a word of its own, not only
    inside longer ones: a word hidden under a black bar ("terminate", in
    gov.uscourts.caed.373457.1.0.pdf) is removed wherever it stands as that word, and the public
    "terminated" elsewhere is another word. Values of several words are held to `found_in` alone."""
    if len(value.split()) > 1:
        return True
    pattern = value_pattern(value, shortest=1)
    return pattern is None or next(find_value(pattern, text), None) is not None


def _changed_pages(before: Path, after: Path, skipped: set[int]) -> list[int]:
    """The 1-based pages, other than `skipped`, whose rendering (40 dpi, grey) differs in more
    than a few pixels: public content lost (a heading taken for hidden text, a stamp deleted with
    the comments) shows here."""
    changed = []
    with pymupdf.open(before) as old, pymupdf.open(after) as new:
        for number in range(old.page_count):
            if number + 1 in skipped:
                continue
            a, b = (_grey(doc[number]) for doc in (old, new))
            if (
                a.size != b.size
                or ImageChops.difference(a, b).point(lambda v: 255 if v > 64 else 0).histogram()[255] > 6
            ):
                changed.append(number + 1)
    return changed


def _grey(page: pymupdf.Page) -> Image.Image:
    pixmap = page.get_pixmap(dpi=40, colorspace=pymupdf.csGRAY, alpha=False)
    return Image.frombytes("L", (pixmap.width, pixmap.height), pixmap.samples)
